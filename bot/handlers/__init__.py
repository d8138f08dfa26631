"""Transports: a platform update becomes an Event; Replies go back out."""
