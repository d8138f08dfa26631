"""`daftar offices import` and `daftar offices list`, run through `main(argv)` on a real store."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import jdatetime
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.operator.offices import load_sample_if_empty, main
from bot.text.persian import match_key
from storage.database import migrate, open_engine, session_factory
from storage.models import Office

# Noon in Tehran on 1403/08/15.
NOW = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)
TODAY = jdatetime.date(1403, 8, 15)

HEADER = (
    "code,name,province,city,address,phone,manager_name,manager_mobile,status,suspended_until\n"
)
GOOD = HEADER + (
    "۲۰۰۱,دفتر  خدمات   قضايي مشهد,استان  خراسان\u200cرضوی,مشهد,خيابان امام، پلاك ۱۲,"
    "۰۵۱-۳۸۰۰۰۰۰۱,علي احمدي,۰۹۱۲ ۳۴۵ ۶۷۸۹,فعال,\n"
    "2002,دفتر كرمان,كرمان,كرمان,بلوار جمهوري,034 3200 0002,مریم کریمی,+989123456780,"
    "suspended,1404/01/15\n"
    "2003,Tehran Office,Tehran Province,تهران,خیابان آزادی,,رضا رضایی,09121112233,closed,\n"
)

_T = TypeVar("_T")


@pytest.fixture
def store(url: str) -> str:
    """The registry's store: the room's `url` (tests/operator_commands/conftest.py)."""
    return url


def run(argv: list[str]) -> int:
    return main(argv, now=lambda: NOW)


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


def stored(url: str) -> dict[str, Office]:
    async def _offices(sessions: async_sessionmaker[AsyncSession]) -> dict[str, Office]:
        async with sessions() as session:
            return {office.code: office for office in await session.scalars(select(Office))}

    return on_store(url, _offices)


def write(tmp_path: Path, text: str, name: str = "offices.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ---- import ----


def test_a_good_file_is_imported_normalised(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["offices", "import", write(tmp_path, GOOD)]) == 0
    err = capsys.readouterr().err
    assert "imported: 3 new, 0 updated" in err
    offices = stored(store)
    assert sorted(offices) == ["2001", "2002", "2003"]

    mashhad = offices["2001"]
    assert mashhad.name == "دفتر خدمات قضایی مشهد"  # ي → ی, spaces collapsed
    assert mashhad.name_key == match_key("دفتر خدمات قضایی مشهد")
    assert mashhad.province == "razavi_khorasan"  # "استان  خراسان‌رضوی"
    assert mashhad.address == "خیابان امام، پلاک 12"
    assert mashhad.phone == "05138000001"
    assert mashhad.manager_name == "علی احمدی"
    assert mashhad.manager_mobile == "09123456789"
    assert (mashhad.status, mashhad.suspended_until) == ("active", None)
    assert mashhad.status_decided_by is None
    assert mashhad.updated_at == NOW

    kerman = offices["2002"]
    assert kerman.province == "kerman"  # كرمان with an Arabic kaf
    assert kerman.name == "دفتر کرمان"
    assert kerman.manager_mobile == "09123456780"
    assert (kerman.status, kerman.suspended_until) == ("suspended", jdatetime.date(1404, 1, 15))

    assert offices["2003"].province == "tehran"
    assert offices["2003"].phone == ""


def test_a_bom_is_fine(store: str, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(("\ufeff" + GOOD).encode("utf-8"))
    assert run(["offices", "import", str(path)]) == 0
    assert len(stored(store)) == 3


def test_three_bad_lines_are_all_reported_and_nothing_is_imported(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + (
        "3001,دفتر یک,تهران,تهران,نشانی,,مدیر,0912,active,\n"  # line 2: the mobile
        "3002,دفتر دو,تهران,تهران,نشانی,,مدیر,09121234567,active,\n"  # line 3: good
        "3003,دفتر سه,آتلانتیس,تهران,نشانی,,مدیر,09121234567,active,\n"  # line 4: the province
        "3004,دفتر چهار,تهران,تهران,نشانی,,مدیر,09121234567,open,\n"  # line 5: the status
    )
    assert run(["offices", "import", write(tmp_path, text)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    problems = [line for line in captured.err.splitlines() if ": line " in line]
    assert len(problems) == 3
    assert problems[0].startswith("daftar offices: line 2, column manager_mobile: 0912 is not")
    assert problems[1].startswith("daftar offices: line 4, column province: There is no province")
    assert "آتلانتیس" in problems[1]
    assert problems[2].startswith("daftar offices: line 5, column status: Unknown status open")
    assert "3 problems on 3 lines" in captured.err
    assert "nothing imported" in captured.err
    assert stored(store) == {}


def test_a_header_problem_has_no_column_number_but_a_name(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["offices", "import", write(tmp_path, "code,name\n1,x\n")]) == 2
    err = capsys.readouterr().err
    assert "line 1, column province: The header has no column province." in err
    assert stored(store) == {}


def test_a_file_that_is_not_utf8(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cp1256.csv"
    path.write_bytes(GOOD.encode("cp1256", errors="replace"))
    assert run(["offices", "import", str(path)]) == 2
    assert "is not UTF-8 text" in capsys.readouterr().err
    assert stored(store) == {}


def test_a_missing_file(store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["offices", "import", str(tmp_path / "nowhere.csv")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_reimport_updates_by_code(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["offices", "import", write(tmp_path, GOOD)]) == 0
    capsys.readouterr()
    changed = GOOD.replace("بلوار جمهوري", "بلوار جمهوری، پلاک ۹")
    changed += "2004,دفتر تازه,قم,قم,خیابان صفاییه,,حسن حسنی,09125556677,active,\n"
    assert run(["offices", "import", write(tmp_path, changed, "again.csv")]) == 0
    assert "imported: 1 new, 3 updated" in capsys.readouterr().err
    offices = stored(store)
    assert len(offices) == 4
    assert offices["2002"].address == "بلوار جمهوری، پلاک 9"
    assert offices["2004"].province == "qom"


def test_a_status_set_by_a_decision_survives_an_import(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["offices", "import", write(tmp_path, GOOD)]) == 0
    capsys.readouterr()

    async def _decide(sessions: async_sessionmaker[AsyncSession]) -> None:
        async with sessions() as session, session.begin():
            office = await session.get(Office, "2001")
            assert office is not None
            office.status, office.suspended_until = "suspended", jdatetime.date(1404, 2, 1)
            office.status_decided_by = 7

    on_store(store, _decide)
    changed = GOOD.replace("خيابان امام، پلاك ۱۲", "خیابان امام، پلاک ۱۴")
    assert run(["offices", "import", write(tmp_path, changed, "again.csv")]) == 0
    err = capsys.readouterr().err
    assert "imported: 0 new, 3 updated" in err
    assert (
        "warning: office 2001: the file says active, but a decision set its status to suspended"
        in err
    )
    office = stored(store)["2001"]
    assert (office.status, office.suspended_until) == ("suspended", jdatetime.date(1404, 2, 1))
    assert office.address == "خیابان امام، پلاک 14"  # the rest of the row is updated


def test_a_registry_cannot_bring_back_a_revoked_licence(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    revoked = GOOD.replace(",فعال,", ",revoked,")
    assert run(["offices", "import", write(tmp_path, revoked)]) == 0
    capsys.readouterr()
    again = GOOD.replace("بلوار جمهوري", "بلوار جمهوری، پلاک ۹")
    again += "2004,دفتر تازه,قم,قم,خیابان صفاییه,,حسن حسنی,09125556677,active,\n"
    assert run(["offices", "import", write(tmp_path, again, "again.csv")]) == 2
    err = capsys.readouterr().err
    assert err == (
        "daftar offices: Refused: the office's status cannot go from revoked to active: "
        "revoked is final. Nothing was changed.\n"
    )
    offices = stored(store)
    assert sorted(offices) == ["2001", "2002", "2003"]  # nothing of the second file stands
    assert offices["2001"].status == "revoked"
    assert offices["2002"].address == "بلوار جمهوری"  # not the second file's "پلاک 9"


def test_a_long_file_shows_progress_on_a_terminal(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [
        f"{4000 + n},دفتر {n},تهران,تهران,نشانی {n},,مدیر {n},0912{n:07d},active,\n"
        for n in range(250)
    ]
    path = write(tmp_path, HEADER + "".join(lines))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert run(["offices", "import", path]) == 0
    err = capsys.readouterr().err
    assert "checking 250 offices" in err
    assert "writing 100/250 offices" in err
    assert "writing 250/250 offices" in err
    assert "imported: 250 new, 0 updated" in err
    assert len(stored(store)) == 250


def test_no_progress_when_not_on_a_terminal(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        f"{4000 + n},دفتر {n},تهران,تهران,نشانی {n},,مدیر {n},0912{n:07d},active,\n"
        for n in range(250)
    ]
    assert run(["offices", "import", write(tmp_path, HEADER + "".join(lines))]) == 0
    err = capsys.readouterr().err
    assert "writing" not in err
    assert err.strip() == "daftar offices: imported: 250 new, 0 updated"


# ---- list ----


def test_list_json_and_by_province(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["offices", "import", write(tmp_path, GOOD)]) == 0
    capsys.readouterr()

    assert run(["offices", "list", "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert [office["code"] for office in everything] == ["2002", "2001", "2003"]
    mashhad = everything[1]
    assert mashhad == {
        "code": "2001",
        "name": "دفتر خدمات قضایی مشهد",
        "province": "razavi_khorasan",
        "city": "مشهد",
        "address": "خیابان امام، پلاک 12",
        "phone": "05138000001",
        "manager_name": "علی احمدی",
        "manager_mobile": "09123456789",
        "status": "active",
        "suspended_until": None,
    }
    assert everything[0]["suspended_until"] == "1404/01/15"

    for spelling in ("خراسان رضوي", "Razavi Khorasan", "razavi_khorasan", "استان خراسان‌رضوی"):
        assert run(["offices", "list", "--province", spelling, "--json"]) == 0
        assert [o["code"] for o in json.loads(capsys.readouterr().out)] == ["2001"]

    assert run(["offices", "list", "--province", "قم", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_list_as_a_table(store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["offices", "import", write(tmp_path, GOOD)]) == 0
    capsys.readouterr()
    assert run(["offices", "list", "--province", "kerman"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["code", "province", "city", "status", "name"]
    assert out[1].startswith("2002  kerman")
    assert "suspended until 1404/01/15" in out[1]
    assert out[-1] == "1 office"
    assert not any(ch in "".join(out) for ch in "۰۱۲۳۴۵۶۷۸۹")


def test_list_an_unknown_province(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["offices", "list", "--province", "Atlantis"]) == 2
    captured = capsys.readouterr()
    assert "--province: there is no province called 'Atlantis'" in captured.err
    assert captured.out == ""


def test_list_of_an_empty_registry(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["offices", "list"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no offices" in captured.err
    assert run(["offices", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


# ---- the sample ----


def test_the_sample_loads_into_an_empty_store_once(store: str) -> None:
    loaded = on_store(store, lambda sessions: load_sample_if_empty(sessions, TODAY, NOW))
    assert loaded == 10
    offices = stored(store)
    assert len(offices) == 10
    assert all("آزمایشی" in office.name for office in offices.values())  # clearly fictional
    assert offices["1003"].suspended_until == jdatetime.date(1499, 12, 29)
    assert offices["1001"].name_key == match_key(offices["1001"].name)

    again = on_store(store, lambda sessions: load_sample_if_empty(sessions, TODAY, NOW))
    assert again == 0
    assert len(stored(store)) == 10


def test_the_sample_is_not_loaded_beside_a_real_registry(store: str, tmp_path: Path) -> None:
    assert run(["offices", "import", write(tmp_path, GOOD)]) == 0
    loaded = on_store(store, lambda sessions: load_sample_if_empty(sessions, TODAY, NOW))
    assert loaded == 0
    assert sorted(stored(store)) == ["2001", "2002", "2003"]
