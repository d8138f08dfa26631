"""Office managers in chat: linking with an invite code, my office, my notices, acknowledging,
appealing a decision of degree 5 or 6 (Art. 24), and my disciplinary file (Art. 23).

```mermaid
flowchart TD
    M[I manage an office] -- not linked --> C[invite code] --> L[linked: waiting notices follow]
    C -- a code that cannot link: why --> C
    S([/start CODE]) --> L
    S -- a code that cannot link: why --> C
    M -- linked --> H[my office] --> N[my notices, each named by its subject]
    H --> D[my disciplinary file: each final sanction, its clauses, its day]
    K([/notices]) --> N
    N --> O[one notice in full] -- acknowledge --> A[acknowledged]
    O -- appeal, while the window is open --> G[grounds] --> R[review] --> F[appeal recorded]
```

A delivered notice carries the same Acknowledge and Appeal buttons as the notice opened here.
Every press is authorised afresh: an acknowledge or appeal button works only from a chat that is
linked, now, to the notice's manager.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from bot.domain import appeals
from bot.domain.refusals import DisciplineError
from bot.flows.framework import screens
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Input, Text
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.framework.outcomes import Invalid, Stay
from bot.flows.framework.steps import Step
from bot.flows.framework.typed_steps import TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.menu import MENU
from bot.flows.registry import Registry
from bot.notices import managers as notices
from bot.text.jalali import format_jalali_date
from bot.text.markers import N_, NP_
from bot.text.persian import localize_digits, to_ascii_digits
from storage import finality as file_store
from storage import managers as store
from storage import offices as registry_store
from storage.models import InviteCode, Manager, Notice

MANAGE = "manage"
MY_NOTICES = "my_notices"
MY_FILE = "my_file"
OPEN_NOTICE = "notice_open"


def way_on(ctx: Context) -> list[list[Button]]:
    """The buttons under a manager's answer: their notices, and the main menu."""
    return [[Action(ctx.t(N_("My notices")), MY_NOTICES)], [Action(ctx.t(N_("Main menu")), MENU)]]


def invite_code(text: str) -> str:
    """An invite code as typed: any digits, any case, spaces and dashes ignored."""
    return "".join(ch for ch in to_ascii_digits(text).upper() if ch.isalnum())


async def checked_invite(ctx: Context, code: str) -> tuple[InviteCode, Manager | None]:
    """The invite *code* names, and its manager; Invalid says why it cannot link this chat.

    A code this very account already used is no problem: it leads to the account's office.
    """
    invite = await store.invite(ctx.session, code) if code else None
    if invite is None:
        raise Invalid(
            N_("I don't know that code. Please check it, or ask the Association for a new one.")
        )
    if invite.used_at is not None:
        if (invite.used_by_platform, invite.used_by_user_id) == (ctx.platform, ctx.user_id):
            return invite, None
        raise Invalid(
            N_("That code has already been used. Please ask the Association for a new one.")
        )
    if invite.expires_at <= ctx.now:
        raise Invalid(
            N_("That code expired on {date}. Please ask the Association for a new one."),
            date=format_jalali_date(
                invite.expires_at.astimezone(ctx.settings.zone).date(), ctx.locale
            ),
        )
    manager = await store.by_id(ctx.session, invite.manager_id)
    if manager is None or manager.ended_at is not None:
        raise Invalid(
            N_(
                "That code was for a manager who has since been replaced. Please ask the "
                "Association for a new one."
            )
        )
    return invite, manager


