"""Linking an office manager's chats to their office: one-time invite codes, and unlinking.

An invite code is eight characters of an unambiguous alphabet (no 0/O or 1/I to confuse; all
within a deep link's [A-Za-z0-9_-]), for the office's current manager; a newer code replaces the
manager's earlier unused ones. Unlinking an office revokes every chat linked to any of its
managers (the links' history stays) and expires their unused codes.

Each function works in the caller's transaction and refuses, writing nothing, with
`LinkRefused` naming the office.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage import managers, offices
from storage.models import InviteCode, Manager, Office

INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 8


class LinkRefused(Exception):
    """The office cannot be invited to or unlinked: no such office, no manager, nothing linked."""


@dataclass(frozen=True)
class Invited:
    """An invite code issued, and how many earlier unused codes it replaced."""

    office: Office
    manager: Manager
    invite: InviteCode
    replaced: int


@dataclass(frozen=True)
class Unlinked:
    """What unlinking an office revoked."""

    chats: int
    invites: int


def new_invite_code() -> str:
    """Eight characters of the unambiguous alphabet, from the system's secure source."""
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))


async def _office(session: AsyncSession, code: str) -> Office:
    office = await offices.office(session, code)
    if office is None:
        raise LinkRefused(f"no office with code {code}")
    return office


async def invite(
    session: AsyncSession,
    office_code: str,
    now: datetime,
    expires_at: datetime,
    *,
    new_code: Callable[[], str] = new_invite_code,
) -> Invited:
    """Issue a one-time code for the office's current manager, replacing their unused ones."""
    office = await _office(session, office_code)
    manager = await managers.current(session, office.code)
    if manager is None:
        raise LinkRefused(f"office {office.code} has no manager on record")
    replaced = await managers.expire_unused_invites(session, [manager.id], now)
    code = new_code()
    while await managers.invite(session, code) is not None:
        code = new_code()
    issued = await managers.add_invite(session, code, manager.id, now, expires_at)
    return Invited(office, manager, issued, replaced)


async def unlink(session: AsyncSession, office_code: str, now: datetime) -> Unlinked:
    """Revoke the chats linked to the office's managers and expire their unused codes."""
    office = await _office(session, office_code)
    ids = [manager.id for manager in await managers.of_office(session, office.code)]
    revoked = 0
    for manager_id in ids:
        revoked += await managers.revoke_links(session, manager_id, now)
    expired = await managers.expire_unused_invites(session, ids, now)
    if not revoked and not expired:
        raise LinkRefused(
            f"office {office.code} has no linked chat and no unused invite code; nothing revoked"
        )
    return Unlinked(revoked, expired)
