"""A status move refused in the middle of an update: the user hears sorry, nothing half-written."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

import jdatetime
import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.flows.framework.context import Answers, Context
from bot.flows.framework.messages import Message
from bot.flows.framework.steps import Step
from bot.flows.framework.typed_steps import TextStep
from bot.flows.framework.wizard import Wizard
from bot.flows.registry import Registry
from bot.operator.offices import load_sample_if_empty
from bot.text.jalali import today_in
from storage import complaints as store
from storage.models import Complaint, ComplaintEvent
from storage.statuses import TransitionRefused
from tests.conftest import RecordingSender
from tests.support import command, conversation, english_only, labels, press, text, token_of


@english_only
class Hasty(Wizard):
    """Files a complaint and, in the same update, tries to decide it without the Board."""

    name = "hasty"
    title = "Decide at once"
    review = False
    refused: ClassVar[list[TransitionRefused]] = []
    steps: ClassVar[tuple[Step, ...]] = (TextStep(key="why", prompt="Why?", min_length=1),)

    async def finish(self, ctx: Context, answers: Answers) -> list[Message]:
        complaint = await store.create(ctx.session, now=ctx.now, **complaint_fields(ctx))
        try:
            await store.set_status(ctx.session, complaint, "decided", str(answers["why"]), ctx.now)
        except TransitionRefused as refused:
            Hasty.refused.append(refused)
            raise
        return [Message("decided")]


def complaint_fields(ctx: Context) -> dict[str, Any]:
    return {
        "tracking_code": "1234567890",
        "platform": ctx.platform,
        "platform_user_id": ctx.event.user_id,
        "chat_id": ctx.event.chat_id,
        "office_code": "1001",
        "association_province": "tehran",
        "violations": ["25.12"],
        "incident_date": jdatetime.date(1403, 8, 10),
        "description": "بیش از تعرفه گرفتند.",
        "overcharge": None,
        "complainant_name": "زهرا محمدی",
        "complainant_mobile": "09121234567",
        "complainant_national_id": None,
        "identity_consent": False,
        "locale": "fa",
        "keep_until": ctx.now + timedelta(days=1825),
    }


@pytest.fixture
def registry(registry: Registry) -> Registry:
    Hasty.refused.clear()
    registry.add_flow(Hasty())
    return registry


async def test_a_refused_move_in_a_flow_apologises_and_writes_nothing(
    app: App, sender: RecordingSender
) -> None:
    now = app.engine.clock()
    await load_sample_if_empty(app.engine.sessions, today_in(app.engine.settings.zone, now), now)
    menu = await app.engine.process(command("start"), sender)
    await app.engine.process(press(token_of(menu, "Decide at once")), sender)
    before = await conversation(app)

    replies = await app.engine.process(text("at once"), sender)

    [refused] = Hasty.refused
    assert (refused.before, refused.after) == ("received", "decided")
    assert replies[0].text == "پوزش می‌خواهیم، خطایی در سامانه‌ی ما رخ داد. چیزی تغییر نکرد."
    assert "Decide at once" in labels(replies)
    async with app.engine.sessions() as session:
        # The complaint filed earlier in the same update is gone with the refused move.
        assert await session.scalar(select(func.count(Complaint.id))) == 0
        assert await session.scalar(select(func.count(ComplaintEvent.id))) == 0
    after = await conversation(app)
    assert before is not None and after is not None
    assert (after.flow, after.step, after.version) == (before.flow, before.step, before.version)