async def link(ctx: Context, typed: str) -> list[Message]:
    """Link this chat to the manager an invite code was issued for (Invalid: why it cannot)."""
    invite, manager = await checked_invite(ctx, invite_code(typed))
    if manager is None:
        return await home(ctx, {})
    linked = await store.add_link(
        ctx.session, manager.id, ctx.platform, ctx.user_id, ctx.chat_id, ctx.now
    )
    invite.used_at, invite.used_by_platform, invite.used_by_user_id = (
        ctx.now,
        ctx.platform,
        ctx.user_id,
    )
    waiting = await notices.on_link(ctx.session, linked, ctx.settings, ctx.now)
    office = await registry_store.office(ctx.session, manager.office_code)
    lines = [
        ctx.t(
            N_(
                "✅ This chat is now linked to {office} as its manager. Notices from the "
                "Association will arrive here."
            ),
            office=localize_digits(
                f"{office.name if office else ''} ({manager.office_code})", ctx.locale
            ),
        )
    ]
    if waiting:
        lines.append(
            ctx.t(
                NP_(
                    "{count} notice was waiting for you; it follows now.",
                    "{count} notices were waiting for you; they follow now.",
                ),
                count=waiting,
            )
        )
    return [Message("\n".join(lines), buttons=way_on(ctx))]


@dataclass(frozen=True, kw_only=True)
class InviteCodeStep(Step):
    """The invite code the Association gave."""

    async def parse(self, ctx: Context, received: Input) -> Any:
        if not isinstance(received, Text) or not 4 <= len(invite_code(received.text)) <= 16:
            raise Invalid(N_("Please type the code the Association gave you."))
        code = invite_code(received.text)
        # A code that cannot link says why here, and the step stays open for the right one;
        # its buttons offer another try or the menu.
        try:
            await checked_invite(ctx, code)
        except Invalid as refused:
            asked = screens.ask(ctx, self, problem=ctx.t(refused.message, **refused.params))
            raise Stay([replace(asked, buttons=try_again(ctx))]) from None
        return code


def try_again(ctx: Context) -> list[list[Button]]:
    """The buttons under a code that cannot link: another code, or the menu."""
    return [
        [Action(ctx.t(N_("Try another code")), MANAGE)],
        [Action(ctx.t(N_("Main menu")), MENU)],
    ]


class LinkOffice(Wizard):
    """Link this chat to an office as its manager, with the Association's invite code."""

    name = "link_office"
    title = N_("I manage an office")
    in_menu = False
    review = False
    steps: ClassVar[tuple[Step, ...]] = (
        InviteCodeStep(
            key="code",
            prompt=N_(
                "To receive the Association's notices here, type the invite code the "
                "Association gave you."
            ),
        ),
    )

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        return await link(ctx, str(answers["code"]))


