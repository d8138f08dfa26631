"""Every status a stored row can have: one StrEnum per kind, and the moves each kind allows.

A `Lifecycle` holds a kind's statuses as data — where a new row may start, and from each status
the statuses it may move to — and is the one place that enforces them:

- `Lifecycle.assign` is what the models' `@validates` hooks call (storage/models.py), so that any
  assignment of a refused status, on a new row or a loaded one, raises `TransitionRefused`
  before anything is written;
- `Lifecycle.update` is the one UPDATE statement that changes a status without loading the row
  (the outbox and the jobs): it only touches a row whose status may make the move, and raises
  `TransitionRefused` for a row that may not.

Assigning the status a row already has is no move and is always allowed (a suspension extended by
a later decision, a reply marked sent twice by two processes). The comments beside each move name
what makes it: the directive's article or, for the delivery
machinery, the code's meaning.

Storage may not import `bot`, and the models need these types: so they live here, and `bot`
imports them (labels are keyed by these enums in `bot/notices/complainants.py`).

Rows without a status column keep their state in dates and are not listed here: an inbox update
is claimed (`claimed_until`) and deleted once handled; an invite code is used once (`used_at`);
a manager's notice is acknowledged once (`acknowledged_at`; the `notices list --status` filter
derives "waiting", "acknowledged" and "unacknowledged" from it and its deliveries); an
inspection has its findings recorded (`recorded_at`). A complaint's withdrawal is an event of
its timeline, not a status (Art. 26 note 2, below). A staff member's role is granted and revoked
by dates (`granted_at`, `revoked_at`), and a staff invite is used once (`used_at`), like a
manager's.

Two kinds below are no lifecycle but fixed vocabularies the store keeps: the staff's roles
(`Role`, each named by the article that sets up the body it belongs to) and an audit entry's
outcome (`AuditOutcome`: an entry is written once and never changed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.ext.asyncio import AsyncSession

__all__ = [
    "APPEAL",
    "CASE",
    "COMPLAINT",
    "DECISION",
    "JOB",
    "OFFICE",
    "OUTBOX",
    "STAFF_MEMBER",
    "AppealRuling",
    "AuditOutcome",
    "CaseStatus",
    "ComplaintStatus",
    "DecisionStatus",
    "JobStatus",
    "Lifecycle",
    "OfficeStatus",
    "OutboxStatus",
    "Role",
    "StaffStatus",
    "StatusNotLoaded",
    "TransitionRefused",
]

S = TypeVar("S", bound=StrEnum)


class TransitionRefused(ValueError):
    """A status move its lifecycle does not allow; nothing of it was written.

    `before` is None for a new row (which may only start at one of `allowed`); otherwise
    `allowed` are the statuses `before` may move to (empty: `before` is final).
    """

    def __init__(
        self, kind: str, before: StrEnum | None, after: StrEnum, allowed: Iterable[StrEnum]
    ) -> None:
        self.kind = kind
        self.before = before
        self.after = after
        self.allowed = tuple(allowed)
        names = ", ".join(self.allowed)
        if before is None:
            text = f"a new {kind} cannot start as {after}; it starts as {names}"
        elif not self.allowed:
            text = f"{kind} status cannot go from {before} to {after}: {before} is final"
        else:
            text = (
                f"{kind} status cannot go from {before} to {after}; "
                f"from {before} it may go to {names}"
            )
        super().__init__(text)


class StatusNotLoaded(ValueError):
    """A stored row's status was changed while its current status was not loaded (expired).

    The move cannot be judged without the status it moves from, so it is refused too.
    """


@dataclass(frozen=True)
class Lifecycle(Generic[S]):
    """A kind of status: its enum, where a new row starts, and the moves between statuses."""

    kind: str  # as the operator reads it: "complaint", "decision", ...
    statuses: type[S]
    starts: frozenset[S]
    moves: Mapping[S, frozenset[S]]
    attribute: str = "status"

    def __post_init__(self) -> None:
        # The table is total: every status says where it may go, even if nowhere.
        missing = set(self.statuses) - set(self.moves)
        if missing:
            raise ValueError(f"{self.kind}: no moves given for {sorted(missing)}")

    def member(self, value: S | str) -> S:
        """The status *value* names, or ValueError naming the kind and its statuses."""
        try:
            return self.statuses(value)
        except ValueError:
            known = ", ".join(self.statuses)
            raise ValueError(f"unknown {self.kind} status {value!r}; one of {known}") from None

    def allowed(self, before: S) -> tuple[S, ...]:
        """The statuses *before* may move to, in the enum's order."""
        return tuple(s for s in self.statuses if s in self.moves[before])

    def may(self, before: S | str, after: S | str) -> bool:
        """Whether a row at *before* may be set to *after* (staying put always may)."""
        start, end = self.member(before), self.member(after)
        return start == end or end in self.moves[start]

    def check(self, before: S | str | None, after: S | str) -> S:
        """*after* as a member, or TransitionRefused (*before* None: a new row's first status)."""
        end = self.member(after)
        if before is None:
            if end not in self.starts:
                raise TransitionRefused(
                    self.kind, None, end, (s for s in self.statuses if s in self.starts)
                )
            return end
        start = self.member(before)
        if start != end and end not in self.moves[start]:
            raise TransitionRefused(self.kind, start, end, self.allowed(start))
        return end

    def sources(self, after: S | str) -> tuple[S, ...]:
        """The statuses from which a row may be set to *after* (itself included)."""
        end = self.member(after)
        return tuple(s for s in self.statuses if s == end or end in self.moves[s])

    def assign(self, row: object, key: str, value: S | str | None) -> S | None:
        """The models' validator: check setting *row*'s *key* to *value*; return the member."""
        # SQLAlchemy is imported where a row is touched, so the statuses' names are light to
        # import (`daftar … --help` lists them).
        from sqlalchemy import inspect

        if value is None:
            return None  # a nullable column cleared, or not yet set (Appeal.ruling)
        state = inspect(row)
        if key in state.dict:
            return self.check(state.dict[key], value)
        if key in state.expired_attributes:
            # A stored row whose status was expired: what it moves from is unknown here.
            raise StatusNotLoaded(
                f"{self.kind} status is not loaded: load the row before setting it to {value}"
            )
        # Never set: a new row, or one flushed without it (a nullable column left empty).
        return self.check(None, value)

    async def update(
        self,
        session: AsyncSession,
        model: type[Any],
        where: ColumnElement[bool],
        after: S | str,
        **values: Any,
    ) -> bool:
        """UPDATE the one row *where* names to *after* (and *values*), if it may move there.

        Return False when no such row exists; raise TransitionRefused (nothing written) when
        its status may not become *after*.
        """
        from sqlalchemy import CursorResult, select, update

        end = self.member(after)
        column = getattr(model, self.attribute)
        result = await session.execute(
            update(model)
            .where(where, column.in_(self.sources(end)))
            .values({self.attribute: end, **values})
        )
        if cast(CursorResult[Any], result).rowcount:
            return True
        before = await session.scalar(select(column).where(where))
        if before is None:
            return False
        start = self.member(before)
        raise TransitionRefused(self.kind, start, end, self.allowed(start))


