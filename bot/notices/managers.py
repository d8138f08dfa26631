"""Notices to office managers: issued with the decision that causes them, delivered to every
linked chat once, acknowledged from any of them, reminded a bounded number of times.

A notice is a row of its own (what it says, as data: `content`), plus one outbox row per linked
chat, rendered in that chat's language with its buttons. A manager who has not linked yet gets
the outbox rows when they link: the notice waits, and nothing was served meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.messages.replies import InlineButton, Reply
from bot.notices import office_complaints
from bot.notices.complainants import button
from bot.rules.law_text import shown
from bot.rules.violations import SANCTIONS, VIOLATIONS, appealable
from bot.text.i18n import Translator, translator
from bot.text.jalali import format_jalali_date, format_jalali_datetime, parse_stored_date
from bot.text.markers import N_, NP_
from bot.text.persian import is_persian_locale, localize_digits
from storage import appeals as appeal_store
from storage import decisions as decision_store
from storage import identities, managers, outbox
from storage import notices as store
from storage.models import ManagerLink, Notice, Office

ACKNOWLEDGE = "notice_ack"
APPEAL = "notice_appeal"

INSPECTION_KINDS = {"periodic": N_("a periodic inspection"), "ad_hoc": N_("an ad-hoc inspection")}
#: A notice's short name: its subject's number and day, so that two of a kind on one day differ.
TITLES = {
    "inspection": N_("Inspection no. {number}, {date}"),
    "decision": N_("Decision no. {number} (degree {degree}), {date}"),
    "appeal_ruling": N_("Appeals Board ruling no. {number}, {date}"),
    office_complaints.KIND: N_("Complaint no. {number}, {date}"),
}
#: Where a decision stands now, once no appeal can be made from its notice (Art. 24).
STANDINGS = {
    "pending": N_(
        "The appeal period for this decision has ended. (The directive sets no deadline; this "
        "period is a setting of this service.)"
    ),
    "appealed": N_("An appeal of this decision is recorded; the Appeals Board has not ruled yet."),
    "final": N_("This decision is final (Article 24)."),
    "replaced": N_("The Appeals Board replaced this decision's sanction; its ruling is final."),
    "overturned": N_("The Appeals Board overturned this decision; no sanction stands."),
}
RULINGS = {
    "uphold": N_("The Appeals Board upheld the decision."),
    "replace": N_("The Appeals Board replaced the sanction with: {sanction}."),
    "overturn": N_("The Appeals Board overturned the decision: no sanction stands."),
}


async def issue(
    session: AsyncSession,
    *,
    manager_id: int,
    office_code: str,
    kind: str,
    subject_id: int,
    content: dict[str, Any],
    settings: Settings,
    now: datetime,
) -> Notice:
    """Record a notice and queue it to every chat the manager has linked (none: it waits)."""
    notice = Notice(
        manager_id=manager_id,
        office_code=office_code,
        kind=kind,
        subject_id=subject_id,
        content=content,
        created_at=now,
        reminders=0,
    )
    await store.add_notice(session, notice)
    for link in await managers.active_links(session, manager_id):
        await deliver_to(session, notice, link, settings, now)
    return notice


async def deliver_to(
    session: AsyncSession,
    notice: Notice,
    link: ManagerLink,
    settings: Settings,
    now: datetime,
    *,
    reminder: bool = False,
) -> int:
    """Queue *notice* to one linked chat, in its language, with its buttons; return the row id."""
    identity = await identities.find(session, link.platform, link.platform_user_id)
    locale = (identity.locale if identity else None) or settings.default_locale
    t = translator(locale)
    text = render(t, notice, settings)
    if reminder:
        text = t(N_("⏰ Reminder: you have not acknowledged this notice yet.")) + "\n\n" + text
    rows: list[tuple[InlineButton, ...]] = []
    if notice.acknowledged_at is None:
        rows.append(
            (
                await _button(
                    session, link, t(N_("✔ Acknowledge receipt")), ACKNOWLEDGE, notice, now
                ),
            )
        )
    if await appeal_open(session, notice, settings, now):
        rows.append(
            (await _button(session, link, t(N_("Appeal this decision")), APPEAL, notice, now),)
        )
    [row_id] = await outbox.enqueue(
        session,
        platform=link.platform,
        chat_id=link.chat_id,
        kind="notice",
        payloads=[Reply(text, inline=tuple(rows)).to_payload()],
        update_id=None,
        now=now,
        notice_id=notice.id,
    )
    return row_id


async def _button(
    session: AsyncSession, link: ManagerLink, label: str, action: str, notice: Notice, now: datetime
) -> InlineButton:
    # A notice's buttons stay for as long as anyone might still act on the notice.
    chat = (link.platform, link.chat_id)
    return await button(session, chat, label, action, {"notice_id": notice.id}, now, days=365)


async def on_link(
    session: AsyncSession, link: ManagerLink, settings: Settings, now: datetime
) -> int:
    """Queue to a newly linked chat every notice of the manager not yet sent to that chat."""
    sent_to_chat = await outbox.notice_ids_sent_to(session, link.platform, link.chat_id)
    waiting = [
        notice
        for notice in await store.of_manager(session, link.manager_id)
        if notice.id not in sent_to_chat
    ]
    for notice in waiting:
        await deliver_to(session, notice, link, settings, now)
    return len(waiting)


async def acknowledge(
    session: AsyncSession, notice: Notice, platform: str, chat_id: int, now: datetime
) -> bool:
    """Record the acknowledgement (the first counts; pressing again changes nothing)."""
    if notice.acknowledged_at is not None:
        return False
    notice.acknowledged_at = now
    notice.acknowledged_via = f"{platform}:{chat_id}"
    return True


async def notice_for(
    session: AsyncSession, notice_id: object, platform: str, user_id: int
) -> Notice | None:
    """The notice, only if this account is linked to its manager now."""
    if not str(notice_id).isdigit():
        return None
    notice = await store.notice(session, int(str(notice_id)))
    link = await managers.link_of(session, platform, user_id)
    if notice is None or link is None or link.manager_id != notice.manager_id:
        return None
    return notice


async def remind(session: AsyncSession, settings: Settings, now: datetime) -> int:
    """Queue reminders of notices unacknowledged for too long, a bounded number of times."""
    if settings.notice_reminders <= 0:
        return 0
    due = now - timedelta(hours=settings.notice_remind_after_hours)
    found = await store.unacknowledged(
        session, created_before=due, reminded_fewer_than=settings.notice_reminders
    )
    reminded = 0
    for notice in found:
        if notice.last_reminded_at is not None and notice.last_reminded_at > due:
            continue
        links = await managers.active_links(session, notice.manager_id)
        if not links:
            continue  # not linked: nothing was served, nothing to remind
        for link in links:
            await deliver_to(session, notice, link, settings, now, reminder=True)
        notice.reminders += 1
        notice.last_reminded_at = now
        reminded += 1
    return reminded


async def appeal_open(
    session: AsyncSession, notice: Notice, settings: Settings, now: datetime
) -> bool:
    """Whether the manager may still appeal the decision this notice serves (Art. 24): a 5 or 6
    pending, or appealed by the Center's head only, within the window (a setting)."""
    if notice.kind != "decision":
        return False
    decision = await decision_store.by_id(session, notice.subject_id)
    if decision is None or not appealable(decision.sanction):
        return False
    if decision.status not in ("pending", "appealed"):
        return False
    # Art. 24: the manager appeals once, also after the Center's head has (before the ruling).
    if any(
        appeal.by == "manager" for appeal in await appeal_store.appeals_of(session, decision.id)
    ):
        return False
    if decision.served_at is None:
        return True  # the window has not started
    return now < decision.served_at + timedelta(days=settings.appeal_window_days)


