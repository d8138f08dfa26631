"""The console chat and the `daftar` command, run as a user would run them."""

from __future__ import annotations

import asyncio
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App, open_app
from bot.app.console import console_chat
from bot.config import Settings
from bot.handlers.console import ConsoleSender
from bot.messages.events import ButtonEvent, TextEvent
from bot.messages.replies import InlineButton, KeyboardButton, Reply
from storage.models import Appeal, Complaint, Decision, OutboxMessage
from tests.chat.test_manager_chat import issue_decision, link_chats, office_app
from tests.readme_walks import run_walk
from tests.shared import CHECKOUT

__all__ = ["office_app"]  # the fixture, used here by name

DAFTAR = [sys.executable, "-m", "bot.cli"]


def run(
    args: list[str], stdin: str, tmp_path: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
    environment.update(
        DAFTAR_CONSOLE_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'console.db'}",
        DAFTAR_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'daftar.db'}",
        PYTHONPATH=str(CHECKOUT),
    )
    environment.update(env)
    return subprocess.run(
        [*DAFTAR, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=120,
        check=False,
    )


def test_start_without_a_token_opens_the_persian_console_chat(tmp_path: Path) -> None:
    done = run(["start"], "/start\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "DAFTAR_TELEGRAM_TOKEN" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "چه کاری می‌خواهید انجام دهید؟" in done.stdout
    assert "] سنجش شرایط احراز سمت" in done.stdout and "] راهنما" in done.stdout


def test_help_in_english_after_switching(tmp_path: Path) -> None:
    done = run(["chat"], "/start\n/language en\n/help\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Daftar helps with the Judiciary's directive" in done.stdout
    assert "100/9970/9000 of 1392/2/28" in done.stdout


def test_buttons_are_pressed_by_number_or_label(tmp_path: Path) -> None:
    # The language button by its label, English by its number (۲), then Help by its label.
    done = run(["chat"], "/start\nزبان / Language\n۲\nHelp\n", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "زبان خود را انتخاب کنید:" in done.stdout
    assert "From now on I will speak English." in done.stdout
    # The help is the last reply, and offers its way on.
    assert done.stdout.rstrip().endswith(
        "Daftar gives information; it is not legal advice or a ruling.\n   [1] Main menu"
    )


def test_update_ids_keep_increasing_and_users_are_separate(tmp_path: Path) -> None:
    first = run(["chat"], "/language en\n", tmp_path)
    second = run(["chat"], "/help\n", tmp_path)
    other = run(["chat", "--user", "2"], "/help\n", tmp_path)
    assert first.returncode == second.returncode == other.returncode == 0
    # A second run is not mistaken for a redelivery of the first run's update 1.
    assert "Daftar helps" in second.stdout
    # User 2 never chose English.
    assert "«دفتر» در کارهای مربوط" in other.stdout


def test_a_sticker_and_a_missing_file_are_answered_politely(tmp_path: Path) -> None:
    done = run(["chat"], "/sticker\n/file /no/such/file\n", tmp_path)
    assert done.returncode == 0
    assert done.stdout.count("این نوع پیام را اینجا نمی‌توانم بپذیرم") == 2


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DAFTAR_DEFAULT_LOCALE", "de"),
        ("DAFTAR_TIMEZONE", "Mars/Olympus"),
        ("DAFTAR_DATABASE_URL", "mysql://x"),
        ("DAFTAR_CONVERSATION_IDLE_HOURS", "-1"),
    ],
)
def test_a_bad_setting_stops_start_up_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    done = run(["chat"], "/start\n", tmp_path, **{variable: value})
    assert done.returncode == 2
    assert variable in done.stderr
    assert done.stdout == ""


def test_secrets_are_never_printed(tmp_path: Path) -> None:
    from bot.config import Settings

    settings = Settings(_env_file=None, telegram_token="123:SECRET")  # type: ignore[call-arg]
    assert "SECRET" not in repr(settings) and "SECRET" not in str(settings.model_dump())


def test_db_upgrade_creates_the_store(tmp_path: Path) -> None:
    done = run(["db", "upgrade"], "", tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "daftar.db").exists()


def test_settings_come_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DAFTAR_DEFAULT_LOCALE=en\n", encoding="utf-8")
    done = run(["chat"], "/help\n", tmp_path)
    assert "Daftar helps with the Judiciary's directive" in done.stdout


# --- what staff send, delivered on the console ------------------------------------------------

GROUNDS = "مبلغ اضافه را پس داده‌ایم و رسید صادر شده است؛ خواهشمند است بازنگری شود."


async def test_the_console_prints_its_users_notice_in_full_and_its_appeal_button_works(
    office_app: App, settings: Settings
) -> None:
    # The manager linked on the console as user 7, and also as user 8 (another terminal).
    await link_chats(office_app, ("console", 7), ("console", 8))
    decision_id = (await issue_decision(office_app, settings, sanction=5, months=3)).subject_id
    out = io.StringIO()
    # The Appeal button by its label, then the grounds, then "تأیید" for "✔ تأیید".
    typed = io.StringIO(f"تجدیدنظرخواهی از این رأی\n{GROUNDS}\nتأیید\n")
    assert await console_chat(office_app, user_id=7, stdin=typed, out=out) == 0
    shown = out.getvalue()
    # Before the first turn: the notice in full, with its two buttons numbered.
    notice, _, turns = shown.partition("» ")
    assert notice.startswith("⚖️ رأی هیئت بدوی انتظامی")
    assert "بند ۱۲ ماده ۲۵" in notice and "ماده ۲۳، درجه‌ی ۵" in notice
    assert "   [1] ✔ تأیید دریافت\n   [2] تجدیدنظرخواهی از این رأی\n" in notice
    assert "دلایل تجدیدنظرخواهی" in turns
    assert "تجدیدنظرخواهی شما ثبت شد" in turns
    async with office_app.engine.sessions() as session:
        [appeal] = list(await session.scalars(select(Appeal)))
        decision = await session.get(Decision, decision_id)
        rows = list(
            await session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "notice"))
        )
    assert (appeal.by, appeal.decision_id, appeal.grounds) == ("manager", decision_id, GROUNDS)
    assert decision is not None and decision.status == "appealed"
    # Printing it served the decision: the appeal window runs from then (Art. 24, a setting).
    assert decision.served_how == "delivered" and decision.served_at is not None
    # Only this user's notice was printed; user 8's waits for user 8's console.
    assert sorted((r.chat_id, r.status) for r in rows) == [(7, "sent"), (8, "pending")]


