"""Raw eligibility answers (JSON, CSV cells, values stored by the chat flow) → typed `Facts`.

Strict: an unknown fact, an unknown value or an impossible date is an `AnswerError` that names
the field; nothing is guessed. A missing key, a JSON null or an empty CSV cell is *unknown*.
Digits may be Persian, Arabic-Indic or ASCII (normalised by `bot.text.persian`).

    parse_fact(name, raw, today=…)       one answer → its typed value (or None)
    parse_answers(mapping, today=…)      a JSON object → Facts (raises the first AnswerError)
    collect_answers(mapping, today=…)    → (Facts | None, every AnswerError)
    parse_csv(text, today=…)             → (rows, every CsvProblem), for the whole file

Values accepted, per fact type:

- boolean: true/false, yes/no, 1/0, بله/خیر (JSON booleans too);
- choice: the value's name (`iranian`, `bachelor`, …), case-insensitive;
- seminary_level: a whole number 0–4;
- birth_date: a Jalali date, `YYYY/MM/DD` in any digits (whatever `parse_jalali_date` reads);
- experience_years: years from 0 to 100, counted up to the reference date: a number (`2.5`,
  `۲٫۵`, `۲/۵`), months (`42 months`, `۴۲ ماه`), or both (`3 years and 6 months`,
  `۳ سال و ۶ ماه`); months are twelfths of a year;
- barred_occupations: a list of the occupations that apply (`[]` for none), or an object mapping
  each to true, false or null. In a CSV cell: `attorney;merchant`, `none` (or `[]`) for none of
  them, or `attorney=no;merchant=yes` for a partial answer.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Final

import jdatetime

from bot.rules.facts import (
    FACTS,
    Citizenship,
    Degree,
    DegreeField,
    Facts,
    FactSpec,
    FactType,
    Gender,
    MilitaryService,
    Occupation,
)
from bot.text.jalali import JalaliDateError, parse_jalali_date, parse_stored_date
from bot.text.markers import N_
from bot.text.persian import normalize

UNKNOWN_FACT: Final = N_("There is no fact named {name}; the facts are: {known}.")
NOT_BOOLEAN: Final = N_("Expected yes or no (true/false, yes/no, 1/0, بله/خیر), not {value}.")
NOT_CHOICE: Final = N_("Expected one of {choices}, not {value}.")
NOT_LEVEL: Final = N_("Expected a whole number from {minimum} to {maximum}, not {value}.")
NOT_YEARS: Final = N_(
    "Expected years of experience from 0 to {maximum}: a number (5, 3.5), months (42 months) or "
    "both (3 years and 6 months); not {value}."
)
NOT_DATE: Final = N_("Expected a Jalali date like 1370/06/15, not {value}.")
NOT_OCCUPATIONS: Final = N_(
    "Expected the list of occupations that apply, or an object mapping each to true, false or "
    "null; not {value}."
)
UNKNOWN_OCCUPATION: Final = N_("There is no barred occupation named {value}; they are: {choices}.")
NOT_AN_OBJECT: Final = N_("Expected an object mapping fact names to answers, not {value}.")

#: Sanity bound on years of experience, whatever the birth date (not law).
MAXIMUM_EXPERIENCE_YEARS: Final = 100

_TRUE: Final = frozenset({"true", "yes", "1", "بله"})
_FALSE: Final = frozenset({"false", "no", "0", "خیر"})
_NONE_OF_THEM: Final = frozenset({"none", "[]"})
_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# A length of experience: "3.5", "42 months", "3 years and 6 months", "۳ سال و ۶ ماه".
_YEAR_WORDS: Final = r"(?:years?|yrs?|y|سال)"
_MONTH_WORDS: Final = r"(?:months?|mos?|m|ماه)"
_AND: Final = r"\s*(?:,|،|and|و)?\s*"
_DURATION: Final = re.compile(
    rf"(?P<years>{_NUMBER.pattern})\s*{_YEAR_WORDS}"
    rf"(?:{_AND}(?P<months>{_NUMBER.pattern})\s*{_MONTH_WORDS})?"
    rf"|(?P<only_months>{_NUMBER.pattern})\s*{_MONTH_WORDS}",
    re.IGNORECASE,
)
#: The decimal separators people type in a number of years: ".", "٫" and, in Persian, "/".
_DECIMAL_SEPARATORS: Final = str.maketrans({"\u066b": ".", "/": "."})


class AnswerError(ValueError):
    """An answer that cannot be read; `message` is a message id filled with `params`."""

    def __init__(self, field: str, message: str, params: Mapping[str, object] | None = None):
        self.field = field
        self.message = message
        self.params: Mapping[str, object] = dict(params or {})
        super().__init__(f"{field}: {self.text}")

    @property
    def text(self) -> str:
        """The message in English, its placeholders filled."""
        return self.message.format(**self.params)


def shown(raw: object) -> str:
    """A raw value as an error message quotes it (JSON notation, Persian left readable)."""
    try:
        return json.dumps(raw, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(raw)


def _word(raw: str) -> str:
    return normalize(raw).casefold()


def parse_boolean(name: str, raw: object) -> bool | None:
    """A yes/no answer."""
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return raw == 1
    if isinstance(raw, str):
        word = _word(raw)
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise AnswerError(name, NOT_BOOLEAN, {"value": shown(raw)})


def _parse_choice(spec: FactSpec, raw: object) -> object:
    allowed = {choice.value: choice.value for choice in spec.choices}
    if isinstance(raw, str) and _word(raw) in allowed:
        # Hand back the member of the field's enum, not a bare string.
        return _CHOICE_TYPES[spec.name](_word(raw))
    raise AnswerError(spec.name, NOT_CHOICE, {"choices": ", ".join(allowed), "value": shown(raw)})


def _parse_level(spec: FactSpec, raw: object) -> int:
    low, high = spec.minimum or 0, spec.maximum or 0
    number: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        number = raw
    elif isinstance(raw, float) and raw.is_integer():
        number = int(raw)
    elif isinstance(raw, str) and normalize(raw).isascii() and normalize(raw).isdigit():
        number = int(normalize(raw))
    if number is None or not low <= number <= high:
        raise AnswerError(
            spec.name, NOT_LEVEL, {"minimum": low, "maximum": high, "value": shown(raw)}
        )
    return number


def _years_in(text: str) -> Decimal | None:
    """The years in a typed length of experience, or None if it is not one."""
    text = normalize(text).translate(_DECIMAL_SEPARATORS)
    if _NUMBER.fullmatch(text):
        return Decimal(text)
    found = _DURATION.fullmatch(text)
    if found is None:
        return None
    months = Decimal(found["months"] or found["only_months"] or 0)
    return Decimal(found["years"] or 0) + months / 12


def _parse_years(spec: FactSpec, raw: object) -> float:
    number: Decimal | None = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if math.isfinite(raw):
            number = Decimal(str(raw))
    elif isinstance(raw, str):
        try:
            number = _years_in(raw)
        except InvalidOperation:
            number = None
    if number is None or not 0 <= number <= MAXIMUM_EXPERIENCE_YEARS:
        raise AnswerError(
            spec.name, NOT_YEARS, {"maximum": MAXIMUM_EXPERIENCE_YEARS, "value": shown(raw)}
        )
    # Whole years stay whole, so that messages say "5", not "5.0".
    return int(number) if number == number.to_integral_value() else float(number)


def _parse_date(spec: FactSpec, raw: object, today: jdatetime.date | None) -> jdatetime.date:
    if isinstance(raw, jdatetime.date):
        return raw
    if not isinstance(raw, str):
        raise AnswerError(spec.name, NOT_DATE, {"value": shown(raw)})
    if today is None:
        # A value the project stored itself: its one form, never a guess.
        try:
            return parse_stored_date(raw)
        except ValueError:
            raise AnswerError(spec.name, NOT_DATE, {"value": shown(raw)}) from None
    try:
        return parse_jalali_date(raw, today)
    except JalaliDateError as error:
        raise AnswerError(spec.name, error.message, error.params) from None


def _occupation(name: str, raw: object) -> Occupation:
    choices = ", ".join(Occupation)
    if isinstance(raw, str) and _word(raw) in set(Occupation):
        return Occupation(_word(raw))
    raise AnswerError(name, UNKNOWN_OCCUPATION, {"value": shown(raw), "choices": choices})


def _parse_occupations(spec: FactSpec, raw: object) -> dict[Occupation, bool | None]:
    name = spec.name
    if isinstance(raw, str):
        text = raw.strip()
        if _word(text) in _NONE_OF_THEM:
            return {occupation: False for occupation in Occupation}
        items = [item.strip() for item in text.split(";") if item.strip()]
        if items and all("=" in item for item in items):
            pairs = (item.split("=", 1) for item in items)
            return _parse_occupations(spec, {key.strip(): value.strip() for key, value in pairs})
        if any("=" in item for item in items):
            raise AnswerError(name, NOT_OCCUPATIONS, {"value": shown(raw)})
        raw = items
    if isinstance(raw, list | tuple):
        held = {_occupation(name, item) for item in raw}
        return {occupation: occupation in held for occupation in Occupation}
    if isinstance(raw, Mapping):
        answers: dict[Occupation, bool | None] = dict.fromkeys(Occupation)
        for key, value in raw.items():
            answers[_occupation(name, key)] = parse_boolean(name, value)
        return answers
    raise AnswerError(name, NOT_OCCUPATIONS, {"value": shown(raw)})


_CHOICE_TYPES: Final[Mapping[str, Callable[[str], object]]] = {
    "citizenship": Citizenship,
    "gender": Gender,
    "military_service": MilitaryService,
    "degree": Degree,
    "degree_field": DegreeField,
}


def parse_fact(name: str, raw: object, *, today: jdatetime.date | None) -> object:
    """The typed value of the answer *raw* to the fact *name*; None (unknown) for None.

    *today* is the day relative dates ("today") are read against, for what a person typed; None
    for a value the chat flow stored, whose date is read in the stored form "1370/06/15" only.
    Raises `AnswerError` naming the fact for an unknown fact or a value it cannot take.
    """
    spec = FACTS.get(name)
    if spec is None:
        raise AnswerError(name, UNKNOWN_FACT, {"name": shown(name), "known": ", ".join(FACTS)})
    if raw is None:
        return None
    if spec.type is FactType.BOOLEAN:
        return parse_boolean(name, raw)
    if spec.type is FactType.CHOICE:
        return _parse_choice(spec, raw)
    if spec.type is FactType.LEVEL:
        return _parse_level(spec, raw)
    if spec.type is FactType.YEARS:
        return _parse_years(spec, raw)
    if spec.type is FactType.DATE:
        return _parse_date(spec, raw, today)
    return _parse_occupations(spec, raw)


def facts_from(values: Mapping[str, object]) -> Facts:
    """`Facts` from values already typed by `parse_fact` (keys: fact names)."""
    return Facts(**values)  # type: ignore[arg-type]  # each value was typed by parse_fact


def collect_answers(
    raw: object, *, today: jdatetime.date
) -> tuple[Facts | None, tuple[AnswerError, ...]]:
    """Read a JSON-like object of answers: the facts, or None with every problem found."""
    if not isinstance(raw, Mapping):
        return None, (AnswerError("answers", NOT_AN_OBJECT, {"value": shown(raw)}),)
    values: dict[str, object] = {}
    problems: list[AnswerError] = []
    for name, value in raw.items():
        try:
            values[str(name)] = parse_fact(str(name), value, today=today)
        except AnswerError as problem:
            problems.append(problem)
    if problems:
        return None, tuple(problems)
    return facts_from(values), ()


def parse_answers(raw: object, *, today: jdatetime.date) -> Facts:
    """Read a JSON-like object of answers into `Facts`; raise the first `AnswerError`."""
    facts, problems = collect_answers(raw, today=today)
    if facts is None:
        raise problems[0]
    return facts


# ---- CSV: a header row with `id` and one column per fact ----

ID_COLUMN: Final = "id"


@dataclass(frozen=True)
class CsvRow:
    """One applicant of a CSV file: its physical line, its id, and its facts."""

    line: int
    id: str
    facts: Facts


@dataclass(frozen=True)
class CsvProblem:
    """Why a CSV row (or the header, line 1) cannot be read. `message` is English text."""

    line: int
    column: str
    message: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The message, its placeholders filled."""
        return self.message.format(**self.params)

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.text}"


