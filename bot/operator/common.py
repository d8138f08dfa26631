"""What the operator's commands share: bad input, the clock, the store, times, running one,
reading a file, counting in English.

Every command that touches the store takes `--database-url` (`add_store_option` gives it to
each such command of a parser, so a command group added later has it without asking), and
`run_command` hands it to every `load_settings()` the command makes: it wins over
DAFTAR_DATABASE_URL and the config file. `with_store` refuses an SQLite file that does not exist,
naming it and how to create it, unless the command is one that may create its store (an import),
which says that it did. A command that touches no store says so with `set_defaults(**NO_STORE)`.

Moments are shown to the operator as a Jalali date and a time of day in the configured zone
(DAFTAR_TIMEZONE), "1403/08/15 12:00", ASCII digits (`moment_text`); JSON keeps ISO 8601 in UTC.

A status move that its lifecycle refuses (storage/statuses.py) is bad input too: `with_store`
turns it into one translated line, after the transaction that tried it has rolled back, so the
command exits with status 2 and nothing written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import SQLITE_PREFIX, Settings, setting_source, sqlite_path
from bot.operator.parsing import EXIT_BAD_INPUT as EXIT_BAD_INPUT
from bot.operator.parsing import NO_STORE as NO_STORE
from bot.operator.parsing import STORE_OPTION as STORE_OPTION
from bot.operator.parsing import BadInput as BadInput
from bot.operator.parsing import Later as Later
from bot.operator.parsing import Now as Now
from bot.operator.parsing import Register as Register
from bot.operator.parsing import add_store_option as add_store_option
from bot.operator.parsing import commands_of as commands_of
from bot.operator.parsing import fail as fail
from bot.operator.parsing import prog_of as prog_of
from bot.operator.parsing import run_alone as run_alone
from bot.operator.parsing import run_command as run_command
from bot.operator.parsing import uses_store as uses_store
from bot.text.i18n import translator
from bot.text.jalali import format_moment
from bot.text.markers import N_
from storage.database import is_sqlite, migrate, open_engine, session_factory
from storage.statuses import TransitionRefused

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


def absent_store(url: str) -> Path | None:
    """The file of an SQLite store that does not exist yet (absolute), or None."""
    path = sqlite_path(url)
    if path is None or path.exists():
        return None
    return path.resolve()


def missing_store(path: Path) -> BadInput:
    """An absent store, named with where its URL came from and how to create it."""
    return BadInput(
        f"there is no store at {path} (named by {setting_source('database_url')}); "
        "nothing was created",
        f"create it with `daftar db upgrade {STORE_OPTION} {SQLITE_PREFIX}{path}`, or name the "
        f"store you meant with {STORE_OPTION}, DAFTAR_DATABASE_URL or a config file (.env)",
    )


def say_created(path: Path) -> None:
    """Tell the operator a new, empty store was made."""
    print(f"daftar: created a new store at {path}", file=sys.stderr)


async def with_store(
    settings: Settings,
    work: Callable[[async_sessionmaker[AsyncSession]], Awaitable[_T]],
    *,
    create: bool = False,
) -> _T:
    """Run *work* on the configured store, upgrading an embedded SQLite store first.

    An SQLite file that does not exist is refused as BadInput, unless *create* (an import may
    start a store), and then the operator is told on standard error that it was created.
    A refused status move leaves *work*'s transaction rolled back and becomes BadInput.
    """
    url = settings.database_url
    absent = absent_store(url)
    if absent is not None and not create:
        raise missing_store(absent)
    db = open_engine(url)
    try:
        if is_sqlite(url):
            await migrate(db)
        if absent is not None:
            say_created(absent)
        return await work(session_factory(db))
    except TransitionRefused as refused:
        raise BadInput(refusal(refused)) from None
    finally:
        await db.dispose()


# ---- times, as the operator reads them ----


def zone_label(zone: ZoneInfo) -> str:
    """The zone's short name for a heading: "Tehran" for Asia/Tehran."""
    return zone.key.rsplit("/", 1)[-1].replace("_", " ")


def moment_text(value: datetime | str | None, zone: ZoneInfo) -> str:
    """A moment (aware, or ISO 8601 as a document holds it) as a Jalali date and time of day in
    *zone*, "1403/08/15 12:00"; "-" for none."""
    if value is None:
        return "-"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return format_moment(moment, zone)
