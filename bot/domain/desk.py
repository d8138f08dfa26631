"""The Association's complaint desk (Art. 15(e)): taking a complaint, referring it to the Primary
Board (Art. 22), closing it with its ground, marking it a duplicate, proposing an inspection.

Every move of a complaint's status goes through its lifecycle (`storage/statuses.py`), is a line
of its timeline, and is told to its complainant in their language; a move out of `received` that
accepts the complaint (review, or the Board) tells the office through the one path that does
(`bot.domain.complaint_status.tell_office_if_accepted`). A closed complaint stays on record with
its ground: the Association still reports it to the Directorate (Art. 15(e)).

Every function takes (session, settings, now) first and its subject as keyword arguments; none
commits: the caller's transaction holds the change, its notices and its audit entry. Authorising
is the caller's (`bot.domain.staff.authorise`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.cases import add_to_open_case, open_case_from_complaints
from bot.domain.complaint_status import tell_office_if_accepted
from bot.notices.complainants import shown_code, tell_status
from bot.text.i18n import translator
from bot.text.markers import N_
from storage import complaints
from storage.models import Case, Complaint
from storage.statuses import COMPLAINT, ComplaintStatus

#: The grounds on which the desk closes a complaint, and the reason its complainant reads.
GROUNDS: Final[Mapping[str, str]] = {
    "outside": N_(
        "Closed as outside the directive: what it describes is not a matter of the directive on "
        "Judicial Electronic Services Offices (Article 15(e))."
    ),
    "unfounded": N_(
        "Closed as unfounded: the Association's review found no violation to pursue (Article "
        "15(e))."
    ),
}
#: How long the reasons the desk types for closing on a ground may be (a bound of this
#: service, not of the law: long enough to say why, short enough for one chat message).
REASONS_CHARS: Final = range(10, 1001)
_REASONS_NOTE: Final = N_("The Association's reasons: {reasons}")
DUPLICATE: Final = "duplicate"
#: A timeline event of the desk's own (a proposed inspection): not shown to the complainant.
PROPOSAL: Final = "proposal"
_DUPLICATE_NOTE: Final = N_(
    "Closed as a repeat of complaint {code}, which the Association pursues (Article 15(e))."
)
_INSPECTION_NOTE: Final = N_(
    "The desk proposed an inspection of the office (Articles 15(b) and 21)."
)


class DeskRefused(Exception):
    """The desk's action cannot be done as asked; `reason` is an English id for the chat."""

    def __init__(self, reason: str, **values: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


@dataclass(frozen=True)
class Referred:
    """A complaint before the Board: its case, and whether that case was opened for it."""

    case: Case
    opened: bool


async def _move(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    complaint: Complaint,
    status: ComplaintStatus,
    note: str | None,
) -> None:
    """One move of the lifecycle: the timeline, the complainant told, the office if accepted."""
    before = complaint.status
    await complaints.set_status(session, complaint, status, note, now)
    await tell_status(session, complaint, note, now)
    await tell_office_if_accepted(session, settings, now, complaint=complaint, before=before)


async def take(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    complaint: Complaint,
    member_id: int,
) -> None:
    """Assign *complaint* to the desk member *member_id*; a received one goes under review (it is
    accepted, Art. 15(e), so its office is told)."""
    # Who holds it is the desk's own business: the audit log names who gave it to whom, and the
    # complainant's timeline shows only its moves.
    complaint.assigned_member_id = member_id
    if complaint.status == ComplaintStatus.RECEIVED:
        await _move(session, settings, now, complaint, ComplaintStatus.UNDER_REVIEW, None)


async def refer(
    session: AsyncSession, settings: Settings, now: datetime, *, complaint: Complaint
) -> Referred:
    """Refer *complaint* to the Primary Board (Art. 22): into the open case against its office,
    or into a case opened for it."""
    # The lifecycle refuses the move before a case is touched (a dismissed complaint stays so).
    COMPLAINT.check(complaint.status, ComplaintStatus.REFERRED_TO_BOARD)
    case = await add_to_open_case(session, settings, now, complaint=complaint)
    if case is not None:
        return Referred(case, opened=False)
    opened = await open_case_from_complaints(
        session,
        settings,
        now,
        office_code=complaint.office_code,
        tracking_codes=[complaint.tracking_code],
    )
    return Referred(opened, opened=True)


async def close(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    complaint: Complaint,
    ground: str,
    reasons: str,
) -> None:
    """Close *complaint* on *ground* (a key of GROUNDS) for the desk's typed *reasons*:
    dismissed, the ground and the reasons kept and told (Art. 15(e))."""
    if ground not in GROUNDS:
        raise ValueError(f"unknown ground {ground!r}; one of {', '.join(GROUNDS)}")
    reasons = reasons.strip()
    if len(reasons) not in REASONS_CHARS:
        raise ValueError(f"the reasons must be {REASONS_CHARS.start}-{REASONS_CHARS.stop - 1} long")
    t = translator(complaint.locale)
    # The ground in the complainant's language; the reasons as the desk typed them.
    note = t(GROUNDS[ground]) + "\n" + t(_REASONS_NOTE, reasons=reasons)
    await _move(session, settings, now, complaint, ComplaintStatus.DISMISSED, note)
    complaint.closed_as, complaint.closed_reasons = ground, reasons


async def mark_duplicate(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    *,
    complaint: Complaint,
    original_code: str,
) -> Complaint:
    """Close *complaint* as a repeat of the complaint *original_code* (same office, and not
    itself); return the original."""
    original = await complaints.by_code(session, original_code)
    if original is None or original.id == complaint.id:
        raise DeskRefused(
            N_("There is no other complaint with tracking code {code}."), code=original_code
        )
    if original.office_code != complaint.office_code:
        raise DeskRefused(
            N_("Complaint {code} is against another office: it cannot be repeated by this one."),
            code=original_code,
        )
    t = translator(complaint.locale)
    note = t(_DUPLICATE_NOTE, code=shown_code(original.tracking_code, complaint.locale))
    await _move(session, settings, now, complaint, ComplaintStatus.DISMISSED, note)
    complaint.closed_as = DUPLICATE
    complaint.duplicate_of_id = original.id
    return original


async def propose_inspection(
    session: AsyncSession, settings: Settings, now: datetime, *, complaint: Complaint
) -> None:
    """Record on *complaint*'s timeline that the desk proposes an inspection of its office
    (Arts. 15(b), 21: the inspectors schedule it); its status does not change."""
    note = translator(settings.default_locale)(_INSPECTION_NOTE)
    await complaints.add_event(session, complaint.id, PROPOSAL, now, note=note)
