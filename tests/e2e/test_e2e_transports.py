"""End to end: Daftar on the fake Bot API server, over {direct, aiogram, ptb} × {Telegram, Bale} ×
{polling, webhook}. Every test ends by checking that no request broke the spec or Bale's profile."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.config import Settings
from storage.models import Identity, InboxUpdate, OutboxMessage
from tests.daftar_harness import Daftar, settings_for, start_daftar
from tests.fakebotapi import FakeBotApi
from tests.support import Probe

MATRIX = [
    (framework, platform, mode)
    for framework in ("direct", "aiogram", "ptb")
    for platform in ("telegram", "bale")
    for mode in ("polling", "webhook")
]
CHAT = 4242


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 5.0) -> None:
    """Wait until *check* holds (the store is updated just after the platform gets a message)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{check.__name__} did not hold within {timeout}s")
        await asyncio.sleep(0.05)


@dataclass
class Setup:
    api: FakeBotApi
    settings: Settings
    daftar: Daftar

    async def restart(self, *, crash: bool) -> None:
        if crash:
            await self.daftar.crash()
        else:
            await self.daftar.stop()
        self.daftar = await start_daftar(self.settings)

    def texts(self, chat_id: int = CHAT) -> list[str]:
        return [str(m.get("text", "")) for m in self.api.messages_to(chat_id)]

    def buttons(self, message: dict[str, Any]) -> dict[str, str]:
        markup = message.get("reply_markup") or {}
        return {
            b["text"]: b["callback_data"]
            for row in markup.get("inline_keyboard", [])
            for b in row
            if "callback_data" in b
        }

    async def wait_text(
        self, fragment: str, chat_id: int = CHAT, timeout: float = 10.0
    ) -> dict[str, Any]:
        def found() -> bool:
            return any(fragment in t for t in self.texts(chat_id))

        await self.api.wait_until(found, timeout=timeout)
        return [m for m in self.api.messages_to(chat_id) if fragment in str(m.get("text", ""))][-1]

    async def press(self, label: str, chat_id: int = CHAT) -> None:
        for message in reversed(self.api.messages_to(chat_id)):
            buttons = self.buttons(message)
            if label in buttons:
                self.api.press_button(chat_id, buttons[label], message_id=message["message_id"])
                return
        raise AssertionError(f"no button {label!r}")


@pytest.fixture(params=MATRIX, ids=["-".join(cell) for cell in MATRIX])
async def setup(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Setup]:
    framework, platform, mode = request.param
    Probe.finished.clear()
    async with FakeBotApi(platform=platform) as api:
        settings = settings_for(
            api, f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}", framework=framework, mode=mode
        )
        daftar = await start_daftar(settings)
        running = Setup(api, settings, daftar)
        try:
            yield running
        finally:
            await running.daftar.stop()
        api.assert_no_violations()


async def open_probe(s: Setup) -> None:
    s.api.send_command(CHAT, "start")
    await s.wait_text("خوش آمدید")
    await s.press("Probe")
    await s.wait_text("Alpha or beta?")


async def test_start_shows_the_menu(setup: Setup) -> None:
    setup.api.send_command(CHAT, "start")
    menu = await setup.wait_text("چه کاری می‌خواهید انجام دهید؟")
    assert "راهنما" in setup.buttons(menu)
    if setup.api.platform == "telegram":
        languages = {c.params.get("language_code") for c in setup.api.calls_to("setMyCommands")}
        assert languages == {None, "fa", "en"}
    else:
        assert setup.api.calls_to("setMyCommands") == []


async def test_a_button_press_moves_on_and_is_answered(setup: Setup) -> None:
    await open_probe(setup)
    await setup.press("Alpha")
    await setup.wait_text("Your mobile?")
    await setup.api.wait_until(lambda: len(setup.api.answered_callbacks) >= 2)


async def test_a_stale_button_is_answered_as_expired(setup: Setup) -> None:
    await open_probe(setup)
    await setup.press("Alpha")
    await setup.wait_text("Your mobile?")
    await setup.press("Beta")  # from the message before: its step has passed
    await setup.wait_text("این دکمه دیگر معتبر نیست")
    await setup.api.wait_until(
        lambda: any(
            c.get("text") == "این دکمه دیگر معتبر نیست." for c in setup.api.answered_callbacks
        )
    )


async def test_own_contact_counts_and_someone_elses_does_not(setup: Setup) -> None:
    await open_probe(setup)
    await setup.press("Alpha")
    asked = await setup.wait_text("Your mobile?")
    keyboard = asked["reply_markup"]["keyboard"]
    assert keyboard[0][0]["request_contact"] is True
    setup.api.send_contact(CHAT, "+989121112233", contact_user_id=999999)
    await setup.wait_text("این شماره‌ی شخص دیگری است")
    setup.api.send_contact(CHAT, "+989121234567")
    await setup.wait_text("A file, please.")
    assert any("۰۹۱۲۱۲۳۴۵۶۷" in t for t in setup.texts())


async def test_a_photo_reaches_the_flow_with_its_size(setup: Setup) -> None:
    await open_probe(setup)
    await setup.press("Alpha")
    await setup.wait_text("Your mobile?")
    setup.api.send_text(CHAT, "09121234567")
    await setup.wait_text("A file, please.")
    photo = b"\xff\xd8\xff" + b"x" * 5000
    setup.api.send_photo(CHAT, photo)
    await setup.wait_text("Done: 09121234567")
    [answers] = Probe.finished
    assert answers["file"]["kind"] == "photo" and answers["file"]["mime"] == "image/jpeg"
    assert answers["file"]["size"] == len(photo)
    runner = next(iter(setup.daftar.server.runners.values()))
    assert await runner.sender.download(answers["file"]["file_id"]) == photo


