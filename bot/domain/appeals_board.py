"""The Appeals Board in session on a decision's appeals (Art. 24), through `bot.domain.sittings`.

    waiting(session) -> list[Decision]
    unruled(session, decision) -> list[Appeal]
    current_sitting(session, decision) -> Sitting | None
    open_appeal_sitting(session, now, *, decision, chair_id) -> Sitting
    choices(settings, decision, appeals, lengths) -> list[Choice]
    put_ruling(session, settings, now, *, decision, sitting_id, choice) -> SittingQuestion
    record_ruling(session, settings, now, *, decision, sitting_id, ruling_text) -> AppealRuled

Art. 24: a sanction of degree 5 or 6 is appealed, by the sanctioned person or the Center's head,
to the Appeals Board, whose members are the Advisory Council's (the active holders of the
national `appeals_board` role). The sitting's subject is the *decision*: `rule_appeal` rules on
all of a decision's appeals together, so one sitting hears them all.

Readings of this service, not rules of the directive (each says so where people read it):

- Art. 24 sets no quorum, majority or chair for the Appeals Board. This service applies the
  Primary Board's session rules to it (Art. 22 note 2: every member present, the majority
  carries, the ruling written by the one who presides).
- Who presides: Art. 24 names no one; the member marked `chair` for the `appeals_board` role
  (`daftar staff invite --role appeals_board --chair`), one at a time, presides: opens the
  sitting, puts the questions, tallies and writes the ruling.
- The questions are the ruling's three kinds (`rule_appeal`): uphold, replace by another
  sanction of Art. 23 (a suspension's months among the lengths the chat offers), overturn. A
  heavier replacement on the manager's own appeal is not offered, and refused, unless the
  setting `appeals_board_may_raise_on_own_appeal` is on (`appeals.check_raise`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain import sittings
from bot.domain.appeals import AppealRuled, check_raise, rule_appeal
from bot.domain.refusals import DisciplineError
from bot.rules.violations import SANCTIONS
from storage import appeals as appeal_store
from storage import decisions as decision_store
from storage import sittings as sitting_store
from storage.models import Appeal, Decision, Sitting, SittingQuestion
from storage.statuses import DecisionStatus, Role

BODY = Role.APPEALS_BOARD
SUBJECT_KIND = "decision"


@dataclass(frozen=True)
class Choice:
    """A ruling the presiding member may put: uphold, replace by (degree, months), overturn."""

    ruling: str
    degree: int | None = None
    months: int | None = None


async def waiting(session: AsyncSession) -> list[Decision]:
    """The decisions appealed and not yet ruled on (Art. 24), oldest first."""
    return [
        decision
        for decision in await decision_store.before_the_appeals_board(session)
        if decision.status == DecisionStatus.APPEALED
    ]


async def unruled(session: AsyncSession, decision: Decision) -> list[Appeal]:
    """The decision's appeals still before the Appeals Board."""
    return [a for a in await appeal_store.appeals_of(session, decision.id) if a.ruling is None]


async def current_sitting(session: AsyncSession, decision: Decision) -> Sitting | None:
    """The latest sitting of the Appeals Board on *decision*, if any."""
    found = await sitting_store.of_subject(session, BODY, SUBJECT_KIND, str(decision.id))
    return found[-1] if found else None


async def open_appeal_sitting(
    session: AsyncSession, now: datetime, *, decision: Decision, chair_id: int
) -> Sitting:
    """Open the Appeals Board's sitting on *decision*, the presiding member saying that every
    member is present (the service's reading of Art. 24, as the module says)."""
    if decision.status != DecisionStatus.APPEALED:
        raise DisciplineError("decision", f"decision #{decision.id} is not under appeal")
    roles = await sittings.members(session, BODY, None)
    return await sittings.open_sitting(
        session,
        now,
        body=BODY,
        association=None,
        subject_kind=SUBJECT_KIND,
        subject_id=str(decision.id),
        chair_id=chair_id,
        present=[role.member_id for role in roles],
    )


def choices(
    settings: Settings, decision: Decision, appeals: list[Appeal], lengths: Iterable[int]
) -> list[Choice]:
    """What may be put: uphold, each other sanction of Art. 23 the raise setting allows (a
    suspension for each of *lengths*), overturn."""
    found = [Choice("uphold")]
    months_offered = tuple(lengths)
    for degree, sanction in SANCTIONS.items():
        for months in months_offered if sanction.min_months is not None else (None,):
            if (degree, months) == (decision.sanction, decision.months):
                continue
            try:
                check_raise(settings, decision, appeals, degree, months)
            except DisciplineError:
                continue
            found.append(Choice("replace", degree, months))
    found.append(Choice("overturn"))
    return found


async def put_ruling(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    decision: Decision,
    sitting_id: int,
    choice: Choice,
) -> SittingQuestion:
    """Put a ruling to the vote, checked as `rule_appeal` would check it (Arts. 23, 24; the
    raise setting)."""
    if choice.ruling not in sittings.RULINGS:
        raise DisciplineError("ruling", f"unknown ruling {choice.ruling!r}")
    if choice.ruling == "replace":
        known = SANCTIONS.get(choice.degree) if choice.degree is not None else None
        if choice.degree is None or known is None or not known.months_allowed(choice.months):
            raise DisciplineError("sanction", "not a sanction of Article 23")
        if (choice.degree, choice.months) == (decision.sanction, decision.months):
            raise DisciplineError("sanction", "the same sanction: that is to uphold it")
        appeals = await unruled(session, decision)
        check_raise(settings, decision, appeals, choice.degree, choice.months)
    elif choice.degree is not None or choice.months is not None:
        raise DisciplineError(
            "sanction", f"only a replacement names a sanction, not {choice.ruling}"
        )
    return await sittings.put_question(
        session,
        now,
        sitting_id=sitting_id,
        ruling=choice.ruling,
        degree=choice.degree,
        months=choice.months,
    )


async def record_ruling(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    decision: Decision,
    sitting_id: int,
    ruling_text: str,
) -> AppealRuled:
    """Record the ruling the sitting carried, as the presiding member wrote it (`rule_appeal`:
    all of the decision's appeals together; the manager's "appeal_ruling" notice)."""
    carried = await sittings.outcome(session, sitting_id)
    appeals = await unruled(session, decision)
    if carried.ruling is None or not appeals:
        raise DisciplineError("sitting", f"sitting #{sitting_id} carried no ruling")
    ruling, degree, months = carried.ruling
    return await rule_appeal(
        session,
        settings,
        now,
        appeal_id=appeals[0].id,
        ruling=ruling,
        sanction=degree,
        months=months,
        sitting_id=sitting_id,
        ruling_text=ruling_text,
    )
