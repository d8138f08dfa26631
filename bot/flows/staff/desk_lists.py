"""The desk's lists of an Association's waiting complaints: all, mine, overdue; and the search.

Each list is of one Association, the button's subject, oldest first, `PAGE` at a time; each
complaint opens on its own button, authorised again against the complaint as stored now. The
page a button asks for is only a number: a page past the end shows the last one. `/desk TEXT`
searches the Associations the member's roles reach by tracking code or office code.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, Final

from bot.domain.staff import Grant, Refusal, active_member
from bot.domain.staff_actions import ACTIONS, SubjectRef
from bot.flows.framework.context import Context
from bot.flows.framework.messages import Action, Button, Message
from bot.flows.staff.guard import actor_of, authorise
from bot.flows.staff.home import WAITING, listable
from bot.flows.staff.replies import association_name, refusal_message, ways_on
from bot.notices.complainants import STATUS_LABELS, shown_code
from bot.notices.desk_complaints import OPEN as COMPLAINT
from bot.text.jalali import format_jalali_date
from bot.text.markers import N_, NP_
from bot.text.persian import localize_digits, to_ascii_digits
from storage import complaints
from storage import staff as staff_store
from storage.models import Complaint

MINE: Final = "desk.mine"
#: A complaint the Association no longer reviews, only read (its record, its rating).
RECORD: Final = "desk.record"
OVERDUE: Final = "desk.overdue"
SEARCH: Final = "desk.search"
PAGE: Final = 10  # complaints listed at once, oldest first
SEARCH_CHARS: Final = 32  # a tracking code or an office code is far shorter


def _page(payload: dict[str, Any]) -> int:
    value = str(payload.get("page", "0"))
    return int(value) if value.isdigit() else 0


def complaint_line(ctx: Context, complaint: Complaint) -> str:
    """One complaint in a list: code, office, status, when filed."""
    day = complaint.created_at.astimezone(ctx.settings.zone).date()
    return ctx.t(
        N_("• {code}: office {office}, {status}, filed {date}"),
        code=shown_code(complaint.tracking_code, ctx.locale),
        office=localize_digits(complaint.office_code, ctx.locale),
        status=ctx.t(STATUS_LABELS[complaint.status]),
        date=format_jalali_date(day, ctx.locale),
    )


def open_button(ctx: Context, complaint: Complaint, label: str = N_("📄 {code}")) -> list[Button]:
    """The row that opens one complaint: the desk's view while it waits, else its record."""
    code = shown_code(complaint.tracking_code, ctx.locale)
    subject = SubjectRef("complaint", str(complaint.id))
    action = COMPLAINT if complaint.status in (ACTIONS[COMPLAINT].states or ()) else RECORD
    return [Action(ctx.t(label, code=code), action, subject.as_payload())]


