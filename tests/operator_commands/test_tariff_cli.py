"""`daftar tariff import` and `daftar tariff list`, run through `main(argv)` on a real store."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.tariff import Tariff, Unit, held_tariff
from bot.operator.tariff import main
from storage.database import migrate, open_engine, session_factory
from storage.models import Tariff as StoredTariff
from storage.tariffs import stored

_T = TypeVar("_T")

# Noon in Tehran on 1405/09/11.
NOW = datetime(2026, 12, 2, 8, 30, tzinfo=UTC)

HEADER = "item,service_fa,service_en,rials,unit\n"
GOOD = HEADER + (
    '1,تنظیم اظهارنامه,Drafting a declaration,"700,000",each\n'
    "۸,افزودن پیوست,Adding an attachment,۹۰۰۰۰,per page\n"
    "9,تایپ هر صفحه,Typing,,per page (tariff announced by the responsible bodies)\n"
)


def run(argv: list[str]) -> int:
    return main(argv, now=lambda: NOW)


def write(tmp_path: Path, text: str, name: str = "tariff.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def on_store(url: str, work: Callable[[AsyncSession], Awaitable[_T]]) -> _T:
    """Run *work* in a session of the (migrated) store at *url*."""

    async def _main() -> _T:
        db = open_engine(url)
        try:
            await migrate(db)
            async with session_factory(db)() as session:
                return await work(session)
        finally:
            await db.dispose()

    return asyncio.run(_main())


def rows(url: str) -> list[StoredTariff]:
    return on_store(url, stored)


def held(url: str, year: int) -> Tariff | None:
    return on_store(url, lambda session: held_tariff(session, year))


def test_a_good_file_is_kept_as_the_years_tariff(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["tariff", "import", "1404", write(tmp_path, GOOD), "--source", "روزنامه رسمی"]
    assert run(argv) == 0
    assert capsys.readouterr().err == (
        "daftar tariff: imported 1404: 3 services, source: روزنامه رسمی (not the official text)\n"
    )
    [row] = rows(url)
    assert (row.year, row.source, row.official, row.imported_at) == (
        1404,
        "روزنامه رسمی",
        False,
        NOW,
    )
    tariff = held(url, 1404)
    assert tariff is not None
    assert [(i.item, i.rials, i.unit) for i in tariff.items] == [
        (1, 700_000, Unit.EACH),
        (8, 90_000, Unit.PER_PAGE),
        (9, None, Unit.PER_PAGE),
    ]
    assert held(url, 1405) is None  # never another year's in its place


def test_every_bad_line_is_named_and_nothing_is_written(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + (
        "1,تنظیم اظهارنامه,Drafting a declaration,700000,each\n"  # line 2: good
        "1,تکرار,Again,100,each\n"  # line 3: the item again
        "x,خدمت,Service,-100,per hour\n"  # line 4: three things wrong
        "5,خدمت,Service,100\n"  # line 5: a field short
    )
    argv = ["tariff", "import", "1404", write(tmp_path, text), "--source", "روزنامه رسمی"]
    assert run(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "daftar tariff: line 3: item 1 already appears on line 2",
        "daftar tariff: line 4: the item number 'x' is not a positive number",
        "daftar tariff: line 4: the amount -100 is negative",
        "daftar tariff: line 4: unknown unit 'per hour' (known: each, per page, per person, "
        "per sheet)",
        "daftar tariff: line 5: 4 fields, expected 5",
        f"daftar tariff: 5 problems on 3 lines of {tmp_path / 'tariff.csv'}: nothing imported",
    ]
    assert rows(url) == []
    assert held(url, 1404) is None


def test_a_bad_year_an_empty_source_and_a_bad_header_are_all_said(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "item,service,rials\n1,a,1\n")
    assert run(["tariff", "import", "14o4", path, "--source", "  "]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "daftar tariff: YEAR: '14o4' is not a Jalali year from 1392 to 1499",
        "daftar tariff: --source: say where the figures come from (a publication, a site)",
        "daftar tariff: line 1: the header must be item,service_fa,service_en,rials,unit",
        f"daftar tariff: 1 problem on 1 line of {path}: nothing imported",
    ]
    assert run(["tariff", "import", "1404", str(tmp_path / "none.csv"), "--source", "x"]) == 2
    assert "FILE: cannot read" in capsys.readouterr().err
    assert run(["tariff", "import", "1404", path]) == 2  # --source is required
    assert rows(url) == []


def test_a_year_imported_before_is_replaced_only_when_asked(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, GOOD)
    assert run(["tariff", "import", "1404", path, "--source", "نخست"]) == 0
    capsys.readouterr()
    assert run(["tariff", "import", "1404", path, "--source", "دوم", "--official"]) == 2
    assert capsys.readouterr().err == (
        "daftar tariff: YEAR: a tariff for 1404 was imported before (imported 1405/09/11 "
        "12:00, source: نخست); pass --replace to replace it. Nothing imported.\n"
    )
    assert [row.source for row in rows(url)] == ["نخست"]
    argv = ["tariff", "import", "۱۴۰۴", path, "--source", "دوم", "--official", "--replace"]
    assert run(argv) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        "daftar tariff: it replaces the one imported 1405/09/11 12:00"
    )
    [row] = rows(url)
    assert (row.source, row.official) == ("دوم", True)


def test_the_list_shows_years_sources_and_counts(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["tariff", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "year  services  official  origin               source",
        "1403  19        no        bundled with Daftar  websitevakil.ir",
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\ufeff" + GOOD))
    assert run(["tariff", "import", "1404", "-", "--source", "روزنامه رسمی", "--official"]) == 0
    assert run(["tariff", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "1403  19        no        bundled with Daftar        websitevakil.ir",
        "1404  3         yes       imported 1405/09/11 12:00  روزنامه رسمی",
    ]
    assert run(["tariff", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "year": 1403,
            "services": 19,
            "source": "websitevakil.ir",
            "official": False,
            "origin": "bundled",
            "imported_at": None,
        },
        {
            "year": 1404,
            "services": 3,
            "source": "روزنامه رسمی",
            "official": True,
            "origin": "imported",
            "imported_at": "2026-12-02T08:30:00+00:00",
        },
    ]


def test_an_import_of_1403_takes_the_bundled_tariffs_place(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["tariff", "import", "1403", write(tmp_path, GOOD), "--source", "روزنامه رسمی"]
    assert run(argv) == 0
    assert "it replaces" not in capsys.readouterr().err  # the bundled one is no import
    tariff = held(url, 1403)
    assert tariff is not None and (tariff.source, len(tariff.items)) == ("روزنامه رسمی", 3)
    assert run(["tariff", "list", "--json"]) == 0
    [only] = json.loads(capsys.readouterr().out)
    assert (only["year"], only["origin"], only["services"]) == (1403, "imported", 3)
