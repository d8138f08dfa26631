"""Following a complaint: my complaints, one by its tracking code, withdrawing one, adding to it.

Details are shown only to the account that filed the complaint (`details`); anyone else is told
it was not found, and offered another code, their complaints and the menu. Withdrawal is not a
status: after the citizen confirms, having read Art. 26 note 2 (the case goes on; withdrawal
counts in mitigation), it is a dated event on the complaint, which keeps its status and can still
be decided. Adding information to an open complaint is `additions`.

```mermaid
flowchart LR
    M(["My complaints, /complaints"]) --> L[my complaints, newest first] --> D
    T([Follow a complaint by its code]) --> C[tracking code] --> O{the user's own?}
    K(["/complaints CODE"]) --> O
    K -- not a code --> E[why, another code, my complaints, menu]
    O -- yes --> D[a complaint: what was said, status, outcome, additions, timeline]
    O -- no --> N[not found: another code, my complaints, menu]
    D -- withdraw --> Q{sure? Art. 26 note 2} -- yes --> W[withdrawal recorded] --> D
    Q -- no, keep it --> D
    D -- add information --> A[additions] --> D
```
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from bot.domain.tracking import normalize_tracking_code
from bot.flows.complaint import additions
from bot.flows.complaint.details import (
    OPEN_COMPLAINT,
    TRACK,
    WITHDRAW,
    details,
    is_owner,
    not_found,
    own,
    ways_on,
)
from bot.flows.complaint.filing import MY_COMPLAINTS
from bot.flows.complaint.filing import NAME as FILE_COMPLAINT
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Input, Text
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.outcomes import Invalid
from bot.flows.framework.steps import Step
from bot.flows.framework.wizard import Wizard
from bot.flows.menu import MENU, OPEN
from bot.flows.registry import Registry
from bot.notices.complainants import STATUS_LABELS, shown_code
from bot.rules.violations import WITHDRAWAL_EXPLANATION
from bot.text.markers import N_
from bot.text.persian import InputError
from storage import complaints as store

WITHDRAW_CONFIRMED = "complaint_withdraw_yes"


async def my_complaints(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """The user's complaints with their status, newest first."""
    found = await store.of_user(ctx.session, ctx.platform, ctx.user_id)
    if not found:
        return [
            Message(
                ctx.t(N_("You have not filed any complaint.")),
                buttons=[
                    [
                        Action(
                            ctx.t(N_("File a complaint against an office")),
                            OPEN,
                            {"flow": FILE_COMPLAINT},
                        )
                    ],
                    [Action(ctx.t(N_("Main menu")), MENU)],
                ],
            )
        ]
    buttons: list[list[Button]] = [
        [
            Action(
                f"{shown_code(c.tracking_code, ctx.locale)} · {ctx.t(STATUS_LABELS[c.status])}",
                OPEN_COMPLAINT,
                {"id": c.id},
            )
        ]
        for c in found[:20]
    ]
    buttons.append([Action(ctx.t(N_("Main menu")), MENU)])
    return [Message(ctx.t(N_("Your complaints (newest first):")), buttons=buttons)]


async def open_complaint(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """One of the user's complaints."""
    complaint = await own(ctx, payload.get("id"))
    return [await details(ctx, complaint)] if complaint else [not_found(ctx)]


async def withdraw(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """Ask before withdrawing, explaining what withdrawal does and does not do."""
    complaint = await own(ctx, payload.get("id"))
    if complaint is None:
        return [not_found(ctx)]
    if await store.withdrawn_at(ctx.session, complaint.id) is not None:
        return [await details(ctx, complaint)]
    text = "\n\n".join(
        [
            ctx.t(
                N_("Withdraw complaint {code}?"),
                code=shown_code(complaint.tracking_code, ctx.locale),
            ),
            ctx.t(WITHDRAWAL_EXPLANATION),
        ]
    )
    return [
        Message(
            text,
            buttons=[
                [Action(ctx.t(N_("Yes, withdraw it")), WITHDRAW_CONFIRMED, {"id": complaint.id})],
                [Action(ctx.t(N_("No, keep it")), OPEN_COMPLAINT, {"id": complaint.id})],
            ],
        )
    ]


async def withdraw_confirmed(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """Record the withdrawal as a dated event; the complaint keeps its status."""
    complaint = await own(ctx, payload.get("id"))
    if complaint is None:
        return [not_found(ctx)]
    if await store.withdrawn_at(ctx.session, complaint.id) is None:
        await store.add_event(ctx.session, complaint.id, "withdrawn", ctx.now)
    done = Message(
        ctx.t(N_("Your withdrawal is recorded on the complaint, where the Association sees it."))
    )
    return [done, await details(ctx, complaint)]


@dataclass(frozen=True, kw_only=True)
class TrackingCodeStep(Step):
    """A tracking code in any digits."""

    async def parse(self, ctx: Context, received: Input) -> Any:
        if not isinstance(received, Text):
            raise Invalid(N_("Please type the 10-digit tracking code."))
        try:
            return normalize_tracking_code(received.text)
        except InputError as error:
            raise Invalid.from_input_error(error) from None


class TrackComplaint(Wizard):
    """Follow a complaint by its tracking code."""

    name = TRACK
    title = N_("Follow a complaint by its code")
    review = False
    steps: ClassVar[tuple[Step, ...]] = (
        TrackingCodeStep(key="code", prompt=N_("Please send the complaint's tracking code.")),
    )

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        return await show_by_code(ctx, str(answers["code"]))


async def show_by_code(ctx: Context, code: str) -> list[Message]:
    """The complaint with *code*, if it is the user's; otherwise "not found", with ways on."""
    complaint = await store.by_code(ctx.session, code)
    if complaint is None or not is_owner(ctx, complaint):
        return [not_found(ctx)]
    return [await details(ctx, complaint)]


async def complaints_command(ctx: Context, args: str) -> list[Message]:
    """/complaints: the user's complaints; /complaints CODE: that one."""
    if args.strip():
        try:
            return await show_by_code(ctx, normalize_tracking_code(args))
        except InputError as error:
            return [Message(ctx.t(error.message, **error.params), buttons=ways_on(ctx, retry=True))]
    return await my_complaints(ctx, {})


def register(registry: Registry) -> None:
    """Add following, tracking, withdrawing and adding to complaints to *registry*."""
    registry.add_flow(TrackComplaint())
    registry.add_menu_action(N_("My complaints"), MY_COMPLAINTS)
    registry.add_action(MY_COMPLAINTS, my_complaints)
    registry.add_action(OPEN_COMPLAINT, open_complaint)
    registry.add_action(WITHDRAW, withdraw)
    registry.add_action(WITHDRAW_CONFIRMED, withdraw_confirmed)
    registry.add_command("complaints", complaints_command)
    additions.register(registry)