class Typist(io.StringIO):
    """Lines typed one by one; before line N is given, staff's work *before[N]* is done."""

    def __init__(
        self,
        lines: list[str],
        before: dict[int, Callable[[], Coroutine[Any, Any, object]]],
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))
        self.before, self.loop, self.given = before, loop, 0

    def readline(self, size: int | None = -1) -> str:
        # The console reads in a worker thread; staff's work runs on the chat's own loop.
        self.given += 1
        if self.given in self.before:
            asyncio.run_coroutine_threadsafe(self.before[self.given](), self.loop).result()
        return super().readline()


async def test_a_notice_issued_while_the_manager_types_comes_before_the_answer(
    office_app: App, settings: Settings
) -> None:
    await link_chats(office_app, ("console", 7))
    out = io.StringIO()
    typist = Typist(
        ["/notices", "/menu", "تجدیدنظرخواهی از این رأی"],
        {2: lambda: issue_decision(office_app, settings, sanction=5, months=3)},
        asyncio.get_running_loop(),
    )
    assert await console_chat(office_app, user_id=7, stdin=typist, out=out) == 0
    first, second, third = out.getvalue().split("» ")[1:]
    assert first.startswith("/notices\nابلاغی ندارید.")
    # The decision was recorded while "/menu" was typed: it is printed first, then the menu,
    # numbered on, and its Appeal button is pressed by its label on the next line.
    assert second.startswith("/menu\n⚖️ رأی هیئت بدوی انتظامی")
    assert "   [1] ✔ تأیید دریافت\n   [2] تجدیدنظرخواهی از این رأی\n" in second
    assert second.index("[2] تجدیدنظرخواهی") < second.index("چه کاری می‌خواهید انجام دهید؟")
    assert "[3] " in second
    assert "دلایل تجدیدنظرخواهی" in third


async def test_every_button_on_screen_has_its_own_number_and_a_label_may_drop_its_marks() -> None:
    out = io.StringIO()
    console = ConsoleSender(out)
    confirm = Reply(
        "Review",
        inline=((InlineButton("✔ Confirm", "t1"),),),
        keyboard=((KeyboardButton("Back"),),),
    )
    await console.send(7, confirm)
    # A notice printed after the reply, on the same screen: its button is the next number.
    await console.send(7, Reply("Notice", inline=((InlineButton("Appeal this decision", "t2"),),)))
    assert "   [1] ✔ Confirm\n   <2> Back\n" in out.getvalue()
    assert "   [3] Appeal this decision\n" in out.getvalue()

    def read(line: str) -> object:
        event = console.to_event(line, update_id=1, user_id=7)
        return event.token if isinstance(event, ButtonEvent) else getattr(event, "text", None)

    assert [read(line) for line in ("3", "۳", "2", "confirm", "✔ Confirm", "4")] == [
        "t2",
        "t2",
        "Back",
        "t1",
        "t1",
        "4",
    ]
    assert isinstance(console.to_event("appeal", update_id=2, user_id=7), TextEvent)


