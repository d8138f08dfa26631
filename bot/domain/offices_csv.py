"""Reading an office registry from CSV: every line checked, all or nothing.

The file is UTF-8 (a leading BOM is fine) with a header naming the columns

    code,name,province,city,address,phone,manager_name,manager_mobile,status

in any order, plus the optional `suspended_until` and `manager_national_id`; no other column.
One line per office:

- `code`: the office's code, ASCII or Persian digits and Latin letters (kept as ASCII digits and
  upper-case letters); unique in the file.
- `name`, `city`, `address`, `manager_name`: required text, normalised (Persian ی and ک,
  single spaces, tidy ZWNJ).
- `province`: the province's Persian or English name or its key, however spaced or spelled
  (ي/ك, ZWNJ), with or without "استان"; kept as the key (`bot/data/provinces.csv`).
- `phone`: optional; digits (any script) with spaces, dashes, brackets or dots between them.
- `manager_mobile`: required; an Iranian mobile, kept as 09XXXXXXXXX.
- `status`: active, suspended, revoked or closed (or فعال، تعلیق، لغو، تعطیل).
- `suspended_until`: a Jalali date, required when the status is suspended, not before today,
  and empty otherwise.
- `manager_national_id`: optional; the manager's national ID (کد ملی), 10 digits of any
  script whose last is its check digit. With it the import tells the manager on record from
  another person (Art. 19: the registry never replaces a manager; see `storage.managers.ensure`).

`parse_offices_csv(text, provinces, today)` returns `(rows, [])` for a good file and
`([], problems)` for a bad one: a registry is imported whole or not at all, and every problem
names its line (the header is line 1), its column and its reason (an English message id with
`params`, translated for the staff member who uploaded the file).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Final, TypeVar

import jdatetime

from bot.data import read_text
from bot.rules.routing import Province
from bot.text.jalali import JalaliDateError, parse_jalali_date
from bot.text.markers import N_, NP_
from bot.text.persian import (
    MobileError,
    NationalIdError,
    match_key,
    normalize,
    normalize_mobile,
    normalize_national_id,
    to_ascii_digits,
)
from storage.statuses import OfficeStatus

__all__ = [
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "CsvProblem",
    "OfficeRow",
    "OfficeStatus",  # from storage/statuses.py, where its moves are
    "match_province",
    "parse_offices_csv",
    "parse_status",
    "sample_offices_text",
]

COLUMNS: Final = (
    "code",
    "name",
    "province",
    "city",
    "address",
    "phone",
    "manager_name",
    "manager_mobile",
    "status",
)
OPTIONAL_COLUMNS: Final = ("suspended_until", "manager_national_id")

_T = TypeVar("_T")


_STATUS_WORDS: Final[Mapping[str, OfficeStatus]] = {
    match_key(word): status
    for words, status in (
        (("active", "فعال"), OfficeStatus.ACTIVE),
        (("suspended", "تعلیق"), OfficeStatus.SUSPENDED),
        (("revoked", "لغو"), OfficeStatus.REVOKED),
        (("closed", "تعطیل"), OfficeStatus.CLOSED),
    )
    for word in words
}


@dataclass(frozen=True)
class OfficeRow:
    """One office of the registry, validated and normalised."""

    code: str
    name: str
    province: str  # the province's key
    city: str
    address: str
    phone: str  # ASCII digits (a leading + kept), or empty
    manager_name: str
    manager_mobile: str  # 09XXXXXXXXX
    status: OfficeStatus
    suspended_until: jdatetime.date | None = None
    manager_national_id: str | None = None  # 10 ASCII digits


@dataclass(frozen=True)
class CsvProblem:
    """Why one line (1 is the header) cannot be imported; `column` is None for the whole line."""

    line: int
    column: str | None
    reason_msgid: str
    params: Mapping[str, object] = field(default_factory=dict)


# ---- provinces ----

_PROVINCE_WORDS: Final = tuple(match_key(word) for word in ("استان", "province"))


def _province_index(provinces: Sequence[Province]) -> dict[str, str]:
    index: dict[str, str] = {}
    for province in provinces:
        for name in (
            province.key,
            province.key.replace("_", " "),
            province.name_fa,
            province.name_en,
        ):
            index[match_key(name)] = province.key
    return index


def match_province(text: str, provinces: Sequence[Province]) -> str | None:
    """The key of the province *text* names (Persian or English name, or key), or None.

    Spacing, ZWNJ, ي/ك and case do not matter, nor a leading "استان" or a "province" before or
    after the name.
    """
    return _lookup_province(text, _province_index(provinces))


def _lookup_province(text: str, index: Mapping[str, str]) -> str | None:
    key = match_key(text)
    candidates = [key]
    for word in _PROVINCE_WORDS:
        if key.startswith(word):
            candidates.append(key.removeprefix(word))
        if key.endswith(word):
            candidates.append(key.removesuffix(word))
    for candidate in candidates:
        if candidate and candidate in index:
            return index[candidate]
    return None


def sample_offices_text() -> str:
    """The fictional sample registry shipped in `bot/data/sample-offices.csv`."""
    return read_text("sample-offices.csv")


# ---- fields ----

_CODE: Final = re.compile(r"[0-9A-Za-z]+")
_PHONE_SEPARATORS: Final = re.compile(r"[\s\-\u2010-\u2015\u2212().\u200e\u200f\u061c]")
_PHONE: Final = re.compile(r"\+?[0-9]{5,15}")

_REQUIRED: Final = N_("This field is required.")
_BAD_CODE: Final = N_("An office code has only digits and Latin letters: {value}.")
_DUPLICATE_CODE: Final = N_("The office code {code} already appears on line {first_line}.")
_BAD_PROVINCE: Final = N_("There is no province called {value}.")
_BAD_PHONE: Final = N_("{value} is not a phone number.")
_BAD_MOBILE: Final = N_("{value} is not an Iranian mobile number (like 09121234567).")
_BAD_STATUS: Final = N_("Unknown status {value}: use active, suspended, revoked or closed.")
_NEEDS_UNTIL: Final = N_("A suspended office needs the date its suspension ends (suspended_until).")
_NO_UNTIL: Final = N_(
    "Only a suspended office has a suspension end date: leave it empty for this office."
)
_UNTIL_PAST: Final = N_(
    "The suspension ended on {date}, so the office is no longer suspended: correct its status or "
    "the date."
)
_EMPTY_FILE: Final = N_("The file is empty: it needs a header line and a line for each office.")
_NO_OFFICES: Final = N_("The file has a header but no offices.")
_MISSING_COLUMN: Final = N_("The header has no column {column}.")
_UNKNOWN_COLUMN: Final = N_("The header names a column that a registry cannot have: {column}.")
_DOUBLE_COLUMN: Final = N_("The header names the column {column} twice.")
_FIELD_COUNT: Final = NP_(
    "This line has {found} field; the header has {expected}.",
    "This line has {found} fields; the header has {expected}.",
    count="found",
)


def parse_status(text: str) -> OfficeStatus | None:
    """The status *text* names (English or Persian), or None."""
    return _STATUS_WORDS.get(match_key(text))


class _Bad(Exception):
    """One field's problem, raised by a field reader and caught per column."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def _required(value: str) -> str:
    text = normalize(value)
    if not text:
        raise _Bad(_REQUIRED)
    return text