def _lifecycle(
    kind: str,
    statuses: type[S],
    starts: Iterable[S],
    moves: Mapping[S, Iterable[S]],
    attribute: str = "status",
) -> Lifecycle[S]:
    return Lifecycle(
        kind,
        statuses,
        frozenset(starts),
        {before: frozenset(after) for before, after in moves.items()},
        attribute,
    )


# ---- complaints (Arts. 15(e), 22, 23, 25, 26) ----


class ComplaintStatus(StrEnum):
    """Where a citizen's complaint against an office stands."""

    RECEIVED = "received"  # filed, with its tracking code
    UNDER_REVIEW = "under_review"  # the Association is looking into it (Art. 15(e))
    REFERRED_TO_BOARD = "referred_to_board"  # before the Primary Disciplinary Board (Art. 22)
    DECIDED = "decided"  # the Board has ruled on its case (Arts. 22, 23)
    DISMISSED = "dismissed"  # the Association found nothing to pursue (Art. 15(e))


_C = ComplaintStatus

#: The withdrawal of a complaint is no status: it is a dated event of its timeline, and the
#: complaint keeps its status and may still go to the Board and be decided (Art. 26 note 2).
COMPLAINT = _lifecycle(
    "complaint",
    ComplaintStatus,
    # Art. 15(e): the Association receives the complaints it reviews; nothing starts further on.
    starts=[_C.RECEIVED],
    moves={
        _C.RECEIVED: [
            _C.UNDER_REVIEW,  # Art. 15(e): the Association reviews and pursues it
            _C.REFERRED_TO_BOARD,  # Art. 22: complaints against offices are heard by the Board
            _C.DISMISSED,  # Art. 15(e): the Association's review finds nothing to pursue
        ],
        _C.UNDER_REVIEW: [
            _C.REFERRED_TO_BOARD,  # Arts. 15(e), 22: the review finds a violation to be heard
            _C.DISMISSED,  # Art. 15(e): the review finds nothing to pursue
        ],
        # Art. 22: once referred, the Board hears it and only its ruling follows; not even the
        # complainant's withdrawal stops the proceedings (Art. 26 note 2). So no dismissal by the
        # Association and no step back to its review.
        _C.REFERRED_TO_BOARD: [_C.DECIDED],
        # Arts. 22–24: the Board has ruled; an appeal is of the decision, not of the complaint.
        _C.DECIDED: [],
        # Art. 15(e): the Association's dismissal ends the complaint.
        _C.DISMISSED: [],
    },
)


