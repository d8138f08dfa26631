"""`daftar report` (Arts. 15(b), 15(c), 15(e), 21): the figures of a seeded store as JSON and
as CSV, the one matching the other; a month, a quarter, a year or two days; bad input is one
line and exit status 2."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.operator import report
from tests.operator_commands.test_complaints_cli import on_store
from tests.store.test_reports import NATIONAL, NOW, seed


@pytest.fixture
def store(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The seeded store of tests/store/test_reports.py; two Associations configured."""
    monkeypatch.setenv("DAFTAR_ASSOCIATION_PROVINCES", "tehran,razavi_khorasan")

    async def _seed(sessions: async_sessionmaker[AsyncSession]) -> None:
        async with sessions() as session, session.begin():
            await seed(session)

    on_store(database_url, _seed)
    yield database_url


def run(capsys: pytest.CaptureFixture[str], store: str, *argv: str) -> tuple[int, str, str]:
    status = report.main(["report", *argv, "--database-url", store], now=lambda: NOW)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def figures_of(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["name"]: {f["key"]: f["value"] for f in s["figures"]} for s in document["sections"]}


def test_15_the_json_of_a_month_equals_the_seed(
    capsys: pytest.CaptureFixture[str], store: str
) -> None:
    status, out, err = run(capsys, store, "--month", "۱۴۰۳/۰۸", "--format", "json")
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert figures_of(document) == NATIONAL
    assert document["period"] == {
        "from": "1403/08/01",
        "to": "1403/08/30",
        "start": "2024-10-21T20:30:00+00:00",
        "end": "2024-11-20T20:30:00+00:00",
    }
    assert document["scope"] == "national"


def test_the_csv_holds_the_same_figures_as_the_json(
    capsys: pytest.CaptureFixture[str], store: str
) -> None:
    period = (
        "--from",
        "1403/08/01",
        "--to",
        "1403/08/30",
        "--scope",
        "association:razavi_khorasan",
    )
    _, out, _ = run(capsys, store, *period, "--format", "json")
    document = json.loads(out)
    status, out, err = run(capsys, store, *period, "--format", "csv")
    assert (status, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["section", "key", "value", "article"]
    expected = [
        [s["name"], f["key"], "" if f["value"] is None else str(f["value"]), f["article"]]
        for s in document["sections"]
        for f in s["figures"]
    ]
    assert rows[1:] == expected
    assert ["complaints", "received", "3", "15(e)"] in rows


def test_a_quarter_and_a_year_hold_the_month(
    capsys: pytest.CaptureFixture[str], store: str
) -> None:
    _, out, _ = run(capsys, store, "--quarter", "1403/3")
    assert figures_of(json.loads(out))["complaints"]["received"] == 7
    _, out, _ = run(capsys, store, "--year", "1403", "--scope", "province:tehran")
    year = figures_of(json.loads(out))
    assert year["complaints"]["received"] == 3
    assert json.loads(out)["period"]["to"] == "1403/12/30"


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["--from", "1403/13/01", "--to", "1403/08/30"], "daftar report: --from: "),
        (
            ["--from", "1403/08/02", "--to", "1403/08/01"],
            "daftar report: the period starts (1403/08/02) after it ends (1403/08/01)",
        ),
        (
            ["--month", "1403/08", "--scope", "galaxy:x"],
            "daftar report: --scope: unknown scope 'galaxy:x'; use national, association:KEY or "
            "province:KEY",
        ),
        (
            ["--month", "1403/08", "--scope", "association:semnan"],
            "daftar report: --scope: unknown Association 'semnan'; one of tehran, razavi_khorasan",
        ),
        (["--month", "8/1403"], "daftar report: --month: a month is written like 1403/08"),
        (["--quarter", "1403/5"], "daftar report: a quarter is 1 to 4 (got 5)"),
        (["--from", "1403/08/01"], "daftar report: --from and --to go together: name both days"),
        (
            ["--month", "1403/08", "--year", "1403"],
            "daftar report: name one period: --from and --to, --month, --quarter or --year",
        ),
        ([], "daftar report: name one period: --from and --to, --month, --quarter or --year"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], store: str, argv: list[str], line: str
) -> None:
    status, out, err = run(capsys, store, *argv)
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(line)
