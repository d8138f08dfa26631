# ruff: noqa: E501
# (the transcripts below are the messages exactly as sent, one per line)
"""Issue #12 end to end, through the fake Bot API: an inspector linked from Telegram records an
unannounced visit with a photo and files its reasoned report (Art. 21: the findings open a case,
the Council's chats receive the report with its document); the Primary Board's three members
(Art. 22 note 1: a chair judge, a judge, the chair's representative) receive the case; the chair
charges the manager, opens the sitting with every member present (note 2), all vote, and the
chair writes a degree-5 ruling (Art. 23, open to appeal, Art. 24); the manager, served, appeals
from the notice's button with grounds, and every Appeals Board chat receives the appeal's file.
The Appeals Board (Art. 24) then rules in session: its member marked chair presides (Art. 24 names
none: the service's practice), opens the file from its button and the sitting with every member
present (the service applies Art. 22 note 2's rule: Art. 24 sets none), puts "uphold", both
members vote in their own chats, the presiding member tallies, writes the ruling and records it;
the manager is served the ruling on their platform, the decision is final and in the manager's
disciplinary file, and the settlement suspends the office for the three months (Art. 23).

On the way a judge's client forges the chair's button (refused, audited, nothing opened) and the
manager sends a sticker where the grounds are asked (asked again, nothing filed). The staff are on
Telegram (aiogram); the manager on Telegram, or on Bale (python-telegram-bot) in the same Daftar.

Every message each chat holds at the end is asserted in order, text and buttons (`transcripts`),
and every staff step is in the audit log (member, action, subject, outcome: `audit_log`). To
extend the walk: drive it with `Chats` (press a button, say, send a photo, forge; each waits for
the next messages in that chat and returns them), then add the new messages to `transcripts` and
the new steps to `audit_log`."""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import build_registry
from bot.config import Settings
from bot.domain import settlement, staff_members
from bot.rules.inspection_checklist import CHECKLIST
from bot.text.jalali import add_jalali_months, format_jalali_date, format_jalali_numeric, today_in
from bot.text.persian import to_persian_digits
from storage import managers
from storage import staff as staff_store
from storage.models import (
    Appeal,
    Case,
    Decision,
    DisciplinaryEntry,
    Evidence,
    Inspection,
    Notice,
    Office,
    Sitting,
)
from storage.statuses import AuditOutcome, DecisionStatus, OfficeStatus, Role
from tests.chat.test_complaint_chat import load_sample
from tests.daftar_harness import Daftar, settings_for, start_daftar
from tests.fakebotapi import FakeBotApi
from tests.fakebotapi.updates import SAMPLE_JPEG

# Each actor's chat (a private chat: its user is the chat itself).
INSPECTOR_CHAT = 42_000_001
CHAIR_CHAT = 42_000_002  # the Board's chair, a judge (Art. 22 note 1)
JUDGE_CHAT = 42_000_003
REPRESENTATIVE_CHAT = 42_000_004  # the chair's representative (Art. 22 note 1)
MANAGER_CHAT = 42_000_005  # office 1001's manager
# The appeals_board role (the Council, the Appeals Board): the member marked chair presides
# (Art. 24 names none: the service's practice).
PRESIDING_CHAT = 42_000_006
APPEALS_BOARD_MEMBER = 42_000_007
APPEALS_CHATS = (PRESIDING_CHAT, APPEALS_BOARD_MEMBER)
BOARD_CHATS = (CHAIR_CHAT, JUDGE_CHAT, REPRESENTATIVE_CHAT)

TIMEOUT = 20  # seconds: the machine is shared
MANAGER_CODE = "ABCD2345"
NOTE = "تابلوی تعرفه در دفتر نبود."
REASONS = "تعرفه‌ها در دفتر نصب نبود؛ کارکنان همکاری کردند و رسیدها را نشان دادند."
RULING = "هیئت با حضور همه‌ی اعضا تخلف بند ۱ را احراز کرد و به اتفاق آرا سه ماه تعلیق داد."
APPEAL_RULING = "هیئت تجدیدنظر با حضور همه‌ی اعضا و به اتفاق آرا مجازات هیئت بدوی را تأیید کرد."
GROUNDS = "مدت تعلیق با شدت تخلف و سابقه‌ی دفتر تناسب ندارد و باید بازنگری شود."

Shown = tuple[str, list[list[str]]]


def shown(message: dict[str, Any]) -> Shown:
    """What a chat shows of a bot message: its text (or caption) and its buttons' labels."""
    markup = message.get("reply_markup") or {}
    rows = [[b["text"] for b in row] for row in markup.get("inline_keyboard", [])]
    return str(message.get("text", message.get("caption", ""))), rows


def button(message: dict[str, Any], label: str) -> str:
    markup = message.get("reply_markup") or {}
    for row in markup.get("inline_keyboard", []):
        for b in row:
            if b["text"] == label:
                return str(b["callback_data"])
    raise AssertionError(f"no button {label!r} on {shown(message)}")


@dataclass
class Chats:
    """The chats' transcripts as read so far: each step returns only what it brought.

    Every chat is on *api* (Telegram) unless *elsewhere* puts it on another platform's fake.
    """

    api: FakeBotApi
    elsewhere: dict[int, FakeBotApi] = field(default_factory=dict)
    read: dict[int, int] = field(default_factory=dict)

    def on(self, chat: int) -> FakeBotApi:
        """The fake Bot API the chat is on."""
        return self.elsewhere.get(chat, self.api)

    async def new(self, chat: int, count: int = 1) -> list[dict[str, Any]]:
        """Wait for *count* more bot messages in *chat* and return them."""
        seen = self.read.get(chat, 0)
        got = await self.on(chat).wait_for_message(chat, count=seen + count, timeout=TIMEOUT)
        self.read[chat] = seen + count
        return got[seen : seen + count]

    async def press(
        self, chat: int, message: dict[str, Any], label: str, count: int = 1
    ) -> list[dict[str, Any]]:
        """Press the button *label* on *message* in *chat*; the next *count* messages."""
        self.on(chat).press_button(chat, button(message, label), message_id=message["message_id"])
        return await self.new(chat, count)

    async def say(self, chat: int, text: str, count: int = 1) -> list[dict[str, Any]]:
        self.on(chat).send_text(chat, text)
        return await self.new(chat, count)

    async def command(
        self, chat: int, command: str, args: str = "", count: int = 1
    ) -> list[dict[str, Any]]:
        self.on(chat).send_command(chat, command, args)
        return await self.new(chat, count)

    async def sticker(self, chat: int, count: int = 1) -> list[dict[str, Any]]:
        self.on(chat).send_sticker(chat)
        return await self.new(chat, count)

    async def forge(self, chat: int, callback_data: str, count: int = 1) -> list[dict[str, Any]]:
        """*chat* sends *callback_data* its messages do not carry (a crafted client's press)."""
        self.on(chat).press_button(chat, callback_data, check=False)
        return await self.new(chat, count)

    async def photo(self, chat: int, count: int = 1) -> list[dict[str, Any]]:
        self.on(chat).send_photo(chat)
        return await self.new(chat, count)

    def unread(self, chat: int) -> list[Shown]:
        """The chat's messages not yet read by a step: none, at the end."""
        return [shown(m) for m in self.on(chat).messages_to(chat)[self.read.get(chat, 0) :]]


async def link_staff(
    daftar: Daftar,
    settings: Settings,
    chats: Chats,
    chat: int,
    name: str,
    role: Role,
    association: str | None,
    *,
    chair: bool = False,
    seat: str | None = None,
) -> tuple[int, list[dict[str, Any]]]:
    """Invite a member as the command line does and link their chat with /start staff-CODE."""
    now = datetime.now(UTC)
    async with daftar.app.engine.sessions() as session, session.begin():
        invited = await staff_members.invite(
            session,
            settings,
            now,
            now + timedelta(days=7),
            name=name,
            role=role,
            association=association,
            chair=chair,
            seat=seat,
        )
    return invited.member.id, await chats.command(chat, "start", "staff-" + invited.code, count=2)


