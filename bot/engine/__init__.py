"""Events in, replies out: one transaction per update."""
