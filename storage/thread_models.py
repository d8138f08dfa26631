"""The tables of the thread with the complainant, the service targets' notices, and ratings.

- `ComplaintQuestion`: a question a desk member asked a complainant about their complaint, and
  the complainant's answer (a text, files, or both) once given. The asker is kept by member id
  only: neither side's chat id, phone or account is copied here.
- `TargetNotice`: that a complaint's service target (the Association's own, not law) was
  reminded to the desk or reported to the Directorate: once per complaint per target, so a
  restart does not repeat it.
- `ComplaintRating`: how the complainant rated the handling of their decided complaint (one
  optional question; one rating per complaint).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base

__all__ = ["ComplaintQuestion", "ComplaintRating", "TargetNotice"]

_ID = BigInteger().with_variant(Integer, "sqlite")


class ComplaintQuestion(Base):
    """A desk member's question to a complainant, and the answer once given."""

    __tablename__ = "complaint_questions"

    id: Mapped[int] = mapped_column(_ID, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("staff_members.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime]
    answer: Mapped[str | None] = mapped_column(Text)
    evidence_ids: Mapped[list[int]] = mapped_column(JSON, default=list)  # files of the answer
    answered_at: Mapped[datetime | None]


class TargetNotice(Base):
    """One service target of one complaint, reminded or reported once."""

    __tablename__ = "target_notices"

    complaint_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True
    )
    target: Mapped[str] = mapped_column(String(24), primary_key=True)
    sent_at: Mapped[datetime]
    recipients: Mapped[int] = mapped_column(Integer)  # outbox rows queued (0: no one to tell)


class ComplaintRating(Base):
    """How the complainant rated the handling of their complaint, 1 to 5."""

    __tablename__ = "complaint_ratings"

    complaint_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True
    )
    stars: Mapped[int] = mapped_column(SmallInteger)
    rated_at: Mapped[datetime]
