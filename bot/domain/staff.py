"""THE authorisation of every staff action, and the audit log it writes.

**Authorising** (`authorise`): every staff action, every time, from the store alone: the chat's
link and its member, the member's roles now, the role's scope against the subject's Association,
the subject's state now (`staff_actions.ACTIONS` says what each action needs). A button carries
only an opaque token (`storage/buttons.py`); what it names is read again, never trusted. The
outcome is a `Grant` or a `Refusal`, never an exception, and the audit entry of either is written
in the caller's transaction. The engine commits one transaction per update, and a refusal is an
ordinary reply, so a refusal's entry commits with it; an allowed action's entry rolls back with
the action if the action fails. `refuse_press` audits the presses the engine could not resolve
(a button of another chat, an expired one, an unknown token from a member's chat).

`whois` says which member a chat acts for (or why none); `audit` writes one entry, for this module
and for `bot.domain.staff_members` (invites, links, revocations: who is staff).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.staff_actions import ACTIONS, SELF, SUBJECTS, StaffAction, Subject, SubjectRef
from storage import staff as store
from storage.models import AuditEntry, StaffMember, StaffRole
from storage.statuses import AuditOutcome, Role, StaffStatus


@dataclass(frozen=True)
class ChatIdentity:
    """Who acts, as the platform knows them: the account and the chat it wrote from."""

    platform: str
    user_id: int | None
    chat_id: int | None


#: The operator's command line, as the audit log names it.
OPERATOR: Final = ChatIdentity("cli", None, None)


class Refused(StrEnum):
    """Why an action was refused; the audit log keeps the value."""

    NOT_STAFF = "not_staff"  # the account was never linked to a member
    UNLINKED = "unlinked"  # its link was ended (the member is still active)
    REVOKED = "revoked"  # the member was revoked
    NO_ROLE = "no_role"  # no role the action allows is held now
    OTHER_ASSOCIATION = "other_association"  # the role is held for another Association
    NOT_CHAIR = "not_chair"  # the action is the chair's (Art. 22 note 2)
    NO_SUBJECT = "no_subject"  # what it acts on does not exist
    SUBJECT_STATE = "subject_state"  # what it acts on is not in a state the action applies to
    CONDITION = "condition"  # the action's condition does not hold
    REPLAYED = "replayed"  # a button of a one-time action, pressed again
    FOREIGN_BUTTON = "foreign_button"  # a button of another chat (forged callback data)
    UNKNOWN_BUTTON = "unknown_button"  # a token the server never issued (or long forgotten)
    EXPIRED_BUTTON = "expired_button"
    UNKNOWN_ACTION = "unknown_action"


@dataclass(frozen=True)
class Grant:
    """An action allowed: the member, the role it is done as (None: their own), the subject."""

    member: StaffMember
    role: StaffRole | None
    subject: Subject | None
    entry: AuditEntry


@dataclass(frozen=True)
class Refusal:
    """An action refused, and why; nothing was done but the audit entry."""

    reason: Refused
    action: StaffAction | None
    member: StaffMember | None
    entry: AuditEntry
    subject: Subject | None = None
    role: StaffRole | None = None  # the role that fell short (of scope, of the chair)
    roles: tuple[StaffRole, ...] = ()  # the roles the member holds now
    linked: bool = False  # whether the chat is linked to an active member now


# ---- the audit log ----


async def audit(
    session: AsyncSession,
    actor: ChatIdentity,
    action: str,
    now: datetime,
    *,
    outcome: AuditOutcome,
    member: StaffMember | None = None,
    role: StaffRole | Role | None = None,
    subject: SubjectRef | Subject | None = None,
    reason: StrEnum | None = None,
    detail: str | None = None,
    button: str | None = None,
) -> AuditEntry:
    """Write one audit entry in the caller's transaction."""
    return await store.add_audit(
        session,
        at=now,
        member_id=member.id if member is not None else None,
        role=role.role if isinstance(role, StaffRole) else role,
        action=action,
        subject_kind=subject.kind if subject is not None else None,
        subject_id=subject.id if subject is not None else None,
        outcome=outcome,
        reason=reason,
        detail=detail,
        platform=actor.platform,
        chat_id=actor.chat_id,
        user_id=actor.user_id,
        button=button,
    )


# ---- who acts, and authorising ----


async def whois(
    session: AsyncSession, actor: ChatIdentity
) -> tuple[StaffMember | None, Refused | None]:
    """The member the actor's account is linked to (None, or why it may not act)."""
    if actor.user_id is None:
        return None, Refused.NOT_STAFF
    # One query for most chats: an account has at most one link now, its newest (linking anew
    # ends the earlier one), so the newest link says both whether and why not.
    last = await store.last_link_of(session, actor.platform, actor.user_id)
    if last is None:
        return None, Refused.NOT_STAFF
    member = await store.member(session, last.member_id)
    if member is None:
        return None, Refused.NOT_STAFF
    if member.status is StaffStatus.REVOKED:
        return member, Refused.REVOKED
    return member, None if last.revoked_at is None else Refused.UNLINKED


