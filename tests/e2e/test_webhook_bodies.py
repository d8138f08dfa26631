"""A webhook body that cannot be an update is answered 400 and nothing of it is kept (issue #15):
a 500 would have the platform retry it for ever. The next good update is answered as ever."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import func, select

from bot.handlers import webhook
from storage.models import InboxUpdate
from tests.daftar_harness import settings_for, start_daftar
from tests.fakebotapi import FakeBotApi

CHAT = 4545


def _update(update_id: int, chat_id: int = CHAT) -> bytes:
    message = {
        "message_id": 1,
        "date": 0,
        "chat": {"id": chat_id, "type": "private"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "A"},
        "text": "/help",
    }
    return json.dumps({"update_id": update_id, "message": message}).encode()


BAD = {
    "not JSON": b"{update_id: 1",
    "nested 50,000 deep": b"[" * 50_000 + b"]" * 50_000,
    "not an object": b"[1, 2]",
    "no update_id": b'{"message": {}}',
    "update_id of 2**63": _update(2**63),
    "a chat id of 2**63": _update(7, chat_id=2**63),
}


@pytest.mark.parametrize("body", list(BAD.values()), ids=list(BAD))
async def test_a_body_that_is_no_update_is_refused_and_nothing_kept(
    body: bytes, tmp_path: Path
) -> None:
    async with FakeBotApi(platform="telegram") as api:
        settings = settings_for(
            api, f"sqlite+aiosqlite:///{tmp_path / 'hook.db'}", framework="direct", mode="webhook"
        )
        daftar = await start_daftar(settings)
        url = webhook.url_for(settings, "telegram", api.token)
        header = {webhook.SECRET_HEADER: webhook.secret_for(api.token)}
        try:
            async with aiohttp.ClientSession(headers=header) as http:
                async with http.post(url, data=body) as refused:
                    assert refused.status == 400
                async with daftar.app.engine.sessions() as session:
                    kept = await session.scalar(select(func.count(InboxUpdate.id)))
                assert kept == 0
                async with http.post(url, data=_update(8)) as taken:
                    assert taken.status == 200
            await api.wait_until(
                lambda: any("«دفتر»" in str(m.get("text", "")) for m in api.messages_to(CHAT)),
                timeout=10,
            )
        finally:
            await daftar.stop()
