"""What every flow does, as a user meets it: typed numbers, edits, /cancel, /help, dead ends.

The clock is noon in Tehran on 1403/08/15. Labels are looked up in the Persian catalog, so a
reworded translation does not break a test that is about where a button is, not its words.
"""

from __future__ import annotations

import io
import itertools
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import App
from bot.config import Settings
from bot.flows.complaint.incident import OVERCHARGED, WHEN
from bot.flows.complaint.office_search import OFFICE
from bot.flows.complaint.overcharge import PAID, SERVICE, UNITS
from bot.flows.framework.context import Answers
from bot.flows.registry import Registry
from bot.handlers.console import ConsoleSender, OnScreen
from bot.messages.events import AttachmentEvent, ButtonEvent
from bot.messages.replies import Reply
from bot.rules.violations import CITIZEN_CHOICES, CITIZEN_CHOICES_BY_KEY
from bot.text.i18n import translator
from storage import buttons
from storage.models import Button, Complaint, Evidence
from tests.chat.test_complaint_chat import load_sample, say, start_complaint
from tests.chat.test_manager_chat import as_reply, invite, issue, notice_rows
from tests.conftest import Clock, RecordingSender
from tests.support import (
    command,
    common,
    conversation,
    labels,
    press,
    text,
    token_of,
    typed,
    with_pet,
)

fa = translator("fa")
_console_updates = itertools.count(1)
_tokens = itertools.count(1)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, evidence_dir=str(tmp_path / "evidence"))  # type: ignore[call-arg]


@pytest.fixture
def registry(registry: Registry) -> Registry:
    return with_pet(registry)


@pytest.fixture
async def offices(app: App) -> App:
    await load_sample(app)
    return app


def offers_way_on(replies: list[Reply]) -> bool:
    """Whether the last reply has a button or a keyboard to go on with."""
    return bool(replies) and bool(replies[-1].inline or replies[-1].keyboard)


async def answers_now(app: App) -> Answers:
    state = await conversation(app)
    assert state is not None
    return dict(state.answers)


def overcharged_label() -> str:
    return "▫️ " + fa(CITIZEN_CHOICES_BY_KEY[OVERCHARGED].label_msgid)


async def to_the_amount(app: App, sender: RecordingSender, day: str) -> list[Reply]:
    """A complaint about an overcharge on *day*, up to what was paid (service 1, once)."""
    last = await start_complaint(app, sender)
    for answer in ("1001", fa("✔ Yes, this office"), overcharged_label(), fa("Done ✔"), day, "1"):
        last = await say(app, sender, last, answer)
    return await say(app, sender, last, "1")


async def to_the_evidence(app: App, sender: RecordingSender) -> list[Reply]:
    """A complaint of no overcharge, up to the evidence step (four answers given)."""
    last = await start_complaint(app, sender)
    other = next(choice for choice in CITIZEN_CHOICES if choice.key != OVERCHARGED)
    picked = "▫️ " + fa(other.label_msgid)
    for answer in ("1001", fa("✔ Yes, this office"), picked, fa("Done ✔"), fa("Today")):
        last = await say(app, sender, last, answer)
    return await say(app, sender, last, "با من بی‌احترامی شد و پاسخ ندادند.")


async def to_the_review(app: App, sender: RecordingSender, day: str) -> list[Reply]:
    """An overcharge on *day*, every question answered, at the review."""
    last = await to_the_amount(app, sender, day)
    for answer in (
        "100000",
        fa("Rials"),
        "برای یک گواهی امضا صد هزار ریال گرفتند.",
        fa("Skip"),
        "مریم نمونه",
        "09121234567",
        fa("Skip"),
        fa("No: keep my identity from the office"),
    ):
        last = await say(app, sender, last, answer)
    assert last[-1].text.startswith(fa("Please check your answers:"))
    return last


def photo(file_id: str) -> AttachmentEvent:
    return AttachmentEvent(**common(), kind="photo", file_id=file_id, size=1234)


# --- 1. a number typed at a text step is text --------------------------------------------