async def standing(
    session: AsyncSession, notice: Notice, settings: Settings, now: datetime
) -> str | None:
    """Where the decision of an appealable sanction stands, when it can no longer be appealed
    from its notice (a msgid); None for any other notice, or while the appeal is open."""
    if notice.kind != "decision" or await appeal_open(session, notice, settings, now):
        return None
    decision = await decision_store.by_id(session, notice.subject_id)
    if decision is None or not appealable(decision.sanction):
        return None  # a final sanction: the notice itself says so
    return STANDINGS.get(str(decision.status))


async def on_delivered(session: AsyncSession, outbox_id: int, now: datetime) -> None:
    """After a notice reached a chat: its first delivery serves a decision (starts the window)."""
    notice_id = await outbox.notice_id_of(session, outbox_id)
    if notice_id is None:
        return
    notice = await store.notice(session, notice_id)
    if notice is None or notice.kind != "decision":
        return
    decision = await decision_store.by_id(session, notice.subject_id)
    if decision is not None and decision.served_at is None:
        decision.served_at, decision.served_how = now, "delivered"


# --- what a notice says -----------------------------------------------------------------------


def render(t: Translator, notice: Notice, settings: Settings) -> str:
    """A notice's text in *t*'s language."""
    content = notice.content
    office = localize_digits(f"{content.get('office_name', '')} ({notice.office_code})", t.locale)
    if notice.kind == "inspection":
        at = datetime.fromisoformat(str(content["at"]))
        lines = [
            t(N_("🔎 Inspection notice")),
            t(N_("Office: {office}"), office=office),
            t(
                N_("The Association will carry out {kind} of your office on {when} (Tehran time)."),
                kind=t(INSPECTION_KINDS[str(content["kind"])]),
                when=format_jalali_datetime(at, settings.zone, t.locale),
            ),
        ]
        if content.get("inspector"):
            lines.append(t(N_("Inspector: {name}"), name=str(content["inspector"])))
        if content.get("note"):
            lines.append(t(N_("Note: {note}"), note=str(content["note"])))
        lines += [
            "",
            t(
                N_(
                    "Office managers must cooperate with the inspectors (Article 21); not "
                    "cooperating is itself a disciplinary violation (Article 25, clause 9)."
                )
            ),
            t(N_("Please acknowledge that you received this notice.")),
        ]
        return "\n".join(lines)
    if notice.kind == "decision":
        return "\n".join(_decision_lines(t, content, office, settings))
    if notice.kind == office_complaints.KIND:
        return "\n".join(office_complaints.lines(t, content, office))
    ruling = str(content["ruling"])
    lines = [
        t(N_("⚖️ Ruling of the Appeals Board (Article 24)")),
        t(N_("Office: {office}"), office=office),
        t(
            N_("On the decision of {date}."),
            date=localize_digits(str(content["decided_on"]), t.locale),
        ),
        t(
            RULINGS[ruling],
            sanction=sanction_text(t, content.get("sanction"), content.get("months")),
        ),
        t(N_("This ruling is final.")),
    ]
    if content.get("ruling_text"):
        # The ruling as the presiding member wrote it (the service's reading of Art. 24).
        lines += ["", t(N_("The Appeals Board's ruling, as written:")), str(content["ruling_text"])]
    return "\n".join(lines)


