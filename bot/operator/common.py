"""What the operator's commands share: bad input, the clock, the store, running one alone, reading
a file, counting in English.

A status move that its lifecycle refuses (storage/statuses.py) is bad input too: `with_store`
turns it into one translated line, after the transaction that tried it has rolled back, so the
command exits with status 2 and nothing written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.text.i18n import translator
from bot.text.markers import N_
from storage.database import is_sqlite, migrate, open_engine, session_factory
from storage.statuses import TransitionRefused

EXIT_BAD_INPUT = 2

Now = Callable[[], datetime]
Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]
_T = TypeVar("_T")

#: The language of the operator's messages (the commands print English).
OPERATOR_LOCALE = "en"

_REFUSED = N_(
    "Refused: the {kind}'s status cannot go from {before} to {after}; from {before} it may go "
    "to {allowed}. Nothing was changed."
)
_REFUSED_FINAL = N_(
    "Refused: the {kind}'s status cannot go from {before} to {after}: {before} is final. "
    "Nothing was changed."
)
_REFUSED_START = N_(
    "Refused: a new {kind} cannot start as {after}; it starts as {allowed}. Nothing was changed."
)


class BadInput(Exception):
    """Input that cannot be used; each line of `lines` names its field."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def run_alone(
    register: Register, argv: Sequence[str] | None = None, *, now: Now | None = None
) -> int:
    """Run one command group without the rest of `daftar`; *now* replaces the clock."""
    parser = argparse.ArgumentParser(prog="daftar")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    try:
        args = parser.parse_args(argv)
        args.now = now
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except SystemExit as stop:
        # argparse and a bad setting stop with SystemExit; a test wants the status.
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT


def refusal(refused: TransitionRefused, locale: str = OPERATOR_LOCALE) -> str:
    """A refused status move as one line the operator reads."""
    t = translator(locale)
    names = {
        "kind": refused.kind,
        "before": refused.before,
        "after": refused.after,
        "allowed": t.join(list(refused.allowed)),
    }
    if refused.before is None:
        return t(_REFUSED_START, **names)
    if not refused.allowed:
        return t(_REFUSED_FINAL, **names)
    return t(_REFUSED, **names)


def read_csv_file(path: str) -> str:
    """The UTF-8 text of the file at *path* (`-`: standard input), a leading BOM removed."""
    try:
        if path == "-":
            return sys.stdin.read().removeprefix("\ufeff")
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except UnicodeDecodeError as error:
        raise BadInput(
            f"FILE: {path} is not UTF-8 text (byte {error.start + 1}); save it as UTF-8 CSV"
        ) from None
    except OSError as error:
        raise BadInput(f"FILE: cannot read {path}: {error.strerror}") from None


def counted(number: int, noun: str) -> str:
    """ "1 office", "3 offices": a count as the operator's (English) lines say it."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def clock(args: argparse.Namespace) -> Now:
    """The command's clock: the one a test passed, else the system's (aware, UTC)."""
    given: Now | None = getattr(args, "now", None)
    return given or (lambda: datetime.now(UTC))


def fail(prog: str, bad: BadInput) -> int:
    """Print each problem, prefixed with the command, and return the bad-input status."""
    for line in bad.lines:
        print(f"{prog}: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT


async def with_store(
    settings: Settings, work: Callable[[async_sessionmaker[AsyncSession]], Awaitable[_T]]
) -> _T:
    """Run *work* on the configured store, upgrading an embedded SQLite store first.

    A refused status move leaves *work*'s transaction rolled back and becomes BadInput.
    """
    url = settings.database_url
    db = open_engine(url)
    try:
        if is_sqlite(url):
            await migrate(db)
        return await work(session_factory(db))
    except TransitionRefused as refused:
        raise BadInput(refusal(refused)) from None
    finally:
        await db.dispose()
