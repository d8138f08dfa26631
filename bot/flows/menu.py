"""The menu and the commands every chat has: /start, /menu, /help, /cancel, /language.

```mermaid
flowchart LR
    start([/start, /menu]) --> M[main menu]
    M -- a flow's button --> F[the flow's first step]
    M -- Continue --> R[the flow's current step]
    M -- Help --> H[help] --> M
    M -- Language --> L[language picker] --> M
    F -- /cancel, Cancel --> C[cancelled] --> M
```

A draft survives /start and /menu: the menu offers to continue it. Starting another flow from the
menu replaces it.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.flows.framework.context import Context
from bot.flows.framework.inputs import Input, Text
from bot.flows.framework.messages import Action, Message
from bot.flows.registry import Home, Registry
from bot.text.i18n import LOCALES, translator
from bot.text.markers import N_

logger = logging.getLogger(__name__)

OPEN = "open"
RESUME = "resume"
MENU = "menu"
HELP = "help"
LANGUAGE = "language"
SET_LANGUAGE = "set_language"
LANGUAGE_NAMES = {"fa": "فارسی", "en": "English"}
#: The help's lines on the law's coverage (/about says it in full) and on the 1401 regulation.
ABOUT_LINE = N_(
    "What Daftar applies of the directive, and how it reads what the directive leaves open: /about"
)
SUPERSESSION_LINE = N_(
    "The 1401 regulation on these offices may supersede parts of this directive where it is in "
    "force; Daftar applies the 1392 directive only."
)


def main_menu(ctx: Context, *, greeting: bool = False) -> list[Message]:
    """The main menu: one button a flow, Continue for a draft, Help and Language."""
    lines = []
    if greeting:
        lines += [
            ctx.t(N_("Welcome to Daftar, the assistant for Judicial E-Services Offices.")),
            "",
        ]
    lines.append(ctx.t(N_("What would you like to do?")))
    buttons: list[list[Any]] = []
    draft = ctx.registry.flows.get(ctx.state.flow) if ctx.state.flow else None
    if draft is not None:
        buttons.append([Action(ctx.t(N_("↩ Continue: {title}"), title=ctx.t(draft.title)), RESUME)])
    for flow in ctx.registry.menu_flows():
        buttons.append([Action(ctx.t(flow.title), OPEN, {"flow": flow.name})])
    for label, action in ctx.registry.menu_actions:
        buttons.append([Action(ctx.t(label), action)])
    buttons.append(
        [Action(ctx.t(N_("Help")), HELP), Action(ctx.t(N_("Language / زبان")), LANGUAGE)]
    )
    return [Message("\n".join(lines), buttons=buttons)]


def help_text(ctx: Context) -> Message:
    """What Daftar does, and on what law, in a few lines."""
    return Message(
        "\n".join(
            [
                ctx.t(
                    N_(
                        "Daftar helps with the Judiciary's directive on Judicial E-Services "
                        "Offices (No. 100/9970/9000 of 1392/2/28)."
                    )
                ),
                "",
                ctx.t(N_("Applicants can check the conditions for a post in an office.")),
                ctx.t(N_("Citizens can file and follow a complaint against an office.")),
                ctx.t(N_("Office managers receive inspection and disciplinary notices.")),
                "",
                ctx.t(ABOUT_LINE),
                ctx.t(SUPERSESSION_LINE),
                "",
                ctx.t(
                    N_(
                        "Commands: /menu the main menu · /cancel stop what you are doing · "
                        "/language change the language · /help this text"
                    )
                ),
                ctx.t(N_("Daftar gives information; it is not legal advice or a ruling.")),
            ]
        )
    )


def language_picker(ctx: Context) -> list[Message]:
    """The language picker: one action button a locale."""
    return [
        Message(
            ctx.t(N_("Choose your language:")),
            buttons=[
                [Action(LANGUAGE_NAMES[code], SET_LANGUAGE, {"locale": code}) for code in LOCALES]
            ],
        )
    ]


def set_language(ctx: Context, locale: str) -> list[Message]:
    """Switch the user's language, and answer in it."""
    ctx.new_locale = locale
    ctx.locale = locale
    ctx.t = translator(locale)
    done = Message(ctx.t(N_("From now on I will speak English.")))
    return [done, *main_menu(ctx)]


async def current(ctx: Context) -> list[Message]:
    """Where the chat is now: the current step of its flow, or the main menu."""
    flow = ctx.registry.flows.get(ctx.state.flow) if ctx.state.flow else None
    if flow is None:
        return main_menu(ctx)
    return await flow.prompt(ctx)


def cancelled(ctx: Context) -> list[Message]:
    """The flow was left: say nothing was kept, and show the menu."""
    done = Message(ctx.t(N_("Cancelled. Nothing was saved.")), remove_keyboard=True)
    return [done, *main_menu(ctx)]


async def command(ctx: Context, name: str, args: str) -> list[Message]:
    """Answer one of the commands every chat has."""
    name = name.lower()
    if name == "start":
        if args.strip() and ctx.registry.deep_link is not None:
            linked = await ctx.registry.deep_link(ctx, args.strip())
            if linked is not None:
                return linked
        return main_menu(ctx, greeting=True)
    if name == "menu":
        return main_menu(ctx)
    if name == "help":
        return [help_text(ctx)]
    if name == "cancel":
        if ctx.state.flow:
            ctx.state.end()
            return cancelled(ctx)
        return [Message(ctx.t(N_("There is nothing to cancel."))), *main_menu(ctx)]
    if name == "language":
        choice = args.strip().lower()
        if choice in LOCALES:
            return set_language(ctx, choice)
        return language_picker(ctx)
    extra = ctx.registry.commands.get(name)
    if extra is not None:
        return await extra(ctx, args)
    return [
        Message(
            ctx.t(
                N_("I don't know the command /{name}. Send /help to see what I can do."), name=name
            )
        ),
        *await current(ctx),
    ]


async def idle(ctx: Context, received: Input) -> list[Message]:
    """Input while no flow runs: point at the menu."""
    if isinstance(received, Text):
        return [Message(ctx.t(N_("Please choose from the menu."))), *main_menu(ctx)]
    return [Message(ctx.t(N_("Sorry, I can't use that here."))), *main_menu(ctx)]


# --- the menu's action buttons ----------------------------------------------------------------


async def _open(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    flow = ctx.registry.flows.get(str(payload.get("flow")))
    if flow is None or not flow.in_menu:
        return main_menu(ctx)
    return await flow.start(ctx)


async def _resume(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    return await current(ctx)


async def _menu(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    return main_menu(ctx)


async def _help(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    return [help_text(ctx)]


async def _language(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    return language_picker(ctx)


async def _set_language(ctx: Context, payload: dict[str, Any]) -> list[Message]:
    locale = str(payload.get("locale"))
    return set_language(ctx, locale) if locale in LOCALES else language_picker(ctx)


def register(registry: Registry) -> None:
    """Make the menu *registry*'s home flow and add its action buttons."""
    registry.set_home(
        Home(command=command, idle=idle, cancelled=cancelled, current=current, main_menu=main_menu)
    )
    registry.add_action(OPEN, _open)
    registry.add_action(RESUME, _resume)
    registry.add_action(MENU, _menu)
    registry.add_action(HELP, _help)
    registry.add_action(LANGUAGE, _language)
    registry.add_action(SET_LANGUAGE, _set_language)
