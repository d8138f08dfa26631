"""The Directorate asks for a report in chat: its period, its scope, its files' language.

```mermaid
flowchart LR
    M([🛡 Staff menu: 📊 Reports]) --> P[period: last month · this month so far · last quarter
    · this year so far · last year · two dates]
    P -- 📅 two dates --> F[first day] --> L[last day: not before it, not in the future]
    P --> S[scope: the whole country · an Association · a province]
    L --> S
    S -- a province --> V[31 provinces, paged, or a name typed] --> G
    S --> G[language of the files: this chat's, or the other]
    G --> R[review] -- ✔ Confirm --> Q[“The report is being prepared…”]
    Q -. after the commit: report.deliver .-> D[this chat: the figures and the PDF, then the CSV]
```

A Wizard: Back and /cancel at every step, a review to edit. The menu's button is
`report.start`; every input that moves the request on is authorised again from the store
(`report.period`, `report.scope`, `report.language`, and the confirm, `report.request`, once),
so a member whose role was revoked half-way is refused and audited, and the draft dropped. The
confirm queues the job `report.deliver`, which counts, renders and sends the report after the
commit (`bot.documents.report_delivery.deliver_requested`); a stale confirm is an old step's
button, and asks for nothing again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final

import jdatetime

from bot.data import bundled_provinces
from bot.documents.report_delivery import Chat, deliver_requested, request_payload
from bot.documents.report_names import (
    LANGUAGE_NAMES,
    period_text,
    province_label,
    scope_text,
)
from bot.domain.offices_csv import match_province
from bot.domain.report_periods import (
    LAST_MONTH,
    LAST_QUARTER,
    LAST_YEAR,
    PRESETS,
    THIS_MONTH,
    THIS_YEAR,
    preset_period,
)
from bot.domain.reports import Period, ReportError, scope_named
from bot.domain.staff import Grant, Refusal
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.controls import BACK, CANCEL, CONFIRM, REVIEW, is_control
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice, Message
from bot.flows.framework.outcomes import Invalid, Stay
from bot.flows.framework.steps import ChoiceStep, Step, match_label
from bot.flows.framework.typed_steps import DateStep
from bot.flows.framework.wizard import Wizard
from bot.flows.registry import JobContext
from bot.flows.staff.guard import authorise
from bot.flows.staff.replies import association_name, refusal_message, ways_on
from bot.text.i18n import LOCALES
from bot.text.jalali import format_stored_date, parse_stored_date, today_in
from bot.text.markers import N_

FLOW: Final = "staff_report"
START: Final = "report.start"  # bot/flows/staff/home.py offers it to the directorate role
PERIOD: Final = "report.period"
SCOPE: Final = "report.scope"
LANGUAGE: Final = "report.language"
REQUEST: Final = "report.request"
DELIVER: Final = "report.deliver"  # the job
DATES: Final = "dates"
NATIONAL: Final = "national"
PROVINCE: Final = "province"
LESS, MORE = "__less", "__more"
#: Provinces a page of the province step (31 in all: four pages).
PAGE: Final = 10
#: The action that authorises an answer to each step (the review's: the confirm's, REQUEST).
STEP_ACTIONS: Final = {
    "period": PERIOD,
    "first": PERIOD,
    "last": PERIOD,
    "scope": SCOPE,
    "province": SCOPE,
    "language": LANGUAGE,
}
_PRESET_LABELS: Final = {
    THIS_MONTH: N_("This month so far"),
    LAST_QUARTER: N_("Last quarter"),
    THIS_YEAR: N_("This year so far"),
}


def _today(ctx: Context) -> jdatetime.date:
    return today_in(ctx.settings.zone, ctx.now)


def _preset(answers: Answers) -> str | None:
    value = answers.get("period")
    return str(value.get("preset")) if isinstance(value, dict) else None


def _days(ctx: Context, period: Period) -> str:
    return ctx.t(N_("{first} to {last}"), first=period.first, last=period.last)


@dataclass(frozen=True, kw_only=True)
class PeriodStep(Step):
    """A named period, counted from today and kept as its days; or two days to type."""

    def choices(self, ctx: Context) -> list[Choice]:
        today = _today(ctx)
        labels = {
            LAST_MONTH: ctx.t(
                N_("Last month: {month}"),
                month=period_text(ctx.t, preset_period(LAST_MONTH, today)),
            ),
            LAST_YEAR: ctx.t(N_("Last year: {year}"), year=int(today.year) - 1),
        }
        shown = [Choice(labels.get(p) or ctx.t(_PRESET_LABELS[p]), p) for p in PRESETS]
        return [*shown, Choice(ctx.t(N_("📅 Two dates…")), DATES)]

    async def parse(self, ctx: Context, received: Input) -> Any:
        value = match_label(received, self.choices(ctx))
        if value is None:
            raise Invalid(N_("Please choose a period with the buttons."))
        if value == DATES:
            return {"preset": DATES}
        period = preset_period(value, _today(ctx))
        first, last = format_stored_date(period.first), format_stored_date(period.last)
        return {"preset": value, "first": first, "last": last}

    def show(self, ctx: Context, value: Any) -> str:
        if value.get("preset") == DATES:
            return ctx.t(N_("two dates"))
        first, last = parse_stored_date(value["first"]), parse_stored_date(value["last"])
        return _days(ctx, Period(first, last))


@dataclass(frozen=True, kw_only=True)
class LastDayStep(DateStep):
    """The period's last day: on or after its first, and not in the future."""

    def prompt_text(self, ctx: Context) -> str:
        # The first day is in the question: an edit of it asks this one again (wizard.py).
        first = ctx.state.answers.get("first")
        return ctx.t(self.prompt, first=parse_stored_date(str(first)) if first else "…")

    async def parse(self, ctx: Context, received: Input) -> Any:
        value = await super().parse(ctx, received)
        first = str(ctx.state.answers.get("first", ""))
        if value < first:  # stored days sort as the days do
            raise Invalid(
                N_(
                    "That day is before the first day ({first}): a period cannot end before it "
                    "starts. Please send a day on or after it."
                ),
                first=parse_stored_date(first),
            )
        return value


