"""The disciplinary procedure's tables (Arts. 21–26): inspections, cases, decisions, appeals.

- `Inspection`: a periodic or ad-hoc inspection of an office (Arts. 15(b), 21), its checklist
  and reasoned report.
- `Case`: what the Primary Disciplinary Board hears (Art. 22).
- `Decision`: the Board's ruling from its sitting (Arts. 22–23, 25, 26).
- `Appeal`: an appeal of a degree 5 or 6 to the Appeals Board (Art. 24), and its ruling.

Re-exported from `storage.models`, as every table is.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import jdatetime
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, validates

from storage.base import Base
from storage.statuses import (
    APPEAL,
    CASE,
    DECISION,
    AppealRuling,
    CaseStatus,
    DecisionStatus,
)
from storage.types import JalaliDate, StatusText

__all__ = ["Appeal", "Case", "Decision", "Inspection"]


class Inspection(Base):
    """A periodic or ad-hoc inspection of an office by the Association (Arts. 15(b), 21)."""

    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    office_code: Mapped[str] = mapped_column(String(32), ForeignKey("offices.code"), index=True)
    manager_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("managers.id"))
    kind: Mapped[str] = mapped_column(String(16))  # periodic, ad_hoc
    at: Mapped[datetime]
    inspector: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    findings: Mapped[list[str] | None] = mapped_column(JSON)  # clause ids of Art. 25
    report_path: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime | None]
    # Scheduled ahead and told to the manager (true), or an unannounced ad-hoc visit (false).
    announced: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    inspector_member_id: Mapped[int | None] = mapped_column(BigInteger)  # a StaffMember
    visited_at: Mapped[datetime | None]  # when the visit took place, as the inspector recorded
    # {item id: {"result": met|not_met|not_checked, "note": str|None, "photos": [evidence ids]}}
    checklist: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    conclusion: Mapped[str | None] = mapped_column(Text)  # the inspector's reasons (Art. 21)
    report_text: Mapped[str | None] = mapped_column(Text)
    report_sent_at: Mapped[datetime | None]  # queued to the Council's members (Art. 21)


class Case(Base):
    """What the Primary Disciplinary Board hears (Art. 22): complaints or inspection findings."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_opened_at", "opened_at"),)  # a report's period

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    office_code: Mapped[str] = mapped_column(String(32), ForeignKey("offices.code"), index=True)
    source: Mapped[str] = mapped_column(String(16))  # complaints, inspection
    inspection_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("inspections.id"))
    complaint_ids: Mapped[list[int]] = mapped_column(JSON)
    opened_at: Mapped[datetime]
    status: Mapped[CaseStatus] = mapped_column(StatusText(CaseStatus, 16))

    @validates("status")
    def _status_moves(self, key: str, value: CaseStatus | str) -> CaseStatus | None:
        return CASE.assign(self, key, value)


class Decision(Base):
    """The Primary Board's ruling against the office's manager at the time (Arts. 23, 26)."""

    __tablename__ = "decisions"
    __table_args__ = (  # a report's period: rulings made, rulings become final
        Index("ix_decisions_decided_at", "decided_at"),
        Index("ix_decisions_final_at", "final_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    case_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("cases.id"), index=True)
    manager_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("managers.id"), index=True)
    violations: Mapped[list[str]] = mapped_column(JSON)
    committed_on: Mapped[jdatetime.date] = mapped_column(JalaliDate())  # the violation's day
    sanction: Mapped[int] = mapped_column(Integer)  # Art. 23 degree, 1–6
    months: Mapped[int | None] = mapped_column(Integer)  # degree 5 only
    crime_referral: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str | None] = mapped_column(Text)  # note 3 overridden (before 0018)
    # The sitting (Art. 22 n. 2) and the chair's ruling; who (Art. 25: manager, or staff by name
    # and post); note 2's mitigation (Art. 26); the crime's authority, day, reference (Art. 26).
    sitting_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    ruling_text: Mapped[str | None] = mapped_column(Text)
    offender: Mapped[str] = mapped_column(String(16), default="manager", server_default="manager")
    offender_name: Mapped[str | None] = mapped_column(String(200))
    offender_post: Mapped[str | None] = mapped_column(String(24))  # legal_expert, it_expert, clerk
    mitigation: Mapped[str | None] = mapped_column(Text)
    crime_authority: Mapped[str | None] = mapped_column(String(200))
    crime_referred_on: Mapped[jdatetime.date | None] = mapped_column(JalaliDate())
    crime_reference: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime]
    served_at: Mapped[datetime | None]  # the first delivery, or a recorded service
    served_how: Mapped[str | None] = mapped_column(String(32))
    final_at: Mapped[datetime | None]
    status: Mapped[DecisionStatus] = mapped_column(StatusText(DecisionStatus, 16))
    effect_applied_at: Mapped[datetime | None]  # when a final 5 or 6 changed the office
    # Art. 23, degree 1: the day the Board gave the verbal warning in person (degree 1 only).
    warned_on: Mapped[jdatetime.date | None] = mapped_column(JalaliDate())

    @validates("status")
    def _status_moves(self, key: str, value: DecisionStatus | str) -> DecisionStatus | None:
        return DECISION.assign(self, key, value)


class Appeal(Base):
    """An appeal of a degree 5 or 6 to the Appeals Board (Art. 24), and its ruling."""

    __tablename__ = "appeals"
    __table_args__ = (Index("ix_appeals_filed_at", "filed_at"),)  # a report's period

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    decision_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("decisions.id"), index=True)
    by: Mapped[str] = mapped_column(String(16))  # manager, center_head
    grounds: Mapped[str] = mapped_column(Text)
    filed_at: Mapped[datetime]
    ruling: Mapped[AppealRuling | None] = mapped_column(StatusText(AppealRuling, 16))
    new_sanction: Mapped[int | None] = mapped_column(Integer)
    new_months: Mapped[int | None] = mapped_column(Integer)
    ruled_at: Mapped[datetime | None]
    # The ruling as the presiding member wrote it, and the sitting that carried it (a ruling
    # recorded in chat; the command line may record one without).
    ruling_text: Mapped[str | None] = mapped_column(Text)
    sitting_id: Mapped[int | None] = mapped_column(BigInteger)

    @validates("ruling")
    def _ruled_once(self, key: str, value: AppealRuling | str | None) -> AppealRuling | None:
        return APPEAL.assign(self, key, value)
