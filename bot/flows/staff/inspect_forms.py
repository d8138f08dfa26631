"""Scheduling an inspection, and recording an unannounced visit: the inspector's two forms.

```mermaid
flowchart LR
    S[🗓 Schedule an inspection] --> O[office: code or name] --> K[periodic or ad hoc]
    K --> D[Jalali day] --> T[time, in the future] --> N[note, or none] --> R[review]
    R -- ✔ Confirm --> A{inspection.schedule on the office?} -- yes --> Sd[the manager told]
    U[🚪 Record an unannounced visit] --> O2[office] --> W[when: now, or a day and time past]
    W --> R2[review] -- ✔ Confirm --> B{inspection.visit on the office?} -- yes --> C[checklist]
```

Both are Wizards (back, /cancel, review); what they create is authorised on the office when it
is confirmed, so an office of another Association is refused and audited. The unannounced visit
is ad hoc only and never in the future (`bot.domain.inspections.record_unannounced_visit`); no
notice goes to the manager, before or after (the service's practice, not the directive's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any, ClassVar, Final

from bot.domain.inspection_report import KIND_LABELS
from bot.domain.inspections import (
    INSPECTION_KINDS,
    record_unannounced_visit,
    schedule_inspection,
)
from bot.domain.refusals import TEXT_MAX_CHARS, DisciplineError
from bot.domain.staff import Grant, Refusal
from bot.domain.staff_actions import SubjectRef
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.inputs import Input, Picked, Text
from bot.flows.framework.messages import Choice, Message
from bot.flows.framework.outcomes import Invalid
from bot.flows.framework.steps import ChoiceStep, Step
from bot.flows.framework.typed_steps import DateStep
from bot.flows.framework.wizard import Wizard
from bot.flows.staff.guard import authorise
from bot.flows.staff.inspect_checklist import begin_checklist
from bot.flows.staff.inspect_lists import list_button, moment_text, number
from bot.flows.staff.replies import refusal_message, ways_on
from bot.text.jalali import parse_jalali_date, parse_stored_date, today_in
from bot.text.markers import N_
from bot.text.persian import match_key, to_ascii_digits
from storage import offices

SCHEDULE: Final = "inspection.schedule"
VISIT: Final = "inspection.visit"
SCHEDULE_FLOW: Final = "staff_inspection_schedule"
VISIT_FLOW: Final = "staff_inspection_visit"
NOW: Final = "__now"
NO_NOTE: Final = "__no_note"
_TIME = re.compile(r"(\d{1,2})[:.٫](\d{2})")


def local_moment(ctx: Context, day: str, hour: int, minute: int) -> datetime:
    """The aware UTC moment of a stored Jalali *day* at *hour*:*minute* in the configured zone."""
    gregorian = parse_stored_date(day).togregorian()
    return datetime.combine(gregorian, time(hour, minute), tzinfo=ctx.settings.zone).astimezone(UTC)


def read_time(text: str) -> tuple[int, int]:
    """Hours and minutes typed as 14:30 (any digits), or Invalid."""
    found = _TIME.fullmatch(to_ascii_digits(text.strip()))
    if found is None or int(found[1]) > 23 or int(found[2]) > 59:
        raise Invalid(N_("Please send a time like 10:30."))
    return int(found[1]), int(found[2])


@dataclass(frozen=True, kw_only=True)
class OfficeStep(Step):
    """The office inspected: its code, or a few letters of its name (one match)."""

    def takes_text(self, ctx: Context) -> bool:
        return True

    async def parse(self, ctx: Context, received: Input) -> Any:
        if not isinstance(received, Text) or not received.text.strip():
            raise Invalid(N_("Please send the office's code, or a few letters of its name."))
        typed = to_ascii_digits(received.text.strip())[:64]
        if typed.isdigit():
            if await offices.office(ctx.session, typed) is None:
                raise Invalid(N_("No office has the code {code}."), code=number(ctx, typed))
            return typed
        found = await offices.search(ctx.session, match_key(typed), limit=6)
        if len(found) == 1:
            return found[0].code
        if not found:
            raise Invalid(N_("No office's name has those letters; please send its code."))
        listed = "\n".join(f"• {number(ctx, o.code)}: {o.name}" for o in found[:5])
        raise Invalid(
            N_("Several offices match; please send the code of one:\n{offices}"), offices=listed
        )

    def show(self, ctx: Context, value: Any) -> str:
        return number(ctx, value)


@dataclass(frozen=True, kw_only=True)
class FutureDayStep(DateStep):
    """A Jalali day, today or later (an inspection is scheduled ahead)."""

    not_future: bool = False
    shortcuts: bool = False

    async def parse(self, ctx: Context, received: Input) -> Any:
        value = await super().parse(ctx, received)
        if parse_stored_date(str(value)) < today_in(ctx.settings.zone, ctx.now):
            raise Invalid(N_("That day has passed: an inspection is scheduled ahead."))
        return value


@dataclass(frozen=True, kw_only=True)
class TimeStep(Step):
    """The time of day, after now on the day chosen."""

    async def parse(self, ctx: Context, received: Input) -> Any:
        if not isinstance(received, Text):
            raise Invalid(N_("Please send a time like 10:30."))
        hour, minute = read_time(received.text)
        day = str(ctx.state.answers.get("day", ""))
        if day and local_moment(ctx, day, hour, minute) <= ctx.now:
            raise Invalid(
                N_(
                    "That moment has passed: an inspection is scheduled in the future, and its "
                    "notice tells the manager when it will be."
                )
            )
        return f"{hour:02d}:{minute:02d}"

    def show(self, ctx: Context, value: Any) -> str:
        return number(ctx, value)


@dataclass(frozen=True, kw_only=True)
class NoteStep(Step):
    """An optional note for the manager's notice (typed), or none."""

    def choices(self, ctx: Context) -> list[Choice]:
        return [Choice(ctx.t(N_("No note")), NO_NOTE)]

    def takes_text(self, ctx: Context) -> bool:
        return True

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, Picked) and received.value == NO_NOTE:
            return ""
        if not isinstance(received, Text) or not received.text.strip():
            raise Invalid(N_("Please write the note, or press “No note”."))
        if len(received.text.strip()) > TEXT_MAX_CHARS:
            raise Invalid(
                N_("That is too long: please keep it to {maximum} characters at most."),
                maximum=TEXT_MAX_CHARS,
            )
        return received.text.strip()

    def show(self, ctx: Context, value: Any) -> str:
        return str(value) if value else ctx.t(N_("none"))


