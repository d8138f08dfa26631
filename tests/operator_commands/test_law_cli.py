"""`daftar law coverage`: the directive's 26 articles and their notes, as an operator reads them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import SUBCOMMANDS, build_parser
from bot.operator.law import main
from bot.rules.law_coverage import PROVISIONS
from tests.conftest import is_product_setting
from tests.shared import CHECKOUT

#: An article's first line: its number (and the number it is printed under) and its treatment.
ARTICLE_LINE = r"^Article (\d+)(?: \(printed ۲\))?: (encoded|out of scope|configuration)$"


@pytest.fixture(autouse=True)
def no_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No DAFTAR_ setting and no .env: the command shows the defaults."""
    for name in list(os.environ):
        if is_product_setting(name):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["law", "coverage", *args])
    return status, capsys.readouterr().out


def test_coverage_lists_26_articles_each_with_its_treatment(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out = run(capsys)
    assert status == 0
    articles = re.findall(ARTICLE_LINE, out, re.M)
    assert [int(number) for number, _ in articles] == list(range(1, 27))
    assert out.splitlines()[0].startswith(
        "Directive 100/9970/9000 of 1392/2/28 (approved 1392/2/26): 26 articles and 9 notes;"
    )
    assert "Article 3 (printed ۲): out of scope" in out
    assert "Article 12: configuration" in out


def test_each_article_shows_its_notes_beneath_it(capsys: pytest.CaptureFixture[str]) -> None:
    _status, out = run(capsys)
    notes = re.findall(r"^  Article (\d+), (note(?: \d)?): ", out, re.M)
    assert notes == [
        ("3", "note"),
        ("5", "note"),
        ("10", "note"),
        ("13", "note"),
        ("22", "note 1"),
        ("22", "note 2"),
        ("26", "note 1"),
        ("26", "note 2"),
        ("26", "note 3"),
    ]
    lines = out.splitlines()
    # Article 26's notes follow it, after its own lines and before the defects.
    assert lines.index("Article 26: encoded") < lines.index("  Article 26, note 3: encoded")


def test_encoded_says_where_out_of_scope_why_configuration_which_setting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _status, out = run(capsys)
    block = out.split("Article 12: configuration\n")[1].split("\nArticle 13")[0]
    assert "settings: association_provinces = tehran" in block
    assert "where: bot.rules.routing, bot.flows.complaint.filing" in block
    assert "nearest to the province's capital" in block
    assert "why: Founding offices" in out.split("Article 2: out of scope\n")[1]
    assert "bot.domain.appeals" in out.split("Article 24: encoded\n")[1].split("\nArticle")[0]
    assert "settings: appeal_window_days = 20" in out.split("Article 24: encoded\n")[1]


def test_the_defects_the_settings_and_the_1401_caveat_follow(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _status, out = run(capsys)
    assert "Known defects of the published text (applied as printed, with these readings):" in out
    assert "- 25.1: printed «قدم نصب هزینه خدمات»: Read «عدم نصب» (failure to post)." in out
    assert "- 13.note: printed «دوره تصدی اعضای هیئتمدیره به سال»" in out
    assert "- complaints_per_day = 3: how many complaints one person may file in 24 hours" in out
    assert "\nCaveat: The 1401 regulation on Judicial E-Services Offices may supersede" in out


def test_the_settings_shown_are_those_in_force(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAFTAR_ASSOCIATION_PROVINCES", "tehran,fars")
    monkeypatch.setenv("DAFTAR_APPEAL_WINDOW_DAYS", "30")
    _status, out = run(capsys)
    assert "settings: association_provinces = tehran,fars" in out
    assert "settings: appeal_window_days = 30" in out


def test_coverage_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--json")
    assert status == 0
    document = json.loads(out)
    assert document["directive"] == {
        "number": "100/9970/9000",
        "issued": "1392/2/28",
        "approved": "1392/2/26",
        "articles": 26,
        "notes": 9,
    }
    articles = document["articles"]
    assert [a["article"] for a in articles] == list(range(1, 27))
    assert sum(len(a["notes"]) for a in articles) == 9
    every = articles + [note for a in articles for note in a["notes"]]
    assert {item["id"] for item in every} == set(PROVISIONS)
    assert sum(document["counts"].values()) == 35
    assert {item["treatment"] for item in every} == {"encoded", "out_of_scope", "configuration"}
    [route] = [a for a in articles if a["article"] == 12]
    assert (route["treatment"], route["settings"]) == (
        "configuration",
        {"association_provinces": "tehran"},
    )
    assert articles[2]["printed"] == "۲" and articles[2]["notes"][0]["note"] == "note"
    assert any(
        d["cites"] == "25.1" and d["printed"] == "قدم نصب هزینه خدمات" for d in document["defects"]
    )
    assert "1401 regulation" in document["caveat"]
    assert {s["setting"]: s["value"] for s in document["settings_not_law"]}[
        "complaints_per_day"
    ] == "3"


def test_a_bad_action_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "articles"]) == 2
    assert "invalid choice: 'articles'" in capsys.readouterr().err


def test_daftar_has_the_command(tmp_path: Path) -> None:
    assert "bot.operator.law" in SUBCOMMANDS
    assert callable(build_parser().parse_args(["law", "coverage", "--json"]).handler)
    environment = {k: v for k, v in os.environ.items() if not is_product_setting(k)}
    environment["PYTHONPATH"] = str(CHECKOUT)
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "law", "coverage"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(re.findall(ARTICLE_LINE, done.stdout, re.M)) == 26
