"""Who is staff: invite codes, inviting and revoking (the operator's), linking chats.

**Inviting** (`invite`, from `daftar staff invite`): a new member (`name`) or an existing one
(`member_id`) is granted a role (`bot.domain.staff_actions.ROLES` says whether it needs an
Association) and gets a one-time code, twelve characters of an unambiguous alphabet, valid
`Settings.invite_days` (a setting, not law). Only the code's SHA-256 is stored: the code is shown
once. An existing member invited without a role gets a code to link one more chat (Telegram and
Bale each need their own).

**Linking** (`link`, from the chat): the code, typed (any case, any digits, dashes and spaces
ignored) or in the deep link `/start staff-CODE`, links the sender's account on that platform to
the member, once; an account is linked to one member at a time. `unlink` ends this chat's link.

**Revoking** (`revoke`): a member, or one of their roles. A revoked member's roles, links and
unused codes end; their old buttons do nothing but say so (`bot.domain.staff.authorise`).

Each works in the caller's transaction, refuses with `StaffRefused` before writing anything, and
is audited: `invite` and `revoke` as the command line (`OPERATOR`), `link` as the chat.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.manager_links import INVITE_ALPHABET
from bot.domain.staff import OPERATOR, ChatIdentity, Grant, audit
from bot.domain.staff_actions import ROLES, Scope, SubjectRef
from bot.text.persian import to_ascii_digits
from storage import staff as store
from storage.models import StaffInvite, StaffLink, StaffMember, StaffRole
from storage.statuses import AuditOutcome, Role, StaffStatus

CODE_LENGTH: Final = 12
#: A staff code in a deep link: /start staff-CODE (Telegram allows [A-Za-z0-9_-], 64 at most).
DEEP_LINK_PREFIX: Final = "staff-"


# ---- codes ----


def new_staff_code() -> str:
    """Twelve characters of the unambiguous alphabet, from the system's secure source."""
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(CODE_LENGTH))


def typed_code(text: str) -> str:
    """A code as typed or linked: any digits and case; spaces, dashes and the prefix ignored."""
    plain = "".join(ch for ch in to_ascii_digits(text).upper() if ch.isalnum())
    return plain.removeprefix("STAFF")


