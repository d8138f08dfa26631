"""Replies are at least once (issue #15): a kill between the platform taking a message and our
record of it sends that message again. Each reply is recorded as soon as the platform took it,
so the window is one write, not the sends of the update's later replies. And a chat's pending
replies go before its next update's, whoever is sending them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.app import App
from bot.messages.replies import Reply
from bot.messages.sender import SendError
from storage import outbox as storage_outbox
from tests.conftest import Clock, RecordingSender
from tests.support import command, outbox


class StatusAtEachSend(RecordingSender):
    """Notes, at each send, which of the chat's replies the store already holds as sent."""

    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
        self.seen: list[list[str]] = []

    async def send(self, chat_id: int, reply: Reply) -> int:
        self.seen.append([row.status for row in await outbox(self.app)])
        return await super().send(chat_id, reply)


async def test_a_reply_is_recorded_as_sent_before_the_next_goes(app: App) -> None:
    sender = StatusAtEachSend(app)
    # Nothing to cancel: two replies (nothing in progress, then the menu).
    await app.engine.process(command("cancel"), sender)
    assert len(sender.sent) == 2
    # While the second went, the first was already on record: a kill then repeats only the
    # second, the one in flight.
    assert sender.seen == [["pending", "pending"], ["sent", "pending"]]
    assert [row.status for row in await outbox(app)] == ["sent", "sent"]


async def test_a_chats_pending_reply_goes_before_its_next_update(app: App) -> None:
    """The inbox worker's step before a chat's next update: the reply a failure left pending
    goes first; one that fails again is given back at once, not held for a lease."""
    failing = RecordingSender()
    failing.fail_with = SendError("Bad Gateway")
    await app.engine.process(command("help"), failing)
    [left] = await outbox(app)
    assert left.status == "pending"
    started = asyncio.get_running_loop().time()
    assert await app.engine.delivery.send_pending(failing, chat_id=100) == 0
    assert asyncio.get_running_loop().time() - started < 5  # not the 60 s of a claim
    [still] = await outbox(app)
    assert still.status == "pending" and still.claimed_until is None
    working = RecordingSender()
    assert await app.engine.delivery.send_pending(working, chat_id=100) == 1
    assert [row.status for row in await outbox(app)] == ["sent"]


async def test_a_reply_another_process_is_sending_is_waited_for(app: App, clock: Clock) -> None:
    await app.engine.handle(command("help"))
    async with app.engine.sessions() as session, session.begin():  # another process's sweep
        [swept] = await storage_outbox.claim_pending_replies(
            session, "test", clock(), older_than=timedelta(0), lease=timedelta(minutes=1)
        )
    waiting = asyncio.create_task(app.engine.delivery.send_pending(RecordingSender(), chat_id=100))
    await asyncio.sleep(0.6)
    assert not waiting.done()  # the chat's next update would overtake the sweep's send
    async with app.engine.sessions() as session, session.begin():
        await storage_outbox.mark_sent(session, swept.id, 7, clock())
    assert await asyncio.wait_for(waiting, timeout=5) == 0  # sent by the other: not again