@dataclass(frozen=True, kw_only=True)
class VisitMomentStep(Step):
    """When the unannounced visit was made: now, or a day and time already past."""

    def choices(self, ctx: Context) -> list[Choice]:
        return [Choice(ctx.t(N_("Now")), NOW)]

    def takes_text(self, ctx: Context) -> bool:
        return True

    async def parse(self, ctx: Context, received: Input) -> Any:
        if isinstance(received, Picked) and received.value == NOW:
            return ctx.now.astimezone(UTC).isoformat()
        if not isinstance(received, Text) or " " not in received.text.strip():
            raise Invalid(N_("Please press “Now”, or send the day and time like 1403/08/15 10:30."))
        day_text, _, time_text = received.text.strip().rpartition(" ")
        hour, minute = read_time(time_text)
        try:
            day = parse_jalali_date(day_text, today_in(ctx.settings.zone, ctx.now))
        except ValueError:
            raise Invalid(
                N_("Please press “Now”, or send the day and time like 1403/08/15 10:30.")
            ) from None
        moment = local_moment(ctx, f"{day.year:04d}/{day.month:02d}/{day.day:02d}", hour, minute)
        if moment > ctx.now:
            raise Invalid(
                N_(
                    "That moment is in the future: an unannounced visit is recorded when it is "
                    "made, or after."
                )
            )
        return moment.isoformat()

    def show(self, ctx: Context, value: Any) -> str:
        return moment_text(ctx, datetime.fromisoformat(str(value)))


OFFICE = OfficeStep(
    key="office",
    label=N_("Office"),
    prompt=N_("Which office? Send its code, or a few letters of its name."),
)
_KIND_OPTIONS = tuple((kind, KIND_LABELS[kind]) for kind in INSPECTION_KINDS)


def _where(ctx: Context, grant: Grant) -> str:
    return grant.subject.association or "" if grant.subject is not None else ""


def _not_done(ctx: Context, error: DisciplineError) -> list[Message]:
    said = {
        "at": N_("That moment no longer fits: please start again. Nothing was done."),
        "office": N_(
            "This office cannot be inspected now: it is closed or revoked, or has no manager on "
            "record. Nothing was done."
        ),
    }.get(error.field, N_("That could not be done. Nothing was done."))
    return [Message(ctx.t(said), buttons=ways_on(ctx, member=True))]