def _header_problems(header: Sequence[str]) -> list[CsvProblem]:
    problems = []
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.append(CsvProblem(1, column, "the column appears twice"))
        seen.add(column)
        if column != ID_COLUMN and column not in FACTS:
            problems.append(
                CsvProblem(
                    1, column, UNKNOWN_FACT, {"name": shown(column), "known": ", ".join(FACTS)}
                )
            )
    if ID_COLUMN not in seen:
        problems.append(CsvProblem(1, ID_COLUMN, "the header has no id column"))
    return problems


def parse_csv(
    text: str, *, today: jdatetime.date
) -> tuple[tuple[CsvRow, ...], tuple[CsvProblem, ...]]:
    """Read a whole CSV file of answers; return its rows and every problem in it.

    Lines are the file's physical lines (the header is line 1). An empty cell is unknown; a
    fact without a column is unknown for every row. Blank lines are skipped.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [column.strip() for column in next(reader, [])]
    if not any(header):
        return (), (CsvProblem(1, ID_COLUMN, "the file is empty: expected a header row"),)
    problems = _header_problems(header)
    if problems:
        return (), tuple(problems)
    rows: list[CsvRow] = []
    first_line: dict[str, int] = {}
    start = reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                CsvProblem(
                    line,
                    ID_COLUMN,
                    "expected {expected} cells, found {found}",
                    {"expected": len(header), "found": len(cells)},
                )
            )
            continue
        row = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        row_problems: list[CsvProblem] = []
        applicant = row.pop(ID_COLUMN)
        if not applicant:
            row_problems.append(CsvProblem(line, ID_COLUMN, "the id is empty"))
        elif applicant in first_line:
            row_problems.append(
                CsvProblem(
                    line,
                    ID_COLUMN,
                    "the id {id} was already used on line {line}",
                    {"id": shown(applicant), "line": first_line[applicant]},
                )
            )
        else:
            first_line[applicant] = line
        values: dict[str, object] = {}
        for column, cell in row.items():
            try:
                values[column] = parse_fact(column, cell or None, today=today)
            except AnswerError as error:
                row_problems.append(CsvProblem(line, column, error.message, error.params))
        if row_problems:
            problems.extend(row_problems)
        else:
            rows.append(CsvRow(line, applicant, facts_from(values)))
    return tuple(rows), tuple(problems)
