"""The refusals of the disciplinary procedures, and the checks and look-ups that raise them.

Every refusal of an inspection, case, decision or appeal is a `DisciplineError(field, message)`
(English, for the operator), raised before anything is written; Art. 26 note 3 refuses with
`RepeatOffence`, an `EscalationRequired` that also names the earlier decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.rules.violations import VIOLATIONS, EscalationRequired
from bot.text.i18n import translator
from storage import decisions as decision_store
from storage import offices as office_store
from storage.models import Decision, Office

#: The longest note or appeal's grounds staff may give.
TEXT_MAX_CHARS = 3000


class DisciplineError(ValueError):
    """A refusal: `field` names what was wrong (office, case, sanction…), `message` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class RepeatOffence(EscalationRequired):
    """Art. 26 note 3 refused a sanction; it names the earlier decision that sets the floor."""

    def __init__(
        self,
        *,
        minimum_degree: int,
        earlier_degree: int,
        new_degree: int,
        earlier_decision_id: int,
        earlier_final_on: str,
        committed_on: str,
    ) -> None:
        super().__init__(
            minimum_degree=minimum_degree, earlier_degree=earlier_degree, new_degree=new_degree
        )
        self.earlier_decision_id = earlier_decision_id
        self.earlier_final_on = earlier_final_on
        self.committed_on = committed_on

    def explain(self) -> str:
        """The refusal in English, citing note 3 and the earlier decision."""
        base = translator("en")(self.message, **self.params)
        return (
            f"{base} The earlier sanction is decision #{self.earlier_decision_id}, final on "
            f"{self.earlier_final_on}; this violation was committed on {self.committed_on}, "
            f"so degree {self.new_degree} is refused."
        )


def iso(moment: datetime | None) -> str | None:
    """A moment as a refusal names it: ISO 8601 in UTC."""
    return None if moment is None else moment.astimezone(UTC).isoformat()


def short_text(value: str | None, field: str, limit: int) -> str | None:
    """An optional name or note: stripped, not empty when given, at most *limit* characters."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        raise DisciplineError(field, "must not be empty when given")
    if len(text) > limit:
        raise DisciplineError(field, f"at most {limit} characters (got {len(text)})")
    return text


def clause_ids(values: Sequence[str], field: str) -> list[str]:
    """Art. 25 clause ids, checked: known, none twice, at least one."""
    if not values:
        raise DisciplineError(field, "name at least one clause of Article 25, like 25.12")
    unknown = [value for value in values if value not in VIOLATIONS]
    if unknown:
        raise DisciplineError(
            field,
            f"{', '.join(unknown)}: Article 25 has clauses 25.1 to 25.{len(VIOLATIONS)}",
        )
    twice = sorted({value for value in values if list(values).count(value) > 1})
    if twice:
        raise DisciplineError(field, f"{', '.join(twice)} given more than once")
    return list(values)


async def existing_office(session: AsyncSession, code: str, field: str = "office") -> Office:
    """The office with this code, or a refusal naming *field*."""
    office = await office_store.office(session, code)
    if office is None:
        raise DisciplineError(field, f"no office with code {code}")
    return office


async def existing_decision(session: AsyncSession, decision_id: int) -> Decision:
    """The decision with this number, or a refusal."""
    decision = await decision_store.by_id(session, decision_id)
    if decision is None:
        raise DisciplineError("decision", f"no decision #{decision_id}")
    return decision
