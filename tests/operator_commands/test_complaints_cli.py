"""`daftar complaints list|show|set-status`, run through `main(argv)` on a real store."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import jdatetime
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.tracking import new_tracking_code
from bot.operator.complaints import main
from bot.operator.offices import load_sample_if_empty
from bot.text.persian import to_persian_digits
from storage import complaints as store
from storage import threads
from storage.database import migrate, open_engine, session_factory
from storage.models import ComplaintEvent, OutboxMessage

# Noon in Tehran on 1403/08/15.
FILED = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)
TODAY = jdatetime.date(1403, 8, 15)
NOW = FILED + timedelta(days=3)

_T = TypeVar("_T")


@dataclass(frozen=True)
class Filed:
    """The tracking codes of the complaints in the store."""

    tehran_fa: str  # received, by a Persian speaker on Telegram
    isfahan_en: str  # under review, by an English speaker on Bale, with evidence
    withdrawn_fa: str  # received and withdrawn


def on_store(url: str, work: Callable[[async_sessionmaker[AsyncSession]], Awaitable[_T]]) -> _T:
    """Run *work* on the (migrated) store at *url*."""

    async def _main() -> _T:
        db = open_engine(url)
        try:
            await migrate(db)
            return await work(session_factory(db))
        finally:
            await db.dispose()

    return asyncio.run(_main())


def fields(**overrides: Any) -> dict[str, Any]:
    """Every field a complaint needs, as the complaint flow fills them."""
    base: dict[str, Any] = {
        "platform": "telegram",
        "platform_user_id": 5_000_000_001,
        "chat_id": 5_000_000_001,
        "office_code": "1001",
        "association_province": "tehran",
        "violations": ["25.12"],
        "incident_date": jdatetime.date(1403, 8, 10),
        "description": "بیش از تعرفه گرفتند.",
        "overcharge": {"charged": 1_500_000, "tariff": 1_000_000},
        "complainant_name": "زهرا محمدی",
        "complainant_mobile": "09121234567",
        "complainant_national_id": "0499370899",
        "identity_consent": False,
        "locale": "fa",
        "keep_until": FILED + timedelta(days=5 * 365),
    }
    base.update(overrides)
    return base


@pytest.fixture
def filed(url: str) -> Filed:
    """The sample offices and three complaints."""
    rng = random.Random(1403)
    codes = Filed(new_tracking_code(rng), new_tracking_code(rng), new_tracking_code(rng))

    async def _file(sessions: async_sessionmaker[AsyncSession]) -> None:
        await load_sample_if_empty(sessions, TODAY, FILED)
        async with sessions() as session, session.begin():
            await store.create(session, now=FILED, tracking_code=codes.tehran_fa, **fields())
            english = await store.create(
                session,
                now=FILED + timedelta(hours=1),
                tracking_code=codes.isfahan_en,
                **fields(
                    platform="bale",
                    platform_user_id=222,
                    chat_id=222,
                    office_code="1004",
                    association_province="isfahan",
                    violations=["25.3", "25.12"],
                    complainant_name="Sara Ahmadi",
                    complainant_national_id=None,
                    identity_consent=True,
                    overcharge=None,
                    locale="en",
                ),
            )
            await store.set_status(
                session, english, "under_review", "inspector assigned", FILED + timedelta(days=1)
            )
            await store.add_evidence(
                session,
                platform="bale",
                platform_user_id=222,
                complaint_id=english.id,
                file_id="file-1",
                kind="photo",
                file_name="receipt.jpg",
                mime_type="image/jpeg",
                size=1234,
                sha256="ab" * 32,
                stored_path="var/evidence/ab.jpg",
                received_at=FILED + timedelta(minutes=50),
                stored_at=FILED + timedelta(minutes=51),
            )
            withdrawn = await store.create(
                session,
                now=FILED + timedelta(hours=2),
                tracking_code=codes.withdrawn_fa,
                **fields(platform_user_id=333, chat_id=333, office_code="1002"),
            )
            await store.add_event(session, withdrawn.id, "withdrawn", FILED + timedelta(hours=5))

    on_store(url, _file)
    return codes


def run(argv: list[str]) -> int:
    return main(argv, now=lambda: NOW)


def written(url: str) -> tuple[int, int]:
    """How many timeline events and outbox rows the store holds."""

    async def _count(sessions: async_sessionmaker[AsyncSession]) -> tuple[int, int]:
        async with sessions() as session:
            events = await session.scalar(select(func.count(ComplaintEvent.id)))
            outbox = await session.scalar(select(func.count(OutboxMessage.id)))
        return int(events or 0), int(outbox or 0)

    return on_store(url, _count)


def outbox(url: str) -> list[OutboxMessage]:
    async def _rows(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
        async with sessions() as session:
            return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))

    return on_store(url, _rows)


def shown(code: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert run(["complaints", "show", code, "--json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


# ---- list ----


def test_list_json_with_filters(filed: Filed, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["complaints", "list", "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert [c["tracking_code"] for c in everything] == [
        filed.tehran_fa,
        filed.isfahan_en,
        filed.withdrawn_fa,
    ]
    assert everything[1] == {
        "tracking_code": filed.isfahan_en,
        "status": "under_review",
        "office_code": "1004",
        "association_province": "isfahan",
        "violations": ["25.3", "25.12"],
        "unclassified": False,
        "incident_date": "1403/08/10",
        "created_at": "2024-11-05T09:30:00+00:00",
        "withdrawn": False,
    }
    assert [c["withdrawn"] for c in everything] == [False, False, True]

    assert run(["complaints", "list", "--province", "تهران", "--json"]) == 0
    tehran = [c["tracking_code"] for c in json.loads(capsys.readouterr().out)]
    assert tehran == [filed.tehran_fa, filed.withdrawn_fa]

    assert run(["complaints", "list", "--status", "under_review", "--json"]) == 0
    reviewed = [c["tracking_code"] for c in json.loads(capsys.readouterr().out)]
    assert reviewed == [filed.isfahan_en]

    assert (
        run(["complaints", "list", "--province", "Isfahan", "--status", "received", "--json"]) == 0
    )
    assert json.loads(capsys.readouterr().out) == []


def test_list_as_a_table(filed: Filed, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["complaints", "list", "--province", "tehran"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["code", "status", "office"]
    assert out[1].startswith(filed.tehran_fa)
    assert out[2].startswith(filed.withdrawn_fa)
    assert "received (withdrawn)" in out[2]
    assert out[-1] == "2 complaints"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--status", "open"],
            "--status: unknown status 'open'; use one of received, under_review",
        ),
        (["--province", "Atlantis"], "--province: there is no province called 'Atlantis'"),
    ],
)
def test_list_with_a_bad_filter(
    filed: Filed, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(["complaints", "list", *argv]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


# ---- show ----


def test_show_json_has_every_field_the_timeline_and_the_evidence(
    filed: Filed, capsys: pytest.CaptureFixture[str]
) -> None:
    # Persian digits and dashes are fine.
    typed = to_persian_digits(f"{filed.isfahan_en[:3]}-{filed.isfahan_en[3:]}")
    document = shown(typed, capsys)
    assert document["tracking_code"] == filed.isfahan_en
    assert document["status"] == "under_review"
    assert document["withdrawn_at"] is None
    assert document["office_code"] == "1004"
    assert document["office_name"] == "دفتر نمونه 1004 (آزمایشی)"
    assert document["complainant_name"] == "Sara Ahmadi"
    assert document["complainant_mobile"] == "09121234567"
    assert document["complainant_national_id"] is None
    assert document["identity_consent"] is True
    assert (document["platform"], document["chat_id"], document["locale"]) == ("bale", 222, "en")
    assert document["created_at"] == "2024-11-05T09:30:00+00:00"
    assert document["timeline"] == [
        {"at": "2024-11-05T09:30:00+00:00", "kind": "status", "status": "received", "note": None},
        {
            "at": "2024-11-06T08:30:00+00:00",
            "kind": "status",
            "status": "under_review",
            "note": "inspector assigned",
        },
    ]
    [evidence] = document["evidence"]
    assert {key: evidence[key] for key in evidence if key not in {"id"}} == {
        "kind": "photo",
        "file_name": "receipt.jpg",
        "mime_type": "image/jpeg",
        "size": 1234,
        "sha256": "ab" * 32,
        "stored_path": "var/evidence/ab.jpg",
        "received_at": "2024-11-05T09:20:00+00:00",
        "stored_at": "2024-11-05T09:21:00+00:00",
        "problem": None,
    }
    assert isinstance(evidence["id"], int)


def test_show_json_of_a_withdrawn_complaint(
    filed: Filed, capsys: pytest.CaptureFixture[str]
) -> None:
    document = shown(filed.withdrawn_fa, capsys)
    assert document["withdrawn_at"] == "2024-11-05T13:30:00+00:00"
    assert [event["kind"] for event in document["timeline"]] == ["status", "withdrawn"]
    assert document["complainant_national_id"] == "0499370899"
    assert document["overcharge"] == {"charged": 1_500_000, "tariff": 1_000_000}
    assert document["evidence"] == []


def test_show_as_text(filed: Filed, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["complaints", "show", filed.isfahan_en]) == 0
    out = capsys.readouterr().out
    assert filed.isfahan_en in out
    assert "Sara Ahmadi" in out
    assert "timeline (2):" in out
    assert "status under_review: inspector assigned" in out
    assert "evidence (1):" in out
    assert "receipt.jpg" in out


def test_show_tells_the_desks_closing_and_the_complainants_rating(
    url: str, filed: Filed, capsys: pytest.CaptureFixture[str]
) -> None:
    before = shown(filed.tehran_fa, capsys)
    assert (before["closed_as"], before["closed_reasons"], before["rating"]) == (None, None, None)

    async def _close_and_rate(sessions: async_sessionmaker[AsyncSession]) -> None:
        async with sessions() as session, session.begin():
            complaint = await store.by_code(session, filed.tehran_fa)
            assert complaint is not None
            complaint.status = "dismissed"  # type: ignore[assignment]
            complaint.closed_as, complaint.closed_reasons = "unfounded", "رسید نشان داده شد."
            await threads.add_rating(session, complaint.id, 4, NOW)

    on_store(url, _close_and_rate)
    document = shown(filed.tehran_fa, capsys)
    assert (document["closed_as"], document["closed_reasons"]) == (
        "unfounded",
        "رسید نشان داده شد.",
    )
    assert document["rating"] == {"stars": 4, "rated_at": "2024-11-08T08:30:00+00:00"}
    assert run(["complaints", "show", filed.tehran_fa]) == 0
    out = capsys.readouterr().out
    assert "closed_reasons" in out and "رسید نشان داده شد." in out
    assert "rated by the complainant: 4 of 5 (1403/08/18 12:00)" in out
    assert run(["complaints", "show", filed.isfahan_en]) == 0
    assert "rated by the complainant: no" in capsys.readouterr().out


def test_show_an_unknown_or_bad_code(filed: Filed, capsys: pytest.CaptureFixture[str]) -> None:
    unknown = new_tracking_code(random.Random(99))
    assert run(["complaints", "show", unknown, "--json"]) == 2
    captured = capsys.readouterr()
    assert f"CODE: no complaint with tracking code {unknown}" in captured.err
    assert captured.out == ""

    assert run(["complaints", "show", "12345", "--json"]) == 2
    assert "CODE: A tracking code has 10 digits, like 4827305160." in capsys.readouterr().err

    broken = filed.tehran_fa[:-1] + str((int(filed.tehran_fa[-1]) + 1) % 10)
    assert run(["complaints", "show", broken]) == 2
    assert "CODE: That tracking code is not valid" in capsys.readouterr().err


# ---- set-status ----


def test_set_status_records_the_timeline_and_tells_a_persian_complainant(
    url: str, filed: Filed, capsys: pytest.CaptureFixture[str]
) -> None:
    events, notices = written(url)
    note = "پرونده به بازرس سپرده شد"
    assert run(["complaints", "set-status", filed.tehran_fa, "under_review", "--note", note]) == 0
    err = capsys.readouterr().err
    assert f"complaint {filed.tehran_fa}: received -> under_review" in err
    assert "notice #" in err
    assert written(url) == (events + 1, notices + 1)

    document = shown(filed.tehran_fa, capsys)
    assert document["status"] == "under_review"
    assert document["timeline"][-1] == {
        "at": "2024-11-08T08:30:00+00:00",
        "kind": "status",
        "status": "under_review",
        "note": note,
    }

    [row] = outbox(url)
    assert (row.kind, row.platform, row.chat_id, row.status) == (
        "notice",
        "telegram",
        5_000_000_001,
        "pending",
    )
    assert row.update_id is None
    assert row.created_at == NOW
    text = row.payload["text"]
    assert to_persian_digits(filed.tehran_fa) in text  # the code in Persian digits
    assert filed.tehran_fa not in text
    assert note in text
    first = text.splitlines()[0]
    assert first == f"وضعیت شکایت {to_persian_digits(filed.tehran_fa)}: در حال بررسی در کانون."


def test_set_status_tells_an_english_complainant_in_english(
    url: str, filed: Filed, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            [
                "complaints",
                "set-status",
                filed.isfahan_en,
                "referred_to_board",
                "--note",
                "sent to the board",
            ]
        )
        == 0
    )
    [row] = outbox(url)
    assert (row.kind, row.platform, row.chat_id) == ("notice", "bale", 222)
    text = row.payload["text"]
    assert text.startswith(
        f"Your complaint {filed.isfahan_en} is now: referred to the Primary Disciplinary Board."
    )
    assert "sent to the board" in text
    assert "(bale chat 222, in en)" in capsys.readouterr().err


def test_set_status_of_a_withdrawn_complaint_goes_on_and_says_so(
    url: str, filed: Filed, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["complaints", "set-status", filed.withdrawn_fa, "dismissed", "--note", "x"]) == 0
    assert "withdrew this complaint" in capsys.readouterr().err
    assert len(outbox(url)) == 1


def test_set_status_refuses_to_decide_what_the_board_did_not_hear(
    url: str, filed: Filed, capsys: pytest.CaptureFixture[str]
) -> None:
    before = written(url)
    assert run(["complaints", "set-status", filed.tehran_fa, "decided", "--note", "n"]) == 2
    assert capsys.readouterr().err == (
        "daftar complaints: Refused: the complaint's status cannot go from received to decided; "
        "from received it may go to under_review, referred_to_board, dismissed. "
        "Nothing was changed.\n"
    )
    assert written(url) == before
    assert shown(filed.tehran_fa, capsys)["status"] == "received"


def test_set_status_refuses_to_take_a_decided_complaint_back_to_the_board(
    url: str, filed: Filed, capsys: pytest.CaptureFixture[str]
) -> None:
    for status in ("referred_to_board", "decided"):
        assert run(["complaints", "set-status", filed.tehran_fa, status, "--note", "n"]) == 0
    capsys.readouterr()
    before = written(url)
    for status in ("referred_to_board", "under_review", "received", "dismissed"):
        assert run(["complaints", "set-status", filed.tehran_fa, status, "--note", "n"]) == 2
        [line] = capsys.readouterr().err.splitlines()
        assert line == (
            "daftar complaints: Refused: the complaint's status cannot go from decided to "
            f"{status}: decided is final. Nothing was changed."
        )
    assert written(url) == before
    document = shown(filed.tehran_fa, capsys)
    assert document["status"] == "decided"
    assert [e["status"] for e in document["timeline"]] == [
        "received",
        "referred_to_board",
        "decided",
    ]


def test_set_status_refuses_to_take_a_referred_complaint_from_the_board(
    url: str, filed: Filed, capsys: pytest.CaptureFixture[str]
) -> None:
    # Art. 22 and Art. 26 note 2: before the Board, not even a withdrawal ends it.
    code = filed.withdrawn_fa
    assert run(["complaints", "set-status", code, "referred_to_board", "--note", "n"]) == 0
    capsys.readouterr()
    assert run(["complaints", "set-status", code, "dismissed", "--note", "n"]) == 2
    assert "from referred_to_board it may go to decided." in capsys.readouterr().err
    assert shown(code, capsys)["status"] == "referred_to_board"


@pytest.mark.parametrize(
    ("argv", "messages"),
    [
        (
            ["{tehran}", "open", "--note", "n"],
            [
                "STATUS: unknown status 'open'; use one of received, under_review, "
                "referred_to_board, decided, dismissed"
            ],
        ),
        (
            ["{tehran}", "received", "--note", "n"],
            ["STATUS: complaint {tehran} is already received"],
        ),
        (
            ["{unknown}", "decided", "--note", "n"],
            ["CODE: no complaint with tracking code {unknown}"],
        ),
        (["12345", "decided", "--note", "n"], ["CODE: A tracking code has 10 digits"]),
        (["{tehran}", "decided", "--note", "   "], ["--note: must not be empty"]),
        (["{tehran}", "decided", "--note", "x" * 1001], ["--note: at most 1000 characters"]),
        (
            ["12345", "open", "--note", ""],
            ["CODE: A tracking code has 10 digits", "STATUS: unknown status", "--note: must not"],
        ),
        (["{tehran}", "decided"], ["the following arguments are required: --note"]),
    ],
)
def test_bad_input_writes_nothing(
    url: str,
    filed: Filed,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    messages: list[str],
) -> None:
    before = written(url)
    names = {"tehran": filed.tehran_fa, "unknown": new_tracking_code(random.Random(99))}
    assert run(["complaints", "set-status", *(arg.format(**names) for arg in argv)]) == 2
    err = capsys.readouterr().err
    for message in messages:
        assert message.format(**names) in err
    assert written(url) == before
    assert shown(filed.tehran_fa, capsys)["status"] == "received"
