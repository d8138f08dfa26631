"""What the `daftar` parsers need, and nothing heavy: building `daftar --help` imports no store,
no framework (tests/operator_commands/test_cli_start.py checks it).

A command's parser lives in a light module (`bot/operator/parsers/`) and names its function with
`Later(module, name)`: the module of the work (SQLAlchemy, the domain, fpdf2…) is imported only
when the command runs. `bot/operator/common.py` re-exports all of this for the commands.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

EXIT_BAD_INPUT = 2

Now = Callable[[], datetime]
Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

#: `set_defaults(**NO_STORE)` marks a command that touches no store: it gets no --database-url.
NO_STORE = {"uses_store": False}
STORE_OPTION = "--database-url"
_STORE_HELP = (
    "the store: sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER@HOST/DB (wins over "
    "DAFTAR_DATABASE_URL and the config file)"
)
_TIMES_NOTE = (
    "Dates are Jalali; times are of the configured zone (DAFTAR_TIMEZONE, Asia/Tehran by "
    "default); --json gives moments in ISO 8601, UTC."
)


class BadInput(Exception):
    """Input that cannot be used; each line of `lines` names its field."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class Later:
    """A command's function, imported from its module only when the command runs."""

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name

    def __call__(self, args: argparse.Namespace) -> int:
        function: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(self.module), self.name
        )
        return function(args)

    def __repr__(self) -> str:
        return f"Later({self.module!r}, {self.name!r})"


def group(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """Add the command group *name* to `daftar`; return the parser of its actions."""
    parser = subparsers.add_parser(name, help=text, description=text)
    return parser.add_subparsers(dest=f"{name}_command", required=True, metavar="ACTION")


def commands_of(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Every leaf command under *parser* (one that has no subcommands of its own)."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield parser
        return
    seen: set[int] = set()
    for group in groups:
        for child in group.choices.values():
            if id(child) not in seen:  # an alias names the same parser again
                seen.add(id(child))
                yield from commands_of(child)


def uses_store(command: argparse.ArgumentParser) -> bool:
    """Whether a leaf command touches the store (all do, but those marked NO_STORE)."""
    return command.get_default("uses_store") is not False


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """Give every leaf command under *parser* that touches the store `--database-url`, unless it
    has its own, and say in its help how times are shown."""
    for command in commands_of(parser):
        if not uses_store(command):
            continue
        if not any(STORE_OPTION in action.option_strings for action in command._actions):
            command.add_argument(STORE_OPTION, metavar="URL", help=_STORE_HELP)
        if command.epilog is None:
            command.epilog = _TIMES_NOTE


def prog_of(args: argparse.Namespace) -> str:
    """The command's name for its messages: "daftar complaints"."""
    prog: str | None = getattr(args, "prog", None)
    return prog or f"daftar {getattr(args, 'command', '')}".rstrip()


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed command with its `--database-url` seen by every `load_settings()`; input
    refused anywhere inside (an absent store, too) is printed and exits with status 2."""
    # The settings (pydantic) are for running a command, not for printing its help.
    from bot.config import command_line

    with command_line(database_url=getattr(args, "database_url", None)):
        handler: Callable[[argparse.Namespace], int] = args.handler
        try:
            return handler(args)
        except BadInput as bad:
            return fail(prog_of(args), bad)


def run_alone(
    register: Register, argv: Sequence[str] | None = None, *, now: Now | None = None
) -> int:
    """Run one command group without the rest of `daftar`; *now* replaces the clock."""
    parser = argparse.ArgumentParser(prog="daftar")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    add_store_option(parser)
    try:
        args = parser.parse_args(argv)
        args.now = now
        return run_command(args)
    except SystemExit as stop:
        # argparse and a bad setting stop with SystemExit; a test wants the status.
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT


def fail(prog: str, bad: BadInput) -> int:
    """Print each problem, prefixed with the command, and return the bad-input status."""
    for line in bad.lines:
        print(f"{prog}: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT
