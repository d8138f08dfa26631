"""The framework's ready-made steps: dates, numbers, mobiles, files, as a user answers them."""

from __future__ import annotations

from typing import ClassVar

import pytest

from bot.app import App
from bot.flows.framework.collecting_steps import AttachmentsStep
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Message
from bot.flows.framework.steps import Step
from bot.flows.framework.typed_steps import DateStep, MobileStep, NumberStep
from bot.flows.framework.wizard import Wizard
from bot.flows.registry import Registry
from bot.messages.events import AttachmentEvent, ContactEvent
from tests.conftest import RecordingSender
from tests.support import (
    command,
    common,
    conversation,
    english_only,
    labels,
    press,
    sticker,
    text,
    token_of,
    typed,
)


@english_only
class Visit(Wizard):
    name = "visit"
    title = "Report a visit"
    steps: ClassVar[tuple[Step, ...]] = (
        DateStep(key="on", prompt="When?"),
        NumberStep(key="people", prompt="How many people?", minimum=1, maximum=20),
        MobileStep(key="mobile", prompt="Your mobile?"),
    )

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        return [Message(repr(sorted(answers.items())))]


@english_only
class Papers(Wizard):
    name = "papers"
    title = "Send papers"
    steps: ClassVar[tuple[Step, ...]] = (
        AttachmentsStep(key="papers", label="Papers", prompt="Send your papers.", maximum=3),
    )

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        return [Message("thanks")]


@pytest.fixture
def registry(registry: Registry) -> Registry:
    registry.add_flow(Visit())
    registry.add_flow(Papers())
    return registry


async def start(app: App, sender: RecordingSender) -> None:
    menu = await app.engine.process(command("start"), sender)
    await app.engine.process(press(token_of(menu, "Report a visit")), sender)


async def answers(app: App) -> Answers:
    state = await conversation(app)
    assert state is not None
    return state.answers


async def test_dates_as_people_type_them(app: App, sender: RecordingSender) -> None:
    # The clock is 1403/08/15 in Tehran.
    await start(app, sender)
    replies = await app.engine.process(text("۱۴۰۳/۰۸/۱۶"), sender)
    assert "That date is in the future" not in replies[0].text
    assert replies[0].text.startswith("این تاریخ در آینده است")
    replies = await app.engine.process(text("1402/07/31"), sender)
    assert "۳۰" in replies[0].text and "When?" in replies[0].text
    replies = await app.engine.process(text("a sticker? no: a word"), sender)
    assert replies[0].text.startswith("لطفاً تاریخ را مانند")
    assert await answers(app) == {}
    await app.engine.process(text("۱۲ مرداد ۱۴۰۲"), sender)
    assert await answers(app) == {"on": "1402/05/12"}


async def test_the_yesterday_button(app: App, sender: RecordingSender) -> None:
    menu = await app.engine.process(command("start"), sender)
    asked = await app.engine.process(press(token_of(menu, "Report a visit")), sender)
    await app.engine.process(press(token_of(asked, "دیروز")), sender)
    assert await answers(app) == {"on": "1403/08/14"}


async def test_numbers_in_any_digits_within_bounds(app: App, sender: RecordingSender) -> None:
    await start(app, sender)
    await app.engine.process(text("امروز"), sender)
    replies = await app.engine.process(text("۲۵"), sender)
    assert replies[0].text.startswith("لطفاً عددی از ۱ تا ۲۰ بفرستید")
    await app.engine.process(text("٣"), sender)
    assert await answers(app) == {"on": "1403/08/15", "people": 3}


