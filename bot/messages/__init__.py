"""The shared vocabulary: events that arrive, replies that leave, the sender interface.

Handlers, the engine, flows and notices all import it; it imports nothing else of the project.
"""
