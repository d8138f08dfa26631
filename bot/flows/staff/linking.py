"""Linking a chat to a staff member: the code typed after /staff, or the deep link.

`/staff` opens the staff menu in a member's chat, and otherwise asks for the code
(`daftar staff invite` prints it, and a Telegram link `https://t.me/BOT?start=staff-CODE`).
Every attempt, linked or not, is in the audit log (`bot.domain.staff_members.link`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Final

from bot.domain import staff, staff_members
from bot.domain.staff_members import CODE_LENGTH, DEEP_LINK_PREFIX, Linked, LinkRefused
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Input, Text
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.outcomes import Invalid
from bot.flows.framework.steps import Step
from bot.flows.framework.wizard import Wizard
from bot.flows.menu import MENU
from bot.flows.staff.guard import actor_of, run
from bot.flows.staff.home import show_menu
from bot.flows.staff.replies import STAFF_MENU
from bot.text.jalali import format_jalali_date
from bot.text.markers import N_, NP_

LINK: Final = "staff.link"

_REFUSED: Final = {
    LinkRefused.UNKNOWN: N_("I don't know that staff code. Please check it, or ask for a new one."),
    LinkRefused.USED: N_("That staff code has already been used. Please ask for a new one."),
    LinkRefused.REVOKED: N_(
        "That staff code belongs to a membership that was revoked. Please ask for a new one."
    ),
}


@dataclass(frozen=True, kw_only=True)
class StaffCodeStep(Step):
    """The staff code: twelve letters and digits, typed in any case, with or without dashes."""

    async def parse(self, ctx: Context, received: Input) -> Any:
        if (
            not isinstance(received, Text)
            or len(staff_members.typed_code(received.text)) != CODE_LENGTH
        ):
            raise Invalid(
                N_(
                    "A staff code has twelve letters and digits, like ABCD-EFGH-JKMN. Please "
                    "type it again."
                )
            )
        return staff_members.typed_code(received.text)


class LinkStaff(Wizard):
    """Link this chat to a staff membership, with the code the operator issued."""

    name = "staff_link"
    title = N_("Link this chat as staff")
    in_menu = False
    review = False
    steps: ClassVar[tuple[Step, ...]] = (
        StaffCodeStep(
            key="code",
            prompt=N_(
                "To act here for the Association, a board, the Directorate or the Center, "
                "type the staff code you were given."
            ),
        ),
    )

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        return await link(ctx, str(answers["code"]))


async def link(ctx: Context, code: str) -> list[Message]:
    """Link this chat with *code*, and say how it went."""
    outcome = await staff_members.link(ctx.session, actor_of(ctx), code, ctx.now)
    if isinstance(outcome, Linked):
        ctx.staff_link = None  # what the update read before it is out of date now
        said = (
            N_("This chat was linked with this code already.")
            if outcome.again
            else N_("✅ This chat is now linked to your staff membership, {name}.")
        )
        done = Message(ctx.t(said, name=outcome.member.name))
        return [done, *await run(ctx, STAFF_MENU, None, show_menu)]
    if outcome.reason is LinkRefused.EXPIRED and outcome.invite is not None:
        day = outcome.invite.expires_at.astimezone(ctx.settings.zone).date()
        text = ctx.t(
            NP_(
                "That staff code expired on {date} (a code is valid {days} day: a setting of "
                "this service, not a rule of the directive). Please ask for a new one.",
                "That staff code expired on {date} (a code is valid {days} days: a setting of "
                "this service, not a rule of the directive). Please ask for a new one.",
                count="days",
            ),
            date=format_jalali_date(day, ctx.locale),
            days=ctx.settings.invite_days,
        )
    else:
        text = ctx.t(_REFUSED[outcome.reason])
    buttons: list[list[Button]] = [
        [Action(ctx.t(N_("Type the code again")), LINK)],
        [Action(ctx.t(N_("Main menu")), MENU)],
    ]
    return [Message(text, buttons=buttons)]


async def ask_code(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """Start (again) the question for the staff code."""
    return await ctx.registry.flows[LinkStaff.name].start(ctx)


async def staff_command(ctx: Context, args: str) -> list[Message]:
    """/staff: the staff menu in a member's chat; otherwise the code (typed after it, or asked)."""
    if args.strip():
        return await link(ctx, args)
    if await staff.active_member(ctx.session, actor_of(ctx)) is not None:
        return await run(ctx, STAFF_MENU, None, show_menu)
    return await ask_code(ctx, {})


async def deep_link(ctx: Context, args: str) -> list[Message] | None:
    """/start staff-CODE: a staff code in a deep link (None: the parameter is not one)."""
    if not args.lower().startswith(DEEP_LINK_PREFIX):
        return None
    return await link(ctx, args[len(DEEP_LINK_PREFIX) :])
