"""Conversations, one module or package each; `framework/` is the way to write one."""
