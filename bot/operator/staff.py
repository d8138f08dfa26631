"""`daftar staff`: inviting, listing and revoking the staff who act in chat.

    daftar staff invite --name N --role R [--association A] [--chair] [--seat S] [--json]
    daftar staff invite --member ID [--role R [--association A] [--chair]] [--json]
    daftar staff list [--json]
    daftar staff revoke ID [--role R [--association A]]

`invite` grants the role (to a new member named N, or to member ID) and prints a one-time code
and, once the bot's Telegram username is known (the bot stores it when it starts), the Telegram
deep link `https://t.me/BOT?start=staff-CODE`. The person sends /staff in the bot and types the
code, on Telegram, Bale or the console; each chat needs a code of its own, so `--member ID`
without `--role` issues one more. The code is valid `DAFTAR_INVITE_DAYS` days (a setting) and is
printed only now: the store keeps its SHA-256.

A role of the Association (`desk`, `inspector`, `board`) needs `--association`: the province an
Association sits in (its key, or its Persian or English name), one of
`DAFTAR_ASSOCIATION_PROVINCES` (Art. 12); the national roles (`appeals_board`, `directorate`,
`center_head`) take none. `--chair` marks the Primary Board's chair, one of its judges (Art. 22
note 1): one a Board. `--seat judge|chair_representative` says a Board member's seat (Art. 22:
a judge on the Association's board, or the representative of the Association's chair); the chair
is a judge, so a representative cannot be marked chair. On `appeals_board`, `--chair` marks the
member who presides over the Appeals Board's sittings: Art. 24 names no chair, so this is the
service's practice (one at a time).

`list` prints every member (revoked ones too) with their roles, linked chats and unused codes;
dates are Jalali, in Tehran. `revoke` ends a member (every role, link and unused code; their old
buttons then say so), or only one role. Every invite and revocation is in the audit log (`daftar
audit list`). Bad input is reported naming its field, nothing is written, exit status 2.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings, load_settings
from bot.data import bundled_provinces
from bot.domain import staff_members
from bot.domain.offices_csv import match_province
from bot.domain.staff_actions import ROLES
from bot.operator.common import BadInput, Now, clock, fail, run_alone, with_store
from bot.operator.discipline_args import number
from bot.operator.discipline_transactions import read
from bot.operator.discipline_views import dump, iso_utc, jalali_text, say, table
from bot.operator.offices import deep_links
from bot.operator.parsers.staff import ROLE_NAMES, register
from storage import managers
from storage import staff as store
from storage.models import StaffMember, StaffRole
from storage.statuses import Role

PROG = "daftar staff"
NAME_MAX_CHARS = 200


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar staff …` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)


# ---- what the operator typed ----


def role_value(text: str | None) -> Role | None:
    """A role as typed (case, dashes and spaces aside), or BadInput listing the roles."""
    if text is None:
        return None
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in set(Role):
        raise BadInput(f"--role: unknown role {text!r}; use one of {ROLE_NAMES}")
    return Role(key)


def association_key(text: str | None) -> str | None:
    """The province key an Association is named by, or BadInput."""
    if text is None:
        return None
    key = match_province(text, bundled_provinces())
    if key is None:
        raise BadInput(f"--association: no province {text!r}; give its key or its name")
    return key


def person_name(text: str | None) -> str | None:
    """A new member's name, trimmed, or BadInput when empty or too long."""
    if text is None:
        return None
    name = " ".join(text.split())
    if not name or len(name) > NAME_MAX_CHARS:
        raise BadInput(f"--name: a name of 1 to {NAME_MAX_CHARS} characters")
    return name


# ---- the commands ----


def _role_json(role: StaffRole, settings: Settings) -> dict[str, Any]:
    return {
        "id": role.id,
        "role": str(role.role),
        "association": role.association,
        "chair": role.chair,
        "seat": role.seat,
        "cites": ROLES[role.role].cites,
        "granted_at": iso_utc(role.granted_at),
        "granted_jalali": jalali_text(role.granted_at, settings, with_time=True),
        "revoked_at": iso_utc(role.revoked_at),
    }


def role_text(role: StaffRole) -> str:
    """A role in one phrase: "board tehran (chair)", "directorate national"."""
    chair = " (chair)" if role.chair else ""
    seat = f" [{role.seat}]" if role.seat else ""
    return f"{role.role} {role.association or 'national'}{chair}{seat}"


def _write(settings: Settings, work: Any) -> Any:
    async def _run(sessions: async_sessionmaker[AsyncSession]) -> Any:
        try:
            async with sessions() as session, session.begin():
                return await work(session)
        except staff_members.StaffRefused as refused:
            raise BadInput(str(refused)) from None

    return asyncio.run(with_store(settings, _run))


