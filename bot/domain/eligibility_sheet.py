"""An eligibility sheet as a document: JSON for the command line and for the stored check."""

from __future__ import annotations

from typing import Any

import jdatetime

from bot.rules import Sheet
from bot.text.jalali import format_jalali_numeric


def _param(value: object) -> object:
    if isinstance(value, jdatetime.date):
        return format_jalali_numeric(value)
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