def shown_code(code: str) -> str:
    """A code as printed for people to copy: in groups of four."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_hash(code: str) -> str:
    """The stored form of a code: the SHA-256 of its typed form, in hex."""
    return hashlib.sha256(typed_code(code).encode("ascii")).hexdigest()


# ---- inviting and revoking (the operator's) ----


class StaffRefused(Exception):
    """An invite or a revocation the store does not allow; nothing was written."""


@dataclass(frozen=True)
class Invited:
    """A code issued: for whom, with which role, and the code itself (shown once)."""

    member: StaffMember
    role: StaffRole | None
    invite: StaffInvite
    code: str


#: A Primary Board member's seats (Art. 22): a judge on the Association's board (clause 1), or
#: the representative of the Association's chair who is not on its board (clause 2).
BOARD_SEATS = ("judge", "chair_representative")


def _check_seat(role: Role, chair: bool, seat: str | None) -> str | None:
    """The seat of a Primary Board member (Art. 22); the chair is a judge (note 1)."""
    if seat is None:
        return "judge" if chair else None
    if role is not Role.BOARD:
        raise StaffRefused(f"only a Primary Board member has a seat (Article 22), not {role}")
    if seat not in BOARD_SEATS:
        raise StaffRefused(f"a seat is one of {', '.join(BOARD_SEATS)} (Article 22)")
    if chair and seat != "judge":
        raise StaffRefused(
            "the Board's chair is one of its judge members (Article 22, note 1): the chair's "
            "representative cannot be marked chair"
        )
    return seat


def _check_scope(role: Role, association: str | None, chair: bool, known: Collection[str]) -> None:
    rule = ROLES[role]
    if rule.scope is Scope.ASSOCIATION and association is None:
        raise StaffRefused(f"the role {role} is held for an Association: name its province")
    if rule.scope is Scope.NATIONAL and association is not None:
        raise StaffRefused(f"the role {role} is national: it takes no Association")
    if association is not None and association not in known:
        raise StaffRefused(
            f"{association} has no Association of its own (Article 12; the Associations are "
            f"{', '.join(known)}, a setting)"
        )
    if chair and not rule.chair:
        raise StaffRefused(f"only a board member can be the Board's chair, not {role}")


async def _granted(
    session: AsyncSession,
    member: StaffMember,
    role: Role,
    association: str | None,
    chair: bool,
    now: datetime,
    seat: str | None = None,
) -> StaffRole:
    held = await store.roles_of(session, [member.id])
    if any((r.role, r.association) == (role, association) for r in held):
        where = f" for {association}" if association else ""
        raise StaffRefused(
            f"member #{member.id} already holds {role}{where}; to link another chat, invite "
            "them without a role"
        )
    if chair and association is not None:
        sitting = await store.board_chair(session, association)
        if sitting is not None:
            raise StaffRefused(
                f"the Primary Board of {association} has a chair already (member "
                f"#{sitting.member_id}; Article 22, note 1: one chair): revoke that role first"
            )
    if chair and role is Role.APPEALS_BOARD:
        presiding = await store.board_chair(session, None, Role.APPEALS_BOARD)
        if presiding is not None:
            raise StaffRefused(
                f"the Appeals Board has a presiding member already (member "
                f"#{presiding.member_id}; one presides, the service's practice: Article 24 names "
                "no chair): revoke that role first"
            )
    return await store.add_role(session, member.id, role, association, chair, now, seat=seat)


async def invite(
    session: AsyncSession,
    settings: Settings,
    now: datetime,
    expires_at: datetime,
    *,
    name: str | None = None,
    member_id: int | None = None,
    role: Role | None = None,
    association: str | None = None,
    chair: bool = False,
    seat: str | None = None,
    new_code: Callable[[], str] = new_staff_code,
) -> Invited:
    """Grant a role (to a new member, or to *member_id*) and issue a one-time code to link."""
    if role is not None:
        _check_scope(role, association, chair, settings.association_keys)
        seat = _check_seat(role, chair, seat)
    elif association is not None or chair or seat is not None:
        raise StaffRefused("an Association or --chair goes with a role")
    if member_id is not None:
        member = await store.member(session, member_id)
        if member is None:
            raise StaffRefused(f"no staff member #{member_id}")
        if member.status is StaffStatus.REVOKED:
            raise StaffRefused(f"member #{member_id} was revoked: invite the person anew")
    elif name and role is not None:
        member = await store.add_member(session, name, now)
    else:
        raise StaffRefused("a new member needs a name and a role")
    granted = (
        await _granted(session, member, role, association, chair, now, seat)
        if role is not None
        else None
    )
    code = new_code()
    while await store.invite_by_hash(session, code_hash(code)) is not None:
        code = new_code()
    issued = await store.add_invite(
        session, member.id, granted.id if granted else None, code_hash(code), now, expires_at
    )
    await audit(
        session,
        OPERATOR,
        "staff.invite",
        now,
        outcome=AuditOutcome.ALLOWED,
        member=member,
        role=granted,
        subject=SubjectRef("member", str(member.id)),
        detail=f"invite #{issued.id}"
        + (f"; {role} {association or 'national'}{' chair' if chair else ''}" if role else ""),
    )
    return Invited(member, granted, issued, code)


@dataclass(frozen=True)
class Revoked:
    """What a revocation ended."""

    member: StaffMember
    roles: tuple[StaffRole, ...]


async def revoke(
    session: AsyncSession,
    member_id: int,
    now: datetime,
    *,
    role: Role | None = None,
    association: str | None = None,
) -> Revoked:
    """Revoke a member (every role, link and unused code), or only one of their roles."""
    member = await store.member(session, member_id)
    if member is None:
        raise StaffRefused(f"no staff member #{member_id}")
    if member.status is StaffStatus.REVOKED:
        raise StaffRefused(f"member #{member_id} was revoked already")
    held = await store.roles_of(session, [member.id])
    if role is None:
        await store.revoke_member(session, member, now)
        ended = tuple(held)
    else:
        ended = tuple(r for r in held if (r.role, r.association) == (role, association))
        if not ended:
            where = f" for {association}" if association else ""
            raise StaffRefused(f"member #{member_id} holds no {role}{where}")
        for one in ended:
            await store.revoke_role(session, one, now)
    await audit(
        session,
        OPERATOR,
        "staff.revoke",
        now,
        outcome=AuditOutcome.ALLOWED,
        member=member,
        role=ended[0] if role is not None else None,
        subject=SubjectRef("member", str(member.id)),
        detail="member" if role is None else f"role {role} {association or 'national'}",
    )
    return Revoked(member, ended)


# ---- linking a chat (the member's own) ----


class LinkRefused(StrEnum):
    """Why a code did not link the chat."""

    UNKNOWN = "unknown_code"
    USED = "used_code"
    EXPIRED = "expired_code"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Linked:
    """The chat linked (or found linked already, by the same code) to the member."""

    member: StaffMember
    link: StaffLink
    again: bool


@dataclass(frozen=True)
class LinkRefusal:
    """A code that did not link; `invite` is the code's row when it was one of ours."""

    reason: LinkRefused
    invite: StaffInvite | None


async def link(
    session: AsyncSession, actor: ChatIdentity, typed: str, now: datetime
) -> Linked | LinkRefusal:
    """Link the actor's chat to the member a code was issued for, once; audited either way."""
    found = await store.invite_by_hash(session, code_hash(typed)) if typed_code(typed) else None
    member = await store.member(session, found.member_id) if found is not None else None
    reason: LinkRefused | None = None
    if found is None or member is None:
        reason = LinkRefused.UNKNOWN
    elif found.used_at is not None:
        current = await store.link_of(session, actor.platform, actor.user_id or 0)
        mine = (found.used_platform, found.used_user_id) == (actor.platform, actor.user_id)
        if mine and current is not None and current.member_id == member.id:
            return Linked(member, current, again=True)
        reason = LinkRefused.USED
    elif member.status is StaffStatus.REVOKED:
        reason = LinkRefused.REVOKED
    elif found.expires_at <= now:
        reason = LinkRefused.EXPIRED
    subject = SubjectRef("invite", str(found.id)) if found is not None else None
    if reason is not None:
        await audit(
            session,
            actor,
            "staff.link",
            now,
            outcome=AuditOutcome.REFUSED,
            member=member,
            subject=subject,
            reason=reason,
        )
        return LinkRefusal(reason, found)
    assert found is not None and member is not None
    linked = await store.add_link(
        session, member.id, actor.platform, actor.user_id or 0, actor.chat_id or 0, now
    )
    found.used_at, found.used_platform, found.used_user_id = now, actor.platform, actor.user_id
    await audit(
        session,
        actor,
        "staff.link",
        now,
        outcome=AuditOutcome.ALLOWED,
        member=member,
        subject=subject,
        detail=f"link #{linked.id}",
    )
    return Linked(member, linked, again=False)


async def unlink(session: AsyncSession, grant: Grant, actor: ChatIdentity, now: datetime) -> bool:
    """End the link of the actor's account to the granted member; False if there was none."""
    current = await store.link_of(session, actor.platform, actor.user_id or 0)
    if current is None or current.member_id != grant.member.id:
        return False
    await store.revoke_link(session, current, now)
    return True