class ScheduleInspection(Wizard):
    """Schedule a periodic or ad-hoc inspection ahead; its notice goes to the manager (Art. 21)."""

    name = SCHEDULE_FLOW
    title = N_("Schedule an inspection")
    in_menu = False
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        OFFICE,
        ChoiceStep(key="kind", label=N_("Kind"), prompt=N_("Which kind?"), options=_KIND_OPTIONS),
        FutureDayStep(
            key="day", label=N_("Day"), prompt=N_("On which day? Send it like 1403/08/20.")
        ),
        TimeStep(key="time", label=N_("Time"), prompt=N_("At what time? Send it like 10:30.")),
        NoteStep(
            key="note",
            label=N_("Note"),
            prompt=N_("A note for the manager's notice (optional): write it, or press “No note”."),
        ),
    )

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        outcome = await authorise(ctx, SCHEDULE, SubjectRef("office", str(answers["office"])))
        if isinstance(outcome, Refusal):
            return [refusal_message(ctx, outcome)]
        hour, minute = read_time(str(answers["time"]))
        at = local_moment(ctx, str(answers["day"]), hour, minute)
        try:
            inspection, _notice = await schedule_inspection(
                ctx.session,
                ctx.settings,
                ctx.now,
                office_code=str(answers["office"]),
                kind=str(answers["kind"]),
                at=at,
                inspector=outcome.member.name,
                note=str(answers.get("note") or "") or None,
                inspector_member_id=outcome.member.id,
            )
        except DisciplineError as error:
            return _not_done(ctx, error)
        text = ctx.t(
            N_(
                "🗓 Inspection no. {number} of office {office} ({kind}) was scheduled for {when}. "
                "Its notice was sent to the office's manager, who must cooperate with inspectors "
                "(Article 21)."
            ),
            number=number(ctx, inspection.id),
            office=number(ctx, inspection.office_code),
            kind=ctx.t(KIND_LABELS[inspection.kind]),
            when=moment_text(ctx, at),
        )
        rows = [[list_button(ctx, _where(ctx, outcome))], *ways_on(ctx, member=True)]
        return [Message(text, buttons=rows)]


class RecordVisit(Wizard):
    """Record an ad-hoc visit made without notice, now or earlier; then its checklist."""

    name = VISIT_FLOW
    title = N_("Record an unannounced visit")
    in_menu = False
    intro = N_(
        "An unannounced visit is an ad-hoc inspection (a periodic one is always scheduled and "
        "announced: the service's practice). It is recorded when it is made, or after."
    )
    # The keys of these steps are persisted with unfinished conversations: never rename them.
    steps: ClassVar[tuple[Step, ...]] = (
        OFFICE,
        VisitMomentStep(
            key="at",
            label=N_("When"),
            prompt=N_(
                "When was the visit? Press “Now”, or send the day and time like 1403/08/15 10:30."
            ),
        ),
    )

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        outcome = await authorise(ctx, VISIT, SubjectRef("office", str(answers["office"])))
        if isinstance(outcome, Refusal):
            return [refusal_message(ctx, outcome)]
        visited_at = datetime.fromisoformat(str(answers["at"]))
        try:
            inspection = await record_unannounced_visit(
                ctx.session,
                ctx.settings,
                ctx.now,
                office_code=str(answers["office"]),
                visited_at=visited_at,
                inspector=outcome.member.name,
                inspector_member_id=outcome.member.id,
            )
        except DisciplineError as error:
            return _not_done(ctx, error)
        said = Message(
            ctx.t(
                N_(
                    "🚪 Unannounced visit no. {number} of office {office} was recorded, at {when}. "
                    "No notice goes to the manager, before or after (the service's practice, "
                    "not the directive's). Now its checklist:"
                ),
                number=number(ctx, inspection.id),
                office=number(ctx, inspection.office_code),
                when=moment_text(ctx, visited_at),
            )
        )
        return [said, *await begin_checklist(ctx, inspection.id)]


async def show_schedule(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """The list's "Schedule an inspection": the form; from a desk's proposal, with its office
    (read from the store, never trusted; the office is authorised again at the confirm)."""
    flow = ctx.registry.flows[SCHEDULE_FLOW]
    messages = await flow.start(ctx)
    code = str(payload.get("office", ""))
    if code and await offices.office(ctx.session, code) is not None:
        ctx.state.answers["office"] = code
        ctx.state.trail["stack"] = ["office"]
        ctx.state.step = "kind"
        return await flow.prompt(ctx)
    return messages


async def show_visit(ctx: Context, grant: Grant) -> list[Message]:
    """The list's "Record an unannounced visit": the form."""
    return await ctx.registry.flows[VISIT_FLOW].start(ctx)