def _code(value: str) -> str:
    code = to_ascii_digits(value).strip()
    if not code:
        raise _Bad(_REQUIRED)
    if _CODE.fullmatch(code) is None:
        raise _Bad(_BAD_CODE, value=value.strip())
    return code.upper()


def _phone(value: str) -> str:
    phone = _PHONE_SEPARATORS.sub("", to_ascii_digits(value))
    if phone and _PHONE.fullmatch(phone) is None:
        raise _Bad(_BAD_PHONE, value=value.strip())
    return phone


def _mobile(value: str) -> str:
    if not value.strip():
        raise _Bad(_REQUIRED)
    try:
        return normalize_mobile(value)
    except MobileError:
        raise _Bad(_BAD_MOBILE, value=value.strip()) from None


def _national_id(value: str) -> str | None:
    if not value.strip():
        return None
    try:
        return normalize_national_id(value)
    except NationalIdError as error:
        raise _Bad(error.message, **error.params) from None


def _status(value: str) -> OfficeStatus:
    if not value.strip():
        raise _Bad(_REQUIRED)
    status = parse_status(value)
    if status is None:
        raise _Bad(_BAD_STATUS, value=value.strip())
    return status


def _code_or_none(value: str) -> str | None:
    try:
        return _code(value)
    except _Bad:
        return None


def _province(value: str, index: Mapping[str, str]) -> str:
    if not value.strip():
        raise _Bad(_REQUIRED)
    key = _lookup_province(value, index)
    if key is None:
        raise _Bad(_BAD_PROVINCE, value=normalize(value))
    return key


