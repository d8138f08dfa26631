"""The command groups' parsers, light to import: each module's `register(subparsers)` builds its
group's commands and names their functions with `Later`, so `daftar GROUP … --help` imports no
store, no framework and no PDF library (bot/operator/parsing.py). The work stays in the group's
module in `bot/operator/`, which re-exports its `register`.
"""
