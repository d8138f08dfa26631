"""Conversations, one module each; no framework imports."""