async def home(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """ "I manage an office": my office if linked, else the invite code."""
    linked = await store.link_of(ctx.session, ctx.platform, ctx.user_id)
    if linked is None:
        return await ctx.registry.flows[LinkOffice.name].start(ctx)
    manager = await store.by_id(ctx.session, linked.manager_id)
    office = await registry_store.office(ctx.session, manager.office_code) if manager else None
    if manager is None or office is None:
        menu: list[list[Button]] = [[Action(ctx.t(N_("Main menu")), MENU)]]
        return [Message(ctx.t(N_("Your office is no longer in the registry.")), buttons=menu)]
    lines = [
        ctx.t(N_("🏢 {name}"), name=localize_digits(office.name, ctx.locale)),
        ctx.t(N_("Code: {code}"), code=office.code),
        localize_digits(f"{office.address}، {office.city}", ctx.locale),
        ctx.t(N_("Manager: {name}"), name=manager.name),
    ]
    buttons = way_on(ctx)
    buttons.insert(1, [Action(ctx.t(N_("📁 My disciplinary file")), MY_FILE)])
    return [Message("\n".join(lines), buttons=buttons)]


async def my_file(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """The linked manager's disciplinary file: each final sanction, its clauses and its day."""
    linked = await store.link_of(ctx.session, ctx.platform, ctx.user_id)
    if linked is None:
        return await home(ctx, {})
    manager = await store.by_id(ctx.session, linked.manager_id)
    # The file is the person's (Art. 19): their periods at any office, not this period alone.
    periods = await store.periods_of_person(ctx.session, manager) if manager else []
    ids = [period.id for period in periods] or [linked.manager_id]
    entries = await file_store.entries_of_managers(ctx.session, ids)
    if not entries:
        text = ctx.t(N_("Your disciplinary file is empty: no final sanction is entered in it."))
        return [Message(text, buttons=way_on(ctx))]
    lines = [ctx.t(N_("📁 Your disciplinary file: the final sanctions (Articles 23 and 24)"))]
    for entry in entries:
        clauses = [localize_digits(c.split(".")[-1], ctx.locale) for c in entry.violations]
        lines.append(
            ctx.t(
                N_("• Final on {date}: {sanction}; Article 25, clauses {clauses}"),
                date=format_jalali_date(entry.final_on, ctx.locale),
                sanction=notices.sanction_text(ctx.t, entry.degree, entry.months),
                clauses=ctx.t.join(clauses),
            )
        )
    return [Message("\n".join(lines), buttons=way_on(ctx))]


async def my_notices(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """The manager's latest notices with their status, and a button for each that opens it."""
    linked = await store.link_of(ctx.session, ctx.platform, ctx.user_id)
    if linked is None:
        return await home(ctx, {})
    found = await notices.notices_of(ctx.session, linked.manager_id)
    if not found:
        return [
            Message(
                ctx.t(N_("You have no notices.")), buttons=[[Action(ctx.t(N_("Main menu")), MENU)]]
            )
        ]
    lines = [ctx.t(N_("Your notices (newest first); open one to read it:"))]
    buttons: list[list[Button]] = []
    for notice in found:
        name = notices.title(ctx.t, notice, ctx.settings)
        lines.append(ctx.t(N_("• {title}: {state}"), title=name, state=_state(ctx, notice)))
        buttons.append([Action(name, OPEN_NOTICE, {"notice_id": notice.id})])
    buttons.append([Action(ctx.t(N_("Main menu")), MENU)])
    return [Message("\n".join(lines), buttons=buttons)]


async def _addressed(ctx: Context, payload: dict[str, Any]) -> Notice | None:
    """The notice a button names, only if this account is linked to its manager now."""
    return await notices.notice_for(
        ctx.session, payload.get("notice_id"), ctx.platform, ctx.user_id
    )


def _not_addressed(ctx: Context) -> list[Message]:
    return [Message(ctx.t(N_("This notice is not addressed to this chat.")), buttons=way_on(ctx))]


def _state(ctx: Context, notice: Notice) -> str:
    if notice.acknowledged_at is None:
        return ctx.t(N_("not yet acknowledged"))
    return ctx.t(
        N_("acknowledged on {date}"),
        date=notice.acknowledged_at.astimezone(ctx.settings.zone).date(),
    )


async def open_notice(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """One notice in full, with what can be done with it now: acknowledge, appeal."""
    notice = await _addressed(ctx, payload)
    if notice is None:
        return _not_addressed(ctx)
    lines = [notices.render(ctx.t, notice, ctx.settings)]
    if notice.acknowledged_at is not None:
        lines += ["", f"✔ {_state(ctx, notice)}"]
    standing = await notices.standing(ctx.session, notice, ctx.settings, ctx.now)
    if standing is not None:
        lines += ["", ctx.t(standing)]
    buttons: list[list[Button]] = []
    if notice.acknowledged_at is None:
        buttons.append(
            [
                Action(
                    ctx.t(N_("✔ Acknowledge receipt")),
                    notices.ACKNOWLEDGE,
                    {"notice_id": notice.id},
                )
            ]
        )
    if await notices.appeal_open(ctx.session, notice, ctx.settings, ctx.now):
        buttons.append(
            [Action(ctx.t(N_("Appeal this decision")), notices.APPEAL, {"notice_id": notice.id})]
        )
    return [Message("\n".join(lines), buttons=[*buttons, *way_on(ctx)])]


async def acknowledge(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """Acknowledge a notice (from any chat linked to its manager; once counts)."""
    notice = await _addressed(ctx, payload)
    if notice is None:
        return _not_addressed(ctx)
    if not await notices.acknowledge(ctx.session, notice, ctx.platform, ctx.chat_id, ctx.now):
        done = N_("This notice was already acknowledged. Thank you.")
    else:
        done = N_("✔ Receipt acknowledged. Thank you.")
    return [Message(ctx.t(done), buttons=way_on(ctx))]


async def notices_command(ctx: Context, args: str) -> list[Message]:
    """/notices: the manager's notices (or, in a chat not linked, how to link it)."""
    return await my_notices(ctx, {})


# --- appealing a decision ---------------------------------------------------------------------

APPEAL_FLOW = "appeal"


class AppealDecision(Wizard):
    """The manager's appeal of a decision of degree 5 or 6 to the Appeals Board (Art. 24)."""

    name = APPEAL_FLOW
    title = N_("Appeal a decision")
    in_menu = False
    steps: ClassVar[tuple[Step, ...]] = (
        TextStep(
            key="grounds",
            label=N_("Grounds"),
            prompt=N_(
                "Write the grounds of your appeal to the Appeals Board, in at least 20 and at "
                "most 3,000 characters."
            ),
            min_length=20,
            max_length=3000,
        ),
    )

    def kept_answers(self, answers: Answers) -> Answers:
        # The notice appealed is no question of the form, but the appeal needs it.
        return {**super().kept_answers(answers), "notice_id": answers.get("notice_id")}

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        notice = await notices.notice_for(
            ctx.session, answers.get("notice_id"), ctx.platform, ctx.user_id
        )
        if notice is None or not await notices.appeal_open(
            ctx.session, notice, ctx.settings, ctx.now
        ):
            return [
                Message(
                    ctx.t(N_("This decision can no longer be appealed here.")), buttons=way_on(ctx)
                )
            ]
        try:
            # Art. 24: the manager's own appeal; its file goes to the Appeals Board's chats.
            await appeals.file_appeal(
                ctx.session,
                ctx.settings,
                ctx.now,
                decision_id=notice.subject_id,
                by="manager",
                grounds=str(answers["grounds"]),
            )
        except DisciplineError:
            return [
                Message(
                    ctx.t(N_("This decision can no longer be appealed here.")), buttons=way_on(ctx)
                )
            ]
        return [
            Message(
                ctx.t(
                    N_(
                        "Your appeal is recorded and goes to the Appeals Board (Article 24). The "
                        "decision is not final until the Board rules; you will be told here."
                    )
                ),
                buttons=way_on(ctx),
            )
        ]


async def appeal(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    """The appeal button of a decision notice: start the appeal if the window is open."""
    notice = await _addressed(ctx, payload)
    if notice is None:
        return _not_addressed(ctx)
    if not await notices.appeal_open(ctx.session, notice, ctx.settings, ctx.now):
        return [
            Message(ctx.t(N_("This decision can no longer be appealed here.")), buttons=way_on(ctx))
        ]
    flow = ctx.registry.flows[APPEAL_FLOW]
    messages = await flow.start(ctx)
    ctx.state.answers["notice_id"] = notice.id
    return messages


async def start_with_code(ctx: Context, args: str) -> list[Message] | None:
    """/start CODE: a deep link with an invite code; one that cannot link says why and opens the
    linking flow, so that the right code, typed next, links. Said without buttons: the welcome
    and the menu follow (with Continue for the linking), as a newcomer needs."""
    if not invite_code(args):
        return None
    try:
        return await link(ctx, args)
    except Invalid as refused:
        asked = await ctx.registry.flows[LinkOffice.name].start(ctx)
        lines = [ctx.t(refused.message, **refused.params), *(m.text for m in asked)]
        return [Message("\n\n".join(lines))]


def register(registry: Registry) -> None:
    """Add linking, the manager's menu, acknowledging and appealing to *registry*."""
    registry.add_flow(LinkOffice())
    registry.add_flow(AppealDecision())
    registry.add_menu_action(N_("I manage an office"), MANAGE)
    registry.add_action(MANAGE, home)
    registry.add_action(MY_NOTICES, my_notices)
    registry.add_action(MY_FILE, my_file)
    registry.add_action(OPEN_NOTICE, open_notice)
    registry.add_command("notices", notices_command)
    registry.add_action(notices.ACKNOWLEDGE, acknowledge)
    registry.add_action(notices.APPEAL, appeal)
    registry.deep_link = start_with_code
