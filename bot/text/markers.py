"""The marker for strings that the catalogs must translate but that are looked up later."""


def N_(message: str) -> str:
    """Mark *message* for extraction into the catalogs; return it unchanged."""
    return message
