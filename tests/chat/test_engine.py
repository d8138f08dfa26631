"""The engine: one transaction per update, redeliveries, stale buttons, races, crashes."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.app import App, open_app
from bot.config import Settings
from bot.flows.registry import Registry
from storage.models import Identity, ProcessedUpdate
from tests.conftest import Clock, RecordingSender
from tests.support import (
    Pet,
    command,
    conversation,
    labels,
    outbox,
    press,
    sticker,
    text,
    token_of,
    with_pet,
)


@pytest.fixture
def registry(registry: Registry) -> Registry:
    return with_pet(registry)


async def open_pet(app: App, sender: RecordingSender) -> None:
    menu = await app.engine.process(command("start"), sender)
    await app.engine.process(press(token_of(menu, "Register a pet")), sender)


async def test_start_shows_the_persian_menu_and_records_the_reply(
    app: App, sender: RecordingSender
) -> None:
    replies = await app.engine.process(command("start"), sender)
    assert "خوش آمدید" in replies[0].text
    assert labels(replies)[-2:] == ["راهنما", "زبان / Language"]
    assert "سنجش‌های پیشین من" in labels(replies) and "مدیر دفتر هستم" in labels(replies)
    assert "Register a pet" in labels(replies)
    rows = await outbox(app)
    assert [(r.status, r.kind, r.chat_id) for r in rows] == [("sent", "reply", 100)]
    assert rows[0].platform_message_id == 1
    assert sender.texts() == [replies[0].text]


async def test_a_redelivered_update_has_one_effect(app: App, sender: RecordingSender) -> None:
    await open_pet(app, sender)
    event = text("Cat")
    first = await app.engine.process(event, sender)
    again = await app.engine.process(event, sender)
    assert first and again == []
    state = await conversation(app)
    assert state is not None and state.step == "pet_name" and state.answers == {"kind": "cat"}
    async with app.engine.sessions() as session:
        count = len(list(await session.scalars(select(ProcessedUpdate))))
    assert count == 3
    assert len(await outbox(app)) == 3


async def test_a_wizard_runs_to_review_and_confirm(app: App, sender: RecordingSender) -> None:
    await open_pet(app, sender)
    await app.engine.process(text("Dog"), sender)
    asked = await app.engine.process(text("نمی‌دانم / ترجیح می‌دهم نگویم"), sender)
    assert "Its name?" in asked[0].text
    review = await app.engine.process(text("Rex"), sender)
    assert "Please" not in review[0].text and "پاسخ‌هایتان را بررسی کنید" in review[0].text
    assert "• Does it need walks?: نمی‌دانم / ترجیح می‌دهم نگویم" in review[0].text
    # Edit the kind from the review: a cat skips "walks", which is then dropped.
    edit = await app.engine.process(press(token_of(review, "✎ Which animal?")), sender)
    review = await app.engine.process(press(token_of(edit, "Cat")), sender)
    assert "walks" not in review[0].text
    done = await app.engine.process(press(token_of(review, "✔ تأیید")), sender)
    assert done[0].text == "Saved Rex"
    assert Pet.finished == [{"kind": "cat", "pet_name": "Rex"}]
    state = await conversation(app)
    assert state is not None and state.flow is None


async def test_back_returns_to_the_previous_question(app: App, sender: RecordingSender) -> None:
    await open_pet(app, sender)
    asked = await app.engine.process(text("Dog"), sender)
    back = await app.engine.process(press(token_of(asked, "» بازگشت")), sender)
    assert "Which animal?" in back[0].text
    state = await conversation(app)
    assert state is not None and state.step == "kind"


async def test_cancel_leaves_the_flow_and_keeps_nothing(app: App, sender: RecordingSender) -> None:
    await open_pet(app, sender)
    await app.engine.process(text("Dog"), sender)
    replies = await app.engine.process(command("cancel"), sender)
    assert replies[0].text == "لغو شد. چیزی ذخیره نشد."
    state = await conversation(app)
    assert state is not None and (state.flow, state.answers) == (None, {})


async def test_a_sticker_reprompts_and_changes_nothing(app: App, sender: RecordingSender) -> None:
    await open_pet(app, sender)
    before = await conversation(app)
    replies = await app.engine.process(sticker(), sender)
    after = await conversation(app)
    assert before is not None and after is not None
    assert (after.step, after.answers, after.version) == (
        before.step,
        before.answers,
        before.version,
    )
    assert "Which animal?" in replies[-1].text
    assert replies[-1].text.startswith("پوزش می‌خواهم، این نوع پیام را اینجا نمی‌توانم بپذیرم.")


async def test_text_where_a_button_was_expected_reprompts(
    app: App, sender: RecordingSender
) -> None:
    await open_pet(app, sender)
    replies = await app.engine.process(text("a horse"), sender)
    assert replies[-1].text.startswith("لطفاً یکی از دکمه‌ها را انتخاب کنید.")
    state = await conversation(app)
    assert state is not None and state.step == "kind" and state.answers == {}


async def test_a_stale_button_shows_the_current_step_and_changes_nothing(
    app: App, sender: RecordingSender
) -> None:
    menu = await app.engine.process(command("start"), sender)
    first = await app.engine.process(press(token_of(menu, "Register a pet")), sender)
    await app.engine.process(press(token_of(first, "Dog")), sender)
    before = await conversation(app)
    replies = await app.engine.process(press(token_of(first, "Cat")), sender)
    after = await conversation(app)
    assert replies[0].text == "این دکمه دیگر معتبر نیست. اکنون اینجا هستیم:"
    assert "Does it need walks?" in replies[1].text
    assert before is not None and after is not None
    assert (after.step, after.answers, after.version) == (
        before.step,
        before.answers,
        before.version,
    )


async def test_a_forged_or_foreign_token_is_refused(app: App, sender: RecordingSender) -> None:
    menu = await app.engine.process(command("start"), sender)
    token = token_of(menu, "Register a pet")
    forged = await app.engine.process(press("not-a-token"), sender)
    foreign = await app.engine.process(press(token, chat_id=999), sender)
    for replies in (forged, foreign):
        assert replies[0].text == "این دکمه دیگر معتبر نیست. اکنون اینجا هستیم:"
    other = await conversation(app, chat_id=999)
    assert other is None or other.flow is None


async def test_buttons_of_a_cancelled_run_are_stale(app: App, sender: RecordingSender) -> None:
    menu = await app.engine.process(command("start"), sender)
    first = await app.engine.process(press(token_of(menu, "Register a pet")), sender)
    await app.engine.process(command("cancel"), sender)
    await app.engine.process(press(token_of(menu, "Register a pet")), sender)
    replies = await app.engine.process(press(token_of(first, "Cat")), sender)
    assert replies[0].text.startswith("این دکمه دیگر معتبر نیست")


async def test_a_conversation_resumes_after_a_restart(
    database_url: str,
    settings: Settings,
    clock: Clock,
    registry: Registry,
    sender: RecordingSender,
) -> None:
    first = await open_app(settings, database_url, registry=registry, clock=clock, upgrade=True)
    await open_pet(first, sender)
    asked = await first.engine.process(text("Dog"), sender)
    await first.close()

    second = await open_app(settings, database_url, registry=registry, clock=clock)
    replies = await second.engine.process(press(token_of(asked, "بله")), sender)
    assert "Its name?" in replies[0].text
    await second.engine.process(command("menu"), sender)
    state = await conversation(second)
    assert state is not None and state.answers == {"kind": "dog", "walks": True}
    await second.close()


async def test_replies_left_unsent_by_a_crash_are_sent_at_the_next_start(
    database_url: str, settings: Settings, clock: Clock, registry: Registry
) -> None:
    first = await open_app(settings, database_url, registry=registry, clock=clock, upgrade=True)
    # handle() commits the replies; the "crash" comes before the transport sends them.
    committed = await first.engine.handle(command("start", chat_id=7))
    committed += await first.engine.handle(command("help", chat_id=7))
    await first.close()

    second = await open_app(settings, database_url, registry=registry, clock=clock)
    sender = RecordingSender()
    assert await second.engine.delivery.send_pending(sender) == 2
    assert sender.texts(7) == [r.text for r in committed]
    assert [r.status for r in await outbox(second)] == ["sent", "sent"]
    assert await second.engine.delivery.send_pending(RecordingSender()) == 0
    await second.close()


async def test_a_failed_send_stays_pending(app: App) -> None:
    failing = RecordingSender()
    failing.fail_with = ConnectionError("network down")
    await app.engine.process(command("start"), failing)
    row = (await outbox(app))[0]
    assert (row.status, row.attempts) == ("pending", 1)
    assert "network down" in str(row.last_error)


async def test_two_updates_of_one_chat_are_applied_in_order(
    app: App, sender: RecordingSender
) -> None:
    await open_pet(app, sender)
    gate = Pet.gate = asyncio.Event()
    first = asyncio.create_task(app.engine.process(text("Dog"), sender))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(app.engine.process(text("بله"), sender))
    await asyncio.sleep(0.05)
    assert not second.done()
    gate.set()
    await asyncio.gather(first, second)
    state = await conversation(app)
    assert state is not None and state.answers == {"kind": "dog", "walks": True}
    assert state.step == "pet_name"


async def test_a_race_lost_across_processes_is_retried_not_overwritten(
    database_url: str,
    settings: Settings,
    clock: Clock,
    registry: Registry,
    sender: RecordingSender,
) -> None:
    # Two processes: two apps on one store, each with its own locks.
    one = await open_app(settings, database_url, registry=registry, clock=clock, upgrade=True)
    two = await open_app(settings, database_url, registry=registry, clock=clock)
    await open_pet(one, sender)
    gate = Pet.gate = asyncio.Event()
    slow = asyncio.create_task(one.engine.process(text("Dog"), sender))
    await asyncio.sleep(0.1)
    fast = asyncio.create_task(two.engine.process(text("Cat"), sender))
    await asyncio.sleep(0.2)
    if database_url.startswith("sqlite"):
        # SQLite's IMMEDIATE transactions serialise the two: the second waits for the first.
        assert not fast.done()
    else:
        # PostgreSQL lets the second commit while the first still holds the old state.
        assert fast.done()
    gate.set()
    await asyncio.gather(slow, fast)
    state = await conversation(one)
    assert state is not None
    if database_url.startswith("sqlite"):
        assert state.answers == {"kind": "dog"}  # then "Cat" was no answer to "walks?"
    else:
        # "Dog" lost the race, was retried on the newer state, and became the pet's name.
        assert state.answers == {"kind": "cat", "pet_name": "Dog"}
    await one.close()
    await two.close()


async def test_an_idle_conversation_restarts_politely(
    app: App, sender: RecordingSender, clock: Clock
) -> None:
    await open_pet(app, sender)
    clock.advance(hours=25)
    replies = await app.engine.process(text("Cat"), sender)
    assert "۲۴ ساعت بی‌فعالیتی بسته شد" in replies[0].text
    state = await conversation(app)
    assert state is not None and state.flow is None


async def test_an_exception_in_a_flow_apologises_and_writes_nothing(
    app: App, sender: RecordingSender
) -> None:
    await open_pet(app, sender)
    before = await conversation(app)
    Pet.explode = True
    event = text("Cat")
    replies = await app.engine.process(event, sender)
    assert replies[0].text == "پوزش می‌خواهیم، خطایی در سامانه‌ی ما رخ داد. چیزی تغییر نکرد."
    assert "Register a pet" in labels(replies)
    after = await conversation(app)
    assert before is not None and after is not None
    assert (after.answers, after.version) == (before.answers, before.version)
    Pet.explode = False
    assert await app.engine.process(event, sender) == []  # recorded: not replayed


async def test_language_choice_is_stored_and_used(app: App, sender: RecordingSender) -> None:
    replies = await app.engine.process(command("language", "en"), sender)
    assert replies[0].text == "From now on I will speak English."
    help_ = await app.engine.process(command("help"), sender)
    assert "Judicial E-Services Offices" in help_[0].text
    async with app.engine.sessions() as session:
        identity = await session.get(Identity, ("test", 100))
    assert identity is not None and identity.locale == "en"


async def test_the_language_picker_switches_with_a_button(
    app: App, sender: RecordingSender
) -> None:
    picker = await app.engine.process(command("language"), sender)
    replies = await app.engine.process(press(token_of(picker, "English")), sender)
    assert replies[0].text == "From now on I will speak English."
    back = await app.engine.process(press(token_of(replies, "Language / زبان")), sender)
    replies = await app.engine.process(press(token_of(back, "فارسی")), sender)
    assert replies[0].text == "از این پس به فارسی با شما صحبت می‌کنم."


async def test_an_unknown_command_says_so(app: App, sender: RecordingSender) -> None:
    replies = await app.engine.process(command("frobnicate"), sender)
    assert "/frobnicate" in replies[0].text and "/help" in replies[0].text


async def test_platform_ids_of_52_bits_fit(app: App, sender: RecordingSender) -> None:
    big = 2**52 - 1
    replies = await app.engine.process(command("start", chat_id=big), sender)
    assert replies
    async with app.engine.sessions() as session:
        identity = await session.get(Identity, ("test", big))
    assert identity is not None and identity.chat_id == big


async def test_the_menu_offers_to_continue_a_draft(app: App, sender: RecordingSender) -> None:
    await open_pet(app, sender)
    await app.engine.process(text("Dog"), sender)
    menu = await app.engine.process(command("start"), sender)
    resumed = await app.engine.process(press(token_of(menu, "↩ ادامه: Register a pet")), sender)
    assert "Does it need walks?" in resumed[0].text
    state = await conversation(app)
    assert state is not None and state.answers == {"kind": "dog"}


async def test_old_update_ids_and_buttons_are_pruned(
    app: App, sender: RecordingSender, clock: Clock
) -> None:
    event = command("start")
    menu = await app.engine.process(event, sender)
    clock.advance(days=30)
    await app.engine.prune()
    async with app.engine.sessions() as session:
        assert list(await session.scalars(select(ProcessedUpdate))) == []
    # Past the window a redelivery is no longer recognised, and old buttons have expired.
    replies = await app.engine.process(press(token_of(menu, "راهنما")), sender)
    assert replies[0].text.startswith("این دکمه دیگر معتبر نیست")


async def test_sqlite_runs_in_wal_mode(app: App) -> None:
    if app.db.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    async with app.db.connect() as connection:
        mode = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar()
    assert mode == "wal"
