"""A body in session: its members, their attendance, the questions put, the votes, the majority.

Written for any body that rules in session, its parameters the body (a `Role`: `board` for an
Association's Primary Disciplinary Board; `appeals_board`, national), the Association (None:
national) and the subject (a case; an appealed decision, `bot.domain.appeals_board`):

    members(session, body, association) -> list[StaffRole]
    open_sitting(session, now, *, body, association, subject_kind, subject_id, chair_id,
                 present) -> Sitting
    put_question(session, now, *, sitting_id, clause=None, degree=None, months=None)
        -> SittingQuestion
    vote(session, now, *, question_id, member_id, yes) -> SittingVote
    tally(session, now, *, question_id) -> SittingQuestion
    outcome(session, sitting_id) -> Outcome
    close(session, now, *, sitting_id, decision_id) -> Sitting

The rules, for the Primary Board (Art. 22 note 2: "جلسات هیئت با حضور کلیه اعضا رسمیت می‌یابد و
رأی اکثریت ... توسط رئیس هیئت انشاء می‌گردد"):

- A sitting's members are the body's members when it opens (a snapshot). It sits only with
  every one of them present (note 2): a sitting opened with one absent is `adjourned`, and no
  question, vote or ruling is taken in it.
- A question carries with a majority of the members' votes, more than half (note 2). A tie, or
  no majority on a sanction, carries nothing: there is no ruling, and the chair puts a sanction
  again.
- The chair (note 1: a judge member) opens the sitting, puts the questions and tallies them;
  `bot.domain.decisions.record_decision` records the ruling the chair writes.

The service's practice, not the directive's: a member votes yes or no on each question put, in
their own chat, and may change their vote until the question is tallied; the chair tallies only
when every member has voted. For the Appeals Board, Art. 24 sets no quorum or majority: using
the same session rules for it is this service's reading, and must be labelled so where it is
used: the Appeals Board's refusals say so (`APPEALS_READING`), never citing Art. 22 as binding
it. Its questions are the ruling on an appeal (`put_question(..., ruling=...)`: uphold, replace
by a degree, overturn), and its presiding member is the one marked `chair` for the
`appeals_board` role (Art. 24 names none: the service's practice).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.refusals import DisciplineError
from bot.rules.violations import SANCTIONS, VIOLATIONS
from bot.text.i18n import translator
from bot.text.markers import N_
from storage import sittings as store
from storage.models import Sitting, SittingMember, SittingQuestion, SittingVote, StaffRole
from storage.statuses import Role

#: A sitting's states: sitting (every member present), adjourned (one absent), ruled.
SITTING, ADJOURNED, RULED = "sitting", "adjourned", "ruled"
#: A Primary Board member's seats (Art. 22, clauses 1 and 2).
JUDGE, CHAIR_REPRESENTATIVE = "judge", "chair_representative"
SEATS = (JUDGE, CHAIR_REPRESENTATIVE)

ABSENT = N_(
    "The Board sits only with every member present (Article 22, note 2): {absent} of {expected} "
    "members are absent, so it may not rule."
)
NO_MEMBERS = N_("The Board has no members on record: it cannot sit (Article 22).")
NO_CHAIR = N_("Only the Board's chair opens its sitting (Article 22, note 1).")
OPEN_ALREADY = N_("Sitting {number} on this case is open already.")
NOT_SITTING = N_("Sitting {number} is not in session: it may not rule (Article 22, note 2).")
NOT_A_MEMBER = N_("Only the members of the sitting vote (Article 22, note 2).")
TALLIED = N_("This question was tallied already: its votes cannot change.")
NOT_ALL_VOTED = N_(
    "{voted} of {expected} members have voted; the chair tallies once every member has voted "
    "(the Board's practice)."
)
PUT_ALREADY = N_("That question is before the sitting already: tally it first.")
BAD_QUESTION = N_("A question is a violation of Article 25 or a sanction of Article 23.")
#: The Appeals Board's refusals: Art. 24 sets no session rule, so each says that the service
#: applies Art. 22 note 2's (every member present, the majority) to it too.
APPEALS_ABSENT = N_(
    "The Appeals Board sits only with every member present: Article 24 sets no quorum, and this "
    "service applies Article 22 note 2's rule to the Appeals Board too. {absent} of {expected} "
    "members are absent, so it may not rule."
)
APPEALS_NO_MEMBERS = N_("The Appeals Board has no members on record: it cannot sit (Article 24).")
APPEALS_NO_CHAIR = N_(
    "Only the member who presides over the Appeals Board opens its sitting (Article 24 names no "
    "chair: this service's practice is the member marked chair)."
)
APPEALS_NOT_SITTING = N_(
    "Sitting {number} is not in session: it may not rule (this service applies Article 22 note "
    "2's rule to the Appeals Board too; Article 24 sets none)."
)
APPEALS_NOT_A_MEMBER = N_("Only the members of the Appeals Board's sitting vote (Article 24).")
#: The Primary Board's refusal, and the Appeals Board's own where its text must differ.
_APPEALS = {
    ABSENT: APPEALS_ABSENT,
    NO_MEMBERS: APPEALS_NO_MEMBERS,
    NO_CHAIR: APPEALS_NO_CHAIR,
    NOT_SITTING: APPEALS_NOT_SITTING,
    NOT_A_MEMBER: APPEALS_NOT_A_MEMBER,
}
#: The Appeals Board's questions (Art. 24: its ruling on an appeal of a 5 or 6).
RULINGS = ("uphold", "replace", "overturn")


class SittingRefused(DisciplineError):
    """A step of a sitting refused: `msgid` and `params` say why, for people; the English of
    the same message for the operator. *body* picks the Appeals Board's own wording."""

    def __init__(self, msgid: str, body: str | None = None, **params: object) -> None:
        if body == Role.APPEALS_BOARD:
            msgid = _APPEALS.get(msgid, msgid)
        super().__init__("sitting", translator("en")(msgid, **params))
        self.msgid = msgid
        self.params = params


