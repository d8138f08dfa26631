"""End to end: the real process or transports against the fake Bot API server."""