def _until(
    value: str, *, status: OfficeStatus | None, today: jdatetime.date
) -> jdatetime.date | None:
    if status is None:
        return None  # the status is already reported; the date cannot be judged without it
    if status is not OfficeStatus.SUSPENDED:
        if value.strip():
            raise _Bad(_NO_UNTIL, status=status.value)
        return None
    if not value.strip():
        raise _Bad(_NEEDS_UNTIL)
    try:
        until = parse_jalali_date(value, today)
    except JalaliDateError as error:
        raise _Bad(error.message, **error.params) from None
    if until < today:
        raise _Bad(_UNTIL_PAST, date=until)
    return until


# ---- the file ----


def _header(cells: list[str]) -> tuple[dict[str, int], list[CsvProblem]]:
    """The position of each column, and the header's problems."""
    names = [cell.strip().lower() for cell in cells]
    allowed = set(COLUMNS) | set(OPTIONAL_COLUMNS)
    positions: dict[str, int] = {}
    problems: list[CsvProblem] = []
    for position, name in enumerate(names):
        if name not in allowed:
            column = cells[position].strip()
            problems.append(CsvProblem(1, column, _UNKNOWN_COLUMN, {"column": column}))
        elif name in positions:
            problems.append(CsvProblem(1, name, _DOUBLE_COLUMN, {"column": name}))
        else:
            positions[name] = position
    problems.extend(
        CsvProblem(1, name, _MISSING_COLUMN, {"column": name})
        for name in COLUMNS
        if name not in positions
    )
    return positions, problems


class _Line:
    """The fields of one line, read column by column; each failure becomes a problem."""

    def __init__(self, line: int, values: Mapping[str, str]) -> None:
        self.line = line
        self.values = values
        self.problems: list[CsvProblem] = []

    def take(self, column: str, reader: Callable[[str], _T]) -> _T | None:
        """The value of *column* as *reader* reads it, or None (and a problem)."""
        try:
            return reader(self.values.get(column, ""))
        except _Bad as bad:
            self.problems.append(CsvProblem(self.line, column, bad.reason, bad.params))
            return None


def _read_line(line: _Line, index: Mapping[str, str], today: jdatetime.date) -> OfficeRow | None:
    """The office on *line*, or None when a field is bad (its problems are on *line*)."""
    code = line.take("code", _code)
    name = line.take("name", _required)
    province = line.take("province", partial(_province, index=index))
    city = line.take("city", _required)
    address = line.take("address", _required)
    phone = line.take("phone", _phone)
    manager_name = line.take("manager_name", _required)
    mobile = line.take("manager_mobile", _mobile)
    national_id = line.take("manager_national_id", _national_id)
    status = line.take("status", _status)
    until = line.take("suspended_until", partial(_until, status=status, today=today))
    if (
        code is None
        or name is None
        or province is None
        or city is None
        or address is None
        or phone is None
        or manager_name is None
        or mobile is None
        or status is None
        or line.problems
    ):
        return None
    return OfficeRow(
        code=code,
        name=name,
        province=province,
        city=city,
        address=address,
        phone=phone,
        manager_name=manager_name,
        manager_mobile=mobile,
        status=status,
        suspended_until=until,
        manager_national_id=national_id,
    )


def parse_offices_csv(
    text: str, provinces: Sequence[Province], today: jdatetime.date
) -> tuple[list[OfficeRow], list[CsvProblem]]:
    """Read a registry: `(rows, [])` when every line is good, else `([], every problem)`.

    *today* judges the dates (a suspension that already ended is a problem). A code seen on an
    earlier line is a problem on the later one. Blank lines are skipped.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        return [], [CsvProblem(1, None, _EMPTY_FILE)]
    positions, problems = _header(header)
    if problems:
        return [], problems
    index = _province_index(provinces)
    offices: list[OfficeRow] = []
    first_seen: dict[str, int] = {}
    end = reader.line_num
    for cells in reader:
        # A quoted field may span lines: a record starts on the line after the previous one.
        number, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                CsvProblem(
                    number, None, _FIELD_COUNT, {"found": len(cells), "expected": len(header)}
                )
            )
            continue
        line = _Line(number, {name: cells[position] for name, position in positions.items()})
        office = _read_line(line, index, today)
        code = office.code if office is not None else _code_or_none(line.values.get("code", ""))
        if code is not None and code in first_seen:
            line.problems.insert(
                0,
                CsvProblem(
                    number, "code", _DUPLICATE_CODE, {"code": code, "first_line": first_seen[code]}
                ),
            )
        elif code is not None:
            first_seen[code] = number
        if line.problems:
            problems.extend(line.problems)
        elif office is not None:
            offices.append(office)
    if not problems and not offices:
        problems.append(CsvProblem(1, None, _NO_OFFICES))
    if problems:
        return [], problems
    return offices, []