@dataclass(frozen=True)
class Outcome:
    """What a sitting has carried so far, from its tallied questions (the latest on each)."""

    found: tuple[str, ...]  # clauses of Art. 25 found, in the directive's order
    not_found: tuple[str, ...]
    sanction: tuple[int, int | None] | None  # the carried sanction (degree, months), if any
    untallied: int  # questions still open
    sanction_failed: bool  # the last sanction put did not carry: the chair puts one again
    # The Appeals Board's: the ruling carried (uphold/replace/overturn, degree, months), if any.
    ruling: tuple[str, int | None, int | None] | None = None


async def members(session: AsyncSession, body: Role, association: str | None) -> list[StaffRole]:
    """The body's members now: the active holders of its role for *association*."""
    return await store.body_roles(session, body, association)


async def open_sitting(
    session: AsyncSession,
    now: datetime,
    *,
    body: Role,
    association: str | None,
    subject_kind: str,
    subject_id: str,
    chair_id: int,
    present: Collection[int],
) -> Sitting:
    """Open a sitting of *body* on a subject, with the members *present* (member ids).

    Every member of the body now is expected; if any is not present the sitting is stored
    `adjourned` (Art. 22 note 2: it may not rule), which the caller tells. Refused: a body with
    no members, an opener who is not its chair (note 1), a sitting already open on the subject.
    """
    roles = await members(session, body, association)
    if not roles:
        raise SittingRefused(NO_MEMBERS, body)
    if not any(r.member_id == chair_id and r.chair for r in roles):
        raise SittingRefused(NO_CHAIR, body)
    for earlier in await store.of_subject(session, body, subject_kind, subject_id):
        if earlier.status == SITTING:
            raise SittingRefused(OPEN_ALREADY, body, number=earlier.id)
    expected = {r.member_id: r for r in roles}
    everyone = set(expected) <= set(present)
    sitting = Sitting(
        body=str(body),
        association=association,
        subject_kind=subject_kind,
        subject_id=subject_id,
        opened_by=chair_id,
        opened_at=now,
        status=SITTING if everyone else ADJOURNED,
        closed_at=None if everyone else now,
    )
    seats = [
        SittingMember(member_id=m, seat=r.seat, chair=r.chair, present=m in present)
        for m, r in sorted(expected.items())
    ]
    return await store.add_sitting(session, sitting, seats)


async def in_session(session: AsyncSession, sitting_id: int) -> Sitting:
    """The sitting, refused unless it sits with every member present (Art. 22 note 2)."""
    sitting = await store.by_id(session, sitting_id)
    if sitting is None:
        raise DisciplineError("sitting", f"no sitting #{sitting_id}")
    expected = await store.members_of(session, sitting.id)
    absent = [m for m in expected if not m.present]
    if absent:
        raise SittingRefused(ABSENT, sitting.body, absent=len(absent), expected=len(expected))
    if sitting.status != SITTING:
        raise SittingRefused(NOT_SITTING, sitting.body, number=sitting.id)
    return sitting