@pytest.mark.parametrize("manager_on", ["telegram", "bale"])
async def test_an_unannounced_visit_to_the_appeals_board_s_ruling_through_the_bot_api(
    tmp_path: Path, manager_on: str
) -> None:
    """Every staff chat on Telegram (aiogram); the manager on Telegram, or on Bale
    (python-telegram-bot, set here: Bale's default is the direct transport) in the same Daftar."""
    async with AsyncExitStack() as stack:
        api = await stack.enter_async_context(FakeBotApi(platform="telegram"))
        fakes = [api]
        extra: dict[str, Any] = {}
        chats = Chats(api)
        if manager_on == "bale":
            bale = await stack.enter_async_context(FakeBotApi(platform="bale"))
            fakes.append(bale)
            extra = {
                "bale_token": bale.token,
                "bale_api_url": bale.base_url,
                "bale_framework": "ptb",
            }
            chats.elsewhere[MANAGER_CHAT] = bale
        settings = settings_for(
            api,
            f"sqlite+aiosqlite:///{tmp_path / 'd.db'}",
            framework="aiogram",
            mode="polling",
            evidence_dir=str(tmp_path / "evidence"),
            **extra,
        )
        daftar = await start_daftar(settings, build_registry())
        try:
            await walk(daftar, settings, chats)
        finally:
            await daftar.stop()
        for fake in fakes:
            fake.assert_no_violations()
        if manager_on == "bale":  # nothing of the manager's went to their Telegram chat id
            assert api.messages_to(MANAGER_CHAT) == [] and chats.on(MANAGER_CHAT) is not api


async def walk(daftar: Daftar, settings: Settings, chats: Chats) -> None:
    app = daftar.app
    await load_sample(app)
    now = datetime.now(UTC)
    async with app.engine.sessions() as session, session.begin():
        manager = await managers.current(session, "1001")
        assert manager is not None
        await managers.add_invite(session, MANAGER_CODE, manager.id, now, now + timedelta(days=7))
    # The manager links their chat with the Center's code.
    await chats.command(MANAGER_CHAT, "start", MANAGER_CODE)
    members: dict[int, int] = {}
    for n, chat in enumerate(APPEALS_CHATS):
        members[chat], _ = await link_staff(
            daftar,
            settings,
            chats,
            chat,
            "عضو هیئت تجدیدنظر " + "۱۲"[n],
            Role.APPEALS_BOARD,
            None,
            chair=chat == PRESIDING_CHAT,
        )
    members[CHAIR_CHAT], _ = await link_staff(
        daftar,
        settings,
        chats,
        CHAIR_CHAT,
        "قاضی رضایی",
        Role.BOARD,
        "tehran",
        chair=True,
        seat="judge",
    )
    members[JUDGE_CHAT], _ = await link_staff(
        daftar, settings, chats, JUDGE_CHAT, "قاضی کریمی", Role.BOARD, "tehran", seat="judge"
    )
    members[REPRESENTATIVE_CHAT], _ = await link_staff(
        daftar,
        settings,
        chats,
        REPRESENTATIVE_CHAT,
        "نماینده‌ی رئیس کانون",
        Role.BOARD,
        "tehran",
        seat="chair_representative",
    )
    members[INSPECTOR_CHAT], [_, menu] = await link_staff(
        daftar, settings, chats, INSPECTOR_CHAT, "رضا رضایی", Role.INSPECTOR, "tehran"
    )

    # -- Art. 21: the unannounced visit, its checklist with a photo, its reasoned report -------
    [listed] = await chats.press(INSPECTOR_CHAT, menu, "🔍 بازرسی‌ها: کانون دفاتر استان تهران")
    _, _form = await chats.press(INSPECTOR_CHAT, listed, "🚪 ثبت بازدید بدون اعلام", count=2)
    [when] = await chats.say(INSPECTOR_CHAT, "۱۰۰۱")
    [review] = await chats.press(INSPECTOR_CHAT, when, "همین حالا")
    _recorded, item = await chats.press(INSPECTOR_CHAT, review, "✔ تأیید", count=2)
    for checked in CHECKLIST:
        if checked.id == "25.1":
            [extra] = await chats.press(INSPECTOR_CHAT, item, "❌ رعایت نشده")
            [_kept] = await chats.photo(INSPECTOR_CHAT)
            [extra] = await chats.say(INSPECTOR_CHAT, NOTE)
        else:
            [extra] = await chats.press(INSPECTOR_CHAT, item, "✅ رعایت شده")
        [item] = await chats.press(INSPECTOR_CHAT, extra, "بعدی »")
    [summary] = await chats.say(INSPECTOR_CHAT, REASONS)
    [_filed] = await chats.press(INSPECTOR_CHAT, summary, "✔ ثبت و فرستادن گزارش به شورا")
    for chat in APPEALS_CHATS:
        await chats.new(chat, 2)
    heard = {chat: (await chats.new(chat))[0] for chat in BOARD_CHATS}

    # -- Art. 22: the Board in session ----------------------------------------------------------
    # Each member reads the case file; only the chair's holds the chair's steps (Art. 22 note 2).
    for chat in (JUDGE_CHAT, REPRESENTATIVE_CHAT):
        await chats.press(chat, heard[chat], "📂 دیدن پرونده")
    opened = await chats.press(CHAIR_CHAT, heard[CHAIR_CHAT], "📂 دیدن پرونده")
    # A forged press: the judge's client sends the chair's "open the sitting" button. Callback
    # data is never trusted: refused politely, audited, nothing opened.
    await chats.forge(JUDGE_CHAT, button(opened[-1], "🏛 گشودن جلسه"))
    who = await chats.press(CHAIR_CHAT, opened[-1], "👤 اتهام: متهم و بندها")
    clauses = await chats.press(CHAIR_CHAT, who[-1], "مدیر دفتر")
    picked = await chats.press(CHAIR_CHAT, clauses[-1], "▫️ عدم نصب هزینه خدمات در محل مناسب")
    charged = await chats.press(CHAIR_CHAT, picked[-1], "تمام ✔", count=2)
    asked = await chats.press(CHAIR_CHAT, charged[-1], "🏛 گشودن جلسه")
    sat = await chats.press(CHAIR_CHAT, asked[-1], "✔ همه‌ی اعضا حاضرند: جلسه گشوده شود", count=2)
    put = await chats.press(CHAIR_CHAT, sat[-1], "❓ طرح بند ۱")
    for chat in BOARD_CHATS:
        [ballot] = await chats.new(chat)
        await chats.press(chat, ballot, "✔ آری")
    view = await chats.press(CHAIR_CHAT, put[-1], "« پرونده")
    tallied = await chats.press(CHAIR_CHAT, view[-1], "🧮 شمردن آرای پرسش ۱", count=2)
    choices = await chats.press(CHAIR_CHAT, tallied[-1], "⚖ طرح اقدام تنبیهی")
    put = await chats.press(CHAIR_CHAT, choices[-1], "۵: ۳ ماه")
    for chat in BOARD_CHATS:
        [ballot] = await chats.new(chat)
        await chats.press(chat, ballot, "✔ آری")
    view = await chats.press(CHAIR_CHAT, put[-1], "« پرونده")
    tallied = await chats.press(CHAIR_CHAT, view[-1], "🧮 شمردن آرای پرسش ۲", count=2)
    asked = await chats.press(CHAIR_CHAT, tallied[-1], "✍ نوشتن رأی")
    crime = await chats.say(CHAIR_CHAT, RULING)
    confirm = await chats.press(CHAIR_CHAT, crime[-1], "خیر")
    await chats.press(CHAIR_CHAT, confirm[-1], "✔ ثبت رأی")

    # -- Arts. 23, 24: the manager served appeals from the notice ----------------------------
    [served] = await chats.new(MANAGER_CHAT)
    await chats.press(MANAGER_CHAT, served, "تجدیدنظرخواهی از این رأی")
    await chats.sticker(MANAGER_CHAT)  # a sticker where the grounds are asked: asked again
    grounds = await chats.say(MANAGER_CHAT, GROUNDS)
    await chats.press(MANAGER_CHAT, grounds[-1], "✔ تأیید")
    appealed = {chat: (await chats.new(chat))[0] for chat in APPEALS_CHATS}

    # -- Art. 24: the Appeals Board in session ------------------------------------------------
    # The member marked chair presides (Art. 24 names none: the service's practice); the other
    # reads the file without the presiding member's steps. Every member present (the service
    # applies Art. 22 note 2's rule to the Appeals Board: Art. 24 sets none).
    await chats.press(APPEALS_BOARD_MEMBER, appealed[APPEALS_BOARD_MEMBER], "📂 دیدن تجدیدنظرخواهی")
    opened = await chats.press(PRESIDING_CHAT, appealed[PRESIDING_CHAT], "📂 دیدن تجدیدنظرخواهی")
    asked = await chats.press(PRESIDING_CHAT, opened[-1], "🏛 گشودن جلسه")
    sat = await chats.press(
        PRESIDING_CHAT, asked[-1], "✔ همه‌ی اعضا حاضرند: جلسه گشوده شود", count=2
    )
    offered = await chats.press(PRESIDING_CHAT, sat[-1], "⚖ به رأی گذاشتن رأی")
    put = await chats.press(PRESIDING_CHAT, offered[-1], "✔ تأیید مجازات")
    for chat in APPEALS_CHATS:
        [ballot] = await chats.new(chat)
        await chats.press(chat, ballot, "✔ آری")
    view = await chats.press(PRESIDING_CHAT, put[-1], "« تجدیدنظرخواهی")
    tallied = await chats.press(PRESIDING_CHAT, view[-1], "🧮 شمردن آرای پرسش ۱", count=2)
    await chats.press(PRESIDING_CHAT, tallied[-1], "✍ نوشتن رأی")
    written = await chats.say(PRESIDING_CHAT, APPEAL_RULING)
    await chats.press(PRESIDING_CHAT, written[-1], "✔ ثبت رأی")
    # The manager is served the Appeals Board's ruling, on their own platform.
    await chats.new(MANAGER_CHAT)

    # -- What each chat received, every message in order, text and buttons -------------------
    async with app.engine.sessions() as session:
        [visit] = list(await session.scalars(select(Inspection)))
        [case] = list(await session.scalars(select(Case)))
        [evidence] = list(await session.scalars(select(Evidence)))
        [decision] = list(await session.scalars(select(Decision)))
        [appeal] = list(await session.scalars(select(Appeal)))
        [_primary, appeals_sitting] = list(
            await session.scalars(select(Sitting).order_by(Sitting.id))
        )
        [entry] = list(await session.scalars(select(DisciplinaryEntry)))
        [served_ruling] = list(
            await session.scalars(select(Notice).where(Notice.kind == "appeal_ruling"))
        )
        entries = await staff_store.audit_entries(session)
    assert visit.visited_at is not None
    today_day = today_in(settings.zone, datetime.now(UTC))
    today = format_jalali_date(today_day, "fa")
    day = to_persian_digits(format_jalali_numeric(today_day))
    clock = to_persian_digits(visit.visited_at.astimezone(settings.zone).strftime("%H:%M"))
    expected = transcripts(today=today, day=day, clock=clock)
    for chat, messages in expected.items():
        assert [shown(m) for m in chats.on(chat).messages_to(chat)] == messages, chat
        assert chats.unread(chat) == []
    # The Council's report is the document sent before its summary: the reasoned report itself.
    for chat in APPEALS_CHATS:
        [report] = chats.api.files_to(chat)
        assert report.kind == "document" and report.message_id == 4
        assert report.filename is not None and report.filename.startswith("inspection-1-")
        document = report.data.decode()
        assert document.startswith("گزارش مستدل بازرسی شماره‌ی ۱ (ماده‌ی ۲۱)")
        assert REASONS in document and "نتیجه: رعایت نشده" in document
    # The visit's photo was fetched from the platform and kept with the inspection.
    assert (visit.kind, visit.announced, visit.findings) == ("ad_hoc", False, ["25.1"])
    assert (evidence.inspection_id, evidence.complaint_id) == (visit.id, None)
    assert evidence.stored_path and Path(evidence.stored_path).read_bytes() == SAMPLE_JPEG
    assert (case.source, case.inspection_id, case.office_code) == ("inspection", visit.id, "1001")
    assert (decision.case_id, decision.sanction, decision.months) == (case.id, 5, 3)
    assert (decision.ruling_text, decision.violations) == (RULING, ["25.1"])
    assert (appeal.decision_id, appeal.by, appeal.grounds) == (decision.id, "manager", GROUNDS)
    # Art. 24: the Appeals Board upheld the degree 5 in session, as its presiding member wrote
    # it: the decision is final and in the manager's disciplinary file.
    assert (appeal.ruling, appeal.ruling_text, appeal.sitting_id) == (
        "uphold",
        APPEAL_RULING,
        appeals_sitting.id,
    )
    assert (appeals_sitting.body, appeals_sitting.status) == ("appeals_board", "ruled")
    assert (appeals_sitting.subject_kind, appeals_sitting.subject_id) == (
        "decision",
        str(decision.id),
    )
    assert decision.status is DecisionStatus.FINAL and decision.final_at is not None
    assert (entry.decision_id, entry.manager_id, entry.office_code) == (
        decision.id,
        decision.manager_id,
        "1001",
    )
    assert (entry.degree, entry.months, entry.violations) == (5, 3, ["25.1"])
    assert served_ruling.content["ruling"] == "uphold"
    # The settlement applies the final suspension to the office (Art. 23, degree 5): from the
    # day it became final, for its three months. (The app's periodic job may have settled it
    # first: settling is idempotent, so this settle may find nothing left to do.)
    final_on = today_in(settings.zone, decision.final_at)
    async with app.engine.sessions() as session, session.begin():
        await settlement.settle(session, settings, datetime.now(UTC))
        office = await session.get(Office, "1001")
        assert office is not None
        assert (office.status, office.suspended_until, office.status_decided_by) == (
            OfficeStatus.SUSPENDED,
            add_jalali_months(final_on, 3),
            decision.id,
        )
    async with app.engine.sessions() as session, session.begin():
        assert await settlement.settle(session, settings, datetime.now(UTC)) == []

    # -- Every staff step in the audit log: who, what, on what, allowed ----------------------
    assert [
        (e.member_id, e.action, e.subject_kind, e.subject_id, e.outcome, e.platform)
        for e in entries
    ] == audit_log(
        members, case_id=str(case.id), inspection_id=str(visit.id), decision_id=str(decision.id)
    )
    assert [(e.action, e.reason) for e in entries if e.outcome is AuditOutcome.REFUSED] == [
        ("board.open_ask", "foreign_button")
    ]


