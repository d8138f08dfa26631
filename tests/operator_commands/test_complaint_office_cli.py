"""The Association's view of what the office was told, and of what a complainant added:
`daftar complaints set-status` and `daftar complaints show`."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.tracking import new_tracking_code
from bot.operator.offices import load_sample_if_empty
from storage import complaints as store
from storage import identities, managers
from tests.operator_commands.test_complaints_cli import FILED, TODAY, fields, on_store, run

_codes = random.Random(1392)
WAITING = new_tracking_code(_codes)  # consent withheld, against 1001, whose manager has no chat
LINKED = new_tracking_code(_codes)  # consent given, against 1002, whose manager has linked one


@pytest.fixture
def filed(url: str) -> None:
    async def _file(sessions: async_sessionmaker[AsyncSession]) -> None:
        await load_sample_if_empty(sessions, TODAY, FILED)
        async with sessions() as session, session.begin():
            waiting = await store.create(session, now=FILED, tracking_code=WAITING, **fields())
            await store.create(
                session,
                now=FILED,
                tracking_code=LINKED,
                **fields(office_code="1002", identity_consent=True, platform_user_id=9),
            )
            manager = await managers.current(session, "1002")
            assert manager is not None
            await identities.touch(session, "telegram", 4242, 4242, FILED)
            await managers.add_link(session, manager.id, "telegram", 4242, 4242, FILED)
            await store.add_evidence(
                session,
                platform="telegram",
                platform_user_id=5_000_000_001,
                complaint_id=waiting.id,
                file_id="later-1",
                kind="photo",
                file_name=None,
                mime_type="image/jpeg",
                size=10,
                received_at=FILED + timedelta(days=1),
            )
            [evidence] = await store.evidence_of(session, waiting.id)
            await store.add_addition(
                session, waiting.id, "رسید را بعداً پیدا کردم.", [evidence.id], FILED
            )

    on_store(url, _file)


def test_accepting_says_whether_the_office_was_told_and_show_keeps_saying_so(
    filed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["complaints", "set-status", WAITING, "under_review", "--note", "x"]) == 0
    err = capsys.readouterr().err
    assert "of the complaint, without the complainant's identity (they did not consent)" in err
    assert "waiting: the manager has linked no chat yet; it is sent when they link" in err

    assert run(["complaints", "set-status", LINKED, "under_review", "--note", "x"]) == 0
    err = capsys.readouterr().err
    assert "with the complainant's name and mobile (they consented): queued to 1 linked chat" in err

    assert run(["complaints", "show", WAITING, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    notice = document["office_notice"]
    assert (notice["waiting"], notice["identity_shared"], notice["deliveries"]) == (
        True,
        False,
        [],
    )
    assert document["additions"] == [
        {
            "at": "2024-11-05T08:30:00+00:00",
            "text": "رسید را بعداً پیدا کردم.",
            "evidence_ids": [document["evidence"][0]["id"]],
        }
    ]

    assert run(["complaints", "show", WAITING]) == 0
    out = capsys.readouterr().out
    assert "additions by the complainant (1):" in out and "رسید را بعداً پیدا کردم." in out
    assert "without the complainant's identity, waiting: the manager has linked no chat" in out

    assert run(["complaints", "show", LINKED, "--json"]) == 0
    linked = json.loads(capsys.readouterr().out)["office_notice"]
    assert linked["identity_shared"] is True and linked["waiting"] is False
    assert linked["deliveries"] == [{"platform": "telegram", "chat_id": 4242, "status": "pending"}]


def test_a_complaint_not_accepted_yet_has_told_no_office(
    filed: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["complaints", "show", LINKED, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["office_notice"] is None
    assert run(["complaints", "set-status", LINKED, "dismissed", "--note", "x"]) == 0
    assert "office" not in capsys.readouterr().err
    assert run(["complaints", "show", LINKED]) == 0
    assert "office told: no" in capsys.readouterr().out
