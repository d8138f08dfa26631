"""`daftar decisions file`, `daftar decisions publications` and `decisions record --warned-on`:
the disciplinary files exported for the Directorate, the degree-4 publications listed (Art. 23)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import settlement
from storage.models import Decision
from tests.operator_commands.test_discipline_cli import on_store, run, settings, stored
from tests.store.board_builders import carried_sitting
from tests.store.test_discipline import MANAGER_NAME, add_office, at, bare_case, decide, jd


def seed(url: str) -> dict[str, int]:
    """Office 2001 with a final 2 and a final 4; office 2002 with a final 3; a pending 5."""
    config = settings()

    async def _seed(session: AsyncSession) -> dict[str, int]:
        await add_office(session)
        await add_office(session, code="2002", manager_mobile="09120000002")
        warning = await decide(
            session, config, at(1403, 3, 1), committed_on=jd(1403, 2, 1), sanction=2
        )
        reprimand = await decide(
            session, config, at(1403, 6, 1), committed_on=jd(1403, 5, 1), sanction=4
        )
        other = await decide(
            session,
            config,
            at(1403, 6, 2),
            committed_on=jd(1403, 5, 2),
            sanction=3,
            office_code="2002",
        )
        await decide(
            session, config, at(1403, 7, 1), committed_on=jd(1403, 6, 20), sanction=5, months=3
        )
        await settlement.settle(session, config, at(1403, 7, 2))
        return {"warning": warning.id, "reprimand": reprimand.id, "other": other.id}

    return on_store(url, _seed)


def test_the_disciplinary_files_are_exported_as_csv_and_json(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    made = seed(url)
    assert run(["decisions", "file"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert [(r["office_code"], r["decision_id"], r["degree"]) for r in rows] == [
        ("2001", str(made["warning"]), "2"),
        ("2001", str(made["reprimand"]), "4"),
        ("2002", str(made["other"]), "3"),
    ]  # the pending 5 is not final: not in the file
    assert rows[0]["manager"] == MANAGER_NAME and rows[0]["violations"] == "25.12"
    assert (rows[0]["final_on"], rows[0]["months"]) == ("1403/03/01", "")
    assert "3 entries" in out.err
    assert run(["decisions", "file", "--office", "2002", "--format", "json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["decision_id"] == made["other"] and entry["degree"] == 3
    assert entry["final_on"] == "1403/06/02" and entry["entered_at"].endswith("+00:00")


def test_an_empty_office_code_is_refused_and_an_unknown_one_has_no_entries(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["decisions", "file", "--office", " "]) == 2
    assert "--office: the office's code is required" in capsys.readouterr().err
    assert run(["decisions", "file", "--office", "۹۹۹۹", "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out) == [] and "0 entries of office 9999" in out.err


def test_publications_say_the_centers_website_without_a_channel(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["decisions", "publications"]) == 0
    assert "no publications" in capsys.readouterr().err
    made = seed(url)
    assert run(["decisions", "publications"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"publication #1 of decision #{made['reprimand']} (office 2001): to be published on the "
        "Center's website (Article 23, degree 4)\n"
    )
    assert MANAGER_NAME in out and "سایت مرکز" in out
    assert run(["decisions", "publications", "--json"]) == 0
    [publication] = json.loads(capsys.readouterr().out)
    assert (publication["venue"], publication["posted_at"]) == ("website", None)


def test_23_1_a_verbal_warning_is_recorded_with_the_day_it_was_given(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    async def _ruled(session: AsyncSession) -> tuple[int, int]:
        await add_office(session)
        case = await bare_case(session, at(1403, 8, 2))
        sitting = await carried_sitting(
            session, settings(), at(1403, 8, 2), case, violations=["25.12"], sanction=1
        )
        return case.id, sitting.id

    case_id, sitting_id = on_store(url, _ruled)
    argv = ["decisions", "record", "--case", str(case_id), "--violations", "25.12"]
    argv += ["--committed-on", "1403/08/01", "--sanction", "1"]
    argv += ["--sitting", str(sitting_id), "--ruling", "رأی هیئت"]
    assert run(argv) == 2
    assert "--warned-on: a verbal warning (Article 23, degree 1)" in capsys.readouterr().err
    assert run([*argv, "--warned-on", "۱۴۰۳/۰۸/۱۲"]) == 0
    [decision] = stored_decisions(url)
    assert decision.warned_on == jd(1403, 8, 12) and decision.status == "final"


def stored_decisions(url: str) -> list[Decision]:
    decision = stored(url, Decision, 1)
    return [decision] if decision is not None else []