async def test_a_typed_number_at_the_amount_is_the_amount_not_the_cancel_button(
    offices: App, sender: RecordingSender
) -> None:
    asked = await to_the_amount(offices, sender, fa("Today"))
    assert labels(asked) == [fa("« Back"), fa("✖ Cancel")]  # "۲" numbers Cancel on the console
    replies = await offices.engine.process(typed(asked, fa("✖ Cancel"), "۲"), sender)
    assert (await answers_now(offices))["paid"] == {"amount": 2, "currency": None}
    assert fa("Was {amount} in rials or in tomans?", amount="۲") in replies[-1].text


async def test_a_typed_number_at_the_description_is_text(
    offices: App, sender: RecordingSender
) -> None:
    last = await to_the_amount(offices, sender, fa("Today"))
    last = await say(offices, sender, last, "100000")
    asked = await say(offices, sender, last, fa("Rials"))
    replies = await offices.engine.process(typed(asked, fa("✖ Cancel"), "2"), sender)
    assert replies[0].text.startswith("این متن کوتاه است")  # 2 is one character, not Cancel
    state = await conversation(offices)
    assert state is not None and (state.flow, state.step) == ("complaint", "description")


async def test_pressing_cancel_or_typing_its_label_at_a_text_step_still_cancels(
    app: App, sender: RecordingSender
) -> None:
    menu = await app.engine.process(command("start"), sender)
    asked = await app.engine.process(press(token_of(menu, "Register a pet")), sender)
    asked = await app.engine.process(text("Cat"), sender)
    assert "Its name?" in asked[-1].text
    by_label = await app.engine.process(text(fa("✖ Cancel")), sender)
    assert by_label[0].text == fa("Cancelled. Nothing was saved.")
    menu = await app.engine.process(command("start"), sender)
    await app.engine.process(press(token_of(menu, "Register a pet")), sender)
    asked = await app.engine.process(text("Cat"), sender)
    pressed = await app.engine.process(press(token_of(asked, fa("✖ Cancel"))), sender)
    assert pressed[0].text == fa("Cancelled. Nothing was saved.")


async def test_a_typed_number_at_a_choice_step_still_chooses(
    app: App, sender: RecordingSender
) -> None:
    # Kept: where the step's answer is one of its buttons, a number picks the button it numbers.
    menu = await app.engine.process(command("start"), sender)
    asked = await app.engine.process(press(token_of(menu, "Register a pet")), sender)
    replies = await app.engine.process(typed(asked, "Dog", "2"), sender)
    assert "Does it need walks?" in replies[-1].text
    assert await answers_now(app) == {"kind": "dog"}


def test_the_console_marks_a_number_typed_for_a_button_and_not_a_label() -> None:
    screen = ConsoleSender(io.StringIO())
    screen.buttons = [OnScreen("« Back", "t-back"), OnScreen("✖ Cancel", "t-cancel")]
    by_number = screen.to_event("۲", update_id=1, user_id=5)
    by_label = screen.to_event("✖ Cancel", update_id=2, user_id=5)
    assert isinstance(by_number, ButtonEvent) and isinstance(by_label, ButtonEvent)
    assert (by_number.token, by_number.typed) == ("t-cancel", "۲")
    assert (by_label.token, by_label.typed) == ("t-cancel", None)


# --- 2. an edit that changes later questions asks them again -------------------------------