@dataclass(frozen=True, kw_only=True)
class ScopeStep(ChoiceStep):
    """The whole country, one Association (as the staff menu names it), or a province."""

    options: Sequence[tuple[str, str]] = ()  # made for each chat, by `choices`

    def choices(self, ctx: Context) -> list[Choice]:
        associations = [
            Choice(association_name(key, ctx), f"association:{key}")
            for key in ctx.settings.association_keys
        ]
        return [
            Choice(ctx.t(N_("The whole country")), NATIONAL),
            *associations,
            Choice(ctx.t(N_("A province…")), PROVINCE),
        ]

    columns: int = 1

    def show(self, ctx: Context, value: Any) -> str:
        if value == PROVINCE:
            return ctx.t(N_("a province"))
        try:
            return scope_text(ctx.t, scope_named(str(value), ctx.settings))
        except ReportError:  # an Association no longer configured: finish refuses it
            return str(value)


@dataclass(frozen=True, kw_only=True)
class ProvinceStep(Step):
    """One of the 31 provinces: pressed on its page, or its name typed (Persian or English)."""

    def _page(self, ctx: Context) -> int:
        return int(ctx.state.trail.get("report_page", 0))

    def _all(self, ctx: Context) -> list[Choice]:
        named = [(province_label(ctx.t, p.key), p.key) for p in bundled_provinces()]
        return [Choice(label, f"province:{key}") for label, key in sorted(named)]

    def choices(self, ctx: Context) -> list[Choice]:
        every, page = self._all(ctx), self._page(ctx)
        shown = every[page * PAGE : (page + 1) * PAGE]
        if page > 0:
            shown.append(Choice(ctx.t(N_("‹ Previous")), LESS))
        if (page + 1) * PAGE < len(every):
            shown.append(Choice(ctx.t(N_("More ›")), MORE))
        return shown

    def takes_text(self, ctx: Context) -> bool:
        return True  # a name typed; the buttons by their labels

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, Picked) and received.value in (LESS, MORE):
            step = 1 if received.value == MORE else -1
            last = (len(self._all(ctx)) - 1) // PAGE
            ctx.state.trail["report_page"] = min(max(self._page(ctx) + step, 0), last)
            raise Stay([])
        value = match_label(received, self._all(ctx))
        if value is None and isinstance(received, Text) and len(received.text) <= 100:
            key = match_province(received.text, bundled_provinces())
            value = f"province:{key}" if key else None
        if value is None:
            raise Invalid(
                N_("I know no province by that name: please choose one, or type its name.")
            )
        ctx.state.trail.pop("report_page", None)
        return value

    def show(self, ctx: Context, value: Any) -> str:
        return province_label(ctx.t, str(value).partition(":")[2])


@dataclass(frozen=True, kw_only=True)
class LanguageStep(ChoiceStep):
    """The language of the files: this chat's first, the other on request."""

    options: Sequence[tuple[str, str]] = ()  # made for each chat, by `choices`

    def choices(self, ctx: Context) -> list[Choice]:
        other = next(locale for locale in LOCALES if locale != ctx.locale)
        own = ctx.t(LANGUAGE_NAMES[ctx.locale])
        return [
            Choice(ctx.t(N_("{language} (this chat's language)"), language=own), ctx.locale),
            Choice(ctx.t(N_("In {language}"), language=ctx.t(LANGUAGE_NAMES[other])), other),
        ]

    def show(self, ctx: Context, value: Any) -> str:
        return ctx.t(LANGUAGE_NAMES.get(str(value), str(value)))


