"""An inspector's inspections in chat (Arts. 15(b), 21): the lists of an Association, and one.

```mermaid
flowchart LR
    M[staff menu: 🔍 Inspections: an Association] --> L[upcoming · to record · recorded]
    L -- 📄 one --> V[the inspection] -- 📝 the checklist --> C[inspect_checklist.py]
    L -- 🗓 Schedule, or an office the desk proposed --> S[inspect_forms.ScheduleInspection]
    L -- 🚪 Record an unannounced visit --> U[inspect_forms.RecordVisit] --> C
```

Each screen is a guarded staff action (`inspection.*` rows of `bot/domain/staff_actions.py`):
the lists and the starts act on the Association, one inspection on itself, each authorised
again on every press against the store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from bot.domain import inspection_report
from bot.domain.inspection_report import KIND_LABELS
from bot.domain.staff import Grant
from bot.domain.staff_actions import ACTIONS, SubjectRef, association_of_province
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.staff.replies import association_name, ways_on
from bot.text.jalali import format_jalali_datetime
from bot.text.markers import N_, NP_
from bot.text.persian import localize_digits
from storage import inspections as inspection_store
from storage.models import Inspection, Office, StaffRole

LIST: Final = "inspection.list"
VIEW: Final = "inspection.view"
SCHEDULE_START: Final = "inspection.schedule_start"
VISIT_START: Final = "inspection.visit_start"
CHECKLIST: Final = "inspection.checklist"
SEND: Final = "inspection.send"
SHOWN: Final = 10  # inspections listed at once in each part, nearest first


def inspector_associations(ctx: Context, roles: list[StaffRole]) -> list[str]:
    """The Associations whose inspections the member's roles reach (display only)."""
    allowed = ACTIONS[LIST].roles or frozenset()
    keys: list[str] = []
    for role in roles:
        if role.role in allowed:
            reach = [role.association] if role.association else ctx.settings.association_keys
            keys += [key for key in reach if key not in keys]
    return keys


def list_button(ctx: Context, key: str, label: str = N_("« Inspections: {association}")) -> Button:
    """The button back to an Association's inspections."""
    return Action(
        ctx.t(label, association=association_name(key, ctx)),
        LIST,
        SubjectRef("association", key).as_payload(),
    )


def moment_text(ctx: Context, moment: datetime) -> str:
    """A moment in the configured zone, in the reader's digits."""
    return format_jalali_datetime(moment, ctx.settings.zone, ctx.locale)


def number(ctx: Context, value: object) -> str:
    """A number or code in the reader's digits."""
    return localize_digits(str(value), ctx.locale)


def headline(ctx: Context, inspection: Inspection, office: Office) -> str:
    """One inspection in a line: its number, office, moment, kind, announced or not."""
    how = N_("announced") if inspection.announced else N_("unannounced")
    return ctx.t(
        N_("no. {number}: office {office}, {when}, {kind}, {how}"),
        number=number(ctx, inspection.id),
        office=number(ctx, office.code),
        when=moment_text(ctx, inspection.visited_at or inspection.at),
        kind=ctx.t(KIND_LABELS.get(inspection.kind, inspection.kind)),
        how=ctx.t(how),
    )


def open_button(ctx: Context, inspection: Inspection, office: Office) -> list[Button]:
    """The row that opens one inspection."""
    label = ctx.t(
        N_("📄 no. {number}, office {office}"),
        number=number(ctx, inspection.id),
        office=number(ctx, office.code),
    )
    return [Action(label, VIEW, SubjectRef("inspection", str(inspection.id)).as_payload())]


