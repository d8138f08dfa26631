"""Appeals to the Appeals Board (Art. 24): filing one, and the Board's ruling.

Only a sanction of degree 5 or 6 is appealed, by the sanctioned manager or the Head of the
Center. Every function takes (session, settings, now) first and its subject as keyword
arguments; none commits: the caller's transaction holds the change and the notices it causes.

    file_appeal(session, settings, now, *, decision_id, by, grounds)
    open_to(session, settings, now, by) -> list[Decision]
    rule_appeal(session, settings, now, *, appeal_id, ruling, sanction, months,
                sitting_id=None, ruling_text=None)

Readings of the directive made here (each is configuration or a choice, never presented as law):

- The appeal window (`settings.appeal_window_days`; Art. 24 sets none) runs from *service*; until
  then the window has not started and an appeal is allowed. The Head of the Center's appeal has
  the same window as the manager's. Art. 24 gives the appeal to the sanctioned person *or* the
  Center's head: each may appeal once, the second while the first is still before the Appeals
  Board (the decision stays `appealed`); once the Board has ruled, no appeal is open.
- `rule_appeal` rules on all of a decision's appeals together (one ruling, written on each).
- Whether the Appeals Board may make the sanction heavier (a higher degree, or a longer
  suspension) on the sanctioned manager's own appeal is **not decided by the directive**: it is
  the setting `appeals_board_may_raise_on_own_appeal` (off: refused). An appeal by the Center's
  head allows any ruling.
- The Appeals Board's own ruling is not held to Art. 26 note 3 here: it is final and not ours to
  refuse.
- A ruling from a sitting (`sitting_id`, the chat's way: `bot.domain.appeals_board`) is only
  what that sitting carried, every member present and the majority's, with the text the
  presiding member wrote: Art. 24 sets no session rule, and applying Art. 22 note 2's is this
  service's reading. The command line may still record a ruling without one, for automation.

Every appeal filed sends its file to the Appeals Board's linked chats
(`bot.notices.appeals_board`); a ruling that upholds or replaces makes the decision final, and
`bot.domain.finality.make_final` enters it in the manager's disciplinary file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain import finality, sittings
from bot.domain.decisions import check_sanction
from bot.domain.refusals import (
    TEXT_MAX_CHARS,
    DisciplineError,
    existing_decision,
    existing_office,
    iso,
)
from bot.domain.standing import appeal_closes_at
from bot.notices import appeals_board
from bot.notices import managers as manager_notices
from bot.rules.violations import appealable
from bot.text.jalali import format_jalali_numeric, tehran_date
from storage import appeals as appeal_store
from storage import cases as case_store
from storage import decisions as decision_store
from storage.models import Appeal, Decision, Notice
from storage.statuses import AppealRuling, DecisionStatus

APPELLANTS = ("manager", "center_head")
RULINGS = ("uphold", "replace", "overturn")


async def file_appeal(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    decision_id: int,
    by: str,
    grounds: str,
) -> Appeal:
    """Record an appeal to the Appeals Board of a pending 5 or 6 (Art. 24).

    By the sanctioned manager or the Head of the Center, within the appeal window counted from
    service (not yet served: the window has not started, so an appeal is allowed).
    """
    decision = await existing_decision(session, decision_id)
    if by not in APPELLANTS:
        raise DisciplineError("by", f"unknown appellant {by!r}; use manager or center_head")
    text = grounds.strip()
    if not text:
        raise DisciplineError("grounds", "must not be empty: the Appeals Board reads them")
    if len(text) > TEXT_MAX_CHARS:
        raise DisciplineError("grounds", f"at most {TEXT_MAX_CHARS} characters (got {len(text)})")
    if not appealable(decision.sanction):
        raise DisciplineError(
            "decision",
            f"decision #{decision.id} is a sanction of degree {decision.sanction}: degrees 1 to 4 "
            "are final and cannot be appealed (Article 24)",
        )
    await check_open_to(session, settings, now, decision, by)
    appeal = await appeal_store.add_appeal(session, decision, by, text, now)
    await appeals_board.tell_appeals_board(session, settings, appeal, now)
    return appeal


async def check_open_to(
    session: AsyncSession, settings: Settings, now: datetime, decision: Decision, by: str
) -> None:
    """Refuse an appeal by *by* that Art. 24 (or the window, a setting) does not leave open.

    Pending: open to either appellant. Appealed and not yet ruled: open to the appellant who has
    not appealed yet (Art. 24: the sanctioned person or the Center's head, each once).
    """
    earlier = await appeal_store.appeals_of(session, decision.id)
    mine = [appeal for appeal in earlier if appeal.by == by]
    if decision.status == "appealed" and mine:
        raise DisciplineError(
            "decision",
            f"decision #{decision.id} was appealed by {by} already (appeal #{mine[-1].id}); "
            "each appellant appeals once (Article 24)",
        )
    if decision.status not in ("pending", "appealed") or any(a.ruling for a in earlier):
        which = f" (appeal #{earlier[-1].id})" if earlier else ""
        raise DisciplineError(
            "decision", f"decision #{decision.id} is {decision.status}{which}: no appeal is open"
        )
    closes = appeal_closes_at(decision, settings)
    if closes is not None and now >= closes:
        raise DisciplineError(
            "decision",
            f"the appeal window of decision #{decision.id} closed on {iso(closes)} "
            f"({settings.appeal_window_days} days from service, a setting of this service)",
        )


def heavier(degree: int, months: int | None, than: tuple[int, int | None]) -> bool:
    """Whether (degree, months) is a heavier sanction than *than*: a higher degree of Art. 23,
    or a longer suspension (degree 5)."""
    if degree != than[0]:
        return degree > than[0]
    return degree == 5 and (months or 0) > (than[1] or 0)


def check_raise(
    settings: Settings,
    decision: Decision,
    appeals: list[Appeal],
    sanction: int,
    months: int | None,
) -> None:
    """Refuse a heavier replacement on the manager's own appeal, unless the setting allows it.

    Not decided by the directive (Art. 24 names who may appeal, not what the Appeals Board may
    rule on whose appeal): `settings.appeals_board_may_raise_on_own_appeal`, off by default.
    """
    if settings.appeals_board_may_raise_on_own_appeal:
        return
    if any(appeal.by == "center_head" for appeal in appeals):
        return  # the Center's head appealed too: any ruling
    if heavier(sanction, months, (decision.sanction, decision.months)):
        raise DisciplineError(
            "sanction",
            f"only the sanctioned manager appealed decision #{decision.id}: this service does "
            "not let the Appeals Board make the sanction heavier on that appeal (the directive "
            "does not decide it; the setting appeals_board_may_raise_on_own_appeal is off)",
        )


async def open_to(
    session: AsyncSession, settings: Settings, now: datetime, by: str
) -> list[Decision]:
    """The decisions *by* may appeal now (Art. 24; the window is a setting), oldest first."""
    found = []
    for decision in await decision_store.before_the_appeals_board(session):
        try:
            await check_open_to(session, settings, now, decision, by)
        except DisciplineError:
            continue
        found.append(decision)
    return found


@dataclass(frozen=True)
class AppealRuled:
    """What `rule_appeal` did."""

    appeal: Appeal
    decision: Decision
    notice: Notice


async def rule_appeal(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    appeal_id: int,
    ruling: str,
    sanction: int | None = None,
    months: int | None = None,
    sitting_id: int | None = None,
    ruling_text: str | None = None,
) -> AppealRuled:
    """Record the Appeals Board's ruling on all of the decision's appeals together (the one
    named and any other still unruled), make the decision final (or overturned), enter it in
    the manager's file, tell the manager ("appeal_ruling" notice). Effects on the office follow
    in `settle`. With *sitting_id*, the ruling must be the one that sitting carried; it is closed
    with the decision, and *ruling_text* (the presiding member's) kept on each appeal."""
    appeal = await appeal_store.by_id(session, appeal_id)
    if appeal is None:
        raise DisciplineError("appeal", f"no appeal #{appeal_id}")
    if appeal.ruling is not None:
        raise DisciplineError(
            "appeal",
            f"appeal #{appeal.id} was ruled already ({appeal.ruling}) on {iso(appeal.ruled_at)}",
        )
    decision = await existing_decision(session, appeal.decision_id)
    if decision.status != "appealed":
        raise DisciplineError(
            "appeal", f"decision #{decision.id} is {decision.status}, not under appeal"
        )
    if ruling not in RULINGS:
        raise DisciplineError("ruling", f"unknown ruling {ruling!r}; use uphold, replace, overturn")
    if ruling == "replace":
        if sanction is None:
            raise DisciplineError("sanction", "a replacement needs the new sanction's degree")
        check_sanction(sanction, months)
        if (sanction, months) == (decision.sanction, decision.months):
            raise DisciplineError(
                "sanction",
                f"the same sanction as decision #{decision.id}: that is to uphold it",
            )
    elif sanction is not None or months is not None:
        raise DisciplineError("sanction", f"only a replacement names a sanction, not {ruling}")
    together = [a for a in await appeal_store.appeals_of(session, decision.id) if a.ruling is None]
    if ruling == "replace":
        assert sanction is not None
        check_raise(settings, decision, together, sanction, months)
    text = _ruling_text(ruling_text)
    if sitting_id is not None:
        await check_sitting(session, sitting_id, decision, (ruling, sanction, months))

    for each in together:
        each.ruling = AppealRuling(ruling)
        each.ruled_at = now
        each.ruling_text, each.sitting_id = text, sitting_id
        if ruling == "replace":
            each.new_sanction, each.new_months = sanction, months
    if ruling == "replace":
        decision.status, decision.final_at = DecisionStatus.REPLACED, now
        shown: tuple[int | None, int | None] = (sanction, months)
    elif ruling == "uphold":
        decision.status, decision.final_at = DecisionStatus.FINAL, now
        shown = (decision.sanction, decision.months)
    else:
        decision.status, decision.final_at = DecisionStatus.OVERTURNED, None
        shown = (None, None)
    await session.flush()
    if sitting_id is not None:
        await sittings.close(session, now, sitting_id=sitting_id, decision_id=decision.id)
    if ruling != "overturn":
        await finality.make_final(session, settings, now, decision=decision)

    case = await case_store.by_id(session, decision.case_id)
    assert case is not None
    office = await existing_office(session, case.office_code)
    notice = await manager_notices.issue(
        session,
        manager_id=decision.manager_id,
        office_code=office.code,
        kind="appeal_ruling",
        subject_id=appeal.id,
        content={
            **manager_notices.office_content(office),
            "decided_on": format_jalali_numeric(tehran_date(decision.decided_at, settings.zone)),
            "ruling": ruling,
            "sanction": shown[0],
            "months": shown[1],
            **({"ruling_text": text} if text is not None else {}),
        },
        settings=settings,
        now=now,
    )
    return AppealRuled(appeal, decision, notice)


def _ruling_text(text: str | None) -> str | None:
    if text is None:
        return None
    kept = text.strip()
    if not kept or len(kept) > TEXT_MAX_CHARS:
        raise DisciplineError("ruling_text", f"1 to {TEXT_MAX_CHARS} characters")
    return kept


async def check_sitting(
    session: AsyncSession,
    sitting_id: int,
    decision: Decision,
    ruling: tuple[str, int | None, int | None],
) -> None:
    """The sitting is the Appeals Board's on *decision*, in session with every member present,
    every question tallied, and it carried *ruling* (the service's reading of Art. 24: Art. 22
    note 2's rule applied to the Appeals Board)."""
    sitting = await sittings.in_session(session, sitting_id)
    if (sitting.body, sitting.subject_kind, sitting.subject_id) != (
        "appeals_board",
        "decision",
        str(decision.id),
    ):
        raise DisciplineError(
            "sitting",
            f"sitting #{sitting.id} is not the Appeals Board's on decision #{decision.id}",
        )
    carried = await sittings.outcome(session, sitting.id)
    if carried.untallied:
        raise DisciplineError(
            "sitting", f"sitting #{sitting.id} has {carried.untallied} question(s) not tallied"
        )
    if carried.ruling != ruling:
        raise DisciplineError(
            "sitting",
            f"sitting #{sitting.id} carried {carried.ruling or 'no ruling'}, not {ruling}: the "
            "ruling is the majority's (this service applies Article 22 note 2's rule to the "
            "Appeals Board too; Article 24 sets none)",
        )