def _listing(
    ctx: Context,
    action: str,
    key: str,
    header: str,
    found: Sequence[Complaint],
    page: int,
) -> list[Message]:
    last = max(0, (len(found) - 1) // PAGE)
    page = min(page, last)
    shown = found[page * PAGE : (page + 1) * PAGE]
    lines = [header]
    if last:
        lines.append(
            ctx.t(
                N_("Page {page} of {pages}, oldest first."),
                page=page + 1,
                pages=last + 1,
            )
        )
    lines += [complaint_line(ctx, complaint) for complaint in shown]
    buttons: list[list[Button]] = [open_button(ctx, complaint) for complaint in shown]
    where = SubjectRef("association", key).as_payload()
    turn: list[Button] = []
    if page > 0:
        turn.append(Action(ctx.t(N_("« Earlier")), action, {**where, "page": str(page - 1)}))
    if page < last:
        turn.append(Action(ctx.t(N_("Later »")), action, {**where, "page": str(page + 1)}))
    if turn:
        buttons.append(turn)
    buttons.append(
        [
            Action(ctx.t(label), name, where)
            for name, label in (
                (WAITING, N_("📥 Waiting")),
                (MINE, N_("🙋 Mine")),
                (OVERDUE, N_("⏰ Overdue")),
            )
            if name != action
        ]
    )
    buttons += ways_on(ctx, member=True)
    return [Message("\n".join(lines), buttons=buttons)]


async def show_waiting(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """The complaints received or under review by the granted Association, oldest first."""
    assert grant.subject is not None
    key = grant.subject.id
    found = await complaints.waiting(ctx.session, key)
    header = ctx.t(
        NP_(
            "📥 {count} complaint is waiting for the review of {association} (Article 15(e)).",
            "📥 {count} complaints are waiting for the review of {association} (Article 15(e)).",
        ),
        count=len(found),
        association=association_name(key, ctx),
    )
    return _listing(ctx, WAITING, key, header, found, _page(payload))


async def show_mine(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """The waiting complaints the member took, oldest first."""
    assert grant.subject is not None
    key = grant.subject.id
    found = await complaints.waiting(ctx.session, key, member_id=grant.member.id)
    header = ctx.t(
        NP_(
            "🙋 You took {count} complaint that is still waiting.",
            "🙋 You took {count} complaints that are still waiting.",
        ),
        count=len(found),
    )
    return _listing(ctx, MINE, key, header, found, _page(payload))


async def show_overdue(ctx: Context, grant: Grant, payload: dict[str, Any]) -> list[Message]:
    """The waiting complaints filed more than the configured days ago, oldest first."""
    assert grant.subject is not None
    key = grant.subject.id
    days = ctx.settings.desk_overdue_days
    found = await complaints.waiting(ctx.session, key, filed_before=ctx.now - timedelta(days=days))
    header = ctx.t(
        NP_(
            "⏰ {count} complaint has waited more than {days} days (a target of this service, "
            "not a rule of the directive).",
            "⏰ {count} complaints have waited more than {days} days (a target of this "
            "service, not a rule of the directive).",
        ),
        count=len(found),
        days=days,
    )
    return _listing(ctx, OVERDUE, key, header, found, _page(payload))


async def search_command(ctx: Context, args: str) -> list[Message]:
    """/desk TEXT: the complaints with that tracking code or office code, in the Associations
    the member's roles reach (each searched only as `desk.search` allows)."""
    typed = to_ascii_digits(args.strip())[:SEARCH_CHARS]
    member = await _member(ctx)
    keys = listable(ctx, await staff_store.roles_of(ctx.session, [member])) if member else []
    # A chat of no member (or of no role that lists) is refused, and audited, as any press is.
    found: list[Complaint] = []
    for key in keys or [ctx.settings.association_keys[0]]:
        outcome = await authorise(ctx, SEARCH, SubjectRef("association", key))
        if isinstance(outcome, Refusal):
            return [refusal_message(ctx, outcome)]
        if typed:
            found += await complaints.search(ctx.session, key, typed)
    if not typed:
        return [
            Message(
                ctx.t(
                    N_(
                        "Type a tracking code or an office code after /desk, like “/desk "
                        "1234567800”."
                    )
                ),
                buttons=ways_on(ctx, member=True),
            )
        ]
    if not found:
        text = ctx.t(
            N_("No complaint of your Association has the tracking code or office code {typed}."),
            typed=localize_digits(typed, ctx.locale),
        )
        return [Message(text, buttons=ways_on(ctx, member=True))]
    lines = [
        ctx.t(NP_("🔎 {count} complaint found:", "🔎 {count} complaints found:"), count=len(found))
    ]
    shown = found[:PAGE]
    lines += [complaint_line(ctx, complaint) for complaint in shown]
    if len(found) > PAGE:
        lines.append(ctx.t(N_("The oldest {shown} are shown."), shown=PAGE))
    buttons = [open_button(ctx, complaint) for complaint in shown] + ways_on(ctx, member=True)
    return [Message("\n".join(lines), buttons=buttons)]


async def _member(ctx: Context) -> int | None:
    found = await active_member(ctx.session, actor_of(ctx))
    return found.id if found is not None else None