async def active_member(session: AsyncSession, actor: ChatIdentity) -> StaffMember | None:
    """The active member the actor's chat is linked to now, if any (for what a menu shows)."""
    member, why = await whois(session, actor)
    return member if why is None else None


def _reaches(role: StaffRole, subject: Subject | None) -> bool:
    # The one scope rule (staff_actions' docstring): an Association's role stays in it.
    if role.association is None or subject is None or subject.association is None:
        return True
    return role.association == subject.association


async def authorise(
    session: AsyncSession,
    settings: Settings,
    actor: ChatIdentity,
    action: str,
    subject: SubjectRef | None,
    now: datetime,
    *,
    button: str | None = None,
    actions: Mapping[str, StaffAction] = ACTIONS,
) -> Grant | Refusal:
    """Decide from the store whether the actor may take *action* on *subject* now; audit it.

    The checks, in order: a one-time button not used before; the chat's member, linked and
    active; a role the action allows; the subject, as stored now; the role's scope; the chair,
    where the action is the chair's; the subject's state; the action's condition.
    """
    rule = actions.get(action)
    member, why = await whois(session, actor)

    async def refused(
        reason: Refused,
        member: StaffMember | None,
        *,
        found: Subject | None = None,
        role: StaffRole | None = None,
        roles: tuple[StaffRole, ...] = (),
    ) -> Refusal:
        entry = await audit(
            session,
            actor,
            action,
            now,
            outcome=AuditOutcome.REFUSED,
            member=member,
            role=role,
            subject=found or subject,
            reason=reason,
            button=button,
        )
        linked = member is not None and why is None
        return Refusal(reason, rule, member, entry, found, role, roles, linked)

    if rule is None:
        return await refused(Refused.UNKNOWN_ACTION, member)
    if rule.once and button is not None and await store.button_acted(session, button):
        return await refused(Refused.REPLAYED, member)
    if member is None or why is not None:
        return await refused(why or Refused.NOT_STAFF, member)
    held = tuple(await store.roles_of(session, [member.id]))
    allowed = [r for r in held if rule.roles is None or r.role in rule.roles]
    if rule.roles is not None and not allowed:
        return await refused(Refused.NO_ROLE, member, roles=held)
    found: Subject | None = None
    if rule.subject != SELF:
        loader = SUBJECTS[rule.subject]
        if subject is not None and subject.kind == rule.subject:
            found = await loader(session, settings, subject.id)
        if found is None:
            return await refused(Refused.NO_SUBJECT, member, roles=held)
    reaching = [r for r in allowed if _reaches(r, found)]
    if rule.roles is not None and not reaching:
        return await refused(
            Refused.OTHER_ASSOCIATION, member, found=found, role=allowed[0], roles=held
        )
    if rule.chair_only and not any(r.chair for r in reaching):
        return await refused(Refused.NOT_CHAIR, member, found=found, role=reaching[0], roles=held)
    if rule.chair_only:
        reaching = [r for r in reaching if r.chair]
    if found is not None and rule.states is not None and found.state not in rule.states:
        return await refused(Refused.SUBJECT_STATE, member, found=found, roles=held)
    if found is not None and rule.condition is not None and not rule.condition(found):
        return await refused(Refused.CONDITION, member, found=found, roles=held)
    # Done as the role held for the subject's own Association if there is one, else nationally.
    reaching.sort(key=lambda r: r.association is None)
    role = reaching[0] if rule.roles is not None else None
    entry = await audit(
        session,
        actor,
        action,
        now,
        outcome=AuditOutcome.ALLOWED,
        member=member,
        role=role,
        subject=found or subject,
        button=button,
    )
    return Grant(member, role, found, entry)


async def refuse_press(
    session: AsyncSession,
    actor: ChatIdentity,
    reason: Refused,
    token: str,
    now: datetime,
    *,
    action: str | None = None,
    subject: SubjectRef | None = None,
    detail: str | None = None,
) -> Refusal:
    """Audit a staff button the engine could not resolve for this chat (forged, expired)."""
    member, why = await whois(session, actor)
    entry = await audit(
        session,
        actor,
        action or "unknown",
        now,
        outcome=AuditOutcome.REFUSED,
        member=member,
        subject=subject,
        reason=reason,
        detail=detail,
        button=token[:32],
    )
    linked = member is not None and why is None
    return Refusal(reason, ACTIONS.get(action or ""), member, entry, linked=linked)
