"""One complaint as the Association's desk reads it: with the desk's actions while it waits
(`desk.complaint`), read-only once it does not (`desk.record`, with the complainant's rating).

Everything the citizen gave: the clauses, the dates, the amount and the tariff comparison, the
description, the evidence (by kind and size), the complainant's identity (the desk's role only:
the complainant was told that the Association and its Board see it; the Directorate reads the
rest; the office only with consent, through its own notice), the timeline, the rating, earlier
complaints against the same office and its record before the Board. `file_messages` sends files
as files (the evidence here; an answer's files from `ask.py`).

**Other modules' buttons** (the lead wires "Ask the complainant" here): `VIEW_ACTIONS` is a list
of `ViewAction`s, each `(ctx, grant, complaint) -> rows of buttons`; `add_view_action(f)` appends
one, and their rows come after the desk's own, before the way back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Final

from bot.domain.staff import Grant
from bot.domain.staff_actions import ACTIONS, SubjectRef
from bot.flows.complaint.details import timeline_lines
from bot.flows.complaint.office_search import office_line
from bot.flows.complaint.overcharge_answers import money
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.staff.desk_lists import complaint_line, open_button
from bot.flows.staff.home import WAITING
from bot.flows.staff.replies import association_name, ways_on
from bot.messages.replies import Attachment
from bot.notices.complainants import STATUS_LABELS, shown_code
from bot.notices.desk_complaints import OPEN
from bot.rules.violations import VIOLATIONS
from bot.text.jalali import format_jalali_date, format_jalali_numeric
from bot.text.markers import N_, NP_
from bot.text.persian import localize_digits
from storage import cases, complaints, decisions, threads
from storage import offices as registry
from storage import staff as staff_store
from storage.models import Complaint, Evidence
from storage.statuses import Role

COMPLAINT: Final = OPEN
EVIDENCE: Final = "desk.evidence"
TAKE: Final = "desk.take"
ASSIGN_ASK: Final = "desk.assign_ask"
REFER: Final = "desk.refer"
INSPECT: Final = "desk.inspect"
CLOSE_ASK: Final = "desk.close_ask"
DUPLICATE_ASK: Final = "desk.duplicate_ask"
DESCRIPTION_CHARS: Final = 1500  # a chat message holds 4,096 characters: the rest is cut, said so
EARLIER_SHOWN: Final = 5

ViewAction = Callable[[Context, Grant, Complaint], Awaitable[list[list[Button]]]]
#: The extra rows of the complaint's view, registered by other modules (see the docstring).
VIEW_ACTIONS: list[ViewAction] = []


def add_view_action(action: ViewAction) -> None:
    """Add rows of buttons to every complaint's view (after the desk's own)."""
    if action not in VIEW_ACTIONS:
        VIEW_ACTIONS.append(action)


def _overcharge(ctx: Context, record: dict[str, object]) -> list[str]:
    t = ctx.t
    lines: list[str] = []
    service = record.get("service_en" if ctx.locale == "en" else "service") or record.get("service")
    paid = record.get("paid_rials")
    if service:
        lines.append(t(N_("Service: {service}"), service=str(service)))
    if isinstance(paid, int):
        lines.append(t(N_("Paid: {amount}"), amount=money(t, paid, "rial")))
    fee, difference = record.get("fee_rials"), record.get("difference_rials")
    if record.get("compared") and isinstance(fee, int):
        lines.append(
            t(
                N_("The tariff of {year}: {fee}"),
                year=localize_digits(str(record.get("tariff_year")), ctx.locale),
                fee=money(t, fee, "rial"),
            )
        )
        if isinstance(difference, int) and difference > 0:
            lines.append(
                t(N_("More than the tariff: {amount}"), amount=money(t, difference, "rial"))
            )
    elif isinstance(paid, int):
        lines.append(t(N_("No comparison with a tariff was made.")))
    return lines


async def _record(ctx: Context, complaint: Complaint) -> list[str]:
    """Earlier complaints against the office, and its cases and decisions before the Board."""
    t = ctx.t
    earlier = [
        c
        for c in await complaints.of_office(ctx.session, complaint.office_code)
        if c.id != complaint.id
    ]
    lines = [
        "",
        t(
            NP_(
                "Other complaints against this office: {count}",
                "Other complaints against this office: {count}",
            ),
            count=len(earlier),
        ),
    ]
    lines += [complaint_line(ctx, c) for c in earlier[-EARLIER_SHOWN:]]
    office_cases = await cases.of_office(ctx.session, complaint.office_code)
    if not office_cases:
        lines.append(t(N_("No case against this office before the Board.")))
    for case in office_cases:
        decision = await decisions.of_case(ctx.session, case.id)
        opened = format_jalali_date(case.opened_at.astimezone(ctx.settings.zone).date(), ctx.locale)
        if decision is None:
            lines.append(
                t(
                    N_("• Case {number}, opened {date}: {status}"),
                    number=localize_digits(str(case.id), ctx.locale),
                    date=opened,
                    status=t(N_("open")) if case.status == "open" else t(N_("decided")),
                )
            )
        else:
            lines.append(
                t(
                    N_("• Case {number}, opened {date}: sanction of degree {degree} (Article 23)"),
                    number=localize_digits(str(case.id), ctx.locale),
                    date=opened,
                    degree=localize_digits(str(decision.sanction), ctx.locale),
                )
            )
    return lines


async def complaint_text(ctx: Context, grant: Grant, complaint: Complaint) -> str:
    """The complaint as the desk reads it: everything the citizen gave, and its record."""
    t = ctx.t
    office = await registry.office(ctx.session, complaint.office_code)
    filed = complaint.created_at.astimezone(ctx.settings.zone).date()
    lines = [
        t(N_("📄 Complaint {code}"), code=shown_code(complaint.tracking_code, ctx.locale)),
        t(
            N_("Office: {office}"),
            office=office_line(office, ctx.locale) if office else complaint.office_code,
        ),
        t(N_("Status: {status}"), status=t(STATUS_LABELS[complaint.status])),
        t(
            N_("Date: {date}"),
            date=localize_digits(format_jalali_numeric(complaint.incident_date), ctx.locale),
        ),
        t(N_("Filed: {date}"), date=format_jalali_date(filed, ctx.locale)),
    ]
    if complaint.assigned_member_id is not None:
        holder = await staff_store.member(ctx.session, complaint.assigned_member_id)
        lines.append(t(N_("Taken by: {name}"), name=holder.name if holder else "?"))
    for clause in complaint.violations:
        violation = VIOLATIONS.get(clause)
        if violation is not None:
            lines.append(
                t(
                    N_("• Article 25, clause {clause}: {text}"),
                    clause=localize_digits(str(violation.clause), ctx.locale),
                    text=t(violation.name),
                )
            )
    if complaint.unclassified:
        lines.append(t(N_("Another matter, for the Association to classify.")))
    if complaint.overcharge:
        lines += _overcharge(ctx, complaint.overcharge)
    description = complaint.description
    if len(description) > DESCRIPTION_CHARS:
        description = description[:DESCRIPTION_CHARS].rstrip() + "…"
    lines += ["", description]
    evidence = await complaints.evidence_of(ctx.session, complaint.id)
    if evidence:
        lines += [
            "",
            t(NP_("{count} file of evidence", "{count} files of evidence"), count=len(evidence)),
        ]
    if grant.role is not None and grant.role.role is Role.DESK:
        lines += [
            "",
            t(
                N_("Complainant: {name}, {mobile}"),
                name=complaint.complainant_name,
                mobile=localize_digits(complaint.complainant_mobile, ctx.locale),
            ),
            t(N_("The office may know who complained."))
            if complaint.identity_consent
            else t(N_("The office may not know who complained.")),
        ]
    lines += ["", t(N_("Timeline:"))]
    lines += timeline_lines(ctx, await complaints.timeline(ctx.session, complaint.id))
    rating = await threads.rating_of(ctx.session, complaint.id)
    if rating is not None:
        lines.append(
            t(
                N_("Rated by the complainant: {stars} ({count} of 5)"),
                stars="⭐" * rating.stars,
                count=rating.stars,
            )
        )
    lines += await _record(ctx, complaint)
    return "\n".join(lines)


async def show_complaint(ctx: Context, grant: Grant) -> list[Message]:
    """One complaint, as the Association's staff read it, with the desk's actions while it
    waits (`desk.complaint`); one it no longer reviews (`desk.record`) is only read."""
    assert grant.subject is not None and isinstance(grant.subject.row, Complaint)
    complaint: Complaint = grant.subject.row
    t = ctx.t
    subject = SubjectRef("complaint", str(complaint.id)).as_payload()
    buttons: list[list[Button]] = []
    waiting = complaint.status in (ACTIONS[TAKE].states or ())
    if waiting and grant.role is not None and grant.role.role is Role.DESK:
        files = len(await complaints.evidence_of(ctx.session, complaint.id))
        if files:
            label = t(N_("📎 Send the evidence ({count})"), count=files)
            buttons.append([Action(label, EVIDENCE, subject)])
        if complaint.assigned_member_id != grant.member.id:
            buttons.append([Action(t(N_("🙋 Take it")), TAKE, subject)])
        buttons += [
            [Action(t(N_("👥 Give it to a colleague")), ASSIGN_ASK, subject)],
            [Action(t(N_("⚖ Refer to the Primary Board")), REFER, subject)],
            [Action(t(N_("🔍 Propose an inspection")), INSPECT, subject)],
            [
                Action(t(N_("✖ Close it")), CLOSE_ASK, subject),
                Action(t(N_("♊ A repeat of another")), DUPLICATE_ASK, subject),
            ],
        ]
    for extra in VIEW_ACTIONS:
        buttons += await extra(ctx, grant, complaint)
    back = SubjectRef("association", complaint.association_province)
    buttons.append(
        [
            Action(
                t(
                    N_("« Waiting complaints: {association}"),
                    association=association_name(complaint.association_province, ctx),
                ),
                WAITING,
                back.as_payload(),
            )
        ]
    )
    buttons += ways_on(ctx, member=True)
    return [Message(await complaint_text(ctx, grant, complaint), buttons=buttons)]


def file_messages(
    ctx: Context, complaint: Complaint, pieces: list[Evidence], back: list[list[Button]]
) -> list[Message]:
    """*pieces* of *complaint* as files: by the platform's file id on the platform they came
    from, else from the disk where they are kept; a file that is neither is named, not sent.
    The last message carries *back*."""
    t = ctx.t
    messages: list[Message] = []
    for number, piece in enumerate(pieces, start=1):
        kind = "photo" if piece.kind == "photo" else "document"
        same = piece.platform == ctx.platform
        kept = (
            piece.stored_path if piece.stored_path and Path(piece.stored_path).is_file() else None
        )
        caption = t(
            N_("📎 File {number} of {count} of complaint {code}"),
            number=number,
            count=len(pieces),
            code=shown_code(complaint.tracking_code, ctx.locale),
        )
        if not same and kept is None:
            caption += "\n" + t(N_("It is not kept on this server yet, so it cannot be sent here."))
            messages.append(Message(caption))
            continue
        attachment = Attachment(
            kind,
            file_id=piece.file_id if same else None,
            platform=piece.platform if same else None,
            path=kept,
            name=piece.file_name,
        )
        messages.append(Message(caption, attachment=attachment))
    if messages:
        messages[-1].buttons = back
    else:
        messages.append(Message(t(N_("This complaint has no files.")), buttons=back))
    return messages


async def send_evidence(ctx: Context, grant: Grant) -> list[Message]:
    """The complaint's files (`file_messages`), then the way back to it."""
    assert grant.subject is not None and isinstance(grant.subject.row, Complaint)
    complaint: Complaint = grant.subject.row
    pieces = await complaints.evidence_of(ctx.session, complaint.id)
    back: list[list[Button]] = [
        open_button(ctx, complaint, N_("« The complaint")),
        *ways_on(ctx, member=True),
    ]
    return file_messages(ctx, complaint, pieces, back)
