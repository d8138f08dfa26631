"""The one way a staff button acts: `guarded(action, show)`, authorised afresh on every press.

A staff button is an action button named after its `StaffAction` (bot/domain/staff_actions.py);
its server-side payload names only the subject (`SubjectRef.as_payload`). On each press the
handler that `guarded` makes asks `bot.domain.staff.authorise` — the chat's member, roles, scope
and the subject's state, all read from the store now — and only a `Grant` reaches *show*; a
`Refusal` becomes its polite line (`replies.refusal_message`), and both are in the audit log.

`refused_press` audits the staff buttons the engine itself could not take: another chat's (a
forged callback), an expired one, and an unknown token pressed in a member's chat.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.domain import staff
from bot.domain.staff import ChatIdentity, Grant, Refusal, Refused
from bot.domain.staff_actions import ACTIONS, SubjectRef
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Message
from bot.flows.registry import ActionHandler
from bot.flows.staff.replies import refusal_message
from bot.messages.events import ButtonEvent
from bot.text.markers import N_
from storage.models import Button

Show = Callable[[Context, Grant], Awaitable[list[Message]]]


def actor_of(ctx: Context) -> ChatIdentity:
    """Who is acting in this update."""
    return ChatIdentity(ctx.platform, ctx.user_id, ctx.chat_id)


def pressed(ctx: Context) -> str | None:
    """The token of the button this update pressed, if it pressed one."""
    return ctx.event.token if isinstance(ctx.event, ButtonEvent) else None


async def authorise(ctx: Context, action: str, subject: SubjectRef | None) -> Grant | Refusal:
    """`bot.domain.staff.authorise` for this update's chat, button and moment."""
    return await staff.authorise(
        ctx.session, ctx.settings, actor_of(ctx), action, subject, ctx.now, button=pressed(ctx)
    )


async def run(ctx: Context, action: str, subject: SubjectRef | None, show: Show) -> list[Message]:
    """Authorise *action* on *subject*; show what a grant allows, or say why not."""
    outcome = await authorise(ctx, action, subject)
    if isinstance(outcome, Refusal):
        ctx.callback_text = ctx.t(N_("Refused: nothing was done."))
        return [refusal_message(ctx, outcome)]
    return await show(ctx, outcome)


def guarded(action: str, show: Show) -> ActionHandler:
    """The handler of the buttons named *action*: each press authorised, then *show*."""
    if action not in ACTIONS:
        raise ValueError(f"{action!r} is no StaffAction: add its row to ACTIONS first")

    async def handler(ctx: Context, payload: dict[str, Any]) -> list[Message]:
        return await run(ctx, action, SubjectRef.from_payload(payload), show)

    return handler


ShowWith = Callable[[Context, Grant, dict[str, Any]], Awaitable[list[Message]]]


def guarded_with(action: str, show: ShowWith) -> ActionHandler:
    """`guarded`, for a *show* that also reads its button's payload beyond the subject (a page,
    a choice): the same authorisation; what the payload names is checked against the store by
    *show*, never trusted."""
    if action not in ACTIONS:
        raise ValueError(f"{action!r} is no StaffAction: add its row to ACTIONS first")

    async def handler(ctx: Context, payload: dict[str, Any]) -> list[Message]:
        async def shown(ctx: Context, grant: Grant) -> list[Message]:
            return await show(ctx, grant, payload)

        return await run(ctx, action, SubjectRef.from_payload(payload), shown)

    return handler


async def refused_press(ctx: Context, token: str, button: Button | None) -> list[Message] | None:
    """Audit a staff button the engine refused for this chat, and say so politely."""
    actor = actor_of(ctx)
    if button is None:
        # An unknown token: worth a line of the audit only from a member's chat; the engine's
        # own "this button has expired" answers it.
        if await staff.active_member(ctx.session, actor) is not None:
            await staff.refuse_press(ctx.session, actor, Refused.UNKNOWN_BUTTON, token, ctx.now)
        return None
    if button.action not in ACTIONS:
        return None
    subject = SubjectRef.from_payload(button.value)
    if (button.platform, button.chat_id) != (ctx.platform, ctx.chat_id):
        reason, detail = Refused.FOREIGN_BUTTON, f"a button of {button.platform}:{button.chat_id}"
    elif button.expires_at < ctx.now:
        reason, detail = Refused.EXPIRED_BUTTON, f"expired {button.expires_at.isoformat()}"
    else:  # a row of ACTIONS that no handler serves yet
        reason, detail = Refused.UNKNOWN_ACTION, "no handler is registered for it"
    refusal = await staff.refuse_press(
        ctx.session,
        actor,
        reason,
        token,
        ctx.now,
        action=button.action,
        subject=subject,
        detail=detail,
    )
    ctx.callback_text = ctx.t(N_("Refused: nothing was done."))
    return [refusal_message(ctx, refusal)]


async def is_staff_chat(ctx: Context) -> bool:
    """Whether this chat is linked, now, to an active staff member (the menu shows staff's)."""
    if ctx.staff_link is False:  # never linked, as read with the conversation
        return False
    return await staff.active_member(ctx.session, actor_of(ctx)) is not None
