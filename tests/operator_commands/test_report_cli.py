"""`daftar report` (Arts. 15(b), 15(c), 15(e), 21): the figures of a seeded store as JSON, as
CSV (the one matching the other, labels included) and as a PDF with charts, in Persian or in
English; a month, a quarter, a year or two days; a progress bar on standard error only when
asked for or at a terminal; bad input is one line and exit status 2."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.documents.report_labels import SECTION_TITLES
from bot.operator import report
from bot.text.i18n import translator
from tests.documents.support import read_pdf
from tests.documents.test_report_csv import json_rows
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


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_the_csv_holds_the_same_figures_as_the_json(
    capsys: pytest.CaptureFixture[str], store: str, locale: str
) -> None:
    period = (
        "--from",
        "1403/08/01",
        "--to",
        "1403/08/30",
        "--scope",
        "association:razavi_khorasan",
        "--locale",
        locale,
    )
    _, out, _ = run(capsys, store, *period, "--format", "json")
    document = json.loads(out)
    status, out, err = run(capsys, store, *period, "--format", "csv")
    assert (status, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["section", "key", "label", "value", "article"]
    assert rows[1:] == json_rows(document)
    received = "Complaints received" if locale == "en" else "شکایت‌های دریافتی"
    assert ["complaints", "received", received, "3", "15(e)"] in rows


def test_the_labels_follow_the_settings_locale_unless_one_is_named(
    capsys: pytest.CaptureFixture[str], store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAFTAR_DEFAULT_LOCALE", "en")
    _, out, _ = run(capsys, store, "--month", "1403/08")
    document = json.loads(out)
    assert document["locale"] == "en"
    assert document["sections"][0]["title"] == "Complaints"
    assert document["sections"][0]["figures"][0]["key"] == "received"  # keys stay English
    _, out, _ = run(capsys, store, "--month", "1403/08", "--locale", "fa")
    assert json.loads(out)["sections"][0]["title"] == "شکایت‌ها"


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_15_the_pdf_has_the_pages_the_titles_and_the_bars(
    capsys: pytest.CaptureFixture[str], store: str, tmp_path: Path, locale: str
) -> None:
    path = tmp_path / f"report-{locale}.pdf"
    argv = ["--month", "1403/08", "--format", "pdf", "--locale", locale, "--output", str(path)]
    status, out, err = run(capsys, store, *argv)
    assert (status, out, err) == (0, "", "")
    read = read_pdf(path.read_bytes())
    assert len(read.pages) >= 2
    t = translator(locale)
    lines = read.text.splitlines()
    assert all(t(title) in lines for title in SECTION_TITLES.values())
    assert ("شکایت‌های دریافتی ۵" if locale == "fa" else "Complaints received 5") in lines
    # The seed's charted figures that are not zero: 3 clauses and unclassified, 3 provinces,
    # 4 statuses; a finding; 2 degrees; 4 notices' counts; 2 offices.
    assert len(read.bars) == 4 + 3 + 4 + 1 + 2 + 4 + 2


def test_a_pdf_goes_to_standard_output_when_it_is_no_terminal(
    capsysbinary: pytest.CaptureFixture[bytes], store: str
) -> None:
    argv = ["report", "--month", "1403/08", "--format", "pdf", "--database-url", store]
    status = report.main(argv, now=lambda: NOW)
    captured = capsysbinary.readouterr()
    assert (status, captured.err) == (0, b"")
    assert captured.out.startswith(b"%PDF-") and len(read_pdf(captured.out).pages) >= 2


def test_a_pdf_is_not_written_to_a_terminal(
    capsys: pytest.CaptureFixture[str], store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    status, out, err = run(capsys, store, "--month", "1403/08", "--format", "pdf")
    assert (status, out) == (2, "")
    assert err == "daftar report: a PDF is not for the terminal: name a file with --output PATH\n"


def test_the_progress_bar_is_drawn_on_standard_error_only(
    capsys: pytest.CaptureFixture[str], store: str
) -> None:
    _, quiet, nothing = run(capsys, store, "--month", "1403/08", "--format", "csv")
    assert nothing == ""  # standard error is no terminal: no bar
    status, out, err = run(capsys, store, "--month", "1403/08", "--format", "csv", "--progress")
    assert (status, out) == (0, quiet)  # the CSV is the same, without a trace of the bar
    frames = err.split("\r")
    assert frames[0] == "" and err.endswith("\n") and err.count("\n") == 1
    assert frames[1] == "daftar report: counting [#####.........................] 1/6 sections"
    assert frames[-1] == "daftar report: counting [##############################] 6/6 sections\n"
    assert len(frames) == 7


def test_the_output_goes_to_a_file_when_named(
    capsys: pytest.CaptureFixture[str], store: str, tmp_path: Path
) -> None:
    path = tmp_path / "report.json"
    status, out, err = run(capsys, store, "--month", "1403/08", "--output", str(path))
    assert (status, out, err) == (0, "", "")
    assert figures_of(json.loads(path.read_text("utf-8"))) == NATIONAL
    missing = tmp_path / "nowhere" / "report.csv"
    status, out, err = run(capsys, store, "--month", "1403/08", "--output", str(missing))
    assert (status, out) == (2, "")
    assert err.startswith(f"daftar report: --output: cannot write {missing}: ")


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
