"""Replies are at least once (issue #15): a kill between the platform taking a message and our
record of it sends that message again. Each reply is recorded as soon as the platform took it,
so the window is one write, not the sends of the update's later replies."""

from __future__ import annotations

from bot.app import App
from bot.messages.replies import Reply
from tests.conftest import RecordingSender
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