async def put_question(
    session: AsyncSession,
    now: datetime,
    *,
    sitting_id: int,
    clause: str | None = None,
    degree: int | None = None,
    months: int | None = None,
    ruling: str | None = None,
) -> SittingQuestion:
    """Put a question: a violation (*clause*, found or not), a sanction (*degree*, *months*), or
    an appeal's ruling (*ruling*: uphold, overturn, or replace by *degree* and *months*).

    The sanction's own limits (Art. 23, Art. 26 note 3's floor; on appeal, the raise setting)
    are the caller's to check first: this module knows no subject.
    """
    sitting = await in_session(session, sitting_id)
    if ruling is not None:
        replaces = ruling == "replace"
        if ruling not in RULINGS or clause is not None or replaces != (degree is not None):
            raise SittingRefused(BAD_QUESTION)
    elif (clause is None) == (degree is None) or (clause is not None and clause not in VIOLATIONS):
        raise SittingRefused(BAD_QUESTION)
    if degree is not None and degree not in SANCTIONS:
        raise SittingRefused(BAD_QUESTION)
    kind = "ruling" if ruling else "violation" if clause is not None else "sanction"
    for put in await store.questions_of(session, sitting.id):
        if put.tallied_at is None and put.kind == kind and put.clause == clause:
            raise SittingRefused(PUT_ALREADY)
    return await store.add_question(
        session,
        SittingQuestion(
            sitting_id=sitting.id,
            kind=kind,
            clause=clause,
            degree=degree,
            months=months,
            ruling=ruling,
            put_at=now,
        ),
    )


async def _open_question(session: AsyncSession, question_id: int) -> SittingQuestion:
    question = await store.question(session, question_id)
    if question is None:
        raise DisciplineError("question", f"no question #{question_id}")
    await in_session(session, question.sitting_id)
    if question.tallied_at is not None:
        raise SittingRefused(TALLIED)
    return question


async def vote(
    session: AsyncSession, now: datetime, *, question_id: int, member_id: int, yes: bool
) -> SittingVote:
    """A member's vote on an open question (a second vote changes the first, until tallied)."""
    question = await _open_question(session, question_id)
    expected = {m.member_id for m in await store.members_of(session, question.sitting_id)}
    if member_id not in expected:
        sitting = await store.by_id(session, question.sitting_id)
        raise SittingRefused(NOT_A_MEMBER, sitting.body if sitting else None)
    return await store.cast(session, question.id, member_id, yes, now)


async def tally(session: AsyncSession, now: datetime, *, question_id: int) -> SittingQuestion:
    """Count a question's votes once every member voted: carried with more than half (note 2)."""
    question = await _open_question(session, question_id)
    expected = await store.members_of(session, question.sitting_id)
    votes = await store.votes_on(session, question.id)
    if len(votes) < len(expected):
        raise SittingRefused(NOT_ALL_VOTED, voted=len(votes), expected=len(expected))
    yes = sum(1 for v in votes if v.yes)
    question.yes_votes, question.no_votes = yes, len(votes) - yes
    question.carried = 2 * yes > len(expected)
    question.tallied_at = now
    await session.flush()
    return question


async def outcome(session: AsyncSession, sitting_id: int) -> Outcome:
    """What the sitting carried: each clause by its latest tallied question; the sanction by
    the latest sanction question tallied."""
    questions = await store.questions_of(session, sitting_id)
    by_clause: dict[str, bool] = {}
    sanction: tuple[int, int | None] | None = None
    ruling: tuple[str, int | None, int | None] | None = None
    failed = False
    for q in questions:
        if q.tallied_at is None:
            continue
        if q.kind == "violation" and q.clause is not None:
            by_clause[q.clause] = bool(q.carried)
        elif q.kind == "sanction" and q.degree is not None:
            sanction = (q.degree, q.months) if q.carried else None
            failed = not q.carried
        elif q.kind == "ruling" and q.ruling is not None:
            ruling = (q.ruling, q.degree, q.months) if q.carried else None
            failed = not q.carried
    order = list(VIOLATIONS)
    found = tuple(sorted((c for c, yes in by_clause.items() if yes), key=order.index))
    not_found = tuple(sorted((c for c, yes in by_clause.items() if not yes), key=order.index))
    untallied = sum(1 for q in questions if q.tallied_at is None)
    return Outcome(found, not_found, sanction, untallied, failed, ruling)


async def close(
    session: AsyncSession, now: datetime, *, sitting_id: int, decision_id: int
) -> Sitting:
    """Mark the sitting as having ruled, with the decision recorded from it."""
    sitting = await in_session(session, sitting_id)
    sitting.status, sitting.closed_at, sitting.decision_id = RULED, now, decision_id
    await session.flush()
    return sitting
