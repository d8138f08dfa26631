"""The operator commands, run as `daftar ...` would run them, on the shared store fixture."""