def cmd_invite(args: argparse.Namespace) -> int:
    """`staff invite`: a role, and a one-time code to link a chat."""
    settings = load_settings()
    now = clock(args)()
    try:
        role = role_value(args.role)
        association = association_key(args.association)
        name = person_name(args.name)
        member_id = number(args.member, "--member", "member") if args.member else None
    except BadInput as bad:
        return fail(PROG, bad)
    expires = now + timedelta(days=settings.invite_days)

    async def _invite(session: AsyncSession) -> tuple[staff_members.Invited, dict[str, str]]:
        invited = await staff_members.invite(
            session,
            settings,
            now,
            expires,
            name=name,
            member_id=member_id,
            role=role,
            association=association,
            chair=args.chair,
            seat=args.seat,
        )
        accounts = await managers.bot_accounts(session)
        return invited, deep_links(accounts, staff_members.DEEP_LINK_PREFIX + invited.code)

    try:
        invited, links = _write(settings, _invite)
    except BadInput as bad:
        return fail(PROG, bad)
    member, code = invited.member, invited.code
    if args.json:
        dump(
            {
                "member": {"id": member.id, "name": member.name},
                "role": _role_json(invited.role, settings) if invited.role else None,
                "code": code,
                "expires": iso_utc(invited.invite.expires_at),
                "expires_jalali": jalali_text(invited.invite.expires_at, settings, with_time=True),
                "links": links,
            }
        )
    else:
        print(f"member: #{member.id} {member.name}")
        if invited.role is not None:
            print(f"role: {role_text(invited.role)} ({ROLES[invited.role.role].cites})")
        print(f"code: {staff_members.shown_code(code)}")
        print(
            f"expires: {jalali_text(invited.invite.expires_at, settings, with_time=True)} "
            f"(Tehran), {iso_utc(invited.invite.expires_at)}"
        )
        for platform, url in links.items():
            print(f"{platform}: {url}")
    lines = [
        "they send /staff to the bot and type the code (or open the link), on any platform; "
        f"the code works once, for {settings.invite_days} days (DAFTAR_INVITE_DAYS, a setting), "
        "and is shown only now",
    ]
    if "telegram" not in links:
        lines.append("no Telegram link: the bot's username is not known yet (run the bot once)")
    say(PROG, lines)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """`staff list`: every member, with roles, chats and unused codes."""
    settings = load_settings()
    now = clock(args)()

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await store.members(session)
        ids = [m.id for m in found]
        roles = await store.roles_of(session, ids, revoked_too=True)
        links = await store.links_of(session, ids)
        invites = await store.pending_invites(session, ids, now)
        return [_member_json(m, roles, links, invites, settings) for m in found]

    documents = read(settings, _list)
    if args.json:
        dump(documents)
        return 0
    rows = [
        [
            f"#{d['id']}",
            d["name"],
            d["status"],
            "; ".join(r["text"] for r in d["roles"] if r["revoked_at"] is None) or "-",
            ", ".join(c["platform"] for c in d["chats"]) or "-",
            str(len(d["unused_codes"])),
            d["since_jalali"],
        ]
        for d in documents
    ]
    table(["id", "name", "status", "roles", "chats", "codes", "since (Tehran)"], rows)
    print(f"{len(rows)} member{'' if len(rows) == 1 else 's'}")
    return 0


def _member_json(
    member: StaffMember,
    roles: Sequence[StaffRole],
    links: Sequence[Any],
    invites: Sequence[Any],
    settings: Settings,
) -> dict[str, Any]:
    return {
        "id": member.id,
        "name": member.name,
        "status": str(member.status),
        "since": iso_utc(member.created_at),
        "since_jalali": jalali_text(member.created_at, settings),
        "revoked_at": iso_utc(member.revoked_at),
        "roles": [
            {**_role_json(r, settings), "text": role_text(r)}
            for r in roles
            if r.member_id == member.id
        ],
        "chats": [
            {"platform": c.platform, "chat_id": c.chat_id, "linked_at": iso_utc(c.linked_at)}
            for c in links
            if c.member_id == member.id
        ],
        "unused_codes": [
            {"invite": i.id, "expires": iso_utc(i.expires_at)}
            for i in invites
            if i.member_id == member.id
        ],
    }


def cmd_revoke(args: argparse.Namespace) -> int:
    """`staff revoke ID`: a member, or one role."""
    settings = load_settings()
    now = clock(args)()
    try:
        member_id = number(args.id, "ID", "member")
        role = role_value(args.role)
        association = association_key(args.association)
        if association is not None and role is None:
            raise BadInput("--association: goes with --role")
    except BadInput as bad:
        return fail(PROG, bad)

    async def _revoke(session: AsyncSession) -> staff_members.Revoked:
        return await staff_members.revoke(
            session, member_id, now, role=role, association=association
        )

    try:
        revoked = _write(settings, _revoke)
    except BadInput as bad:
        return fail(PROG, bad)
    ended = ", ".join(role_text(r) for r in revoked.roles) or "no role"
    if role is None:
        say(PROG, [f"member #{member_id} revoked: {ended}; their chats and unused codes ended"])
    else:
        say(PROG, [f"member #{member_id}: {ended} revoked; the member stays"])
    return 0