async def test_a_new_incident_date_asks_the_overcharge_questions_again(
    offices: App, sender: RecordingSender
) -> None:
    date, service = fa(str(WHEN.label)), fa(str(SERVICE.label))
    units, paid = fa(str(UNITS.label)), fa(str(PAID.label))
    review = await to_the_review(offices, sender, "1403/08/10")
    await offices.engine.process(press(token_of(review, f"✎ {date}")), sender)
    # 1396 has no tariff: the service asked from 1403's tariff is another question now.
    replies = await offices.engine.process(text("1396/03/10"), sender)
    assert replies[0].text == (
        f"چون «{date}» را تغییر دادید، این پرسش دوباره پرسیده می‌شود: {service}."
    )
    assert "۱۳۹۶" in replies[1].text and labels(replies) == [fa("« Back"), fa("✖ Cancel")]
    assert "service" not in await answers_now(offices)
    # Typed in words, the service has no unit: the count's question changed, so it is asked.
    replies = await say(offices, sender, replies, "گواهی امضا")
    assert replies[0].text == (
        f"چون «{service}» را تغییر دادید، این پرسش دوباره پرسیده می‌شود: {units}."
    )
    assert fa(UNITS.prompt) in replies[-1].text
    review = await say(offices, sender, replies, "1")
    shown = review[-1].text
    assert shown.startswith(fa("Please check your answers:"))
    assert f"• {service}: گواهی امضا" in shown and f"• {paid}: ۱۰۰٬۰۰۰ ریال" in shown
    # Back to 1403: the service from its tariff, then the count of that service, are asked
    # again; what was paid is no question of the service, and is kept.
    review_edit = await offices.engine.process(press(token_of(review, f"✎ {date}")), sender)
    assert fa(WHEN.prompt) in review_edit[-1].text
    replies = await offices.engine.process(text("1403/08/10"), sender)
    assert replies[0].text.startswith(f"چون «{date}» را تغییر دادید")
    assert "۱۴۰۳" in replies[1].text and labels(replies)[0].startswith("۱. ")  # its list
    replies = await say(offices, sender, replies, "1")
    assert replies[0].text == (
        f"چون «{service}» را تغییر دادید، این پرسش دوباره پرسیده می‌شود: {units}."
    )
    assert fa("How many times did you receive this service? Send 1 if once.") in replies[-1].text
    replies = await say(offices, sender, replies, "2")
    assert replies[-1].text.startswith(fa("Please check your answers:"))
    assert f"• {units}: ۲" in replies[-1].text and f"• {paid}: ۱۰۰٬۰۰۰ ریال" in replies[-1].text


async def test_a_date_in_the_same_year_asks_nothing_again(
    offices: App, sender: RecordingSender
) -> None:
    review = await to_the_review(offices, sender, "1403/08/10")
    before = await answers_now(offices)
    date = fa(str(WHEN.label))
    await offices.engine.process(press(token_of(review, f"✎ {date}")), sender)
    replies = await offices.engine.process(text("1403/08/01"), sender)
    assert len(replies) == 1 and replies[0].text.startswith(fa("Please check your answers:"))
    assert await answers_now(offices) == {**before, "when": "1403/08/01"}


async def test_back_from_a_question_asked_again_keeps_it_unanswered_until_confirmed(
    offices: App, sender: RecordingSender
) -> None:
    review = await to_the_review(offices, sender, "1403/08/10")
    await offices.engine.process(press(token_of(review, "✎ " + fa(str(WHEN.label)))), sender)
    asked = await offices.engine.process(text("1396/03/10"), sender)
    date = await offices.engine.process(press(token_of(asked, fa("« Back"))), sender)
    review = await offices.engine.process(press(token_of(date, fa("« Back"))), sender)
    assert f"• {fa(str(SERVICE.label))}: {fa('not answered yet')}" in review[-1].text
    confirm = await offices.engine.process(press(token_of(review, fa("✔ Confirm"))), sender)
    assert confirm[-1].text.startswith(fa("Please answer this question first."))
    assert "۱۳۹۶" in confirm[-1].text  # the service, asked as 1396 asks it (in words)
    assert labels(confirm) == [fa("« Back"), fa("✖ Cancel")]
    async with offices.engine.sessions() as session:
        assert list(await session.scalars(select(Complaint))) == []


# --- 3 and 4. /cancel past three answers asks once, and takes the evidence with it ---------


async def test_cancel_after_many_answers_asks_and_continue_asks_the_question_again(
    offices: App, sender: RecordingSender
) -> None:
    asked = await to_the_evidence(offices, sender)
    question = await offices.engine.process(command("cancel"), sender)
    assert question[0].text == (
        f"تا این‌جا در «{fa('File a complaint against an office')}» ۴ پاسخ داده‌اید. "
        "این پاسخ‌ها پاک شوند و از آن بیرون بروید؟"
    )
    assert labels(question) == [fa("Yes, discard"), fa("No, continue")]
    assert len(await answers_now(offices)) == 4
    again = await offices.engine.process(press(token_of(question, fa("No, continue"))), sender)
    assert again[-1].text == asked[-1].text and labels(again) == labels(asked)
    # The Cancel button asks the same.
    button = await offices.engine.process(press(token_of(again, fa("✖ Cancel"))), sender)
    assert labels(button) == [fa("Yes, discard"), fa("No, continue")]
    done = await offices.engine.process(press(token_of(button, fa("Yes, discard"))), sender)
    assert done[0].text == fa("Cancelled. Nothing was saved.")
    state = await conversation(offices)
    assert state is not None and state.flow is None
    # The first question's answer: the button of an earlier moment discards nothing more.
    stale = await offices.engine.process(press(token_of(question, fa("Yes, discard"))), sender)
    assert stale[0].text == fa("That question is no longer open.") and offers_way_on(stale)


