"""`daftar eligibility check` and `daftar eligibility coverage`, run through `main(argv)`."""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import jdatetime
import pytest

from bot.domain.eligibility_answers import parse_answers
from bot.operator.eligibility import main, register
from bot.rules import Role, evaluate

# Noon in Tehran on 1403/08/15.
NOW = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)
TODAY = jdatetime.date(1403, 8, 15)

QUALIFIED: dict[str, object] = {
    "citizenship": "iranian",
    "constitution_commitment": True,
    "islam_commitment": True,
    "drug_addiction": False,
    "criminal_record": False,
    "able_bodied": True,
    "gender": "male",
    "military_service": "completed",
    "degree": "bachelor",
    "degree_field": "law",
    "birth_date": "1370/06/15",
    "experience_years": 8,
    "computer_skills": True,
    "barred_occupations": [],
    "approved_service_record": False,
}

ALL_IDS = (
    *(f"4.{n}" for n in range(1, 8)),
    *(f"5.{n}" for n in range(1, 5)),
    *(f"6.{n}" for n in range(1, 4)),
    *(f"7.{n}" for n in range(1, 4)),
    *(f"8.{n}" for n in range(1, 5)),
)


@pytest.fixture(autouse=True)
def _no_reference_date_setting(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests set DAFTAR_ELIGIBILITY_REFERENCE_DATE themselves."""
    monkeypatch.delenv("DAFTAR_ELIGIBILITY_REFERENCE_DATE", raising=False)
    monkeypatch.delenv("DAFTAR_MINIMUM_WORKING_AGE", raising=False)
    monkeypatch.delenv("DAFTAR_TIMEZONE", raising=False)
    yield


def run(*argv: str, now: datetime = NOW) -> int:
    return main(["eligibility", *argv], now=lambda: now)


def answers_file(tmp_path: Path, **changes: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**QUALIFIED, **changes}, ensure_ascii=False), "utf-8")
    return str(path)


def check_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert run("check", *argv, "--json") == 0
    output: dict[str, object] = json.loads(capsys.readouterr().out)
    return output


# ---- one applicant, JSON ----


def test_json_answers_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = check_json(capsys, "--role", "manager", "--answers", answers_file(tmp_path))
    assert result["edition"] == "1392"
    assert result["role"] == "manager"
    assert result["reference_date"] == "1403/08/15"
    assert result["verdict"] == "eligible"
    assert result["waiting_on"] == ["5.4"]
    assert result["priority"] == []
    assert result["eligible_from"] is None
    conditions = result["conditions"]
    assert isinstance(conditions, list)
    manager = "4.1 4.2 4.3 4.4 4.5 4.6 4.7 5.1 5.2 5.3 5.4 8.1 8.2 8.3 8.4"
    assert [c["id"] for c in conditions] == manager.split()
    assert {c["id"]: c["status"] for c in conditions}["5.4"] == "needs_official_decision"
    assert result["declarations"] == ["4.2", "4.3", "4.4", "4.5", "4.7"]
    assert result["decisions"] == ["5.4"]
    first = conditions[0]
    assert first["text"] == "تابعیت کشور جمهوری اسلامی ایران"
    assert first["kind"] == "decided"


def test_json_answers_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {**QUALIFIED, "birth_date": "۱۳۷۹/۰۱/۰۱", "approved_service_record": True}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(answers, ensure_ascii=False)))
    result = check_json(capsys, "--role", "manager", "--answers", "-", "--on", "1403/07/01")
    assert result["verdict"] == "not_eligible"
    statuses = {c["id"]: c["status"] for c in result["conditions"]}  # type: ignore[attr-defined]
    assert statuses["5.2"] == "not_met"
    assert [key for key, value in statuses.items() if value == "not_met"] == ["5.2"]
    assert result["eligible_from"] == "1404/01/01"
    # The note to Article 5 applies "in addition to" the conditions: not to an ineligible manager.
    assert result["priority"] == []


def test_the_priority_of_an_eligible_manager(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answers_file(tmp_path, approved_service_record=True)
    result = check_json(capsys, "--role", "manager", "--answers", path)
    assert result["verdict"] == "eligible"
    assert result["priority"] == [
        {
            "id": "5.note",
            "reason": "You have an approved record of service: at the Directorate's discretion, "
            "it gives you priority.",
            "text": "علاوه بر شرایط عمومی و اختصاصی فوق، افرادی که دارای سوابق خدمتی تایید شده "
            "باشند به تشخیص اداره کل، در اولویت قرار دارند.",
        }
    ]


def test_the_plain_output_names_the_verdict_and_each_clause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run("check", "--role", "clerk", "--answers", answers_file(tmp_path, criminal_record=True))
        == 0
    )
    out = capsys.readouterr().out
    assert "verdict: not_eligible" in out
    assert "4.5  not_met" in out


def test_a_clause_waiting_for_the_directorate_is_named_beside_the_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answers_file(tmp_path, degree_field="related")
    result = check_json(capsys, "--role", "it_expert", "--answers", path)
    assert result["verdict"] == "eligible"  # the values scripts read are unchanged
    assert result["waiting_on"] == ["7.1", "7.3"]
    assert run("check", "--role", "it_expert", "--answers", path) == 0
    out = capsys.readouterr().out
    assert (
        "verdict: eligible (Eligible, subject to the Directorate's decision on 7.1, 7.3: nothing "
        "else you told us rules you out)"
    ) in out
    assert "waiting on the Directorate's decision: 7.1, 7.3" in out


def test_a_barred_applicant_is_told_the_bar_in_the_plain_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answers_file(tmp_path, barred_occupations=["government_employee"])
    assert run("check", "--role", "clerk", "--answers", path) == 0
    out = capsys.readouterr().out
    assert "verdict: not_eligible (Not eligible)" in out
    assert "8.4  not_met" in out and "serving judges among them" in out


def test_unknown_answers_make_an_undetermined_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "few.json"
    path.write_text('{"citizenship": "iranian", "criminal_record": null}', "utf-8")
    result = check_json(capsys, "--role", "clerk", "--answers", str(path))
    assert result["verdict"] == "undetermined"
    assert "4.5" in result["unknown"]  # type: ignore[operator]


# ---- the reference date ----


def test_on_sets_the_reference_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = answers_file(tmp_path, birth_date="1378/09/10")
    before = check_json(capsys, "--role", "legal_expert", "--answers", path, "--on", "1403/09/09")
    assert before["verdict"] == "not_eligible"
    assert before["eligible_from"] == "1403/09/10"
    after = check_json(capsys, "--role", "legal_expert", "--answers", path, "--on", "۱۴۰۳/۰۹/۱۰")
    assert after["verdict"] == "eligible"
    assert after["reference_date"] == "1403/09/10"


def test_the_setting_gives_the_reference_date_when_on_is_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DAFTAR_ELIGIBILITY_REFERENCE_DATE", "1400/01/15")
    path = answers_file(tmp_path)
    assert (
        check_json(capsys, "--role", "clerk", "--answers", path)["reference_date"] == "1400/01/15"
    )
    on = check_json(capsys, "--role", "clerk", "--answers", path, "--on", "1401/02/02")
    assert on["reference_date"] == "1401/02/02"


def test_without_on_or_setting_the_reference_date_is_today_in_tehran(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 21:00 UTC on 19 March 2024 is 00:30 on 1403/01/01 in Tehran.
    assert (
        run(
            "check",
            "--role",
            "clerk",
            "--answers",
            answers_file(tmp_path),
            "--json",
            now=datetime(2024, 3, 19, 21, 0, tzinfo=UTC),
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["reference_date"] == "1403/01/01"


def test_a_bad_reference_date_setting_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DAFTAR_ELIGIBILITY_REFERENCE_DATE", "1400/13/01")
    assert run("check", "--role", "clerk", "--answers", answers_file(tmp_path)) == 2
    captured = capsys.readouterr()
    assert "DAFTAR_ELIGIBILITY_REFERENCE_DATE" in captured.err
    assert captured.out == ""


@pytest.mark.parametrize("bad", ["1403/12/31", "tomorrow", "03/01/01"])
def test_an_impossible_on_date_is_named(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("check", "--role", "clerk", "--answers", answers_file(tmp_path), "--on", bad) == 2
    captured = capsys.readouterr()
    assert "--on" in captured.err
    assert captured.out == ""


def test_a_date_before_the_directive_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run("check", "--role", "clerk", "--answers", answers_file(tmp_path), "--on", "1390/01/01")
        == 2
    )
    assert "--on: no edition" in capsys.readouterr().err


# ---- bad input: exit 2, the field named, nothing on standard output ----


def _fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert run(*argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_an_unknown_role_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails(capsys, "check", "--role", "judge", "--answers", answers_file(tmp_path))
    assert "--role" in err and "judge" in err


def test_an_unknown_fact_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails(
        capsys, "check", "--role", "clerk", "--answers", answers_file(tmp_path, height=180)
    )
    assert "height" in err


@pytest.mark.parametrize(
    ("fact", "value"),
    [
        ("degree", "phd"),
        ("gender", "other"),
        ("criminal_record", "maybe"),
        ("seminary_level", 5),
        ("experience_years", -1),
        ("barred_occupations", ["pilot"]),
        ("barred_occupations", {"attorney": "perhaps"}),
        ("birth_date", "1370/13/01"),
        ("birth_date", "1371/12/30"),  # 1371 has no Esfand 30
    ],
)
def test_an_unknown_value_is_named(
    fact: str, value: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _fails(
        capsys, "check", "--role", "clerk", "--answers", answers_file(tmp_path, **{fact: value})
    )
    assert f"{fact}:" in err


def test_every_bad_answer_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = answers_file(tmp_path, degree="phd", gender="x", height=2)
    err = _fails(capsys, "check", "--role", "clerk", "--answers", path)
    assert "degree:" in err and "gender:" in err and "height:" in err


def test_a_birth_date_in_the_future_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _fails(
        capsys,
        "check",
        "--role",
        "clerk",
        "--answers",
        answers_file(tmp_path, birth_date="1404/01/01"),
    )
    assert "birth_date: The date of birth 1404/01/01 is in the future." in err


def test_implausible_experience_is_refused_as_a_plausibility_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answers_file(tmp_path, birth_date="1380/01/01", experience_years=12)
    err = _fails(capsys, "check", "--role", "manager", "--answers", path)
    assert (
        "experience_years: 12 years of experience on 1403/08/15 is more than the time since you "
        "turned 15 on 1395/01/01. This is only a check of plausibility"
    ) in err
    assert "not a rule of the directive" in err and "DAFTAR_MINIMUM_WORKING_AGE=15" in err
    assert "--confirm-experience" in err


def test_confirm_experience_keeps_an_answer_beyond_the_plausibility_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answers_file(tmp_path, birth_date="1380/01/01", experience_years=12)
    result = check_json(capsys, "--role", "manager", "--answers", path, "--confirm-experience")
    assert {c["id"]: c["status"] for c in result["conditions"]}["5.3"] == "met"  # type: ignore[attr-defined]
    # A date of birth in the future still cannot be confirmed.
    future = answers_file(tmp_path, birth_date="1404/01/01")
    err = _fails(capsys, "check", "--role", "clerk", "--answers", future, "--confirm-experience")
    assert "is in the future" in err


def test_experience_is_counted_up_to_the_reference_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Born 1380/01/01: 15 on 1395/01/01; 8 years and 7 months later is today, 1403/08/15.
    twelve = answers_file(tmp_path, birth_date="1380/01/01", experience_years=12)
    later = check_json(capsys, "--role", "manager", "--answers", twelve, "--on", "1408/01/01")
    reason = {c["id"]: c["reason"] for c in later["conditions"]}["5.3"]  # type: ignore[attr-defined]
    assert reason == (
        "On 1408/01/01, you have 12 years of relevant work experience; the clause asks for at "
        "least 5 years."
    )
    eight = answers_file(tmp_path, birth_date="1380/01/01", experience_years=8)
    assert run("check", "--role", "manager", "--answers", eight) == 0
    capsys.readouterr()
    err = _fails(capsys, "check", "--role", "manager", "--answers", eight, "--on", "1400/01/01")
    assert "8 years of experience on 1400/01/01 is more than the time since you turned 15" in err


@pytest.mark.parametrize(
    ("given", "status", "shown"),
    [
        ("4 years and 6 months", "not_met", "4 years and 6 months"),
        ("۴ سال و ۶ ماه", "not_met", "4 years and 6 months"),
        ("54 months", "not_met", "4 years and 6 months"),
        ("۶۰ ماه", "met", "5 years"),
        ("4.5", "not_met", "4 years and 6 months"),
        ("۵٫۲۵", "met", "5 years and 3 months"),
        ("7 months", "not_met", "7 months"),
        ("1 year 1 month", "not_met", "1 year and 1 month"),
    ],
)
def test_experience_in_years_and_months(
    given: str, status: str, shown: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answers_file(tmp_path, experience_years=given)
    result = check_json(capsys, "--role", "manager", "--answers", path)
    [line] = [c for c in result["conditions"] if c["id"] == "5.3"]  # type: ignore[attr-defined]
    assert line["status"] == status
    assert line["reason"].startswith(f"On 1403/08/15, you have {shown} of relevant work")


@pytest.mark.parametrize("bad", ["five", "3 weeks", "ماه", "101", "-2 months", "3 years and"])
def test_experience_that_is_no_length_is_named(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _fails(
        capsys,
        "check",
        "--role",
        "manager",
        "--answers",
        answers_file(tmp_path, experience_years=bad),
    )
    assert "experience_years: Expected years of experience" in err


def test_the_minimum_working_age_setting_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = answers_file(tmp_path, birth_date="1380/01/01", experience_years=7)
    assert run("check", "--role", "manager", "--answers", path) == 0
    capsys.readouterr()
    monkeypatch.setenv("DAFTAR_MINIMUM_WORKING_AGE", "18")
    assert "since you turned 18" in _fails(capsys, "check", "--role", "manager", "--answers", path)


def test_answers_that_are_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{citizenship: iranian", "utf-8")
    assert "--answers: not JSON" in _fails(
        capsys, "check", "--role", "clerk", "--answers", str(path)
    )


def test_a_missing_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails(capsys, "check", "--role", "clerk", "--answers", str(tmp_path / "none.json"))
    assert "--answers: cannot read" in err


# ---- many applicants, CSV ----

FACT_COLUMNS = list(QUALIFIED)


def _random_row(rng: random.Random, index: int) -> dict[str, str]:
    qualified = rng.random() < 0.4  # a share of applicants answer everything, and well

    def maybe(*values: str) -> str:
        if qualified:
            return values[0]
        return rng.choice([*values, ""]) if values else ""

    held = rng.sample(
        ["attorney", "merchant", "government_employee", "dismissed_judge"], rng.choice([0, 0, 1, 2])
    )
    occupations = maybe(";".join(held) or "none", "attorney=no;merchant=no")
    year = rng.randint(1345, 1370) if qualified else rng.randint(1345, 1385)
    # Plausible experience only: no more years than since the age of 15 (and then some margin).
    experience = [
        v
        for v, years in (("۸", 8), ("0", 0), ("3", 3), ("5", 5), ("7.5", 7.5))
        if years <= 1402 - year - 16
    ]
    return {
        "id": f"A{index:04d}",
        "citizenship": maybe("iranian", "iranian", "other"),
        "constitution_commitment": maybe("true", "yes", "بله", "1"),
        "islam_commitment": maybe("true", "yes", "no"),
        "drug_addiction": maybe("false", "no", "خیر", "0", "yes"),
        "criminal_record": maybe("false", "no", "true"),
        "able_bodied": maybe("true", "1"),
        "gender": maybe("male", "female"),
        "military_service": maybe("completed", "permanent_exemption", "other"),
        "degree": maybe("bachelor", "diploma", "master", "doctorate"),
        "degree_field": maybe("law", "fiqh", "judicial_sciences", "related", "other"),
        "birth_date": maybe(f"{year}/{rng.randint(1, 12):02d}/{rng.randint(1, 29):02d}"),
        "experience_years": maybe(*experience),
        "computer_skills": maybe("true", "false"),
        "barred_occupations": occupations,
        "approved_service_record": maybe("true", "false"),
    }


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", *FACT_COLUMNS])
        writer.writeheader()
        writer.writerows(rows)


def test_a_csv_of_1000_applicants(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(1392)
    rows = [_random_row(rng, index) for index in range(1000)]
    path = tmp_path / "applicants.csv"
    _write_csv(path, rows)
    assert run("check", "--role", "manager", "--csv", str(path), "--on", "1403/07/01") == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # not a terminal: no progress
    output = list(csv.reader(io.StringIO(captured.out)))
    assert output[0] == ["id", "verdict", "unmet", "unknown", "waiting_on"]
    assert len(output) == 1001
    verdicts = {line[1] for line in output[1:]}
    assert verdicts == {"eligible", "not_eligible", "undetermined"}
    # Each line agrees with the rules applied directly.
    on = jdatetime.date(1403, 7, 1)
    for row, line in zip(rows, output[1:], strict=True):
        answers = {key: value or None for key, value in row.items() if key != "id"}
        sheet = evaluate(Role.MANAGER, parse_answers(answers, today=TODAY), on)
        assert line == [
            row["id"],
            sheet.verdict.value,
            ";".join(sheet.unmet),
            ";".join(sheet.unknown),
            ";".join(sheet.waiting_on),
        ]


def test_a_long_csv_shows_progress_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(7)
    path = tmp_path / "applicants.csv"
    _write_csv(path, [_random_row(rng, index) for index in range(1000)])
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert run("check", "--role", "clerk", "--csv", str(path)) == 0
    captured = capsys.readouterr()
    assert "1000/1000" in captured.err
    assert len(captured.out.splitlines()) == 1001


def test_csv_cells_in_every_accepted_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "forms.csv"
    path.write_text(
        "\ufeffid,citizenship,criminal_record,gender,barred_occupations,birth_date\n"
        "a,iranian,خیر,female,none,۱۳۷۰/۰۱/۰۱\n"
        "b,iranian,بله,,attorney;merchant,\n"
        "c,,0,male,attorney=no;legal_adviser=no;official_expert=no,1370/1/1\n",
        "utf-8",
    )
    assert run("check", "--role", "clerk", "--csv", str(path), "--on", "1403/01/01") == 0
    lines = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    by_id = {line[0]: line for line in lines[1:]}
    assert by_id["a"][1] == "undetermined" and "4.5" not in by_id["a"][3]
    assert by_id["a"][3].split(";")[:2] == ["4.2", "4.3"]
    assert by_id["b"][1:3] == ["not_eligible", "4.5;8.1;8.3"]
    assert "8.1" not in by_id["c"][3] and "8.2" in by_id["c"][3] and "4.1" in by_id["c"][3]


def test_a_csv_names_the_clauses_waiting_for_the_directorate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "waiting.csv"
    _write_csv(
        path,
        [
            {"id": "related", **_cells(QUALIFIED), "degree_field": "related"},
            {"id": "no_skills", **_cells(QUALIFIED), "computer_skills": "false"},
        ],
    )
    assert run("check", "--role", "it_expert", "--csv", str(path)) == 0
    lines = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert lines == [
        ["id", "verdict", "unmet", "unknown", "waiting_on"],
        ["related", "eligible", "", "", "7.1;7.3"],
        ["no_skills", "not_eligible", "7.3", "", ""],
    ]


def _cells(answers: dict[str, object]) -> dict[str, str]:
    """Answers as CSV cells."""
    cells = {}
    for key, value in answers.items():
        if isinstance(value, bool):
            cells[key] = "true" if value else "false"
        elif isinstance(value, list):
            cells[key] = ";".join(value) or "none"
        else:
            cells[key] = str(value)
    return cells


def test_a_csv_with_bad_rows_reports_every_one_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,degree,criminal_record,birth_date,experience_years,barred_occupations\n"
        "ok1,bachelor,no,1370/01/01,5,none\n"
        "bad2,phd,no,1370/01/01,5,none\n"
        "ok3,master,yes,1370/01/01,,\n"
        "bad4,bachelor,maybe,1370/13/01,5,pilot\n"
        "bad5,bachelor,no,1410/01/01,,\n"
        "bad6,bachelor,no,1380/01/01,20,\n"
        "ok1,bachelor,no,1370/01/01,5,none\n",
        "utf-8",
    )
    assert run("check", "--role", "manager", "--csv", str(path)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err
    assert "line 3, column degree:" in err
    assert "line 5, column criminal_record:" in err
    assert "line 5, column birth_date:" in err
    assert "line 5, column barred_occupations:" in err
    assert "line 6, column birth_date: The date of birth 1410/01/01 is in the future." in err
    assert "line 7, column experience_years:" in err and "check of plausibility" in err
    assert "line 8, column id:" in err and "already used on line 2" in err
    assert "line 2," not in err and "line 4," not in err


def test_a_csv_with_an_unknown_column_or_no_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,height\nx,1\n", "utf-8")
    err = _fails(capsys, "check", "--role", "clerk", "--csv", str(path))
    assert "line 1, column height:" in err
    assert "line 1, column id:" in err


def test_a_csv_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("id,citizenship\nx,other\n"))
    assert run("check", "--role", "clerk", "--csv", "-") == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("x,not_eligible,4.1,")


# ---- coverage ----


def test_coverage_lists_every_clause_and_none_is_missing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("coverage") == 0
    out = capsys.readouterr().out
    for clause in (*ALL_IDS, "5.note"):
        assert f"\n{clause}" in out, clause
    assert "8.4 (printed ۳)" in out
    assert "word for word" in out
    assert "none is missing" in out


def test_coverage_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("coverage", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["missing"] == []
    encoded = {c["id"]: c["encoded_as"] for c in document["clauses"]}
    assert [i for i, how in encoded.items() if how == "condition"] == list(ALL_IDS)
    assert encoded["5.note"] == "priority"


# ---- the command inside another parser ----


def test_register_adds_the_command_to_any_parser() -> None:
    parser = argparse.ArgumentParser(prog="daftar")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["eligibility", "check", "--role", "it_expert", "--answers", "-"])
    assert args.role == "it_expert" and callable(args.handler)
    assert callable(parser.parse_args(["eligibility", "coverage"]).handler)
