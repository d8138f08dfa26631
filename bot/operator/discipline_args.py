"""What the operator typed, read for the disciplinary commands: numbers, codes, dates, clauses.

Each reader returns the value as the domain takes it, or raises `BadInput` with one line naming
the option as the operator typed it (`--office`, `ID`…). `Checks` runs several readers and
collects every problem, so a command line is refused once, with all of them, before anything is
opened. `group` adds one command group (`daftar inspections`, …) to the `daftar` parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TypeVar

import jdatetime

from bot.config import Settings
from bot.domain.tracking import normalize_tracking_code
from bot.operator.common import BadInput
from bot.operator.parsing import group as group
from bot.rules.violations import SANCTIONS, VIOLATIONS
from bot.text.i18n import translator
from bot.text.jalali import parse_jalali_date
from bot.text.persian import InputError, normalize, to_ascii_digits

_T = TypeVar("_T")


class Checks:
    """Collects every problem of a command line before anything is opened."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def __call__(self, check: Callable[[], _T]) -> _T | None:
        try:
            return check()
        except BadInput as bad:
            self.problems.extend(bad.lines)
            return None

    def raise_any(self) -> None:
        if self.problems:
            raise BadInput(*self.problems)


# ---- what the operator typed ----


def number(text: str, field: str, what: str) -> int:
    """A positive whole number (any digits, an optional '#')."""
    cleaned = to_ascii_digits(text).strip().lstrip("#")
    if not cleaned.isdigit() or int(cleaned) < 1:
        raise BadInput(f"{field}: {what} is a whole number like 12 (got {text!r})")
    return int(cleaned)


def office_code(text: str, field: str = "--office") -> str:
    """An office code as the registry keeps it (ASCII digits, upper case)."""
    code = to_ascii_digits(text).strip().upper()
    if not code:
        raise BadInput(f"{field}: the office's code is required")
    return code


def jalali_date(text: str, field: str, today: jdatetime.date) -> jdatetime.date:
    """A Jalali date as typed, or BadInput with the reason in English."""
    try:
        return parse_jalali_date(text, today)
    except InputError as error:
        reason = translator("en")(error.message, **error.params)
        raise BadInput(f"{field}: {reason} (got {text!r})") from None


_AT = re.compile(r"(.+?)[ T،,]+([0-9]{1,2}):([0-9]{2})")


def moment(text: str, field: str, settings: Settings, today: jdatetime.date) -> datetime:
    """A Jalali date and a Tehran time, "YYYY/MM/DD HH:MM", as an aware UTC moment."""
    found = _AT.fullmatch(normalize(text))
    if found is None:
        raise BadInput(f'{field}: use "YYYY/MM/DD HH:MM" (Jalali date, Tehran time); got {text!r}')
    day = jalali_date(found.group(1), field, today)
    hour, minute = int(found.group(2)), int(found.group(3))
    if hour > 23 or minute > 59:
        raise BadInput(f"{field}: {hour:02d}:{minute:02d} is not a time of day")
    local = datetime.combine(day.togregorian(), time(hour, minute), tzinfo=settings.zone)
    return local.astimezone(UTC)


def clauses(text: str, field: str, *, none_allowed: bool = False) -> list[str]:
    """Clauses of Article 25 as typed: "25.12,25.6" (a bare "12" is 25.12)."""
    cleaned = to_ascii_digits(text).strip()
    if none_allowed and cleaned.lower() == "none":
        return []
    items = [item.strip() for item in re.split(r"[,،\s]+", cleaned) if item.strip()]
    if not items:
        hint = " (or none)" if none_allowed else ""
        raise BadInput(f"{field}: name clauses of Article 25, like 25.12,25.6{hint}")
    found = [f"25.{item}" if item.isdigit() else item for item in items]
    unknown = [item for item in found if item not in VIOLATIONS]
    if unknown:
        raise BadInput(
            f"{field}: {', '.join(unknown)}: Article 25 has clauses 25.1 to 25.{len(VIOLATIONS)}"
        )
    twice = sorted({item for item in found if found.count(item) > 1})
    if twice:
        raise BadInput(f"{field}: {', '.join(twice)} given more than once")
    return found


def degree(text: str, field: str) -> int:
    """A sanction's degree, 1 to 6 (Article 23)."""
    cleaned = to_ascii_digits(text).strip()
    if not cleaned.isdigit() or int(cleaned) not in SANCTIONS:
        raise BadInput(f"{field}: Article 23 has six sanctions, degrees 1 to 6 (got {text!r})")
    return int(cleaned)


def months_of(text: str | None, sanction: int | None, field: str, degree_field: str) -> int | None:
    """A suspension's months: required for degree 5 (3–24), refused otherwise."""
    if text is None:
        if sanction == 5:
            raise BadInput(
                f"{field}: a temporary suspension (degree 5) needs its length: 3 to 24 months"
            )
        return None
    cleaned = to_ascii_digits(text).strip()
    if not cleaned.isdigit():
        raise BadInput(f"{field}: a whole number of months, 3 to 24 (got {text!r})")
    months = int(cleaned)
    if sanction is not None and sanction != 5:
        raise BadInput(
            f"{field}: only a temporary suspension (degree 5) has a length; "
            f"{degree_field} {sanction} has none"
        )
    if not 3 <= months <= 24:
        raise BadInput(
            f"{field}: a suspension lasts 3 to 24 months "
            f"(Article 23, degree 5: three months to two years); got {months}"
        )
    return months


def free_text(text: str | None, field: str, limit: int, *, required: bool) -> str | None:
    """A note, name or reason: not empty (when given), not too long."""
    if text is None:
        if required:
            raise BadInput(f"{field}: is required")
        return None
    cleaned = text.strip()
    if not cleaned:
        raise BadInput(f"{field}: must not be empty")
    if len(cleaned) > limit:
        raise BadInput(f"{field}: at most {limit} characters (got {len(cleaned)})")
    return cleaned


def tracking(text: str) -> str:
    """A complaint's tracking code as typed (any digits, spaces or dashes)."""
    try:
        return normalize_tracking_code(text)
    except InputError as error:
        reason = translator("en")(error.message, **error.params)
        raise BadInput(f"--complaint: {reason} (got {text!r})") from None


def report_file(text: str, settings: Settings) -> tuple[bytes, str]:
    """The report's bytes and suffix: a readable, non-empty file within the evidence limit."""
    path = Path(text).expanduser()
    if not path.is_file():
        raise BadInput(f"--report: no such file: {text}")
    limit = settings.evidence_max_mb * 1024 * 1024
    try:
        size = path.stat().st_size
        if size == 0:
            raise BadInput(f"--report: {text} is empty")
        if size > limit:
            raise BadInput(
                f"--report: {text} is {size} bytes; at most {settings.evidence_max_mb} MB "
                "(DAFTAR_EVIDENCE_MAX_MB)"
            )
        return path.read_bytes(), path.suffix
    except OSError as error:
        raise BadInput(f"--report: cannot read {text}: {error.strerror}") from None