# ---- the office's licence (Arts. 9(b), 11(c), 19, 23) ----


class OfficeStatus(StrEnum):
    """Where an office's licence stands."""

    ACTIVE = "active"
    SUSPENDED = "suspended"  # temporarily, Art. 23.5
    REVOKED = "revoked"  # permanently, Art. 23.6
    CLOSED = "closed"


_O = OfficeStatus

OFFICE = _lifecycle(
    "office",
    OfficeStatus,
    # The registry (Arts. 9(b), 11(c): the Directorate and the Council issue, suspend and revoke
    # licences) may first name an office in any state.
    starts=list(OfficeStatus),
    moves={
        _O.ACTIVE: [
            _O.SUSPENDED,  # Art. 23.5: temporary suspension of the licence
            _O.REVOKED,  # Art. 23.6: permanent revocation of the licence
            _O.CLOSED,  # Art. 19: the manager withdrew or died; the Directorate closes it
        ],
        _O.SUSPENDED: [
            _O.ACTIVE,  # Art. 23.5: the suspension is temporary and ends (or is lifted, Art. 11(d))
            _O.REVOKED,  # Art. 23.6: a later revocation
            _O.CLOSED,  # Art. 19
        ],
        _O.CLOSED: [
            _O.ACTIVE,  # Art. 19: the Directorate appoints a new manager to it
            _O.REVOKED,  # Art. 23.6: a final revocation still ends the licence of a closed office
            # Not suspended: a closed office has no work to suspend, and a suspension's end
            # would make it active (Art. 23.5 suspends a licence in use).
        ],
        _O.REVOKED: [],  # Art. 23.6: "permanent" revocation
    },
)


# ---- cases, decisions and appeals (Arts. 22–24) ----


class CaseStatus(StrEnum):
    """Where a case before the Primary Disciplinary Board stands."""

    OPEN = "open"
    DECIDED = "decided"


CASE = _lifecycle(
    "case",
    CaseStatus,
    starts=[CaseStatus.OPEN],  # Art. 22: the Board hears complaints and inspection findings
    moves={
        CaseStatus.OPEN: [CaseStatus.DECIDED],  # Art. 22 note 2: the majority's ruling
        CaseStatus.DECIDED: [],  # one ruling a case; an appeal is of the decision (Art. 24)
    },
)


class DecisionStatus(StrEnum):
    """Where the Primary Board's ruling stands."""

    PENDING = "pending"  # a degree 5 or 6 within its appeal window
    APPEALED = "appealed"  # before the Appeals Board
    FINAL = "final"
    REPLACED = "replaced"  # the Appeals Board replaced the sanction (final)
    OVERTURNED = "overturned"  # the Appeals Board overturned it: no sanction stands


_D = DecisionStatus

