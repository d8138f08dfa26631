"""The sample guarded staff action: the complaints waiting for an Association's review.

Read-only (Art. 15(e): the Association reviews and pursues the complaints it receives). The list
is of one Association, the button's subject; each complaint opens on its own button, whose press
is authorised again against the complaint as stored now (its Association, still waiting). The
complainant's name and mobile are shown to the Association's desk only: the complainant was told
that the Association and its Board see them (bot/flows/complaint/complainant.py), and the
Directorate reads the rest.
"""

from __future__ import annotations

from typing import Final

from bot.domain.staff import Grant
from bot.domain.staff_actions import SubjectRef
from bot.flows.complaint.office_search import office_line
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.staff.home import WAITING
from bot.flows.staff.replies import association_name, ways_on
from bot.notices.complainants import STATUS_LABELS, shown_code
from bot.rules.violations import VIOLATIONS
from bot.text.jalali import format_jalali_date, format_jalali_numeric
from bot.text.markers import N_, NP_
from bot.text.persian import localize_digits
from storage import complaints
from storage import offices as registry
from storage.models import Complaint
from storage.statuses import ComplaintStatus, Role

COMPLAINT: Final = "desk.complaint"
SHOWN: Final = 10  # complaints listed at once, oldest first
DESCRIPTION_CHARS: Final = 600


async def show_waiting(ctx: Context, grant: Grant) -> list[Message]:
    """The complaints received or under review by the granted Association, oldest first."""
    assert grant.subject is not None
    key = grant.subject.id
    waiting = sorted(
        [
            *await complaints.listing(ctx.session, key, ComplaintStatus.RECEIVED),
            *await complaints.listing(ctx.session, key, ComplaintStatus.UNDER_REVIEW),
        ],
        key=lambda complaint: complaint.id,
    )
    lines = [
        ctx.t(
            NP_(
                "📥 {count} complaint is waiting for the review of {association} (Article 15(e)).",
                "📥 {count} complaints are waiting for the review of {association} (Article "
                "15(e)).",
            ),
            count=len(waiting),
            association=association_name(key, ctx),
        )
    ]
    if len(waiting) > SHOWN:
        lines.append(ctx.t(N_("The oldest {shown} are shown."), shown=SHOWN))
    buttons: list[list[Button]] = []
    for complaint in waiting[:SHOWN]:
        day = complaint.created_at.astimezone(ctx.settings.zone).date()
        filed = format_jalali_date(day, ctx.locale)
        code = shown_code(complaint.tracking_code, ctx.locale)
        lines.append(
            ctx.t(
                N_("• {code}: office {office}, {status}, filed {date}"),
                code=code,
                office=localize_digits(complaint.office_code, ctx.locale),
                status=ctx.t(STATUS_LABELS[complaint.status]),
                date=filed,
            )
        )
        subject = SubjectRef("complaint", str(complaint.id))
        buttons.append([Action(ctx.t(N_("📄 {code}"), code=code), COMPLAINT, subject.as_payload())])
    buttons += ways_on(ctx, member=True)
    return [Message("\n".join(lines), buttons=buttons)]


async def show_complaint(ctx: Context, grant: Grant) -> list[Message]:
    """One waiting complaint, as the Association's staff read it."""
    assert grant.subject is not None and isinstance(grant.subject.row, Complaint)
    complaint: Complaint = grant.subject.row
    t = ctx.t
    office = await registry.office(ctx.session, complaint.office_code)
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
    ]
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
    description = complaint.description
    if len(description) > DESCRIPTION_CHARS:
        description = description[:DESCRIPTION_CHARS].rstrip() + "…"
    lines += ["", description]
    if grant.role is not None and grant.role.role is Role.DESK:
        lines += [
            "",
            t(
                N_("Complainant: {name}, {mobile}"),
                name=complaint.complainant_name,
                mobile=localize_digits(complaint.complainant_mobile, ctx.locale),
            ),
        ]
    back = SubjectRef("association", complaint.association_province)
    buttons: list[list[Button]] = [
        [
            Action(
                t(
                    N_("« Waiting complaints: {association}"),
                    association=association_name(complaint.association_province, ctx),
                ),
                WAITING,
                back.as_payload(),
            )
        ],
        *ways_on(ctx, member=True),
    ]
    return [Message("\n".join(lines), buttons=buttons)]