async def show_list(ctx: Context, grant: Grant) -> list[Message]:
    """The Association's inspections: upcoming, to record (taken place), recorded."""
    assert grant.subject is not None
    key = grant.subject.id
    mine = [
        (inspection, office)
        for inspection, office in await inspection_store.with_offices(ctx.session)
        if association_of_province(office.province, ctx.settings) == key
    ]
    upcoming = [(i, o) for i, o in mine if i.recorded_at is None and i.at > ctx.now]
    due = [(i, o) for i, o in mine if i.recorded_at is None and i.at <= ctx.now]
    recorded = [(i, o) for i, o in mine if i.recorded_at is not None][-SHOWN:]
    lines = [ctx.t(N_("🔍 Inspections: {association}"), association=association_name(key, ctx))]
    rows: list[list[Button]] = []
    for title, part, openable in (
        (N_("Upcoming:"), upcoming[:SHOWN], True),
        (N_("To record (taken place):"), due[:SHOWN], True),
        (N_("Recorded:"), recorded, True),
    ):
        lines += ["", ctx.t(title)]
        if not part:
            lines.append(ctx.t(N_("none")))
        for inspection, office in part:
            lines.append("• " + headline(ctx, inspection, office))
            if openable:
                rows.append(open_button(ctx, inspection, office))
    subject = SubjectRef("association", key).as_payload()
    # The desk's proposals (Arts. 15(b), 21) of offices not inspected since, newest first.
    since: dict[str, datetime] = {}
    for inspection, office in mine:
        since[office.code] = max(
            inspection.created_at, since.get(office.code, inspection.created_at)
        )
    proposed: dict[str, tuple[str, datetime]] = {}
    for complaint, at in await inspection_store.proposals(ctx.session, key):
        done = since.get(complaint.office_code)
        if (done is None or done < at) and complaint.office_code not in proposed:
            proposed[complaint.office_code] = (complaint.tracking_code, at)
    if proposed:
        lines += ["", ctx.t(N_("Proposed by the complaints desk, not inspected since:"))]
    for code, (tracking, at) in list(proposed.items())[:SHOWN]:
        lines.append(
            ctx.t(
                N_("• office {office}: on complaint {code}, {when}"),
                office=number(ctx, code),
                code=number(ctx, tracking),
                when=moment_text(ctx, at),
            )
        )
        label = ctx.t(N_("🗓 Schedule: office {office}"), office=number(ctx, code))
        rows.append([Action(label, SCHEDULE_START, {**subject, "office": code})])
    rows.append([Action(ctx.t(N_("🗓 Schedule an inspection")), SCHEDULE_START, subject)])
    rows.append([Action(ctx.t(N_("🚪 Record an unannounced visit")), VISIT_START, subject)])
    return [Message("\n".join(lines), buttons=rows + ways_on(ctx, member=True))]


async def show_inspection(ctx: Context, grant: Grant) -> list[Message]:
    """One inspection: its office, moment, kind, note; its findings once recorded."""
    assert grant.subject is not None and isinstance(grant.subject.row, Inspection)
    inspection: Inspection = grant.subject.row
    office: Office = grant.subject.facts["office"]
    lines = [
        ctx.t(N_("🔍 Inspection {headline}"), headline=headline(ctx, inspection, office)),
        ctx.t(N_("Office: {code}, {name}"), code=number(ctx, office.code), name=office.name),
    ]
    if inspection.inspector:
        lines.append(ctx.t(N_("Inspector: {name}"), name=inspection.inspector))
    if inspection.note:
        lines.append(ctx.t(N_("Note: {note}"), note=inspection.note))
    rows: list[list[Button]] = []
    subject = SubjectRef("inspection", str(inspection.id)).as_payload()
    if inspection.recorded_at is not None:
        found = inspection.findings or []
        lines.append(
            ctx.t(
                N_("Findings: Article 25, clauses {clauses}"),
                clauses=ctx.t.join([number(ctx, c.split(".")[-1]) for c in found]),
            )
            if found
            else ctx.t(N_("Findings: none under Article 25"))
        )
        if inspection.report_sent_at is not None:
            lines.append(
                ctx.t(
                    N_("The report was sent to the Council's members on {when}."),
                    when=moment_text(ctx, inspection.report_sent_at),
                )
            )
        elif inspection.report_path is not None:
            lines.append(ctx.t(N_("The report is kept; no member of the Council has received it.")))
            rows.append([Action(ctx.t(N_("📤 Send the report to the Council")), SEND, subject)])
    elif inspection.at > ctx.now:
        lines.append(ctx.t(N_("It has not taken place yet; its checklist opens once it has.")))
    else:
        rows.append([Action(ctx.t(N_("📝 The on-site checklist")), CHECKLIST, subject)])
    rows.append([list_button(ctx, grant.subject.association or "")])
    return [Message("\n".join(lines), buttons=rows + ways_on(ctx, member=True))]


async def send_report(ctx: Context, grant: Grant) -> list[Message]:
    """A report kept unsent: to the Council's members whose chats are linked now."""
    assert grant.subject is not None and isinstance(grant.subject.row, Inspection)
    inspection: Inspection = grant.subject.row
    rows = (
        await inspection_report.send_report(
            ctx.session, ctx.settings, ctx.now, inspection=inspection
        )
        if inspection.report_sent_at is None
        else []
    )
    said = (
        ctx.t(
            NP_(
                "The report was sent to the Council's members ({count} chat).",
                "The report was sent to the Council's members ({count} chats).",
            ),
            count=len(rows),
        )
        if rows
        else ctx.t(N_("No member of the Council has a linked chat now. Nothing was sent."))
    )
    back = [[list_button(ctx, grant.subject.association or "")], *ways_on(ctx, member=True)]
    return [Message(said, buttons=back)]