def title(t: Translator, notice: Notice, settings: Settings) -> str:
    """A notice's short name in *t*'s language: "Decision no. 3 (degree 5), 11 Azar 1405"."""
    content = notice.content
    day: object = notice.created_at.astimezone(settings.zone).date()
    if notice.kind == "inspection" and content.get("at"):
        day = datetime.fromisoformat(str(content["at"])).astimezone(settings.zone).date()
    degree = content.get("sanction")
    return t(TITLES[notice.kind], number=notice.subject_id, degree=degree or "", date=day)


def sanction_text(t: Translator, degree: object, months: object) -> str:
    """ "Article 23, degree 5: temporary suspension of the licence, for 6 months"."""
    if not isinstance(degree, int) or degree not in SANCTIONS:
        return ""
    text = t(
        N_("Article 23, degree {degree}: {name}"),
        degree=degree,
        name=t(SANCTIONS[degree].name_msgid),
    )
    if isinstance(months, int):
        text += t(
            NP_(", for {months} month", ", for {months} months", count="months"), months=months
        )
    return text


def _decision_lines(
    t: Translator, content: dict[str, Any], office: str, settings: Settings
) -> list[str]:
    lines = [
        t(N_("⚖️ Decision of the Primary Disciplinary Board (Articles 22 and 23)")),
        t(N_("Office: {office}"), office=office),
    ]
    if content.get("offender") == "staff":
        # Art. 25: the violations of managers and staff; the office hears of its staff's ruling.
        lines.append(
            t(
                N_("Charged: {name}, {post} of the office (Article 25)"),
                name=str(content.get("offender_name", "")),
                post=t(str(content.get("post_label", ""))),
            )
        )
    lines += ["", t(N_("Violations found:"))]
    for clause in content.get("violations", []):
        violation = VIOLATIONS[str(clause)]
        lines.append(
            t(
                N_("• Article 25, clause {clause}: {text}"),
                clause=violation.clause,
                # Persian quotes the clause as read (a misprint such as 25.1's "قدم نصب" read
                # as the law means it, its lost ZWNJ restored); another language names it.
                text=shown(violation.reading) if is_persian_locale(t.locale) else t(violation.name),
            )
        )
    degree = content.get("sanction")
    lines += [
        "",
        t(N_("Sanction: {sanction}"), sanction=sanction_text(t, degree, content.get("months"))),
    ]
    if degree == 1 and content.get("warned_on"):
        # Art. 23, degree 1: a verbal warning is given in person; this notice only records it.
        lines.append(
            t(
                N_(
                    "This is a record of the verbal warning the Board gave you in person on "
                    "{date}; it is not a written warning."
                ),
                date=format_jalali_date(parse_stored_date(str(content["warned_on"])), t.locale),
            )
        )
    if isinstance(degree, int) and appealable(degree):
        lines.append(
            t(
                NP_(
                    "Not final yet: you may appeal to the Appeals Board (Article 24) within {days} "
                    "day of receiving this notice. (The directive sets no deadline; this period "
                    "is a setting of this service.)",
                    "Not final yet: you may appeal to the Appeals Board (Article 24) within {days} "
                    "days of receiving this notice. (The directive sets no deadline; this period "
                    "is a setting of this service.)",
                    count="days",
                ),
                days=settings.appeal_window_days,
            )
        )
    else:
        lines.append(t(N_("This sanction is final (Article 24).")))
    if content.get("ruling"):
        # Art. 22 note 2: the majority's ruling, as the chair wrote it.
        lines += ["", t(N_("The Board's ruling, as its chair wrote it:")), str(content["ruling"])]
    if content.get("crime_referral"):
        lines.append(
            t(
                N_(
                    "The Board has reported a possible crime to the competent judicial "
                    "authority (Article 26)."
                )
            )
        )
    lines += ["", t(N_("Please acknowledge that you received this notice."))]
    return lines


def office_content(office: Office) -> dict[str, Any]:
    """What every notice says of the office."""
    return {"office_name": office.name}


async def notices_of(session: AsyncSession, manager_id: int, limit: int = 10) -> Sequence[Notice]:
    """A manager's latest notices, newest first."""
    return await store.latest_of_manager(session, manager_id, limit)
