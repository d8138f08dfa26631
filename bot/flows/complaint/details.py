"""A complaint as its complainant sees it afterwards: what they told us, where it stands, the
outcome, what they added later, and its timeline.

Only the account that filed a complaint sees it (`own`); anyone else is told it was not found,
with a way on. Every date is shown one way: a day as a Jalali date in words, a moment as a
Jalali date and a time in the configured zone (Tehran), both in the locale's digits.

```mermaid
flowchart TD
    D[the complaint] --> W[what: clauses, day, service and amount, description, evidence]
    D --> S[status, since when] --> O{closed?}
    O -- decided --> B[the Board's findings]
    O -- dismissed --> X[dismissed, with the Association's note]
    O -- open --> A[Add information · Withdraw]
    D --> L[added later] --> T[timeline]
```
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from bot.domain.cases import decision_of_case
from bot.domain.tariff import Tariff, bundled_tariffs
from bot.flows.complaint.filing import MY_COMPLAINTS
from bot.flows.complaint.office_search import office_line
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.menu import MENU, OPEN
from bot.notices.complainants import STATUS_LABELS, shown_code
from bot.rules.violations import CITIZEN_CHOICES, VIOLATIONS, WITHDRAWAL_EXPLANATION
from bot.text.i18n import Translator
from bot.text.jalali import format_jalali_datetime
from bot.text.markers import N_, NP_
from bot.text.persian import localize_digits
from storage import cases as case_store
from storage import complaints as store
from storage import offices as registry_store
from storage.models import Complaint, ComplaintAddition, ComplaintEvent, Evidence
from storage.statuses import COMPLAINT

OPEN_COMPLAINT = "complaint_open"
WITHDRAW = "complaint_withdraw"
ADD_INFORMATION = "complaint_add_info"
TRACK = "track"  # the flow that follows a complaint by its code
LABEL_OF_CLAUSE = {choice.violation_id: choice.label_msgid for choice in CITIZEN_CHOICES}
#: How much of a description, and of a text added later, the view shows before «…».
DESCRIPTION_SHOWN = 300
ADDITION_SHOWN = 150
KINDS = {"photo": N_("photo"), "document": N_("document")}


def is_open(complaint: Complaint) -> bool:
    """Whether the complaint may still move (decided and dismissed ones may not)."""
    return bool(COMPLAINT.allowed(complaint.status))


async def own(ctx: Context, complaint_id: object) -> Complaint | None:
    """The complaint, only if it was filed from this account."""
    if not str(complaint_id).isdigit():
        return None
    complaint = await store.by_id(ctx.session, int(str(complaint_id)))
    return complaint if complaint is not None and is_owner(ctx, complaint) else None


def is_owner(ctx: Context, complaint: Complaint) -> bool:
    """Whether this account filed *complaint*."""
    return (complaint.platform, complaint.platform_user_id) == (ctx.platform, ctx.user_id)


def ways_on(ctx: Context, *, retry: bool = False) -> list[list[Button]]:
    """The buttons under a message that ends here: another code, my complaints, the menu."""
    rows: list[list[Button]] = []
    if retry:
        rows.append([Action(ctx.t(N_("Try another tracking code")), OPEN, {"flow": TRACK})])
    rows += [
        [Action(ctx.t(N_("My complaints")), MY_COMPLAINTS)],
        [Action(ctx.t(N_("Main menu")), MENU)],
    ]
    return rows


def not_found(ctx: Context) -> Message:
    """No complaint of this account has that code (or it is someone else's)."""
    return Message(
        ctx.t(N_("I found no complaint of yours with that tracking code.")),
        buttons=ways_on(ctx, retry=True),
    )


def shortened(text: str, limit: int) -> str:
    """*text* on one line, cut at a word before *limit* characters with «…» if longer."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip("،,.;؛ ") + "…"


def when(ctx: Context, moment: datetime) -> str:
    """A moment as every date of the view is shown: Jalali, the locale's digits, Tehran time."""
    return format_jalali_datetime(moment, ctx.settings.zone, ctx.locale)


async def details(ctx: Context, complaint: Complaint) -> Message:
    """The complaint as its complainant sees it, with the buttons that lead on."""
    t = ctx.t
    office = await registry_store.office(ctx.session, complaint.office_code)
    events = await store.timeline(ctx.session, complaint.id)
    withdrawn = await store.withdrawn_at(ctx.session, complaint.id)
    lines = [
        t(N_("📄 Complaint {code}"), code=shown_code(complaint.tracking_code, ctx.locale)),
        t(
            N_("Office: {office}"),
            office=office_line(office, ctx.locale) if office else complaint.office_code,
        ),
        *what_was_said(ctx, complaint),
        *evidence_lines(t, await store.evidence_of(ctx.session, complaint.id)),
        "",
        *await standing_lines(ctx, complaint, events),
    ]
    if withdrawn is not None:
        lines += ["", t(WITHDRAWAL_EXPLANATION)]
    additions = await store.additions_of(ctx.session, complaint.id)
    if additions:
        lines += ["", t(N_("Added by you later:")), *addition_lines(ctx, additions)]
    lines += ["", t(N_("Timeline:")), *timeline_lines(ctx, events)]
    buttons: list[list[Button]] = []
    if is_open(complaint):
        buttons.append([Action(t(N_("Add information")), ADD_INFORMATION, {"id": complaint.id})])
        if withdrawn is None:
            buttons.append(
                [Action(t(N_("Withdraw this complaint")), WITHDRAW, {"id": complaint.id})]
            )
    buttons += ways_on(ctx)
    return Message("\n".join(lines), buttons=buttons)


def what_was_said(ctx: Context, complaint: Complaint) -> list[str]:
    """What the complainant told us: the clauses, the day, the service and amount, the story."""
    t = ctx.t
    lines = [t(N_("What happened:"))]
    for clause_id in complaint.violations:
        violation = VIOLATIONS.get(clause_id)
        if violation is None:
            continue
        label = LABEL_OF_CLAUSE.get(clause_id, violation.name)
        lines.append(
            t(
                N_("• {what} (clause {clause} of Article 25)"),
                what=t(label),
                clause=violation.clause,
            )
        )
    if len(lines) == 1:
        lines.append(t(N_("• not classified yet: the Association classifies it")))
    lines.append(t(N_("Day of the incident: {date}"), date=complaint.incident_date))
    if complaint.overcharge:
        lines += overcharge_lines(t, complaint.overcharge)
    lines.append(
        t(N_("Description: {text}"), text=shortened(complaint.description, DESCRIPTION_SHOWN))
    )
    return lines


@cache
def _tariffs() -> dict[int, Tariff]:
    return bundled_tariffs()


def overcharge_lines(t: Translator, record: dict[str, Any]) -> list[str]:
    """The service, the amount paid and the tariff's fee, as stored with the complaint."""
    lines = []
    tariff = _tariffs().get(int(record.get("tariff_year") or 0))
    item = record.get("item")
    if tariff is not None and item is not None:
        try:
            service = tariff.item(int(item))
        except (KeyError, ValueError):
            service = None
        if service is not None:
            name = service.service_fa if t.locale == "fa" else service.service_en
            lines.append(t(N_("Service: {service}"), service=name))
    units = record.get("units")
    if isinstance(units, int) and units > 1:
        lines.append(t(N_("How many: {units}"), units=units))
    paid = record.get("paid")
    if isinstance(paid, int):
        tomans = record.get("currency") == "toman"
        currency = N_("{amount} tomans") if tomans else N_("{amount} rials")
        lines.append(t(N_("Amount paid: {amount}"), amount=t(currency, amount=paid)))
    fee = record.get("fee_rials")
    if record.get("compared") and isinstance(fee, int):
        fee_text = t(N_("{amount} rials"), amount=fee)
        lines.append(t(N_("The tariff's fee: {amount}"), amount=fee_text))
    else:
        lines.append(t(N_("Not compared with the tariff.")))
    return lines


def evidence_lines(t: Translator, evidence: list[Evidence]) -> list[str]:
    """The files sent with the complaint or added later: how many, and each one's name or kind."""
    if not evidence:
        return [t(N_("Evidence: none"))]
    names = [item.file_name or t(KINDS.get(item.kind, N_("file"))) for item in evidence]
    return [
        t(
            NP_("Evidence ({count} file): {files}", "Evidence ({count} files): {files}"),
            count=len(evidence),
            files=t.join(names),
        )
    ]


async def standing_lines(
    ctx: Context, complaint: Complaint, events: list[ComplaintEvent]
) -> list[str]:
    """Its status since when, and the outcome once it is decided or dismissed."""
    t = ctx.t
    moved = [e for e in events if e.kind == "status" and e.status == complaint.status]
    since = moved[-1] if moved else None
    status = t(STATUS_LABELS[complaint.status])
    if since is None:
        return [t(N_("Status: {status}"), status=status)]
    lines = [t(N_("Status: {status} (since {when})"), status=status, when=when(ctx, since.at))]
    if complaint.status == "dismissed":
        lines.append(t(N_("Outcome: the Association dismissed the complaint (Article 15(e)).")))
        if since.note:
            lines.append(t(N_("The Association's note: {note}"), note=since.note))
    elif complaint.status == "decided":
        lines += await decided_lines(ctx, complaint, since)
    return lines


async def decided_lines(ctx: Context, complaint: Complaint, since: ComplaintEvent) -> list[str]:
    """What the Primary Disciplinary Board found on the complaint's case (never the sanction)."""
    t = ctx.t
    decision = None
    for case in await case_store.of_office(ctx.session, complaint.office_code):
        if complaint.id in case.complaint_ids:
            decision = await decision_of_case(ctx.session, case.id)
    if decision is None:
        lines = [t(N_("Outcome: the complaint was decided."))]
        if since.note:
            lines.append(t(N_("The Association's note: {note}"), note=since.note))
        return lines
    lines = [t(N_("Outcome: the Primary Disciplinary Board found these violations by the office:"))]
    for clause_id in decision.violations:
        violation = VIOLATIONS.get(clause_id)
        if violation is not None:
            lines.append(
                t(
                    N_("• Article 25, clause {clause}: {text}"),
                    clause=violation.clause,
                    text=t(violation.name),
                )
            )
    if decision.status == "overturned":
        lines.append(
            t(N_("On appeal, the Appeals Board overturned the decision (Article 24).")),
        )
    return lines


def addition_lines(ctx: Context, additions: list[ComplaintAddition]) -> list[str]:
    """What the complainant added after filing, each with its moment."""
    t = ctx.t
    lines = []
    for addition in additions:
        parts = []
        if addition.text:
            parts.append(shortened(addition.text, ADDITION_SHOWN))
        if addition.evidence_ids:
            parts.append(t(NP_("{count} file", "{count} files"), count=len(addition.evidence_ids)))
        lines.append(f"• {when(ctx, addition.at)}: " + " — ".join(parts))
    return lines


def timeline_lines(ctx: Context, events: list[ComplaintEvent]) -> list[str]:
    """The complaint's timeline, oldest first, with the Association's notes."""
    t = ctx.t
    lines = []
    for event in events:
        if event.kind == "proposal":  # the desk's own note (bot/domain/desk.py), not theirs
            continue
        if event.kind == "withdrawn":
            what_happened = t(N_("you withdrew the complaint"))
        else:
            what_happened = t(STATUS_LABELS.get(event.status or "", N_("note")))
        line = f"• {when(ctx, event.at)}: {what_happened}"
        if event.note and event.kind == "status" and event.status != "received":
            line += f" — {localize_digits(event.note, ctx.locale)}"
        lines.append(line)
    return lines