DECISION = _lifecycle(
    "decision",
    DecisionStatus,
    # Art. 24: degrees 1–4 are final at once; 5 and 6 may be appealed, so they wait.
    starts=[_D.PENDING, _D.FINAL],
    moves={
        _D.PENDING: [
            _D.APPEALED,  # Art. 24: the manager or the Center's head appeals
            _D.FINAL,  # no appeal within the window (a setting: Art. 24 sets none)
        ],
        _D.APPEALED: [
            _D.FINAL,  # Art. 24: the Appeals Board upholds it
            _D.REPLACED,  # Art. 24: the Appeals Board replaces the sanction
            _D.OVERTURNED,  # Art. 24: the Appeals Board overturns it
        ],
        # Art. 24: the Appeals Board's ruling, and a final ruling, end the matter.
        _D.FINAL: [],
        _D.REPLACED: [],
        _D.OVERTURNED: [],
    },
)


class AppealRuling(StrEnum):
    """What the Appeals Board ruled (Art. 24); an appeal without one is still being heard."""

    UPHOLD = "uphold"
    REPLACE = "replace"
    OVERTURN = "overturn"


APPEAL = _lifecycle(
    "appeal",
    AppealRuling,
    starts=list(AppealRuling),  # Art. 24: the Appeals Board rules once, any of the three ways
    moves={ruling: [] for ruling in AppealRuling},  # and its ruling is not ruled again
    attribute="ruling",
)


# ---- the staff (Arts. 9, 15, 21, 22, 24) ----


class Role(StrEnum):
    """A staff role; `bot/domain/staff_actions.py` says each one's scope and what it may do."""

    DESK = "desk"  # the Association's complaints desk: reviewing complaints (Art. 15(e))
    INSPECTOR = "inspector"  # the Association's inspector (Arts. 15(b), 21)
    BOARD = "board"  # a member of an Association's Primary Disciplinary Board (Art. 22)
    APPEALS_BOARD = "appeals_board"  # a member of the Appeals Board: the Council's (Art. 24)
    DIRECTORATE = "directorate"  # the Directorate, which supervises and reports (Art. 9(d))
    CENTER_HEAD = "center_head"  # the Center's head or a delegate, who may appeal (Art. 24)


class StaffStatus(StrEnum):
    """Whether a staff member may act at all."""

    ACTIVE = "active"
    REVOKED = "revoked"


#: No article: the directive names the bodies (Arts. 9, 15, 21, 22, 24), not how their members
#: reach this service. An invited member is active; revoked is final (a person who returns is
#: invited anew, so the audit log never mixes two periods under one member).
STAFF_MEMBER = _lifecycle(
    "staff member",
    StaffStatus,
    starts=[StaffStatus.ACTIVE],
    moves={StaffStatus.ACTIVE: [StaffStatus.REVOKED], StaffStatus.REVOKED: []},
)


class AuditOutcome(StrEnum):
    """What became of an action the audit log records (no moves: an entry is never changed)."""

    ALLOWED = "allowed"
    REFUSED = "refused"


# ---- the delivery machinery (no law: the code's meaning) ----


class OutboxStatus(StrEnum):
    """Where a message of the outbox stands."""

    PENDING = "pending"  # to send (again)
    SENT = "sent"  # the platform accepted it
    FAILED = "failed"  # given up after failures
    UNDELIVERABLE = "undeliverable"  # the user blocked the bot, or the chat is gone


_M = OutboxStatus

OUTBOX = _lifecycle(
    "outbox message",
    OutboxStatus,
    starts=[_M.PENDING],  # written in the transaction that decided it
    moves={
        _M.PENDING: [_M.SENT, _M.FAILED, _M.UNDELIVERABLE],
        # Staff retry a notice (`daftar notices retry`); and a send that outlived its claim may
        # be accepted after another attempt gave up: the platform's acceptance is the fact.
        _M.FAILED: [_M.PENDING, _M.SENT],
        _M.UNDELIVERABLE: [_M.PENDING, _M.SENT],
        _M.SENT: [],  # sent is sent: a proof of delivery is never taken back
    },
)


class JobStatus(StrEnum):
    """Where a deferred job stands."""

    PENDING = "pending"  # to run (again, after a failure not yet given up on)
    DONE = "done"
    FAILED = "failed"  # given up


JOB = _lifecycle(
    "job",
    JobStatus,
    starts=[JobStatus.PENDING],
    moves={
        JobStatus.PENDING: [JobStatus.DONE, JobStatus.FAILED],
        # A run that outlived its claim may finish after another gave up: the work is done.
        JobStatus.FAILED: [JobStatus.DONE],
        JobStatus.DONE: [],
    },
)