async def test_cancel_with_few_answers_cancels_at_once(app: App, sender: RecordingSender) -> None:
    menu = await app.engine.process(command("start"), sender)
    await app.engine.process(press(token_of(menu, "Register a pet")), sender)
    await app.engine.process(text("Dog"), sender)
    replies = await app.engine.process(command("cancel"), sender)
    assert replies[0].text == fa("Cancelled. Nothing was saved.")


async def test_cancel_removes_the_evidence_rows_and_files(
    offices: App, sender: RecordingSender, settings: Settings
) -> None:
    await to_the_evidence(offices, sender)
    await offices.engine.process(photo("photo-A"), sender)  # fetched after the commit
    async with offices.engine.sessions() as session:
        [evidence] = list(await session.scalars(select(Evidence)))
    kept = Path(str(evidence.stored_path))
    assert kept.read_bytes() == b"bytes of photo-A"
    question = await offices.engine.process(command("cancel"), sender)
    await offices.engine.process(press(token_of(question, fa("Yes, discard"))), sender)
    async with offices.engine.sessions() as session:
        assert list(await session.scalars(select(Evidence))) == []
    assert not kept.exists()
    assert kept.is_relative_to(Path(settings.evidence_dir))


async def test_cancel_keeps_a_file_that_a_filed_complaint_also_holds(
    offices: App, sender: RecordingSender
) -> None:
    last = await to_the_evidence(offices, sender)
    last = await offices.engine.process(photo("same-photo"), sender)
    for answer in (fa("Done ✔"), "مریم نمونه", "09121234567", fa("Skip")):
        last = await say(offices, sender, last, answer)
    last = await say(offices, sender, last, fa("No: keep my identity from the office"))
    filed = await say(offices, sender, last, fa("✔ Confirm"))
    assert filed[-1].text.startswith("✅")
    await to_the_evidence(offices, sender)
    await offices.engine.process(photo("same-photo"), sender)  # equal contents: one file
    question = await offices.engine.process(command("cancel"), sender)
    await offices.engine.process(press(token_of(question, fa("Yes, discard"))), sender)
    async with offices.engine.sessions() as session:
        [evidence] = list(await session.scalars(select(Evidence)))
    assert evidence.complaint_id is not None
    assert Path(str(evidence.stored_path)).read_bytes() == b"bytes of same-photo"


async def test_files_sent_again_in_place_of_the_first_replace_them(
    offices: App, sender: RecordingSender
) -> None:
    await to_the_evidence(offices, sender)
    first = await offices.engine.process(photo("first"), sender)
    asked = await offices.engine.process(press(token_of(first, fa("Done ✔"))), sender)
    back = await offices.engine.process(press(token_of(asked, fa("« Back"))), sender)
    second = await offices.engine.process(photo("second"), sender)
    await offices.engine.process(press(token_of(second, fa("Done ✔"))), sender)
    async with offices.engine.sessions() as session:
        [evidence] = list(await session.scalars(select(Evidence)))
    assert evidence.file_id == "second" and back


# --- 5. after the first file, the text names the buttons there are ------------------------


async def test_after_a_file_the_text_names_only_buttons_that_exist(
    offices: App, sender: RecordingSender
) -> None:
    asked = await to_the_evidence(offices, sender)
    assert f"«{fa('Skip')}»" in asked[-1].text and fa("Skip") in labels(asked)
    replies = await offices.engine.process(photo("photo-1"), sender)
    shown = replies[-1].text
    assert fa("Skip") not in shown and fa("Skip") not in labels(replies)
    assert f"«{fa('Done ✔')}»" in shown and fa("Done ✔") in labels(replies)


# --- 6. /help and /start in the middle of a flow --------------------------------------------


