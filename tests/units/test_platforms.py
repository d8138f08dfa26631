"""Platform profiles, mending of platform JSON, and the rate limiter, without a server."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.handlers.direct_transport import DirectTransport
from bot.handlers.mending import chat_key, mend_update, mend_webhook_info
from bot.handlers.profiles import BALE, TELEGRAM, split_text
from bot.handlers.ratelimit import RateLimiter
from bot.handlers.transport import ApiError, PlatformSender
from bot.messages.replies import Reply
from bot.messages.sender import CallFailed


def test_long_texts_are_split_at_line_breaks_within_the_limit() -> None:
    text = "\n".join(f"line {n} " + "x" * 90 for n in range(120))  # ~12,000 characters
    pieces = split_text(text, 4096)
    assert len(pieces) == 3
    assert all(len(piece) <= 4096 for piece in pieces)
    assert "\n".join(pieces) == text
    assert split_text("y" * 5000, 4096) == ["y" * 4096, "y" * 904]


def test_bale_shows_markdown_marks_literally_and_telegram_as_sent() -> None:
    text = "a *b* _c_ `d` [e](f)"
    assert TELEGRAM.safe_text(text) == text
    safe = BALE.safe_text(text)
    assert not any(mark in safe for mark in "*_`[]")
    assert safe.count("∗") == 2


def test_a_bale_contact_is_compared_on_32_bits() -> None:
    sender = (1 << 40) + 12345
    assert BALE.same_user(12345, sender)
    assert not BALE.same_user(54321, sender)
    assert not TELEGRAM.same_user(12345, sender)
    assert TELEGRAM.same_user(sender, sender)
    assert not BALE.same_user(None, sender)


def test_old_bale_clients_get_no_callback_answer() -> None:
    assert not BALE.can_answer_callback("1234")
    assert BALE.can_answer_callback("9234")
    assert TELEGRAM.can_answer_callback("1234")


def test_a_bale_callback_and_voice_are_completed_for_the_frameworks() -> None:
    raw = {
        "update_id": 5,
        "callback_query": {
            "id": "77",
            "from": {"id": 9, "first_name": "A"},
            "message": {"message_id": 1, "chat": {"id": 9}, "voice": {"file_id": "v"}},
            "data": "tok",
        },
    }
    mended = mend_update(raw)
    query = mended["callback_query"]
    assert query["chat_instance"] == "9"
    assert query["from"]["is_bot"] is False
    assert query["message"]["date"] == 0 and query["message"]["chat"]["type"] == "private"
    assert query["message"]["voice"] == {"file_id": "v", "file_unique_id": "v", "duration": 0}
    assert "chat_instance" not in raw["callback_query"]  # the original is left alone
    assert chat_key(raw) == 9
    assert chat_key({"update_id": 1}) == 0


def test_bales_webhook_info_is_completed() -> None:
    assert mend_webhook_info({"url": "https://x"}) == {
        "url": "https://x",
        "has_custom_certificate": False,
        "pending_update_count": 0,
    }


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_no_window_of_one_second_holds_more_than_the_rate() -> None:
    clock = FakeClock()
    limiter = RateLimiter(5, 1, clock=clock, sleep=clock.sleep)
    moments = []
    for n in range(23):
        async with limiter.turn(n):
            moments.append(clock.now)
    for start in moments:
        assert sum(start <= m < start + 1.0 for m in moments) <= 5
    assert moments[-1] >= 4.0
    for start in moments:  # the margin: even a window of 1.1 s holds no more than the rate
        assert sum(start <= m < start + 1.1 for m in moments) <= 5


async def test_one_chat_gets_at_most_one_notice_a_second() -> None:
    clock = FakeClock()
    limiter = RateLimiter(30, 1, clock=clock, sleep=clock.sleep)
    moments = []
    for _ in range(4):
        async with limiter.turn(7, per_chat=True):
            moments.append(clock.now)
    assert moments == pytest.approx([0.0, 1.1, 2.2, 3.3])
    async with limiter.turn(8, per_chat=True):  # another chat is not held up by chat 7
        assert clock.now == pytest.approx(3.3)


async def test_a_call_counts_from_when_it_ended_not_from_when_it_was_let_through() -> None:
    # The platform counts a request on arrival: one let through at 0 s but on its way until
    # 0.8 s (the loop was busy) must keep the next second's requests away until 0.8 s + 1.1 s.
    clock = FakeClock()
    limiter = RateLimiter(2, 1, clock=clock, sleep=clock.sleep)
    async with limiter.turn(1):
        clock.now = 0.8
    async with limiter.turn(2):
        pass
    async with limiter.turn(3):
        assert clock.now == pytest.approx(1.9)


async def test_replies_are_not_held_to_the_per_chat_pace() -> None:
    limiter = RateLimiter(30, 1)

    async def one() -> None:
        async with limiter.turn(7):
            pass

    await asyncio.wait_for(asyncio.gather(*(one() for _ in range(3))), timeout=0.5)


async def test_after_a_pause_no_turn_goes_until_it_ends() -> None:
    # A 429 with retry_after=3: what waits goes after the three seconds, not before.
    clock = FakeClock()
    limiter = RateLimiter(30, 1, clock=clock, sleep=clock.sleep)
    async with limiter.turn(1):
        pass
    await limiter.pause(3.0)
    await limiter.pause(1.0)  # a shorter pause later does not cut the first one short
    async with limiter.turn(2):
        assert clock.now == pytest.approx(3.0)
    async with limiter.turn(3):  # once it has ended, turns go at once again
        assert clock.now == pytest.approx(3.0)


class PausedLimiter(RateLimiter):
    """The in-process limiter, keeping the pauses it was asked for."""

    def __init__(self) -> None:
        super().__init__(30, 1)
        self.pauses: list[float] = []

    async def pause(self, seconds: float) -> None:
        self.pauses.append(seconds)
        await super().pause(seconds)


class Refusing(DirectTransport):
    """A transport whose sendMessage is answered 429 the first *times* calls."""

    def __init__(self, times: int, retry_after: float) -> None:
        super().__init__(TELEGRAM, "1:T", "http://127.0.0.1:9")
        self.left = times
        self.retry_after = retry_after
        self.calls = 0

    async def send_message(self, chat_id: int, text: str, reply: Any) -> int:
        self.calls += 1
        if self.left > 0:
            self.left -= 1
            raise ApiError(429, "Too Many Requests", self.retry_after)
        return 77


@pytest.mark.parametrize("retry", [True, False], ids=["reply", "notice"])
async def test_a_429_pauses_the_limiter_for_its_retry_after(retry: bool) -> None:
    # The pause is what reaches every process sharing the limit: a reply waits it out and goes
    # again, a notice fails once for its dispatcher to reschedule; either way the limiter knows.
    limiter = PausedLimiter()
    transport = Refusing(times=1, retry_after=0.2)
    sender = PlatformSender(transport, limiter)
    started = asyncio.get_running_loop().time()
    if retry:
        assert await sender.send(5, Reply("hi")) == 77
        assert transport.calls == 2
        assert asyncio.get_running_loop().time() - started >= 0.19
    else:
        with pytest.raises(CallFailed):
            await sender.send(5, Reply("hi"), per_chat=True, retry=False)
        assert transport.calls == 1
    assert limiter.pauses == [0.2]
