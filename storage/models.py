"""The tables of Daftar's store, as SQLAlchemy 2 declarative models.

Platform ids reach 52 bits, so every user or chat id is a BigInteger. Identities are keyed by
(platform, id): Telegram and Bale ids are bare integers that can collide. The staff's tables
(members, roles, invites, links, the audit log) are in `storage.staff_models`, on the same
`storage.base.Base`, and are named here too; so are the thread with the complainant, the
service targets' notices and the ratings (`storage.thread_models`), the disciplinary file's
entries and the publications of final sanctions (`storage.finality_models`), a board's sittings
(`storage.sitting_models`), and the inspections, cases, decisions and appeals
(`storage.discipline_models`).
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
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, validates

from storage.base import Base
from storage.discipline_models import Appeal, Case, Decision, Inspection
from storage.finality_models import DisciplinaryEntry, Publication
from storage.sitting_models import (
    CaseCharge,
    CaseStatement,
    Sitting,
    SittingMember,
    SittingQuestion,
    SittingVote,
)
from storage.staff_models import AuditEntry, StaffInvite, StaffLink, StaffMember, StaffRole
from storage.statuses import (
    COMPLAINT,
    JOB,
    OFFICE,
    OUTBOX,
    ComplaintStatus,
    JobStatus,
    OfficeStatus,
    OutboxStatus,
)
from storage.thread_models import ComplaintQuestion, ComplaintRating, TargetNotice
from storage.types import JalaliDate, StatusText


class Identity(Base):
    """A person as one platform knows them, with the language they chose."""

    __tablename__ = "identities"
    # Sends look a chat up by its id (is it blocked?) on every notice, and mark it blocked.
    __table_args__ = (Index("ix_identities_chat", "platform", "chat_id"),)

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    platform_user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    locale: Mapped[str | None] = mapped_column(String(8))
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    # Set when the platform says the user blocked the bot (403): sends to them stop.
    blocked_at: Mapped[datetime | None]


class Conversation(Base):
    """Where one chat stands in one flow: the step and the answers so far."""

    __tablename__ = "conversations"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    flow: Mapped[str | None] = mapped_column(String(64))
    step: Mapped[str | None] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # How the flow got here (for "back") and whether the user is editing from the review.
    trail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Counts flow starts in this chat, so buttons of an earlier run of the same flow are stale.
    run: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]


class ProcessedUpdate(Base):
    """An update whose effect has been committed; a redelivery of it changes nothing."""

    __tablename__ = "processed_updates"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    bot: Mapped[str] = mapped_column(String(64), primary_key=True)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(index=True)


class Button(Base):
    """An inline button's server side: the short opaque token in its callback data."""

    __tablename__ = "buttons"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # "step": valid while the conversation is at flow/step of run; "action": valid until expires_at.
    kind: Mapped[str] = mapped_column(String(8))
    flow: Mapped[str | None] = mapped_column(String(64))
    step: Mapped[str | None] = mapped_column(String(64))
    run: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str | None] = mapped_column(String(64))
    value: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class OutboxMessage(Base):
    """A message to send, written in the transaction that decided it."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_platform", "status", "platform"),
        # A report's notices delivered or undeliverable, from the index alone.
        Index("ix_outbox_notice_status", "notice_id", "status"),
        # A chat's messages (the notices it already has, the console's own) among every chat's.
        Index("ix_outbox_chat", "platform", "chat_id", "status"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))  # "reply" or "notice"
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[OutboxStatus] = mapped_column(
        StatusText(OutboxStatus, 16), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    update_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    platform_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(Text)
    # A resend sweep's claim: another process leaves the row alone until then.
    claimed_until: Mapped[datetime | None]
    # For notices: not before this moment (a backoff, or the platform's retry_after).
    next_attempt_at: Mapped[datetime | None]
    # The notice this message delivers to one chat (None for replies and plain messages).
    notice_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("notices.id", ondelete="CASCADE"), index=True
    )

    @validates("status")
    def _status_moves(self, key: str, value: OutboxStatus | str) -> OutboxStatus | None:
        return OUTBOX.assign(self, key, value)


class DeliveryAttempt(Base):
    """One try at sending an outbox message: the proof of service, attempt by attempt."""

    __tablename__ = "delivery_attempts"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    outbox_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("outbox.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    # sent, retry_after, transient, undeliverable, rejected
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)
    platform_message_id: Mapped[int | None] = mapped_column(BigInteger)


class InboxUpdate(Base):
    """A raw platform update, committed before the platform is told it arrived.

    Workers take each chat's updates in update order (the oldest row of a chat first) and delete
    the row once the engine has committed its effect; a crash leaves the row for the next worker.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        Index("ix_inbox_update", "platform", "bot", "update_id", unique=True),
        Index("ix_inbox_chat", "platform", "bot", "chat_key", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    bot: Mapped[str] = mapped_column(String(64))
    update_id: Mapped[int] = mapped_column(BigInteger)
    # The chat the update belongs to (0 when it names none): one chat's updates go in order.
    chat_key: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class GroupChat(Base):
    """A group or channel the bot was added to: told once to talk in private, nothing kept."""

    __tablename__ = "group_chats"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    noted_at: Mapped[datetime]


class EligibilityCheck(Base):
    """A stored eligibility self-check: the answers, the rule set and date it used, the sheet."""

    __tablename__ = "eligibility_checks"
    __table_args__ = (Index("ix_eligibility_checks_owner", "platform", "platform_user_id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[int] = mapped_column(BigInteger)
    role: Mapped[str] = mapped_column(String(32))
    edition: Mapped[str] = mapped_column(String(16))
    reference_date: Mapped[jdatetime.date] = mapped_column(JalaliDate())
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    verdict: Mapped[str] = mapped_column(String(32))
    sheet: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]


class Job(Base):
    """Work a flow asked for after its update's commit (a file download, say)."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_platform", "status", "platform"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[JobStatus] = mapped_column(StatusText(JobStatus, 16), default=JobStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]

    @validates("status")
    def _status_moves(self, key: str, value: JobStatus | str) -> JobStatus | None:
        return JOB.assign(self, key, value)


class Office(Base):
    """A Judicial E-Services Office, as the registry lists it."""

    __tablename__ = "offices"
    __table_args__ = (Index("ix_offices_province_city", "province", "city"),)

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)  # for searching by name
    province: Mapped[str] = mapped_column(String(32))  # a province key
    city: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(Text)
    phone: Mapped[str] = mapped_column(String(32))
    manager_name: Mapped[str] = mapped_column(String(200))
    manager_mobile: Mapped[str] = mapped_column(String(11))
    status: Mapped[OfficeStatus] = mapped_column(StatusText(OfficeStatus, 16))
    suspended_until: Mapped[jdatetime.date | None] = mapped_column(JalaliDate())  # its last day
    # Set when a decision set the status: a registry import then leaves the status alone.
    status_decided_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime]

    @validates("status")
    def _status_moves(self, key: str, value: OfficeStatus | str) -> OfficeStatus | None:
        return OFFICE.assign(self, key, value)


class Tariff(Base):
    """The offices' fees for one Jalali year (Art. 9(c)), as an operator imported them."""

    __tablename__ = "tariffs"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(Text)  # where the figures come from, as shown to users
    official: Mapped[bool] = mapped_column(Boolean)  # from the official publication itself?
    # [{"item", "service_fa", "service_en", "rials" (None: no fixed figure), "unit"}, ...]
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    imported_at: Mapped[datetime]


class Complaint(Base):
    """A citizen's complaint against an office (Arts. 15(e), 22), with a tracking code."""

    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_owner", "platform", "platform_user_id"),
        # A report's period, nationally and by office (storage/reports.py; 0021).
        Index("ix_complaints_created_at", "created_at"),
        Index("ix_complaints_office_created", "office_code", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    tracking_code: Mapped[str] = mapped_column(String(10), unique=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    office_code: Mapped[str] = mapped_column(String(32), ForeignKey("offices.code"), index=True)
    association_province: Mapped[str] = mapped_column(String(32), index=True)
    violations: Mapped[list[str]] = mapped_column(JSON)  # clause ids of Art. 25, "25.12"
    # The complainant chose "another matter": for the Association to classify (no clause).
    unclassified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    incident_date: Mapped[jdatetime.date] = mapped_column(JalaliDate())
    description: Mapped[str] = mapped_column(Text)
    overcharge: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    complainant_name: Mapped[str] = mapped_column(String(200))
    complainant_mobile: Mapped[str] = mapped_column(String(11))
    complainant_national_id: Mapped[str | None] = mapped_column(String(10))
    # May the office learn who complained? No unless the complainant said yes.
    identity_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[ComplaintStatus] = mapped_column(StatusText(ComplaintStatus, 24), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime]
    keep_until: Mapped[datetime]
    # The desk (bot/domain/desk.py): the staff member who took it, how the desk closed it
    # ("outside", "unfounded", "duplicate"), the reasons it typed for a ground (as typed), and
    # the earlier complaint it repeats.
    assigned_member_id: Mapped[int | None] = mapped_column(BigInteger)
    closed_as: Mapped[str | None] = mapped_column(String(16))
    closed_reasons: Mapped[str | None] = mapped_column(Text)
    duplicate_of_id: Mapped[int | None] = mapped_column(BigInteger)

    @validates("status")
    def _status_moves(self, key: str, value: ComplaintStatus | str) -> ComplaintStatus | None:
        return COMPLAINT.assign(self, key, value)


class ComplaintEvent(Base):
    """One dated line of a complaint's timeline: a status change, a withdrawal, a note."""

    __tablename__ = "complaint_events"
    # A report's first moves of a complaint, read from the index alone (storage/reports.py).
    __table_args__ = (Index("ix_complaint_events_moves", "complaint_id", "kind", "status", "at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # "status", "withdrawn", "note"
    status: Mapped[ComplaintStatus | None] = mapped_column(StatusText(ComplaintStatus, 24))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]

    @validates("status")
    def _known_status(
        self, key: str, value: ComplaintStatus | str | None
    ) -> ComplaintStatus | None:
        # A line of the timeline records a move the complaint made (checked there): one of its
        # statuses, or none for a withdrawal or a note.
        return None if value is None else COMPLAINT.member(value)


class ComplaintAddition(Base):
    """What a complainant added to their complaint after filing it: a text, files, or both."""

    __tablename__ = "complaint_additions"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str | None] = mapped_column(Text)
    evidence_ids: Mapped[list[int]] = mapped_column(JSON)  # the files sent with it
    at: Mapped[datetime]


class Evidence(Base):
    """A photo or document a complainant sent: where it is kept, and its SHA-256."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[int] = mapped_column(BigInteger)
    complaint_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    # A photo an inspector took at a checklist item (Art. 21): kept like a complaint's evidence.
    inspection_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    file_id: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str | None] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    stored_path: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime]
    stored_at: Mapped[datetime | None]
    problem: Mapped[str | None] = mapped_column(Text)


class Manager(Base):
    """A person's period as an office's manager (Art. 2: appointed; Art. 19: replaced).

    A row is one period at one office. The person is known by the national ID: every period
    with the same code is the same person, whose history (Art. 26 note 3) follows them from
    office to office. A period stored before national IDs were kept has none, and is a person
    of its own.
    """

    __tablename__ = "managers"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    office_code: Mapped[str] = mapped_column(String(32), ForeignKey("offices.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    mobile: Mapped[str] = mapped_column(String(11))
    national_id: Mapped[str | None] = mapped_column(String(10), index=True)  # 10 ASCII digits
    started_at: Mapped[datetime]  # when Daftar learnt of the period (an import, or the act's day)
    # The first day of the period per the Directorate's records (`offices manager-since`), when
    # it is earlier than what Daftar learnt; None: the period starts on started_at's day.
    since: Mapped[jdatetime.date | None] = mapped_column(JalaliDate())
    ended_at: Mapped[datetime | None]  # None: the office's manager now
    # Why the period ended (ManagerEnd: withdrawal, death, other) and the Directorate's note.
    end_reason: Mapped[str | None] = mapped_column(String(16))
    end_note: Mapped[str | None] = mapped_column(Text)


class ManagerLink(Base):
    """A chat through which a manager receives notices; revoked links keep their history."""

    __tablename__ = "manager_links"
    __table_args__ = (Index("ix_manager_links_chat", "platform", "platform_user_id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    manager_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("managers.id"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    linked_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class InviteCode(Base):
    """A one-time code that links a manager's chat to their office."""

    __tablename__ = "invite_codes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    manager_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("managers.id"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_platform: Mapped[str | None] = mapped_column(String(16))
    used_by_user_id: Mapped[int | None] = mapped_column(BigInteger)


class BotAccount(Base):
    """The bot's username on a platform, as getMe last said (for deep links)."""

    __tablename__ = "bot_accounts"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[datetime]


class Notice(Base):
    """A notice to an office manager; delivered to each of their linked chats, acknowledged once."""

    __tablename__ = "notices"
    __table_args__ = (  # a report's period, nationally and by office (storage/reports.py)
        Index("ix_notices_created_at", "created_at"),
        Index("ix_notices_office_created", "office_code", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    manager_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("managers.id"), index=True)
    office_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(24))  # inspection, decision, appeal_ruling, complaint
    subject_id: Mapped[int] = mapped_column(BigInteger)  # what it is about (of its kind)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)  # what the text is rendered from
    created_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_via: Mapped[str | None] = mapped_column(String(40))  # platform:chat
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    last_reminded_at: Mapped[datetime | None]


class ScheduledReport(Base):
    """A scheduled report of one period and one scope: written once, whoever ticks first.

    `outcome` says what became of it: `sent` (queued to `chats` chats), `no_chat` (no chat of
    the directorate role was linked), `before_first_run` (the month the schedule began: a new
    install sends nothing for the months before it ran).
    """

    __tablename__ = "scheduled_reports"

    first_day: Mapped[jdatetime.date] = mapped_column(JalaliDate(), primary_key=True)
    last_day: Mapped[jdatetime.date] = mapped_column(JalaliDate(), primary_key=True)
    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(24))
    chats: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]


class RateSlot(Base):
    """A message the shared rate limit let through, or a 429's pause (storage/rate_slots.py).

    Used on PostgreSQL only, when several processes share the store (on SQLite the table stays
    empty). `scope` is the platform and bot id; `counts_from` is when a slot counts from (a
    running call's a few seconds ahead, an ended one's when it ended) or when a pause ends. Rows
    past every window are deleted as new slots are taken.
    """

    __tablename__ = "rate_slots"
    __table_args__ = (Index("ix_rate_slots_scope", "scope", "counts_from"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    scope: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(8))  # slot or pause
    chat_id: Mapped[int | None] = mapped_column(BigInteger)  # a notice's chat, for its pace
    counts_from: Mapped[datetime]


__all__ = [
    "Appeal",
    "AuditEntry",
    "Base",
    "BotAccount",
    "Button",
    "Case",
    "CaseCharge",
    "CaseStatement",
    "Complaint",
    "ComplaintAddition",
    "ComplaintEvent",
    "ComplaintQuestion",
    "ComplaintRating",
    "Conversation",
    "Decision",
    "DeliveryAttempt",
    "DisciplinaryEntry",
    "EligibilityCheck",
    "Evidence",
    "GroupChat",
    "Identity",
    "InboxUpdate",
    "Inspection",
    "InviteCode",
    "Job",
    "Manager",
    "ManagerLink",
    "Notice",
    "Office",
    "OutboxMessage",
    "ProcessedUpdate",
    "Publication",
    "RateSlot",
    "ScheduledReport",
    "Sitting",
    "SittingMember",
    "SittingQuestion",
    "SittingVote",
    "StaffInvite",
    "StaffLink",
    "StaffMember",
    "StaffRole",
    "TargetNotice",
    "Tariff",
]