async def test_help_mid_flow_asks_the_question_again_with_its_buttons(
    app: App, sender: RecordingSender
) -> None:
    menu = await app.engine.process(command("start"), sender)
    await app.engine.process(press(token_of(menu, "Register a pet")), sender)
    asked = await app.engine.process(text("Dog"), sender)
    replies = await app.engine.process(command("help"), sender)
    assert len(replies) == 2 and "۱۳۹۲/۲/۲۸" in replies[0].text
    assert replies[1].text == asked[-1].text and labels(replies) == labels(asked)
    walks = await app.engine.process(press(token_of(replies, fa("Yes"))), sender)
    assert "Its name?" in walks[-1].text


async def test_help_from_the_menu_offers_the_menu(app: App, sender: RecordingSender) -> None:
    replies = await app.engine.process(command("help"), sender)
    assert len(replies) == 1 and labels(replies) == [fa("Main menu")]


async def test_start_mid_flow_keeps_every_menu_number(app: App, sender: RecordingSender) -> None:
    idle = await app.engine.process(command("start", platform="console"), sender)
    asked = await app.engine.process(
        press(token_of(idle, "Register a pet"), platform="console"), sender
    )
    await app.engine.process(press(token_of(asked, "Dog"), platform="console"), sender)
    mid = await app.engine.process(command("start", platform="console"), sender)
    assert labels(mid)[:-1] == labels(idle)
    assert labels(mid)[-1] == fa("↩ Continue: {title}", title="Register a pet")
    # On the console, "2" picks the second item, as it would from idle.
    screen = ConsoleSender(io.StringIO())
    for reply in mid:
        await screen.send(100, reply)
    event = screen.to_event("2", update_id=next(_console_updates), user_id=100)
    picked = await app.engine.process(event, sender)
    second = next(f for f in app.engine.registry.menu_flows() if fa(f.title) == labels(idle)[1])
    state = await conversation(app, platform="console")
    assert state is not None and state.flow == second.name
    assert offers_way_on(picked)


# --- 7. dead ends ---------------------------------------------------------------------------


async def test_the_daily_limit_says_when_it_resets_and_offers_the_menu(
    offices: App, sender: RecordingSender, clock: Clock
) -> None:
    settings = offices.engine.settings
    offices.engine.settings = settings.model_copy(update={"complaints_per_day": 2})
    review = await to_the_review(offices, sender, "1403/08/10")
    await offices.engine.process(press(token_of(review, fa("✔ Confirm"))), sender)
    review = await to_the_review(offices, sender, "1403/08/10")
    clock.advance(hours=3)  # the second is filed at 15:00: the first, at noon, leaves first
    again = await offices.engine.process(press(token_of(review, fa("✔ Confirm"))), sender)
    await offices.engine.process(press(token_of(again, fa("✔ Yes, go ahead"))), sender)
    async with offices.engine.sessions() as session:
        assert len(list(await session.scalars(select(Complaint)))) == 2
    refused = await start_complaint(offices, sender)
    assert refused[0].text.startswith("در ۲۴ ساعت گذشته ۲ شکایت ثبت کرده‌اید")
    assert "از ۱۶ آبان ۱۴۰۳، ساعت ۱۲:۰۰ (به وقت تهران)" in refused[0].text
    assert "تنظیمات این سامانه" in refused[0].text and "فردا" not in refused[0].text
    assert labels(refused) == [fa("My complaints"), fa("Main menu")]
    clock.advance(hours=21, minutes=1)  # 12:01 the next day
    allowed = await start_complaint(offices, sender)
    assert fa(OFFICE.prompt) in allowed[-1].text


async def test_a_wrong_or_used_invite_code_says_why_and_offers_another_try(
    offices: App, sender: RecordingSender
) -> None:
    menu = await offices.engine.process(command("start"), sender)
    asked = await offices.engine.process(press(token_of(menu, fa("I manage an office"))), sender)
    wrong = await offices.engine.process(text("ZZZZ9999"), sender)
    assert wrong[-1].text.startswith("این کد را نمی‌شناسم")
    assert labels(wrong) == [fa("Try another code"), fa("Main menu")]
    again = await offices.engine.process(press(token_of(wrong, fa("Try another code"))), sender)
    assert again[-1].text == asked[-1].text
    code = await invite(offices, "USED2345")
    await offices.engine.process(command("start", code, chat_id=300), sender)
    used = await offices.engine.process(text(code), sender)
    assert used[-1].text.startswith("این کد پیش‌تر به کار رفته است")
    assert labels(used) == [fa("Try another code"), fa("Main menu")]


