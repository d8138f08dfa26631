"""The chat side of a long-running bot's store, generated for benchmarks: for *n* accounts, each
its identity, its conversation, one button, one processed update and one reply in the outbox.

The accounts are those of `benchmarks.national_year`'s complainants (user and chat
100,000,000 + i; 70 % on Telegram, 30 % on Bale), so a seeded store holds, for each of them, the
complaints, the identity and the conversation a real one would. The mix, seeded and plausible
rather than measured:

- **identities**: first seen over the year before `NOW`, last seen after that; 95 % chose
  Persian (or never chose), 5 % English; 1 % blocked the bot.
- **conversations**: at home (no flow: a chat that finished or left what it did), version and
  run of a chat that did a few things, last moved over the year.
- **buttons**: one a chat, created over the last `BUTTON_DAYS` days (the prune keeps no older
  step button); 80 % step buttons of the menu, 20 % action buttons (30 days).
- **processed updates**: one a chat, over the last `UPDATE_DAYS` days (what the prune keeps).
- **outbox**: one reply a chat, after the notices' rows: sent 98 %, undeliverable 1.5 %,
  failed 0.5 % (a long-running bot's; the pending ones a crash leaves are swept at start).

`chat_rows(n, first_outbox_id)` yields each table's rows in batches, as `Rows`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, Final

from benchmarks.national_year import BATCH, NOW, Rows

__all__ = ["BOT", "FIRST_USER", "chat_rows", "platform_of"]

#: The bot's id in the processed updates (the token's numeric part).
BOT: Final = "7000000001"
FIRST_USER: Final = 100_000_000  # as benchmarks.national_year numbers its complainants
BUTTON_DAYS: Final = 3
UPDATE_DAYS: Final = 30
YEAR_SECONDS: Final = 365 * 86_400


def platform_of(i: int) -> str:
    """The platform of the *i*-th account (as its complaints have it)."""
    return "telegram" if i % 10 < 7 else "bale"


def _batched(
    table: str, columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]
) -> Iterator[Rows]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield Rows(table, columns, batch)
            batch = []
    if batch:
        yield Rows(table, columns, batch)


def chat_rows(n: int, first_outbox_id: int, seed: int = 14) -> Iterator[Rows]:
    """The chat-side rows of *n* accounts; the replies' outbox ids start at *first_outbox_id*."""
    rng = random.Random(seed)

    def ago(seconds: float) -> datetime:
        return NOW - timedelta(seconds=rng.random() * seconds)

    def identities() -> Iterator[tuple[Any, ...]]:
        for i in range(n):
            first = ago(YEAR_SECONDS)
            last = first + (NOW - first) * rng.random()
            locale = "en" if rng.random() < 0.05 else rng.choice(("fa", None))
            blocked = last if rng.random() < 0.01 else None
            yield platform_of(i), FIRST_USER + i, FIRST_USER + i, locale, first, last, blocked

    def conversations() -> Iterator[tuple[Any, ...]]:
        for i in range(n):
            run = rng.randint(1, 12)
            yield (
                platform_of(i),
                FIRST_USER + i,
                None,
                None,
                {},
                {},
                run,
                run + 1,
                ago(YEAR_SECONDS),
            )

    def buttons() -> Iterator[tuple[Any, ...]]:
        for i in range(n):
            created = ago(BUTTON_DAYS * 86_400)
            token = f"seed{i:012d}"
            common = (token, platform_of(i), FIRST_USER + i)
            if rng.random() < 0.8:
                yield (*common, "step", "menu", "home", rng.randint(1, 12), None,
                       {"v": "help"}, created, created + timedelta(days=2))  # fmt: skip
            else:
                yield (*common, "action", None, None, None, "complaint.view",
                       {"id": i + 1}, created, created + timedelta(days=30))  # fmt: skip

    def processed() -> Iterator[tuple[Any, ...]]:
        for i in range(n):
            yield platform_of(i), BOT, i + 1, ago(UPDATE_DAYS * 86_400)

    def replies() -> Iterator[tuple[Any, ...]]:
        outcomes, weights = ("sent", "undeliverable", "failed"), (980, 15, 5)
        statuses = rng.choices(outcomes, weights, k=n)
        payload = {"text": "به دفتر خوش آمدید. از منو یکی را برگزینید.", "inline": []}
        for i, status in enumerate(statuses):
            created = ago(YEAR_SECONDS)
            sent = (created + timedelta(seconds=0.2), i + 1) if status == "sent" else (None, None)
            error = None if status == "sent" else "Forbidden: bot was blocked by the user"
            yield (first_outbox_id + i, platform_of(i), FIRST_USER + i, "reply", payload, status,
                   1, i + 1, created, *sent, error)  # fmt: skip

    yield from _batched(
        "identities",
        ("platform", "platform_user_id", "chat_id", "locale", "first_seen", "last_seen",
         "blocked_at"),
        identities(),
    )  # fmt: skip
    yield from _batched(
        "conversations",
        ("platform", "chat_id", "flow", "step", "answers", "trail", "run", "version",
         "updated_at"),
        conversations(),
    )  # fmt: skip
    yield from _batched(
        "buttons",
        ("token", "platform", "chat_id", "kind", "flow", "step", "run", "action", "value",
         "created_at", "expires_at"),
        buttons(),
    )  # fmt: skip
    yield from _batched(
        "processed_updates", ("platform", "bot", "update_id", "processed_at"), processed()
    )
    yield from _batched(
        "outbox",
        ("id", "platform", "chat_id", "kind", "payload", "status", "attempts", "update_id",
         "created_at", "sent_at", "platform_message_id", "last_error"),
        replies(),
    )  # fmt: skip