def audit_log(
    members: dict[int, int], *, case_id: str, inspection_id: str, decision_id: str
) -> list[tuple[int | None, str, str | None, str | None, AuditOutcome, str]]:
    """The audit entries the walk writes, in order: each staff step, allowed."""
    allowed, telegram = AuditOutcome.ALLOWED, "telegram"
    linking = [
        entry
        for chat in (*APPEALS_CHATS, *BOARD_CHATS, INSPECTOR_CHAT)
        for entry in (
            (members[chat], "staff.invite", "member", str(members[chat]), allowed, "cli"),
            (members[chat], "staff.link", "invite", str(members[chat]), allowed, telegram),
            (members[chat], "staff.menu", None, None, allowed, telegram),
        )
    ]
    inspector = members[INSPECTOR_CHAT]
    inspecting = [
        (inspector, "inspection.list", "association", "tehran", allowed, telegram),
        (inspector, "inspection.visit_start", "association", "tehran", allowed, telegram),
        (inspector, "inspection.visit", "office", "1001", allowed, telegram),
        (inspector, "inspection.record", "inspection", inspection_id, allowed, telegram),
    ]
    chair, judge, representative = (members[chat] for chat in BOARD_CHATS)

    def on_case(member: int, action: str) -> tuple[int, str, str, str, AuditOutcome, str]:
        return (member, action, "case", case_id, allowed, telegram)

    votes = [on_case(m, "board.vote") for m in (chair, judge, representative)]
    sitting = [
        on_case(judge, "board.case"),
        on_case(representative, "board.case"),
        on_case(chair, "board.case"),
        # The judge's forged press of the chair's button: refused, and in the log all the same.
        (judge, "board.open_ask", "case", case_id, AuditOutcome.REFUSED, telegram),
        on_case(chair, "board.charge"),  # the charge's form opened
        on_case(chair, "board.charge"),  # and recorded
        on_case(chair, "board.case"),
        on_case(chair, "board.open_ask"),
        on_case(chair, "board.open"),
        on_case(chair, "board.put"),  # clause 1
        *votes,
        on_case(chair, "board.case"),
        on_case(chair, "board.tally"),
        on_case(chair, "board.sanctions"),
        on_case(chair, "board.put"),  # degree 5, three months
        *votes,
        on_case(chair, "board.case"),
        on_case(chair, "board.tally"),
        on_case(chair, "board.ruling"),
        on_case(chair, "board.decide"),
    ]
    presiding, other = (members[chat] for chat in APPEALS_CHATS)

    def on_decision(member: int, action: str) -> tuple[int, str, str, str, AuditOutcome, str]:
        return (member, action, "decision", decision_id, allowed, telegram)

    appeals_votes = [on_decision(m, "appeals.vote") for m in (presiding, other)]
    appealing = [
        on_decision(other, "appeals.view"),
        on_decision(presiding, "appeals.view"),
        on_decision(presiding, "appeals.open_ask"),
        on_decision(presiding, "appeals.open"),
        on_decision(presiding, "appeals.rulings"),
        on_decision(presiding, "appeals.put"),  # uphold
        *appeals_votes,
        on_decision(presiding, "appeals.view"),
        on_decision(presiding, "appeals.tally"),
        on_decision(presiding, "appeals.ruling"),
        on_decision(presiding, "appeals.rule"),
    ]
    # The manager's appeal is a manager's act, not a staff step: it is not in the staff log.
    return [*linking, *inspecting, *sitting, *appealing]


