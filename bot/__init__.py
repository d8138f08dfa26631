"""Daftar: the chat front door of directive 100/9970/9000 (1392/2/28)."""
