"""The tables of a body's sittings: who was expected, who came, the questions put, the votes.

Written for any body that rules in session: the Primary Disciplinary Board of an Association
(`body` "board", Art. 22) on a case, and the Appeals Board (`body` "appeals_board",
national, Art. 24) on an appealed decision (`subject_kind` "decision").

- `Sitting`: one sitting of a body on a subject (`subject_kind`, `subject_id`: a case, an
  appeal), opened by its chair; `status` is `sitting` (every member present: it may rule),
  `adjourned` (a member was absent: Art. 22 note 2, it may not rule) or `ruled` (its ruling was
  recorded, `decision_id`).
- `SittingMember`: the body's members when the sitting opened (a snapshot: a role granted or
  revoked later does not change who had to sit), their seat, the chair, and whether present.
- `SittingQuestion`: a question the chair put: a violation (`clause`: found or not), a
  sanction (`degree`, `months` for a suspension), or the Appeals Board's ruling on an appeal
  (`ruling`: uphold, replace by `degree`/`months`, overturn): carried or not once tallied.
- `SittingVote`: one member's vote on one question (yes: found / this sanction); changeable
  until the question is tallied.
- `CaseStatement`: the chair's invitation to the office's manager to send a written statement
  before the sitting, and the statement once sent (the Board's practice for a fair hearing, not
  a rule of the directive); one a case.
- `CaseCharge`: what the chair charges on a case before its sitting: the offender (the manager,
  or a staff member by name and post, Art. 25) and the clauses, where the chair changed them
  from those the complaints and findings name.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base

__all__ = [
    "CaseCharge",
    "CaseStatement",
    "Sitting",
    "SittingMember",
    "SittingQuestion",
    "SittingVote",
]

_ID = BigInteger().with_variant(Integer, "sqlite")


class Sitting(Base):
    """One sitting of a body (a board) on one subject (a case, an appeal)."""

    __tablename__ = "sittings"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    body: Mapped[str] = mapped_column(String(24))  # a storage.statuses.Role: board, appeals_board
    association: Mapped[str | None] = mapped_column(String(32), index=True)  # None: national
    subject_kind: Mapped[str] = mapped_column(String(24))
    subject_id: Mapped[str] = mapped_column(String(64))
    opened_by: Mapped[int] = mapped_column(BigInteger, ForeignKey("staff_members.id"))
    opened_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))  # sitting, adjourned, ruled
    closed_at: Mapped[datetime | None]
    decision_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("decisions.id"))


class SittingMember(Base):
    """A member the sitting expected, and whether they were present."""

    __tablename__ = "sitting_members"

    sitting_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sittings.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("staff_members.id"), primary_key=True
    )
    seat: Mapped[str | None] = mapped_column(String(24))  # judge, chair_representative
    chair: Mapped[bool] = mapped_column(Boolean, default=False)
    present: Mapped[bool] = mapped_column(Boolean, default=False)


class SittingQuestion(Base):
    """A question put to the sitting: a violation found, or a sanction."""

    __tablename__ = "sitting_questions"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    sitting_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sittings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # violation, sanction, ruling (an appeal's)
    ruling: Mapped[str | None] = mapped_column(String(16))  # uphold, replace, overturn
    clause: Mapped[str | None] = mapped_column(String(8))  # "25.12" for a violation
    degree: Mapped[int | None] = mapped_column(Integer)  # Art. 23's degree for a sanction
    months: Mapped[int | None] = mapped_column(Integer)  # a suspension's length (degree 5)
    put_at: Mapped[datetime]
    tallied_at: Mapped[datetime | None]
    carried: Mapped[bool | None] = mapped_column(Boolean)
    yes_votes: Mapped[int | None] = mapped_column(Integer)
    no_votes: Mapped[int | None] = mapped_column(Integer)


class SittingVote(Base):
    """One member's vote on one question (changeable until it is tallied)."""

    __tablename__ = "sitting_votes"
    __table_args__ = (UniqueConstraint("question_id", "member_id", name="uq_sitting_votes"),)

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sitting_questions.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("staff_members.id"))
    yes: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime]


class CaseStatement(Base):
    """The manager's written statement to the Board on a case: invited, then sent."""

    __tablename__ = "case_statements"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("cases.id"), unique=True)
    manager_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("managers.id"))
    invited_by: Mapped[int] = mapped_column(BigInteger, ForeignKey("staff_members.id"))
    invited_at: Mapped[datetime]
    text: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]


class CaseCharge(Base):
    """The chair's charge on a case: who, and (if changed) which clauses of Art. 25."""

    __tablename__ = "case_charges"

    case_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("cases.id"), primary_key=True)
    offender: Mapped[str] = mapped_column(String(16))  # manager, staff
    offender_name: Mapped[str | None] = mapped_column(String(200))
    offender_post: Mapped[str | None] = mapped_column(String(24))  # legal_expert, it_expert, clerk
    clauses: Mapped[list[str] | None] = mapped_column(JSON)  # None: as the case names them
    set_by: Mapped[int] = mapped_column(BigInteger, ForeignKey("staff_members.id"))
    set_at: Mapped[datetime]