# --- the README's walk, run as it stands --------------------------------------------------------

WALK = "<!-- walk: tests/chat/test_console.py runs the next block -->"
OVERCHARGE_WALK = "<!-- overcharge walk: tests/chat/test_console.py runs the next block -->"


async def test_the_readmes_walk_an_overcharge_this_year_keeps_what_was_paid(
    tmp_path: Path,
) -> None:
    shown, _ = await run_walk(OVERCHARGE_WALK, tmp_path)
    # No tariff is held for the current year: nothing is compared, and everything is kept.
    assert "We hold no fee tariff for " in shown
    assert "I read that as 850,000 tomans, which is 8,500,000 rials" in shown
    assert "• Amount paid: 850,000 tomans (8,500,000 rials)" in shown
    assert "Tracking code: " in shown
    [store] = tmp_path.glob("*/console.db")
    app = await open_app(Settings(_env_file=None), f"sqlite+aiosqlite:///{store}")  # type: ignore[call-arg]
    try:
        async with app.engine.sessions() as session:
            [complaint] = list(await session.scalars(select(Complaint)))
    finally:
        await app.close()
    assert complaint.violations == ["25.12"]
    kept = complaint.overcharge or {}
    assert (kept["service"], kept["units"], kept["paid_rials"]) == (
        "Registering a power of attorney",
        1,
        8_500_000,
    )
    assert kept["compared"] is False and kept["tariff_year"] is None


async def test_the_readmes_walk_a_manager_reads_a_degree_5_decision_and_appeals_it(
    tmp_path: Path,
) -> None:
    shown, _ = await run_walk(WALK, tmp_path)
    # The manager: the mistyped code is explained, the flow stays open, the right code links.
    wrong = shown[shown.index("» ABCD-2345\n") :]
    answer, _, linked = wrong.partition("\n» ")
    assert "I don't know that code." in answer
    assert "type the invite code the Association gave you." in answer
    assert "[1] Try another code" in answer and "[2] Main menu" in answer
    assert linked.split("\n")[1].startswith("✅ This chat is now linked to")
    # The citizen's complaint is filed; the Board's decision reaches the manager's next chat,
    # printed before their first message, in full, with Acknowledge and Appeal.
    assert "Tracking code: " in shown
    # The notice that the Association took the complaint up comes first, on the same screen.
    taken_up = shown[shown.index("📨 A complaint against your office") :]
    assert taken_up.index("⚖️ Decision of the Primary Disciplinary Board") > 0
    manager_chat = shown[shown.index("⚖️ Decision of the Primary Disciplinary Board") :]
    delivered = manager_chat[: manager_chat.index("» /notices")]
    assert "• Article 25, clause 6: Not giving clients a receipt for money paid" in delivered
    assert "degree 5: Temporary suspension of the licence" in delivered
    assert delivered.endswith("   [2] ✔ Acknowledge receipt\n   [3] Appeal this decision\n\n")
    assert re.search(r"\[1\] Decision no\. 1 \(degree 5\), \d+ \w+ \d{4}\n", manager_chat)
    assert "Your appeal is recorded and goes to the Appeals Board (Article 24)." in manager_chat
    # The citizen's next chat prints every change of status, before their first message.
    citizen = manager_chat[manager_chat.index("Your complaint ") :]
    assert "is now: under review by the Association.\nNote from the Association: We" in citizen
    assert "is now: referred to the Primary Disciplinary Board." in citizen
    assert "The Primary Disciplinary Board has decided on your complaint" in citizen
    assert citizen.index("» /complaints") > citizen.index("has decided on your complaint")
    # And the store says what the screens said.
    [store] = tmp_path.glob("*/console.db")
    app = await open_app(Settings(_env_file=None), f"sqlite+aiosqlite:///{store}")  # type: ignore[call-arg]
    try:
        async with app.engine.sessions() as session:
            [appeal] = list(await session.scalars(select(Appeal)))
            [decision] = list(await session.scalars(select(Decision)))
    finally:
        await app.close()
    assert (appeal.by, appeal.decision_id) == ("manager", decision.id)
    assert (decision.sanction, decision.months, decision.status) == (5, 3, "appealed")
    # The Board ruled in session, every member present, by two of three, then all three.
    assert decision.sitting_id is not None and decision.ruling_text == (
        "The office gave no receipt; the Board suspends its licence for three months."
    )
    assert "🧮 Question 1: carried, 2 for and 1 against (Article 22, note 2)." in shown