def transcripts(*, today: str, day: str, clock: str) -> dict[int, list[Shown]]:
    """Every message each chat holds at the end, in order: (text, button rows)."""
    # The case file as the Board reads it before its sitting (the chair's steps aside).
    case_file = f"⚖ پرونده‌ی ۱\nدفتر: دفتر نمونه ۱۰۰۱ (آزمایشی) (۱۰۰۱)\nبر پایه‌ی یافته‌های بازرسی\nگشوده‌شده: {today}\nمتهم: مدیر دفتر در {day}، مدیر نمونه یکم (آزمایشی) (ماده‌ی ۲۵)\n\nبندهای مورد اتهام:\n• بند ۱ ماده ۲۵: عدم نصب هزینه خدمات در محل مناسب\n\n🔍 یافته‌های بازرسی ۱:\n• بند ۱ ماده ۲۵: عدم نصب هزینه خدمات در محل مناسب\n\nسابقه‌ی دفتر در هیئت:\nپرونده‌ی دیگری علیه این دفتر نیست.\n\nپیش از این تخلف، حکم قطعی از ردیف‌های یک تا چهار علیه مدیر نیست: تبصره‌ی ۳ ماده‌ی ۲۶ کمینه‌ای نمی‌گذارد."
    # The appeal's file as the Appeals Board's chats are sent it and read it (Art. 24).
    appeal_file = f"⚖️ تجدیدنظرخواهی شماره‌ی ۱ از رأی شماره‌ی ۱ (ماده‌ی ۲۴)\nدفتر: دفتر نمونه ۱۰۰۱ (آزمایشی) (۱۰۰۱)\nمدیر: مدیر نمونه یکم (آزمایشی)\nتاریخ رأی: {today}؛ مجازات: ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال)، به مدت ۳ ماه\nتخلفات احرازشده:\n• بند ۱ ماده ۲۵: عدم نصب هزینه خدمات در محل مناسب\n\nتجدیدنظرخواه: مدیر دفتری که مجازات شده است، با این دلایل:\n{GROUNDS}\n\nپرونده‌ای که نزد هیئت بدوی بود:\nبازرسی {today}؛ یافته‌ها:\n• بند ۱ ماده ۲۵: عدم نصب هزینه خدمات در محل مناسب"
    # The Appeals Board's sitting under the file (its number is the sittings' id: the Primary
    # Board's was 1).
    in_session = "\n\n🏛 جلسه‌ی ۲: در حال برگزاری، با حضور همه‌ی اعضا\nاعضا: عضو هیئت تجدیدنظر ۱ (رئیس)، عضو هیئت تجدیدنظر ۲"
    appeals_vote: list[Shown] = [
        (
            "🗳 جلسه‌ی ۲ هیئت تجدیدنظر درباره‌ی رأی ۱، پرسش ۱:\nآیا مجازات هیئت بدوی تأیید می‌شود؟\nتا رئیس جلسه آرا را نشمرده است می‌توانید رأی خود را تغییر دهید (این سامانه قاعده‌ی تبصره‌ی ۲ ماده‌ی ۲۲ را برای هیئت تجدیدنظر نیز به کار می‌برد؛ ماده‌ی ۲۴ قاعده‌ای تعیین نکرده است).",
            [["✔ آری", "✖ نه"]],
        ),
        (
            "🗳 رأی شما در پرسش ۱: آری. تا رئیس جلسه آرا را نشمرده است می‌توانید آن را تغییر دهید.",
            [["✖ تغییر به نه"], ["« تجدیدنظرخواهی"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
        ),
    ]

    def appeals_member_heard(n: int) -> list[Shown]:
        """An Appeals Board member's chat up to the appeal: linked, the menu, the Council's report."""
        number = "۰۱۲"[n]
        # The presiding member's role says so, and that it is the service's practice.
        role = "عضو هیئت تجدیدنظر" + (
            "، رئیس جلسات (روال این سامانه؛ ماده‌ی ۲۴ رئیسی تعیین نکرده است)" if n == 1 else ""
        )
        return [
            (
                f"✅ عضو هیئت تجدیدنظر {number}، این گفت‌وگو اکنون به عضویت شما در کارکنان پیوند خورد.",
                [],
            ),
            (
                f"🛡 منوی کارکنان: عضو هیئت تجدیدنظر {number}\nسمت‌های شما:\n• {role}: سراسری (ماده‌ی ۲۴)، از {today}",
                [["⚖ تجدیدنظرخواهی‌های هیئت تجدیدنظر"], ["👤 سمت‌ها و گفت‌وگوهای من"], ["منوی اصلی"]],
            ),
            ("", []),  # the reasoned report, a document
            (
                f"📋 گزارش مستدل بازرسی شماره‌ی ۱ از دفتر ۱۰۰۱ (ماده‌ی ۲۱)\nبازدید: {today}، ساعت {clock}، بدون اعلام پیشین\nیافته‌ها: ماده‌ی ۲۵، بندهای ۱\nپرونده‌ی شماره‌ی ۱ در هیئت بدوی گشوده شد (ماده‌ی ۲۲).\nگزارش در فایل پیوست است.",
                [],
            ),
        ]

    return {
        INSPECTOR_CHAT: [
            ("✅ رضا رضایی، این گفت‌وگو اکنون به عضویت شما در کارکنان پیوند خورد.", []),
            (
                f"🛡 منوی کارکنان: رضا رضایی\nسمت‌های شما:\n• بازرس: کانون دفاتر استان تهران (بند ب ماده‌ی ۱۵ و ماده‌ی ۲۱)، از {today}",
                [
                    ["🔍 بازرسی‌ها: کانون دفاتر استان تهران"],
                    ["👤 سمت‌ها و گفت‌وگوهای من"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "🔍 بازرسی‌ها: کانون دفاتر استان تهران\n\nپیش رو:\nهیچ\n\nدر انتظار ثبت (انجام‌شده):\nهیچ\n\nثبت‌شده:\nهیچ",
                [
                    ["🗓 زمان‌بندی بازرسی"],
                    ["🚪 ثبت بازدید بدون اعلام"],
                    ["🛡 منوی کارکنان"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "بازدید بدون اعلام، بازرسی موردی است (بازرسی دوره‌ای همیشه از پیش زمان‌بندی و اعلام می‌شود؛ این روش این سامانه است). این بازدید هنگام انجام یا پس از آن ثبت می‌شود.",
                [],
            ),
            ("کدام دفتر؟ کد آن یا چند حرف از نامش را بفرستید.", [["✖ انصراف"]]),
            (
                "بازدید کی انجام شد؟ «همین حالا» را بزنید، یا روز و ساعت را مانند ۱۴۰۳/۰۸/۱۵ ۱۰:۳۰ بفرستید.",
                [["همین حالا"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                f"لطفاً پاسخ‌هایتان را بررسی کنید:\n• دفتر: ۱۰۰۱\n• زمان: {today}، ساعت {clock}\n\nبرای تغییر هر پاسخ روی آن بزنید، یا تأیید کنید.",
                [["✎ دفتر"], ["✎ زمان"], ["✔ تأیید"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                f"🚪 بازدید بدون اعلام شماره‌ی ۱ از دفتر ۱۰۰۱ در {today}، ساعت {clock} ثبت شد. نه پیش از آن و نه پس از آن اعلانی برای مدیر دفتر فرستاده نمی‌شود (روش این سامانه، نه حکم دستورالعمل). اکنون فهرست بازبینی آن:",
                [],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۱ از ۱۰: آیا دفتر مدیر تمام‌وقت دارد؟ (ماده‌ی ۳)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۱ از ۱۰: آیا دفتر مدیر تمام‌وقت دارد؟ (ماده‌ی ۳)\nنتیجه: رعایت شده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۲ از ۱۰: آیا دفتر دست‌کم یک کارشناس حقوقی دارد؟ (ماده‌ی ۳)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۲ از ۱۰: آیا دفتر دست‌کم یک کارشناس حقوقی دارد؟ (ماده‌ی ۳)\nنتیجه: رعایت شده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۳ از ۱۰: آیا دفتر دست‌کم یک کارشناس فناوری اطلاعات دارد؟ (ماده‌ی ۳)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۳ از ۱۰: آیا دفتر دست‌کم یک کارشناس فناوری اطلاعات دارد؟ (ماده‌ی ۳)\nنتیجه: رعایت شده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۴ از ۱۰: آیا دفتر دست‌کم دو کارمند دفتری دارد؟ (ماده‌ی ۳)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۴ از ۱۰: آیا دفتر دست‌کم دو کارمند دفتری دارد؟ (ماده‌ی ۳)\nنتیجه: رعایت شده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۵ از ۱۰: آیا هزینه‌های خدمات در جای مناسب نصب شده است؟ (بند ۱ ماده‌ی ۲۵)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۵ از ۱۰: آیا هزینه‌های خدمات در جای مناسب نصب شده است؟ (بند ۱ ماده‌ی ۲۵)\nنتیجه: رعایت نشده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "عکس نگه داشته شد.\n\n📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۵ از ۱۰: آیا هزینه‌های خدمات در جای مناسب نصب شده است؟ (بند ۱ ماده‌ی ۲۵)\nنتیجه: رعایت نشده\n۱ عکس\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                f"یادداشت نگه داشته شد.\n\n📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۵ از ۱۰: آیا هزینه‌های خدمات در جای مناسب نصب شده است؟ (بند ۱ ماده‌ی ۲۵)\nنتیجه: رعایت نشده\nتوضیح: {NOTE}\n۱ عکس\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۶ از ۱۰: آیا مدیر دفتر در ساعت اداری حاضر است؟ (بند ۲ ماده‌ی ۲۵)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۶ از ۱۰: آیا مدیر دفتر در ساعت اداری حاضر است؟ (بند ۲ ماده‌ی ۲۵)\nنتیجه: رعایت شده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۷ از ۱۰: آیا برای وجهی که ارباب رجوع می‌پردازد قبض رسید داده می‌شود؟ (بند ۶ ماده‌ی ۲۵)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۷ از ۱۰: آیا برای وجهی که ارباب رجوع می‌پردازد قبض رسید داده می‌شود؟ (بند ۶ ماده‌ی ۲۵)\nنتیجه: رعایت شده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۸ از ۱۰: آیا ضوابط امنیتی مرکز، تا جایی که بازدید نشان می‌دهد (گذرواژه‌ها، قفل صفحه‌ها)، رعایت می‌شود؟ (بند ۷ ماده‌ی ۲۵)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۸ از ۱۰: آیا ضوابط امنیتی مرکز، تا جایی که بازدید نشان می‌دهد (گذرواژه‌ها، قفل صفحه‌ها)، رعایت می‌شود؟ (بند ۷ ماده‌ی ۲۵)\nنتیجه: رعایت شده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۹ از ۱۰: آیا مدیر و کارکنان دفتر با بازرس همکاری می‌کنند؟ (بند ۹ ماده‌ی ۲۵)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۹ از ۱۰: آیا مدیر و کارکنان دفتر با بازرس همکاری می‌کنند؟ (بند ۹ ماده‌ی ۲۵)\nنتیجه: رعایت شده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۱۰ از ۱۰: آیا اطلاعات و مدارک اصحاب دعوا از دید دیگران دور نگه داشته می‌شود؟ (بند ۱۳ ماده‌ی ۲۵)",
                [["✅ رعایت شده", "❌ رعایت نشده", "➖ بررسی نشد"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nمورد ۱۰ از ۱۰: آیا اطلاعات و مدارک اصحاب دعوا از دید دیگران دور نگه داشته می‌شود؟ (بند ۱۳ ماده‌ی ۲۵)\nنتیجه: رعایت شده\n\nاگر بخواهید، برای این مورد یادداشتی بنویسید یا عکس بفرستید (تا ۵ عکس)؛ سپس «بعدی »» را بزنید.",
                [["بعدی »"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nدلایل و نتیجه‌گیری خود را برای گزارش به شورا بنویسید (۱۰ تا ۳٬۰۰۰ نویسه)؛ ماده‌ی ۲۱ گزارشی مستدل می‌خواهد.",
                [["» بازگشت", "✖ انصراف"]],
            ),
            (
                f"📝 بازرسی شماره‌ی ۱، دفتر ۱۰۰۱\nگزارش، پیش از ثبت و فرستادن:\n✅ رعایت شده: آیا دفتر مدیر تمام‌وقت دارد؟ (ماده‌ی ۳)\n✅ رعایت شده: آیا دفتر دست‌کم یک کارشناس حقوقی دارد؟ (ماده‌ی ۳)\n✅ رعایت شده: آیا دفتر دست‌کم یک کارشناس فناوری اطلاعات دارد؟ (ماده‌ی ۳)\n✅ رعایت شده: آیا دفتر دست‌کم دو کارمند دفتری دارد؟ (ماده‌ی ۳)\n❌ رعایت نشده: آیا هزینه‌های خدمات در جای مناسب نصب شده است؟ (بند ۱ ماده‌ی ۲۵) · ۱ عکس\n✅ رعایت شده: آیا مدیر دفتر در ساعت اداری حاضر است؟ (بند ۲ ماده‌ی ۲۵)\n✅ رعایت شده: آیا برای وجهی که ارباب رجوع می‌پردازد قبض رسید داده می‌شود؟ (بند ۶ ماده‌ی ۲۵)\n✅ رعایت شده: آیا ضوابط امنیتی مرکز، تا جایی که بازدید نشان می‌دهد (گذرواژه‌ها، قفل صفحه‌ها)، رعایت می‌شود؟ (بند ۷ ماده‌ی ۲۵)\n✅ رعایت شده: آیا مدیر و کارکنان دفتر با بازرس همکاری می‌کنند؟ (بند ۹ ماده‌ی ۲۵)\n✅ رعایت شده: آیا اطلاعات و مدارک اصحاب دعوا از دید دیگران دور نگه داشته می‌شود؟ (بند ۱۳ ماده‌ی ۲۵)\n\nدلایل و نتیجه‌گیری شما:\n{REASONS}\nیافته‌ها: ماده‌ی ۲۵، بندهای ۱\nبا ثبت آن، برای یافته‌ها پرونده‌ای در هیئت بدوی گشوده می‌شود و گزارش برای اعضای شورا فرستاده می‌شود (ماده‌ی ۲۱).",
                [["✔ ثبت و فرستادن گزارش به شورا"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "✅ بازرسی شماره‌ی ۱ با گزارش مستدل آن ثبت شد.\nگزارش برای اعضای شورا فرستاده شد (۲ گفت‌وگو).\nپرونده‌ی شماره‌ی ۱ در هیئت بدوی گشوده شد (ماده‌ی ۲۲).",
                [["« بازرسی‌ها: کانون دفاتر استان تهران"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
        ],
        CHAIR_CHAT: [
            ("✅ قاضی رضایی، این گفت‌وگو اکنون به عضویت شما در کارکنان پیوند خورد.", []),
            (
                f"🛡 منوی کارکنان: قاضی رضایی\nسمت‌های شما:\n• عضو هیئت بدوی، رئیس هیئت (تبصره‌ی ۱ ماده‌ی ۲۲): کانون دفاتر استان تهران (ماده‌ی ۲۲)، از {today}",
                [
                    ["⚖ پرونده‌های هیئت بدوی: کانون دفاتر استان تهران"],
                    ["👤 سمت‌ها و گفت‌وگوهای من"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "⚖ پرونده‌ی ۱ علیه دفتر ۱۰۰۱، برای هیئت بدوی (ماده‌ی ۲۲)\nبر پایه‌ی یافته‌های بازرسی\nماده‌ی ۲۵، بندهای ۱",
                [["📂 دیدن پرونده"]],
            ),
            (
                case_file,
                [
                    ["👤 اتهام: متهم و بندها"],
                    ["📝 دعوت از مدیر به فرستادن لایحه"],
                    ["🏛 گشودن جلسه"],
                    ["🛡 منوی کارکنان"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "متهم کیست (ماده‌ی ۲۵: مدیر و کارکنان دفاتر)؟",
                [["مدیر دفتر"], ["یکی از کارکنان دفتر"], ["✖ انصراف"]],
            ),
            (
                "بندهای مورد اتهام از ماده‌ی ۲۵ (برای انتخاب بزنید، سپس «تمام»):",
                [
                    ["▫️ عدم نصب هزینه خدمات در محل مناسب"],
                    ["▫️ عدم حضور مدیر دفتر در ساعات اداری بدون عذر موجه"],
                    ["▫️ تأخیر در ارسال آمار و اطلاعات درخواستی مراجع ذی‌صلاح"],
                    [
                        "▫️ تأخیر غیرموجه در ارسال یا درج اطلاعات یا اسناد در سامانه یا در سایر فرایندهای خدمات، یا تقصیر در این امور"
                    ],
                    ["▫️ عدم حضور فعال در دوره‌های آموزشی تعیین‌شده توسط مرکز"],
                    ["▫️ عدم تحویل قبض رسید وجوه به ارباب رجوع"],
                    [
                        "▫️ عدم رعایت ضوابط امنیتی ابلاغی مرکز در حفاظت از اطلاعات و سامانه خدمات الکترونیک قضایی"
                    ],
                    ["▫️ رفتار خارج از نزاکت با ارباب رجوع و همکاران"],
                    ["▫️ عدم همکاری با بازرسان"],
                    ["▫️ خودداری از تحویل رونوشت به کسانی که قانوناً حق دریافت آن را دارند"],
                    ["▫️ امتناع از واریز وجوه به حساب‌هایی که پرداخت به آن‌ها الزامی است"],
                    ["▫️ دریافت وجه بیشتر از هزینه‌های تعیین‌شده"],
                    ["▫️ افشای اطلاعات اصحاب دعوا به افراد غیرمسئول و عدم رعایت حریم خصوصی"],
                    ["▫️ عدم رعایت مقررات و ضوابط مربوط"],
                    ["تمام ✔"],
                    ["» بازگشت", "✖ انصراف"],
                ],
            ),
            (
                "بندهای مورد اتهام از ماده‌ی ۲۵ (برای انتخاب بزنید، سپس «تمام»):",
                [
                    ["✅ عدم نصب هزینه خدمات در محل مناسب"],
                    ["▫️ عدم حضور مدیر دفتر در ساعات اداری بدون عذر موجه"],
                    ["▫️ تأخیر در ارسال آمار و اطلاعات درخواستی مراجع ذی‌صلاح"],
                    [
                        "▫️ تأخیر غیرموجه در ارسال یا درج اطلاعات یا اسناد در سامانه یا در سایر فرایندهای خدمات، یا تقصیر در این امور"
                    ],
                    ["▫️ عدم حضور فعال در دوره‌های آموزشی تعیین‌شده توسط مرکز"],
                    ["▫️ عدم تحویل قبض رسید وجوه به ارباب رجوع"],
                    [
                        "▫️ عدم رعایت ضوابط امنیتی ابلاغی مرکز در حفاظت از اطلاعات و سامانه خدمات الکترونیک قضایی"
                    ],
                    ["▫️ رفتار خارج از نزاکت با ارباب رجوع و همکاران"],
                    ["▫️ عدم همکاری با بازرسان"],
                    ["▫️ خودداری از تحویل رونوشت به کسانی که قانوناً حق دریافت آن را دارند"],
                    ["▫️ امتناع از واریز وجوه به حساب‌هایی که پرداخت به آن‌ها الزامی است"],
                    ["▫️ دریافت وجه بیشتر از هزینه‌های تعیین‌شده"],
                    ["▫️ افشای اطلاعات اصحاب دعوا به افراد غیرمسئول و عدم رعایت حریم خصوصی"],
                    ["▫️ عدم رعایت مقررات و ضوابط مربوط"],
                    ["تمام ✔"],
                    ["» بازگشت", "✖ انصراف"],
                ],
            ),
            ("👤 اتهام ثبت شد.", []),
            (
                case_file,
                [
                    ["👤 اتهام: متهم و بندها"],
                    ["📝 دعوت از مدیر به فرستادن لایحه"],
                    ["🏛 گشودن جلسه"],
                    ["🛡 منوی کارکنان"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "جلسه‌ی هیئت تنها با حضور همه‌ی اعضا رسمیت دارد (تبصره‌ی ۲ ماده‌ی ۲۲). آیا هر ۳ عضو حاضرند؟\n• قاضی رضایی\n• قاضی کریمی\n• نماینده‌ی رئیس کانون",
                [
                    ["✔ همه‌ی اعضا حاضرند: جلسه گشوده شود"],
                    ["✖ عضوی غایب است"],
                    ["« پرونده"],
                    ["🛡 منوی کارکنان"],
                    ["منوی اصلی"],
                ],
            ),
            ("🏛 جلسه‌ی ۱ پرونده‌ی ۱ با حضور همه‌ی اعضا گشوده شد. پرسش‌ها را مطرح کنید.", []),
            (
                case_file
                + "\n\n🏛 جلسه‌ی ۱: در حال برگزاری، با حضور همه‌ی اعضا\nاعضا: قاضی رضایی (رئیس)، قاضی کریمی، نماینده‌ی رئیس کانون",
                [["❓ طرح بند ۱"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "❓ پرسش ۱ مطرح شد: آیا تخلف بند ۱ ماده‌ی ۲۵ احراز می‌شود: عدم نصب هزینه خدمات در محل مناسب؟ هر عضو در گفت‌وگوی خود رأی می‌دهد.",
                [["« پرونده"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "🗳 جلسه‌ی ۱ پرونده‌ی ۱، پرسش ۱:\nآیا تخلف بند ۱ ماده‌ی ۲۵ احراز می‌شود: عدم نصب هزینه خدمات در محل مناسب؟\nتا رئیس آرا را نشمرده است می‌توانید رأی خود را تغییر دهید (تبصره‌ی ۲ ماده‌ی ۲۲).",
                [["✔ آری", "✖ نه"]],
            ),
            (
                "🗳 رأی شما در پرسش ۱: آری. تا رئیس آرا را نشمرده است می‌توانید آن را تغییر دهید.",
                [["✖ تغییر به نه"], ["« پرونده"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                case_file
                + "\n\n🏛 جلسه‌ی ۱: در حال برگزاری، با حضور همه‌ی اعضا\nاعضا: قاضی رضایی (رئیس)، قاضی کریمی، نماینده‌ی رئیس کانون\n۱. آیا تخلف بند ۱ ماده‌ی ۲۵ احراز می‌شود: عدم نصب هزینه خدمات در محل مناسب؟ (۳ از ۳ رأی داده‌اند)",
                [["🧮 شمردن آرای پرسش ۱"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            ("🧮 پرسش ۱: تصویب شد، ۳ موافق و ۰ مخالف (تبصره‌ی ۲ ماده‌ی ۲۲).", []),
            (
                case_file
                + "\n\n🏛 جلسه‌ی ۱: در حال برگزاری، با حضور همه‌ی اعضا\nاعضا: قاضی رضایی (رئیس)، قاضی کریمی، نماینده‌ی رئیس کانون\n۱. آیا تخلف بند ۱ ماده‌ی ۲۵ احراز می‌شود: عدم نصب هزینه خدمات در محل مناسب؟ (تصویب شد: ۳ موافق، ۰ مخالف)",
                [["⚖ طرح اقدام تنبیهی"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "کدام اقدام تنبیهی به رأی گذاشته شود (ماده‌ی ۲۳)؟\nپیش از این تخلف، حکم قطعی از ردیف‌های یک تا چهار علیه مدیر نیست: تبصره‌ی ۳ ماده‌ی ۲۶ کمینه‌ای نمی‌گذارد.\nمدت‌های تعلیق پیشنهادی ۳، ۶، ۱۲ یا ۲۴ ماه است (گزینه‌های این سامانه؛ ماده‌ی ۲۳ از سه ماه تا دو سال را روا می‌دارد).",
                [
                    ["۱. تذکر شفاهی"],
                    ["۲. اخطار کتبی"],
                    ["۳. توبیخ کتبی با درج در پرونده"],
                    ["۴. توبیخ با درج در سایت مرکز"],
                    ["۵: ۳ ماه", "۵: ۶ ماه", "۵: ۱۲ ماه", "۵: ۲۴ ماه"],
                    ["۶. لغو دائم پروانه"],
                    ["« پرونده"],
                    ["🛡 منوی کارکنان"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "❓ پرسش ۲ مطرح شد: آیا اقدام تنبیهی ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال) (۳ ماه) است؟ هر عضو در گفت‌وگوی خود رأی می‌دهد.",
                [["« پرونده"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "🗳 جلسه‌ی ۱ پرونده‌ی ۱، پرسش ۲:\nآیا اقدام تنبیهی ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال) (۳ ماه) است؟\nتا رئیس آرا را نشمرده است می‌توانید رأی خود را تغییر دهید (تبصره‌ی ۲ ماده‌ی ۲۲).",
                [["✔ آری", "✖ نه"]],
            ),
            (
                "🗳 رأی شما در پرسش ۲: آری. تا رئیس آرا را نشمرده است می‌توانید آن را تغییر دهید.",
                [["✖ تغییر به نه"], ["« پرونده"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                case_file
                + "\n\n🏛 جلسه‌ی ۱: در حال برگزاری، با حضور همه‌ی اعضا\nاعضا: قاضی رضایی (رئیس)، قاضی کریمی، نماینده‌ی رئیس کانون\n۱. آیا تخلف بند ۱ ماده‌ی ۲۵ احراز می‌شود: عدم نصب هزینه خدمات در محل مناسب؟ (تصویب شد: ۳ موافق، ۰ مخالف)\n۲. آیا اقدام تنبیهی ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال) (۳ ماه) است؟ (۳ از ۳ رأی داده‌اند)",
                [["🧮 شمردن آرای پرسش ۲"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            ("🧮 پرسش ۲: تصویب شد، ۳ موافق و ۰ مخالف (تبصره‌ی ۲ ماده‌ی ۲۲).", []),
            (
                case_file
                + "\n\n🏛 جلسه‌ی ۱: در حال برگزاری، با حضور همه‌ی اعضا\nاعضا: قاضی رضایی (رئیس)، قاضی کریمی، نماینده‌ی رئیس کانون\n۱. آیا تخلف بند ۱ ماده‌ی ۲۵ احراز می‌شود: عدم نصب هزینه خدمات در محل مناسب؟ (تصویب شد: ۳ موافق، ۰ مخالف)\n۲. آیا اقدام تنبیهی ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال) (۳ ماه) است؟ (تصویب شد: ۳ موافق، ۰ مخالف)",
                [["✍ نوشتن رأی"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "رأی هیئت را چنان‌که اکثریت تصمیم گرفت بنویسید (تبصره‌ی ۲ ماده‌ی ۲۲)، از ۱۰ تا ۳٬۰۰۰ نویسه. این رأی همراه با تصمیم نگه داشته می‌شود و برای مدیر دفتر فرستاده می‌شود: نام شاکی‌ای را که به آن رضایت نداده است نیاورید.",
                [["✖ انصراف"]],
            ),
            (
                "آیا هیئت از وقوع جرمی مطلع شد که باید آن را به مرجع قضایی ذی‌صلاح اعلام کند (ماده‌ی ۲۶)؟",
                [["بله", "خیر"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                f"این رأی ثبت شود؟\n\n{RULING}",
                [
                    ["✔ ثبت رأی"],
                    ["✎ نوشتن دوباره"],
                    ["« پرونده"],
                    ["🛡 منوی کارکنان"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "✔ رأی ثبت شد: رأی ۱، درجه‌ی ۵ ماده‌ی ۲۳. ابلاغ آن برای مدیر دفتر فرستاده می‌شود و به شاکیان بندهای احرازشده گفته می‌شود.",
                [["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
        ],
        JUDGE_CHAT: [
            ("✅ قاضی کریمی، این گفت‌وگو اکنون به عضویت شما در کارکنان پیوند خورد.", []),
            (
                f"🛡 منوی کارکنان: قاضی کریمی\nسمت‌های شما:\n• عضو هیئت بدوی: کانون دفاتر استان تهران (ماده‌ی ۲۲)، از {today}",
                [
                    ["⚖ پرونده‌های هیئت بدوی: کانون دفاتر استان تهران"],
                    ["👤 سمت‌ها و گفت‌وگوهای من"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "⚖ پرونده‌ی ۱ علیه دفتر ۱۰۰۱، برای هیئت بدوی (ماده‌ی ۲۲)\nبر پایه‌ی یافته‌های بازرسی\nماده‌ی ۲۵، بندهای ۱",
                [["📂 دیدن پرونده"]],
            ),
            (case_file, [["🛡 منوی کارکنان"], ["منوی اصلی"]]),
            (
                "این دکمه از آنِ این گفت‌وگو نیست. کاری انجام نشد.",
                [["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "🗳 جلسه‌ی ۱ پرونده‌ی ۱، پرسش ۱:\nآیا تخلف بند ۱ ماده‌ی ۲۵ احراز می‌شود: عدم نصب هزینه خدمات در محل مناسب؟\nتا رئیس آرا را نشمرده است می‌توانید رأی خود را تغییر دهید (تبصره‌ی ۲ ماده‌ی ۲۲).",
                [["✔ آری", "✖ نه"]],
            ),
            (
                "🗳 رأی شما در پرسش ۱: آری. تا رئیس آرا را نشمرده است می‌توانید آن را تغییر دهید.",
                [["✖ تغییر به نه"], ["« پرونده"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "🗳 جلسه‌ی ۱ پرونده‌ی ۱، پرسش ۲:\nآیا اقدام تنبیهی ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال) (۳ ماه) است؟\nتا رئیس آرا را نشمرده است می‌توانید رأی خود را تغییر دهید (تبصره‌ی ۲ ماده‌ی ۲۲).",
                [["✔ آری", "✖ نه"]],
            ),
            (
                "🗳 رأی شما در پرسش ۲: آری. تا رئیس آرا را نشمرده است می‌توانید آن را تغییر دهید.",
                [["✖ تغییر به نه"], ["« پرونده"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
        ],
        REPRESENTATIVE_CHAT: [
            ("✅ نماینده‌ی رئیس کانون، این گفت‌وگو اکنون به عضویت شما در کارکنان پیوند خورد.", []),
            (
                f"🛡 منوی کارکنان: نماینده‌ی رئیس کانون\nسمت‌های شما:\n• عضو هیئت بدوی: کانون دفاتر استان تهران (ماده‌ی ۲۲)، از {today}",
                [
                    ["⚖ پرونده‌های هیئت بدوی: کانون دفاتر استان تهران"],
                    ["👤 سمت‌ها و گفت‌وگوهای من"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "⚖ پرونده‌ی ۱ علیه دفتر ۱۰۰۱، برای هیئت بدوی (ماده‌ی ۲۲)\nبر پایه‌ی یافته‌های بازرسی\nماده‌ی ۲۵، بندهای ۱",
                [["📂 دیدن پرونده"]],
            ),
            (case_file, [["🛡 منوی کارکنان"], ["منوی اصلی"]]),
            (
                "🗳 جلسه‌ی ۱ پرونده‌ی ۱، پرسش ۱:\nآیا تخلف بند ۱ ماده‌ی ۲۵ احراز می‌شود: عدم نصب هزینه خدمات در محل مناسب؟\nتا رئیس آرا را نشمرده است می‌توانید رأی خود را تغییر دهید (تبصره‌ی ۲ ماده‌ی ۲۲).",
                [["✔ آری", "✖ نه"]],
            ),
            (
                "🗳 رأی شما در پرسش ۱: آری. تا رئیس آرا را نشمرده است می‌توانید آن را تغییر دهید.",
                [["✖ تغییر به نه"], ["« پرونده"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "🗳 جلسه‌ی ۱ پرونده‌ی ۱، پرسش ۲:\nآیا اقدام تنبیهی ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال) (۳ ماه) است؟\nتا رئیس آرا را نشمرده است می‌توانید رأی خود را تغییر دهید (تبصره‌ی ۲ ماده‌ی ۲۲).",
                [["✔ آری", "✖ نه"]],
            ),
            (
                "🗳 رأی شما در پرسش ۲: آری. تا رئیس آرا را نشمرده است می‌توانید آن را تغییر دهید.",
                [["✖ تغییر به نه"], ["« پرونده"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
        ],
        MANAGER_CHAT: [
            (
                "✅ این گفت‌وگو اکنون به‌عنوان مدیر به دفتر نمونه ۱۰۰۱ (آزمایشی) (۱۰۰۱) پیوند خورد. ابلاغ‌های کانون از این پس همین‌جا می‌رسد.",
                [["ابلاغ‌های من"], ["منوی اصلی"]],
            ),
            (
                f"⚖️ رأی هیئت بدوی انتظامی (مواد ۲۲ و ۲۳)\nدفتر: دفتر نمونه ۱۰۰۱ (آزمایشی) (۱۰۰۱)\n\nتخلفات احرازشده:\n• بند ۱ ماده ۲۵: عدم نصب هزینه خدمات در محل مناسب\n\nمجازات: ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال)، به مدت ۳ ماه\nهنوز قطعی نیست: می‌توانید ظرف ۲۰ روز از دریافت این ابلاغ به هیئت تجدیدنظر اعتراض کنید (ماده ۲۴). (دستورالعمل مهلتی تعیین نکرده است؛ این مدت از تنظیمات این سامانه است.)\n\nرأی هیئت، به انشای رئیس آن:\n{RULING}\n\nلطفاً دریافت این ابلاغ را تأیید کنید.",
                [["✔ تأیید دریافت"], ["تجدیدنظرخواهی از این رأی"]],
            ),
            (
                "دلایل تجدیدنظرخواهی خود از هیئت تجدیدنظر را دست‌کم در ۲۰ و حداکثر در ۳٬۰۰۰ نویسه بنویسید.",
                [["✖ انصراف"]],
            ),
            (
                "پوزش می‌خواهم، این نوع پیام را اینجا نمی‌توانم بپذیرم.\n\n"
                "دلایل تجدیدنظرخواهی خود از هیئت تجدیدنظر را دست‌کم در ۲۰ و حداکثر در ۳٬۰۰۰ نویسه بنویسید.",
                [["✖ انصراف"]],
            ),
            (
                f"لطفاً پاسخ‌هایتان را بررسی کنید:\n• دلایل: {GROUNDS}\n\nبرای تغییر هر پاسخ روی آن بزنید، یا تأیید کنید.",
                [["✎ دلایل"], ["✔ تأیید"], ["» بازگشت", "✖ انصراف"]],
            ),
            (
                "تجدیدنظرخواهی شما ثبت شد و به هیئت تجدیدنظر فرستاده می‌شود (ماده ۲۴). رأی تا تصمیم هیئت قطعی نیست؛ نتیجه همین‌جا به شما اطلاع داده می‌شود.",
                [["ابلاغ‌های من"], ["منوی اصلی"]],
            ),
            (
                f"⚖️ رأی هیئت تجدیدنظر (ماده ۲۴)\nدفتر: دفتر نمونه ۱۰۰۱ (آزمایشی) (۱۰۰۱)\nدرباره‌ی رأی مورخ {day}.\nهیئت تجدیدنظر رأی را تأیید کرد.\nاین رأی قطعی است.\n\nرأی هیئت تجدیدنظر، چنان‌که نوشته شد:\n"
                + APPEAL_RULING,
                [["✔ تأیید دریافت"]],
            ),
        ],
        PRESIDING_CHAT: [
            *appeals_member_heard(1),
            (appeal_file, [["📂 دیدن تجدیدنظرخواهی"]]),
            (appeal_file, [["🏛 گشودن جلسه"], ["🛡 منوی کارکنان"], ["منوی اصلی"]]),
            (
                "هیئت تجدیدنظر تنها با حضور همه‌ی اعضا جلسه دارد و رأی اکثریت پذیرفته است: ماده‌ی ۲۴ حد نصاب یا اکثریتی تعیین نکرده است و این سامانه قاعده‌ی تبصره‌ی ۲ ماده‌ی ۲۲ را برای هیئت تجدیدنظر نیز به کار می‌برد. آیا هر ۲ عضو حاضرند؟\n• عضو هیئت تجدیدنظر ۱\n• عضو هیئت تجدیدنظر ۲",
                [
                    ["✔ همه‌ی اعضا حاضرند: جلسه گشوده شود"],
                    ["✖ عضوی غایب است"],
                    ["« تجدیدنظرخواهی"],
                    ["🛡 منوی کارکنان"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "🏛 جلسه‌ی ۲ هیئت تجدیدنظر درباره‌ی رأی ۱ با حضور همه‌ی اعضا گشوده شد. رأیی را به رأی بگذارید.",
                [],
            ),
            (
                appeal_file + in_session,
                [["⚖ به رأی گذاشتن رأی"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "کدام رأی به رأی گذاشته شود (ماده‌ی ۲۴)؟\nمجازات هیئت بدوی: ماده ۲۳، درجه‌ی ۵: تعلیق موقت پروانه (از سه ماه تا دو سال)، به مدت ۳ ماه.\nمدت‌های تعلیق پیشنهادی ۳، ۶، ۱۲ یا ۲۴ ماه است (گزینه‌های این سامانه؛ ماده‌ی ۲۳ از سه ماه تا دو سال را روا می‌دارد).\nتنها مدیر مجازات‌شده تجدیدنظر خواسته است: مجازات سنگین‌تر پیشنهاد نمی‌شود (دستورالعمل در این باره حکمی ندارد؛ این یک تنظیم سامانه است).",
                [
                    ["✔ تأیید مجازات"],
                    ["↔ تبدیل به ماده ۲۳، درجه‌ی ۱: تذکر شفاهی"],
                    ["↔ تبدیل به ماده ۲۳، درجه‌ی ۲: اخطار کتبی"],
                    ["↔ تبدیل به ماده ۲۳، درجه‌ی ۳: توبیخ کتبی با درج در پرونده"],
                    ["↔ تبدیل به ماده ۲۳، درجه‌ی ۴: توبیخ با درج در سایت مرکز"],
                    ["✖ نقض رأی"],
                    ["« تجدیدنظرخواهی"],
                    ["🛡 منوی کارکنان"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "❓ پرسش ۱ مطرح شد: آیا مجازات هیئت بدوی تأیید می‌شود؟ هر عضو در گفت‌وگوی خود رأی می‌دهد.",
                [["« تجدیدنظرخواهی"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            *appeals_vote,
            (
                appeal_file
                + in_session
                + "\n۱. آیا مجازات هیئت بدوی تأیید می‌شود؟ (۲ از ۲ رأی داده‌اند)",
                [["🧮 شمردن آرای پرسش ۱"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "🧮 پرسش ۱: تصویب شد، ۲ موافق و ۰ مخالف (رأی اکثریت: این سامانه قاعده‌ی تبصره‌ی ۲ ماده‌ی ۲۲ را برای هیئت تجدیدنظر نیز به کار می‌برد).",
                [],
            ),
            (
                appeal_file
                + in_session
                + "\n۱. آیا مجازات هیئت بدوی تأیید می‌شود؟ (تصویب شد: ۲ موافق، ۰ مخالف)",
                [["✍ نوشتن رأی"], ["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
            (
                "رأی هیئت تجدیدنظر را همان‌گونه که اکثریت تصمیم گرفت بنویسید، از ۱۰ تا ۳٬۰۰۰ نویسه. این متن همراه تجدیدنظرخواهی نگه داشته می‌شود.",
                [["✖ انصراف"]],
            ),
            (
                f"این رأی ثبت شود؟\n\n{APPEAL_RULING}",
                [
                    ["✔ ثبت رأی"],
                    ["✎ نوشتن دوباره"],
                    ["« تجدیدنظرخواهی"],
                    ["🛡 منوی کارکنان"],
                    ["منوی اصلی"],
                ],
            ),
            (
                "✔ هیئت تجدیدنظر مجازات را تأیید کرد: رأی قطعی است. رأی ثبت شد؛ ابلاغ آن برای مدیر دفتر فرستاده می‌شود.",
                [["🛡 منوی کارکنان"], ["منوی اصلی"]],
            ),
        ],
        APPEALS_BOARD_MEMBER: [
            *appeals_member_heard(2),
            (appeal_file, [["📂 دیدن تجدیدنظرخواهی"]]),
            (appeal_file, [["🛡 منوی کارکنان"], ["منوی اصلی"]]),
            *appeals_vote,
        ],
    }