def _dates(answers: Answers) -> bool:
    return _preset(answers) == DATES


def _by_province(answers: Answers) -> bool:
    return answers.get("scope") == PROVINCE


def period_of(answers: Answers) -> Period:
    """The period the answers name (ReportError if it runs backwards)."""
    days = answers if _dates(answers) else answers["period"]
    return Period(parse_stored_date(str(days["first"])), parse_stored_date(str(days["last"])))


def scope_name_of(answers: Answers) -> str:
    """The scope the answers name, as `scope_named` reads it."""
    return str(answers["province"] if _by_province(answers) else answers["scope"])


def _moves_on(ctx: Context, received: Input) -> str | None:
    """The action an input must be allowed first: None for Back and Cancel, which only leave."""
    if isinstance(received, Picked) and received.value in (BACK, CANCEL):
        return None
    if isinstance(received, Text) and any(
        is_control(ctx.t, received.text, word) for word in (N_("Back"), N_("Cancel"))
    ):
        return None
    if ctx.state.step == REVIEW:
        confirm = isinstance(received, Picked) and received.value == CONFIRM
        return REQUEST if confirm else None
    return STEP_ACTIONS.get(str(ctx.state.step))


class ReportRequest(Wizard):
    """A report for the Directorate: period, scope, language, confirm; then sent here."""

    name = FLOW
    title = N_("📊 Reports")
    in_menu = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        PeriodStep(
            key="period",
            label=N_("Period"),
            prompt=N_(
                "📊 A report for the Directorate (Articles 9(d), 15(b), 15(c) and 15(e)).\n"
                "Which period should it cover?"
            ),
        ),
        DateStep(
            key="first",
            label=N_("First day"),
            prompt=N_("The period's first day? Send it like 1403/07/01."),
            shortcuts=False,
            when=_dates,
        ),
        LastDayStep(
            key="last",
            label=N_("Last day"),
            prompt=N_("The period's last day, from {first} on? Send it like 1403/07/30."),
            when=_dates,
        ),
        ScopeStep(key="scope", label=N_("Covers"), prompt=N_("What should the report cover?")),
        ProvinceStep(
            key="province",
            label=N_("Province"),
            prompt=N_("Which province? Choose it, or type its name."),
            when=_by_province,
        ),
        LanguageStep(
            key="language",
            label=N_("Language of the files"),
            prompt=N_("In which language should the PDF and the CSV be?"),
        ),
    )

    async def handle(self, ctx: Context, received: Input) -> list[Message]:
        action = _moves_on(ctx, received)
        if action is not None:
            outcome = await authorise(ctx, action, None)
            if isinstance(outcome, Refusal):
                await self.discard(ctx)
                ctx.state.end()
                ctx.callback_text = ctx.t(N_("Refused: nothing was done."))
                return [refusal_message(ctx, outcome)]
        return await super().handle(ctx, received)

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        try:
            period = period_of(answers)
            scope = scope_named(scope_name_of(answers), ctx.settings)
        except ReportError:
            # The settings changed under the draft (an Association no longer configured).
            text = ctx.t(N_("That report can no longer be made as asked. Nothing was done."))
            return [Message(text, buttons=ways_on(ctx, member=True))]
        chat = Chat(ctx.platform, ctx.chat_id, ctx.locale, str(answers["language"]))
        ctx.defer(DELIVER, request_payload(chat, period, scope))
        lines = [
            ctx.t(N_("The report is being prepared…")),
            ctx.t(
                N_("{period}, {scope}; the files in {language}."),
                period=_days(ctx, period),
                scope=scope_text(ctx.t, scope),
                language=ctx.t(LANGUAGE_NAMES[chat.file_locale]),
            ),
            "",
            ctx.t(
                N_(
                    "What happens next: it is counted now, and comes to this chat in a few "
                    "minutes: a message with its main figures and the PDF, then the same "
                    "figures as CSV."
                )
            ),
        ]
        return [Message("\n".join(lines), buttons=ways_on(ctx, member=True))]


async def show_start(ctx: Context, grant: Grant) -> list[Message]:
    """The staff menu's "📊 Reports": the request's first question."""
    return await ctx.registry.flows[FLOW].start(ctx)


async def deliver_job(jobs: JobContext, payload: dict[str, Any]) -> None:
    """The job `report.deliver`: the report asked for, to the chat that asked."""
    await deliver_requested(jobs.sessions, jobs.settings, jobs.now, payload)
