"""An eligibility sheet as a document: JSON for the command line and for the stored check.

`duration_text(t, duration)` says a length of experience in a locale ("3 years and 6 months",
«۳ سال و ۶ ماه»); `render(message, params)` fills an English message id (dates as YYYY/MM/DD).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import jdatetime

from bot.rules import Sheet
from bot.rules.facts import Duration
from bot.text.jalali import format_jalali_numeric
from bot.text.markers import N_, NP_

YEARS: Final = NP_("{count} year", "{count} years")
MONTHS: Final = NP_("{count} month", "{count} months")
YEARS_AND_MONTHS: Final = N_("{years} and {months}")

#: A translator: a message id and its params in, the text out (`bot.text.i18n.Translator`).
Say = Callable[..., str]


def english(message: str, /, **params: object) -> str:
    """A message id in English, as the command line prints it (a plural picks its form)."""
    return message.format(**params)


def duration_text(t: Say, duration: Duration) -> str:
    """*duration* as *t*'s locale says it: "3 years", "6 months", "3 years and 6 months"."""
    years, months = duration.years_part, duration.months_part
    if not months:
        return t(YEARS, count=years)
    if not years:
        return t(MONTHS, count=months)
    return t(YEARS_AND_MONTHS, years=t(YEARS, count=years), months=t(MONTHS, count=months))


def shown_params(t: Say, params: Any) -> dict[str, object]:
    """A reason's params, each length of experience said in *t*'s locale."""
    return {
        name: duration_text(t, value) if isinstance(value, Duration) else value
        for name, value in dict(params).items()
    }


def _param(value: object) -> object:
    if isinstance(value, jdatetime.date):
        return format_jalali_numeric(value)
    if isinstance(value, Duration):
        return duration_text(english, value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def render(message: str, params: Any) -> str:
    """An English message id with its parameters filled (dates as YYYY/MM/DD)."""
    return message.format(**{name: _param(value) for name, value in dict(params).items()})


def _date(value: jdatetime.date | None) -> str | None:
    return None if value is None else format_jalali_numeric(value)


def sheet_to_json(sheet: Sheet) -> dict[str, object]:
    """A sheet as JSON: English reasons, ASCII dates, Persian clause texts as printed."""
    edition = sheet.edition
    return {
        "edition": edition.id,
        "regulation": {
            "number": edition.number,
            "date": _date(edition.issued),
            "effective": _date(edition.effective),
        },
        "role": sheet.role.value,
        "reference_date": _date(sheet.reference_date),
        "verdict": sheet.verdict.value,
        "waiting_on": list(sheet.waiting_on),
        "conditions": [
            {
                "id": result.id,
                "article": result.condition.article,
                "clause": result.condition.clause,
                "status": result.status.value,
                "kind": result.kind.value,
                "reason": render(result.reason, result.params),
                "missing": list(result.missing),
                "evidence": list(result.evidence),
                "notes": list(result.condition.notes),
                "text": result.text,
            }
            for result in sheet.results
        ],
        "unmet": list(sheet.unmet),
        "unknown": list(sheet.unknown),
        "declarations": list(sheet.declarations),
        "decisions": list(sheet.decisions),
        "priority": [
            {"id": item.id, "reason": item.reason, "text": item.priority.text}
            for item in sheet.priority
        ],
        "eligible_from": _date(sheet.eligible_from),
    }