async def test_a_mobile_shared_typed_or_refused(app: App, sender: RecordingSender) -> None:
    await start(app, sender)
    await app.engine.process(text("امروز"), sender)
    asked = await app.engine.process(text("2"), sender)
    assert asked[0].keyboard[0][0].request_contact
    someone_else = ContactEvent(**common(), phone_number="+989121111111", own=False)
    replies = await app.engine.process(someone_else, sender)
    assert "mobile" not in await answers(app)
    assert replies[0].text.startswith("این شماره‌ی شخص دیگری است")
    replies = await app.engine.process(sticker(), sender)
    assert "mobile" not in await answers(app)
    own = ContactEvent(**common(), phone_number="+98 912 123 4567", own=True)
    replies = await app.engine.process(own, sender)
    assert replies[0].text == "دریافت شد: ۰۹۱۲۱۲۳۴۵۶۷" and replies[0].remove_keyboard
    assert (await answers(app))["mobile"] == "09121234567"
    assert "۱ آبان" not in replies[1].text and "۱۵ آبان ۱۴۰۳" in replies[1].text


async def test_a_typed_mobile_in_persian_digits(app: App, sender: RecordingSender) -> None:
    await start(app, sender)
    await app.engine.process(text("امروز"), sender)
    await app.engine.process(text("2"), sender)
    await app.engine.process(text("۰۰۹۸۹۱۲۱۲۳۴۵۶۷"), sender)
    assert (await answers(app))["mobile"] == "09121234567"


def paper(number: int) -> AttachmentEvent:
    return AttachmentEvent(**common(), kind="document", file_id=f"paper-{number}", size=1000)


async def review_of_papers(app: App, sender: RecordingSender, how_many: int, done: str) -> str:
    """The review's line for the attachments step after *how_many* files, then Done."""
    menu = await app.engine.process(command("start"), sender)
    asked = await app.engine.process(press(token_of(menu, "Send papers")), sender)
    for number in range(how_many):
        asked = await app.engine.process(paper(number), sender)
    reviewed = await app.engine.process(press(token_of(asked, done)), sender)
    return next(line for line in reviewed[0].text.splitlines() if line.startswith("•"))


@pytest.mark.parametrize(("how_many", "shown"), [(1, "1 file"), (2, "2 files")])
async def test_the_files_received_are_counted_in_english(
    app: App, sender: RecordingSender, how_many: int, shown: str
) -> None:
    await app.engine.process(command("language", "en"), sender)
    line = await review_of_papers(app, sender, how_many, "Done ✔")
    assert line == f"• Papers: {shown}"


@pytest.mark.parametrize(("how_many", "shown"), [(1, "۱ فایل"), (2, "۲ فایل")])
async def test_the_files_received_are_counted_in_persian(
    app: App, sender: RecordingSender, how_many: int, shown: str
) -> None:
    line = await review_of_papers(app, sender, how_many, "تمام ✔")
    assert line.endswith(f": {shown}")


async def test_a_number_typed_for_a_button_is_the_answer_at_a_date_or_number_step(
    app: App, sender: RecordingSender
) -> None:
    menu = await app.engine.process(command("start"), sender)
    asked = await app.engine.process(press(token_of(menu, "Report a visit")), sender)
    # The console shows Today [1], Yesterday [2], Cancel [3]: "2" is a (wrong) date, not Yesterday.
    replies = await app.engine.process(typed(asked, "دیروز", "2"), sender)
    assert replies[0].text.startswith("لطفاً تاریخ را مانند")
    assert await answers(app) == {}
    asked = await app.engine.process(press(token_of(replies, "امروز")), sender)
    # Back [1], Cancel [2]: "۲" people, not Cancel.
    await app.engine.process(typed(asked, "✖ انصراف", "۲"), sender)
    assert await answers(app) == {"on": "1403/08/15", "people": 2}


async def test_at_the_most_files_the_text_names_done_only(
    app: App, sender: RecordingSender
) -> None:
    await app.engine.process(command("language", "en"), sender)
    menu = await app.engine.process(command("start"), sender)
    asked = await app.engine.process(press(token_of(menu, "Send papers")), sender)
    assert asked[-1].text == "Send your papers."
    for number in range(3):
        asked = await app.engine.process(paper(number), sender)
        if number == 0:
            assert asked[-1].text == (
                "Received 1 of at most 3.\n\nSend another photo or document, or press “Done ✔”."
            )
    assert asked[-1].text == (
        "Received 3 of at most 3.\n\nThat is as many as I can take; press “Done ✔”."
    )
    assert labels(asked) == ["Done ✔", "✖ Cancel"]