async def test_start_with_an_unknown_code_welcomes_a_new_user_with_the_menu(
    offices: App, sender: RecordingSender
) -> None:
    replies = await offices.engine.process(command("start", "BADCODE", chat_id=400), sender)
    assert replies[0].text.startswith("این کد را نمی‌شناسم")
    assert "خوش آمدید" in replies[-1].text and fa("Help") in labels(replies)
    # A parameter no deep link takes: the welcome says the link's code was not recognised.
    other = await offices.engine.process(command("start", "---", chat_id=401), sender)
    assert len(other) == 1 and fa("I did not recognise the code in that link.") in other[0].text
    assert "خوش آمدید" in other[0].text and fa("Help") in labels(other)


async def test_an_acknowledged_notice_offers_the_way_on(
    offices: App, sender: RecordingSender, settings: Settings
) -> None:
    code = await invite(offices)
    await offices.engine.process(command("start", code), sender)
    await issue(offices, settings)
    [row] = await notice_rows(offices)
    ack = token_of(as_reply(row), fa("✔ Acknowledge receipt"))
    done = await offices.engine.process(press(ack), sender)
    assert done[-1].text == fa("✔ Receipt acknowledged. Thank you.")
    assert labels(done) == [fa("My notices"), fa("Main menu")]
    again = await offices.engine.process(press(ack), sender)
    assert offers_way_on(again)


async def test_forget_with_no_checks_offers_a_check_and_the_menu(
    app: App, sender: RecordingSender
) -> None:
    replies = await app.engine.process(command("forget"), sender)
    assert replies[-1].text == fa("You have no stored checks.")
    assert labels(replies) == [fa("Check my eligibility for a post"), fa("Main menu")]


async def test_a_bare_finish_gets_the_menu_and_a_draft_its_continue(
    app: App, sender: RecordingSender
) -> None:
    menu = await app.engine.process(command("start"), sender)
    await app.engine.process(press(token_of(menu, "Register a pet")), sender)
    await app.engine.process(text("Cat"), sender)
    review = await app.engine.process(text("Tom"), sender)
    done = await app.engine.process(press(token_of(review, fa("✔ Confirm"))), sender)
    assert done[-1].text == "Saved Tom" and labels(done) == [fa("Main menu")]


# --- the contract: every reply offers a way on ----------------------------------------------


async def forge_action(app: App, action: str, payload: dict[str, object]) -> str:
    """A token for an action button as the chat would hold one (empty payload: the worst case)."""
    now = app.engine.clock()
    token = f"contract-{next(_tokens)}"
    async with app.engine.sessions() as session, session.begin():
        await buttons.add(
            session,
            Button(
                token=token,
                platform="test",
                chat_id=100,
                kind="action",
                action=action,
                value=payload,
                created_at=now,
                expires_at=now + timedelta(days=1),
            ),
        )
    return token


async def test_every_command_action_and_flow_start_offers_a_way_on(
    offices: App, sender: RecordingSender
) -> None:
    registry = offices.engine.registry
    names = ["start", "menu", "help", "cancel", "language", "frobnicate", *registry.commands]
    for name in names:
        replies = await offices.engine.process(command(name), sender)
        assert offers_way_on(replies), f"/{name}: {[r.text for r in replies]}"
    for action in registry.actions:
        token = await forge_action(offices, action, {})
        replies = await offices.engine.process(press(token), sender)
        assert offers_way_on(replies), f"{action}: {[r.text for r in replies]}"
        await offices.engine.process(command("cancel"), sender)
    for flow in registry.menu_flows():
        token = await forge_action(offices, "open", {"flow": flow.name})
        started = await offices.engine.process(press(token), sender)
        assert offers_way_on(started), f"{flow.name}: {[r.text for r in started]}"
        left = await offices.engine.process(command("cancel"), sender)
        assert offers_way_on(left), f"{flow.name} cancelled: {[r.text for r in left]}"
        async with offices.engine.sessions() as session, session.begin():
            await session.delete(await session.get(Button, token))
