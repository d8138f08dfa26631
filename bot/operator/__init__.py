"""The operator commands (`daftar ...`), one module per command group: they parse, call the
domain and print. Every command group registers itself in `bot/cli.py`.
"""
