"""The staff menu, "my roles and chats", and unlinking this chat: a member's own screens.

What the menu offers follows the member's roles now (a desk or Directorate role: the waiting
complaints of each Association it reaches; an inspector's: its Association's inspections; the
Directorate's: its reports);
pressing any of it is authorised again (guard.py).
"""

from __future__ import annotations

from typing import Final

from bot.domain import staff_members
from bot.domain.staff import Grant
from bot.domain.staff_actions import ACTIONS, SubjectRef
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.menu import MENU
from bot.flows.staff.guard import actor_of
from bot.flows.staff.inspect_lists import LIST as INSPECTIONS
from bot.flows.staff.inspect_lists import inspector_associations
from bot.flows.staff.replies import STAFF_MENU, association_name, role_line, ways_on
from bot.text.markers import N_
from storage import staff as store
from storage.models import StaffRole
from storage.statuses import Role

ROLES: Final = "staff.roles"
UNLINK_ASK: Final = "staff.unlink_ask"
UNLINK: Final = "staff.unlink"
WAITING: Final = "desk.waiting"
ASK_START: Final = "desk.ask_start"  # bot/flows/staff/ask.py
CENTER_DECISIONS: Final = "center_head.decisions"  # bot/flows/staff/center_appeals.py
BOARD_CASES: Final = "board.cases"  # bot/flows/staff/board_view.py
APPEALS: Final = "appeals.list"  # bot/flows/staff/appeals_view.py
REPORTS: Final = "report.start"  # bot/flows/staff/reports.py
PLATFORM_NAMES: Final = {"telegram": N_("Telegram"), "bale": N_("Bale"), "console": N_("console")}


def listable(ctx: Context, roles: list[StaffRole]) -> list[str]:
    """The Associations whose waiting complaints the member's roles reach (display only)."""
    allowed = ACTIONS[WAITING].roles or frozenset()
    keys: list[str] = []
    for role in roles:
        if role.role in allowed:
            reach = [role.association] if role.association else ctx.settings.association_keys
            keys += [key for key in reach if key not in keys]
    return keys


def _role_lines(ctx: Context, roles: list[StaffRole]) -> list[str]:
    if not roles:
        return [ctx.t(N_("You hold no role now."))]
    return [ctx.t(N_("Your roles:")), *(role_line(ctx, role) for role in roles)]


async def show_menu(ctx: Context, grant: Grant) -> list[Message]:
    """The staff menu: the member's roles, and what they may open."""
    roles = await store.roles_of(ctx.session, [grant.member.id])
    lines = [ctx.t(N_("🛡 Staff menu: {name}"), name=grant.member.name), *_role_lines(ctx, roles)]
    buttons: list[list[Button]] = [
        [
            Action(
                ctx.t(
                    N_("📥 Waiting complaints: {association}"),
                    association=association_name(key, ctx),
                ),
                WAITING,
                SubjectRef("association", key).as_payload(),
            )
        ]
        for key in listable(ctx, roles)
    ]
    buttons += [
        [
            Action(
                ctx.t(N_("🔍 Inspections: {association}"), association=association_name(key, ctx)),
                INSPECTIONS,
                SubjectRef("association", key).as_payload(),
            )
        ]
        for key in inspector_associations(ctx, roles)
    ]
    if any(role.role is Role.DESK for role in roles):
        buttons.append([Action(ctx.t(N_("✍ Ask a complainant")), ASK_START)])
    if any(role.role is Role.CENTER_HEAD for role in roles):  # Art. 24: the Center appeals
        buttons.append([Action(ctx.t(N_("⚖ Decisions open to appeal")), CENTER_DECISIONS)])
    # A Primary Board member's open cases, by the Board's Association (Art. 22).
    buttons += [
        [
            Action(
                ctx.t(
                    N_("⚖ Cases before the Board: {association}"),
                    association=association_name(key, ctx),
                ),
                BOARD_CASES,
                SubjectRef("association", key).as_payload(),
            )
        ]
        for key in dict.fromkeys(
            r.association for r in roles if r.role is Role.BOARD and r.association
        )
    ]
    if any(role.role is Role.APPEALS_BOARD for role in roles):  # Art. 24: the Appeals Board
        buttons.append([Action(ctx.t(N_("⚖ Appeals before the Appeals Board")), APPEALS)])
    if any(role.role is Role.DIRECTORATE for role in roles):  # Arts. 9(d), 15: reported to
        buttons.append([Action(ctx.t(N_("📊 Reports")), REPORTS)])
    buttons.append([Action(ctx.t(N_("👤 My roles and chats")), ROLES)])
    buttons.append([Action(ctx.t(N_("Main menu")), MENU)])
    return [Message("\n".join(lines), buttons=buttons)]


async def show_roles(ctx: Context, grant: Grant) -> list[Message]:
    """The member's roles, and the chats linked to them."""
    roles = await store.roles_of(ctx.session, [grant.member.id])
    links = await store.links_of(ctx.session, [grant.member.id])
    platforms = ctx.t.join(
        [
            ctx.t(PLATFORM_NAMES[link.platform])
            if link.platform in PLATFORM_NAMES
            else link.platform
            for link in links
        ]
    )
    lines = [
        ctx.t(N_("👤 {name}"), name=grant.member.name),
        *_role_lines(ctx, roles),
        "",
        ctx.t(N_("Linked chats: {platforms}"), platforms=platforms),
    ]
    buttons: list[list[Button]] = [
        [Action(ctx.t(N_("🔌 Unlink this chat")), UNLINK_ASK)],
        *ways_on(ctx, member=True),
    ]
    return [Message("\n".join(lines), buttons=buttons)]


async def ask_unlink(ctx: Context, grant: Grant) -> list[Message]:
    """Ask once before this chat stops being a staff chat."""
    return [
        Message(
            ctx.t(
                N_(
                    "Unlink this chat from your staff membership? Your roles stay; to act from "
                    "this chat again you will need a new code."
                )
            ),
            buttons=[
                [Action(ctx.t(N_("✔ Yes, unlink this chat")), UNLINK)],
                [Action(ctx.t(N_("« Staff menu")), STAFF_MENU)],
            ],
        )
    ]


async def unlink(ctx: Context, grant: Grant) -> list[Message]:
    """End this chat's link (the roles stay with the member)."""
    await staff_members.unlink(ctx.session, grant, actor_of(ctx), ctx.now)
    return [
        Message(
            ctx.t(
                N_(
                    "🔌 This chat is no longer linked to your staff membership. Your roles are "
                    "unchanged; ask for a new code to link it again."
                )
            ),
            buttons=ways_on(ctx, member=False),
        )
    ]