async def test_a_429_on_send_message_delays_the_reply_which_arrives_once(setup: Setup) -> None:
    setup.api.fail("sendMessage", times=1, status=429, retry_after=1)
    setup.api.send_command(CHAT, "help")
    await setup.wait_text("«دفتر» در کارهای مربوط")
    await asyncio.sleep(1.0)
    assert sum("«دفتر» در کارهای مربوط" in t for t in setup.texts()) == 1


async def test_two_500s_and_the_reply_still_arrives(setup: Setup) -> None:
    setup.api.fail("sendMessage", times=2, status=500)
    setup.api.send_command(CHAT, "help")
    await setup.wait_text("«دفتر» در کارهای مربوط")

    async def sent() -> bool:
        async with setup.daftar.app.engine.sessions() as session:
            rows = list(await session.scalars(select(OutboxMessage)))
        return [r.status for r in rows] == ["sent"]

    await eventually(sent)


async def test_an_unreadable_update_is_dropped_and_the_next_handled(setup: Setup) -> None:
    setup.api.send_raw_update({"message": {"message_id": "not a number", "chat": "nonsense"}})
    setup.api.send_command(CHAT, "help")
    await setup.wait_text("«دفتر» در کارهای مربوط")

    async def inbox_empty() -> bool:  # a row goes once its reply is out
        async with setup.daftar.app.engine.sessions() as session:
            return not list(await session.scalars(select(InboxUpdate)))

    await eventually(inbox_empty)


async def test_a_crash_between_two_steps_loses_nothing(setup: Setup) -> None:
    await open_probe(setup)
    await setup.restart(crash=True)
    await setup.press("Beta")
    await setup.wait_text("Your mobile?")
    setup.api.send_text(CHAT, "09121234567")
    await setup.wait_text("A file, please.")


async def test_a_reply_committed_but_not_sent_is_sent_after_a_restart(setup: Setup) -> None:
    setup.api.fail("sendMessage", times=20, status=500)
    setup.api.send_command(CHAT, "help")
    await setup.api.wait_until(lambda: len(setup.api.calls_to("sendMessage")) >= 5, timeout=20)
    await setup.daftar.crash()
    setup.api.clear_faults()
    setup.daftar = await start_daftar(setup.settings)
    await setup.wait_text("«دفتر» در کارهای مربوط")
    assert sum("«دفتر» در کارهای مربوط" in t for t in setup.texts()) == 1


async def test_a_blocked_user_is_recorded_and_not_retried(setup: Setup) -> None:
    setup.api.fail(
        "sendMessage", times=1, status=403, description="Forbidden: bot was blocked by the user"
    )
    setup.api.send_command(CHAT, "help")
    await setup.api.wait_until(lambda: len(setup.api.calls_to("sendMessage")) >= 1)
    await asyncio.sleep(1.5)  # a resend round passes
    assert len(setup.api.calls_to("sendMessage")) == 1
    async with setup.daftar.app.engine.sessions() as session:
        identity = await session.get(Identity, (setup.api.platform, CHAT))
        [row] = list(await session.scalars(select(OutboxMessage)))
    assert identity is not None and identity.blocked_at is not None
    assert row.status == "undeliverable"


async def test_a_group_is_told_once_to_talk_privately(setup: Setup) -> None:
    group = -100777 if setup.api.platform == "telegram" else -777
    chat_type = "supergroup" if setup.api.platform == "telegram" else "group"
    setup.api.send_text(group, "/start", chat_type=chat_type, user_id=CHAT)
    await setup.wait_text("فقط در گفت‌وگوی خصوصی", chat_id=group)
    setup.api.send_text(group, "/help", chat_type=chat_type, user_id=CHAT)
    setup.api.send_command(CHAT, "help")
    await setup.wait_text("«دفتر» در کارهای مربوط")
    assert len(setup.api.messages_to(group)) == 1


async def test_user_text_with_markdown_marks_is_sent_safely(setup: Setup) -> None:
    setup.api.send_command(CHAT, "bad_*cmd*_")
    reply = await setup.wait_text("/help")
    if setup.api.platform == "bale":
        assert "*" not in reply["text"] and "_" not in reply["text"]
    else:
        assert "bad_*cmd*_" in reply["text"]


async def test_a_bale_contact_from_an_id_over_32_bits_is_the_senders_own(setup: Setup) -> None:
    if setup.api.platform != "bale":
        pytest.skip("Bale's 32-bit contact ids")
    big = (1 << 45) + 4242
    setup.api.send_command(big, "start")
    menu = await setup.wait_text("خوش آمدید", chat_id=big)
    setup.api.press_button(big, setup.buttons(menu)["Probe"], message_id=menu["message_id"])
    await setup.wait_text("Alpha or beta?", chat_id=big)
    await setup.press("Alpha", chat_id=big)
    await setup.wait_text("Your mobile?", chat_id=big)
    setup.api.send_contact(big, "+989121234567")  # Bale masks the contact's user_id
    await setup.wait_text("A file, please.", chat_id=big)
