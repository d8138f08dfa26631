"""The outbox and its dispatcher."""
