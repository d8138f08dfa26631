"""`daftar notices`: the notices to office managers and their delivery.

    daftar notices list [--status S] [--json]
    daftar notices retry ID

`list` shows the managers' notices with their deliveries and every attempt; `retry` puts a
notice's failed or undeliverable deliveries back in the queue (the rule is
`bot.notices.retries.retry_notice`). This module reads what the operator typed and says what
was done.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import load_settings
from bot.notices.retries import RetryRefused, retry_notice
from bot.operator.common import BadInput, Now, fail, moment_text, run_alone, with_store
from bot.operator.discipline_args import number
from bot.operator.discipline_transactions import read
from bot.operator.discipline_views import dump, iso_utc, say
from bot.operator.parsers.notices import NOTICE_STATUSES, register
from storage import managers as manager_store
from storage import notices as notice_store
from storage.models import Notice, OutboxMessage


async def notice_json(session: AsyncSession, notice: Notice) -> dict[str, Any]:
    """A notice with its deliveries (outbox rows) and every attempt of each."""
    manager = await manager_store.by_id(session, notice.manager_id)
    rows = await notice_store.deliveries_of(session, notice.id)
    deliveries = []
    for row in rows:
        deliveries.append(
            {
                "outbox_id": row.id,
                "platform": row.platform,
                "chat_id": row.chat_id,
                "status": row.status,
                "tries": row.attempts,
                "sent_at": iso_utc(row.sent_at),
                "platform_message_id": row.platform_message_id,
                "next_attempt_at": iso_utc(row.next_attempt_at),
                "last_error": row.last_error,
                "attempts": [
                    {
                        "at": iso_utc(attempt.at),
                        "outcome": attempt.outcome,
                        "detail": attempt.detail,
                        "platform_message_id": attempt.platform_message_id,
                    }
                    for attempt in await notice_store.attempts_of(session, row.id)
                ],
            }
        )
    return {
        "id": notice.id,
        "kind": notice.kind,
        "subject_id": notice.subject_id,
        "office_code": notice.office_code,
        "manager_id": notice.manager_id,
        "manager_name": None if manager is None else manager.name,
        "created_at": iso_utc(notice.created_at),
        "acknowledged_at": iso_utc(notice.acknowledged_at),
        "acknowledged_via": notice.acknowledged_via,
        "reminders": notice.reminders,
        "content": notice.content,
        "deliveries": deliveries,
    }


def _matches(document: dict[str, Any], status: str | None) -> bool:
    if status is None:
        return True
    if status == "waiting":
        return not document["deliveries"]
    if status == "acknowledged":
        return document["acknowledged_at"] is not None
    if status == "unacknowledged":
        return document["acknowledged_at"] is None
    return any(d["status"] == status for d in document["deliveries"])


def notice_status(text: str) -> str:
    """A filter of `notices list --status`."""
    status = text.strip().lower()
    if status not in NOTICE_STATUSES:
        raise BadInput(
            f"--status: unknown status {text!r}; use one of {', '.join(NOTICE_STATUSES)}"
        )
    return status


def cmd_list_notices(args: argparse.Namespace) -> int:
    """`notices list`: the notices, oldest first, with deliveries and attempts."""
    prog: str = args.prog
    settings = load_settings()
    try:
        status = None if args.status is None else notice_status(args.status)
    except BadInput as bad:
        return fail(prog, bad)

    async def _list(session: AsyncSession) -> list[dict[str, Any]]:
        found = await notice_store.notices(session)
        documents = [await notice_json(session, notice) for notice in found]
        return [document for document in documents if _matches(document, status)]

    found = read(settings, _list)
    if args.json:
        dump(found)
        return 0
    if not found:
        say(prog, ["no notices" + (f" ({status})" if status else "")])
        return 0
    zone = settings.zone
    for document in found:
        acknowledged = (
            f"acknowledged {moment_text(document['acknowledged_at'], zone)} via "
            f"{document['acknowledged_via']}"
            if document["acknowledged_at"]
            else "not acknowledged"
        )
        print(
            f"#{document['id']}  {document['kind']} #{document['subject_id']}  office "
            f"{document['office_code']}  manager #{document['manager_id']} "
            f"({document['manager_name']})  created {moment_text(document['created_at'], zone)}"
            f"  {acknowledged}",
            file=sys.stdout,
        )
        if not document["deliveries"]:
            print("    waiting: the manager has linked no chat", file=sys.stdout)
        for delivery in document["deliveries"]:
            sent = (
                f", sent {moment_text(delivery['sent_at'], zone)}, message "
                f"{delivery['platform_message_id']}"
                if delivery["sent_at"]
                else ""
            )
            print(
                f"    delivery #{delivery['outbox_id']} {delivery['platform']} chat "
                f"{delivery['chat_id']}: {delivery['status']}, {delivery['tries']} "
                f"attempt{'' if delivery['tries'] == 1 else 's'}{sent}",
                file=sys.stdout,
            )
            for attempt in delivery["attempts"]:
                extra = attempt["detail"] or (
                    f"message {attempt['platform_message_id']}"
                    if attempt["platform_message_id"]
                    else ""
                )
                at = moment_text(attempt["at"], zone)
                print(f"        {at}  {attempt['outcome']}  {extra}".rstrip())
    print(f"{len(found)} notice{'' if len(found) == 1 else 's'}", file=sys.stdout)
    return 0


def cmd_retry_notice(args: argparse.Namespace) -> int:
    """`notices retry ID`: failed or undeliverable deliveries back to pending (attempts kept)."""
    prog: str = args.prog
    settings = load_settings()
    try:
        notice_id = number(args.id, "ID", "a notice's number")
    except BadInput as bad:
        return fail(prog, bad)

    async def _retry(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
        async with sessions() as session, session.begin():
            try:
                return await retry_notice(session, notice_id)
            except RetryRefused as refused:
                raise BadInput(f"ID: {refused.message}") from None

    try:
        rows = asyncio.run(with_store(settings, _retry))
    except BadInput as bad:
        return fail(prog, bad)
    say(
        prog,
        [
            f"notice #{notice_id}: delivery #{row.id} ({row.platform} chat {row.chat_id}) queued "
            f"again after {row.attempts} attempt{'' if row.attempts == 1 else 's'}"
            for row in rows
        ],
    )
    return 0


def main(argv: Sequence[str] | None = None, *, now: Now | None = None) -> int:
    """Run `daftar notices` on its own; *now* replaces the clock (aware datetimes)."""
    return run_alone(register, argv, now=now)
