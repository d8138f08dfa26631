"""`daftar inspections|cases|decisions|appeals|notices` and `daftar offices invite|unlink`, run
through `main(argv)` on a real store, as an operator would type them."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import jdatetime
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain.appeals import file_appeal
from bot.domain.cases import open_case_from_complaints
from bot.domain.decisions import mark_served
from bot.domain.inspections import record_findings, schedule_inspection
from bot.operator import appeals as appeals_cli
from bot.operator import cases as cases_cli
from bot.operator import decisions as decisions_cli
from bot.operator import inspections as inspections_cli
from bot.operator import notices as notices_cli
from bot.operator import offices as offices_cli
from bot.text.persian import to_persian_digits
from storage import complaints as complaint_store
from storage import managers
from storage import notices as notice_store
from storage.database import migrate, open_engine, session_factory
from storage.models import (
    Appeal,
    AuditEntry,
    Base,
    Case,
    Complaint,
    Decision,
    Identity,
    Inspection,
    InviteCode,
    ManagerLink,
    Notice,
    Office,
    OutboxMessage,
)
from tests.store.board_builders import carried_sitting
from tests.store.test_discipline import (
    COMPLAINANT_MOBILE,
    COMPLAINANT_NAME,
    OFFICE,
    add_complaint,
    add_office,
    at,
    bare_case,
    decide,
    jd,
    link,
)

#: What `decisions record` names besides its ruling: the sitting that carried it, the text.
RULED = ["--sitting", "{sitting}", "--ruling", "رأی هیئت"]

#: Noon in Tehran on 1403/08/15.
NOW = at(1403, 8, 15)
MANAGER_CHAT = 7_000_000_001

_T = TypeVar("_T")


def on_store(url: str, work: Callable[[AsyncSession], Awaitable[_T]]) -> _T:
    """Run *work* in one transaction on the (migrated) store at *url*."""

    async def _main() -> _T:
        db = open_engine(url)
        try:
            await migrate(db)
            sessions: async_sessionmaker[AsyncSession] = session_factory(db)
            async with sessions() as session, session.begin():
                return await work(session)
        finally:
            await db.dispose()

    return asyncio.run(_main())


#: Each command group's module, by the group's name (the first word of a command line).
GROUPS = {
    "inspections": inspections_cli,
    "cases": cases_cli,
    "decisions": decisions_cli,
    "appeals": appeals_cli,
    "notices": notices_cli,
}


def run(argv: list[str], now: datetime = NOW) -> int:
    return GROUPS[argv[0]].main(argv, now=lambda: now)


def run_offices(argv: list[str], now: datetime = NOW) -> int:
    return offices_cli.main(argv, now=lambda: now)


def settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


def snapshot(url: str) -> dict[str, list[str]]:
    """Every row of every table, and the reports kept: to prove nothing was written."""

    async def _dump(session: AsyncSession) -> dict[str, list[str]]:
        dump: dict[str, list[str]] = {}
        for table in Base.metadata.sorted_tables:
            rows = await session.execute(select(table))
            dump[table.name] = sorted(repr(tuple(row)) for row in rows)
        return dump

    dump = on_store(url, _dump)
    reports = Path("var/evidence/reports")
    dump["files"] = sorted(p.name for p in reports.iterdir()) if reports.exists() else []
    return dump


@dataclass(frozen=True)
class World:
    """What the store holds before a command: offices, complaints, a case, decisions, appeals."""

    manager_id: int
    fa: str  # a complaint against 2001, in Persian, no consent: in the open case
    en: str  # a complaint against 2001, in English, with consent
    withdrawn: str  # a complaint against 2001, withdrawn
    other_office: str  # a complaint against 2002
    open_case: int
    warning: int  # degree 2, final on 1403/04/01 (committed 1403/03/01)
    suspension: int  # degree 5, 3 months, pending, not served
    revocation: int  # degree 6, served 1403/08/10, appealed by the Head of the Center
    appeal: int
    upcoming: int  # an inspection on 1403/08/20 10:00
    recorded: int  # an inspection whose findings (none) are recorded
    sitting: int  # the Board's sitting on open_case: found 25.12 and 25.6, carried degree 3


@pytest.fixture
def world(url: str) -> World:
    config = settings()

    async def _seed(session: AsyncSession) -> World:
        manager = await add_office(session)
        await link(session, manager.id, at(1402, 1, 16), user_id=MANAGER_CHAT)
        await add_office(session, code="2002", manager_mobile="09120000002")
        await add_office(session, code="2003", manager_mobile="09120000003", status="closed")
        fa = await add_complaint(session, at(1403, 8, 1), user_id=111, locale="fa")
        en = await add_complaint(session, at(1403, 8, 1), user_id=222, locale="en", consent=True)
        withdrawn = await add_complaint(session, at(1403, 8, 1), user_id=333)
        await complaint_store.add_event(session, withdrawn.id, "withdrawn", at(1403, 8, 3))
        other = await add_complaint(session, at(1403, 8, 1), user_id=444, office_code="2002")
        warning = await decide(
            session, config, at(1403, 4, 1), committed_on=jd(1403, 3, 1), sanction=2
        )
        suspension = await decide(
            session, config, at(1403, 8, 1), committed_on=jd(1403, 7, 1), sanction=5, months=3
        )
        revocation = await decide(
            session, config, at(1403, 8, 10), committed_on=jd(1403, 8, 1), sanction=6
        )
        await mark_served(
            session, config, at(1403, 8, 10), decision_id=revocation.id, on=jd(1403, 8, 10)
        )
        appeal = await file_appeal(
            session,
            config,
            at(1403, 8, 11),
            decision_id=revocation.id,
            by="center_head",
            grounds="the evidence was not heard",
        )
        case = await open_case_from_complaints(
            session, config, at(1403, 8, 12), office_code=OFFICE, tracking_codes=[fa.tracking_code]
        )
        upcoming, _ = await schedule_inspection(
            session,
            config,
            at(1403, 8, 12),
            office_code=OFFICE,
            kind="periodic",
            at=at(1403, 8, 20, 10),
        )
        done, _ = await schedule_inspection(
            session, config, at(1403, 8, 1), office_code=OFFICE, kind="ad_hoc", at=at(1403, 8, 5)
        )
        await record_findings(
            session,
            config,
            at(1403, 8, 6),
            inspection_id=done.id,
            findings=[],
            report_path="/archive/report-1.pdf",
        )
        sitting = await carried_sitting(
            session, config, at(1403, 8, 14), case, violations=["25.12", "25.6"], sanction=3
        )
        return World(
            manager.id,
            fa.tracking_code,
            en.tracking_code,
            withdrawn.tracking_code,
            other.tracking_code,
            case.id,
            warning.id,
            suspension.id,
            revocation.id,
            appeal.id,
            upcoming.id,
            done.id,
            sitting.id,
        )

    return on_store(url, _seed)


def stored(url: str, model: type[_T], key: Any) -> _T:
    async def _get(session: AsyncSession) -> _T:
        found = await session.get(model, key)
        assert found is not None
        return found

    return on_store(url, _get)


def rows(url: str, model: type[_T], *where: Any) -> list[_T]:
    async def _all(session: AsyncSession) -> list[_T]:
        return list(await session.scalars(select(model).where(*where)))

    return on_store(url, _all)


# ---- offices invite and unlink ----


def test_invite_prints_a_code_its_expiry_and_the_telegram_link(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    on_store(url, lambda s: managers.set_bot_account(s, "telegram", "daftar_bot", NOW))
    on_store(url, lambda s: managers.set_bot_account(s, "bale", "daftar_bale_bot", NOW))
    assert run_offices(["offices", "invite", to_persian_digits(OFFICE)]) == 0
    captured = capsys.readouterr()
    [code] = re.findall(r"^code: (\S+)$", captured.out, re.MULTILINE)
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{8}", code)
    assert "expires: 1403/08/22 12:00 (Tehran)\n" in captured.out
    assert f"telegram: https://t.me/daftar_bot?start={code}" in captured.out
    assert "bale" not in captured.out  # no Bale deep link until proven
    assert f"/start {code}" in captured.err

    assert run_offices(["offices", "invite", OFFICE, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"code", "expires", "links"}
    assert document["expires"] == (NOW + timedelta(days=7)).isoformat()
    assert document["links"] == {"telegram": f"https://t.me/daftar_bot?start={document['code']}"}
    invites = {i.code: i for i in rows(url, InviteCode)}
    assert invites[document["code"]].manager_id == world.manager_id
    # The newer code replaced the earlier unused one.
    assert invites[code].expires_at == NOW
    assert invites[document["code"]].expires_at == NOW + timedelta(days=7)


def test_invite_without_a_known_username_has_no_link(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_offices(["offices", "invite", OFFICE, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["links"] == {}
    assert "no Telegram link" in captured.err


def test_unlink_revokes_the_offices_links_and_codes(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_offices(["offices", "invite", OFFICE]) == 0
    assert run_offices(["offices", "unlink", OFFICE]) == 0
    assert "1 linked chat revoked, 1 unused invite code expired" in capsys.readouterr().err
    [kept] = rows(url, ManagerLink)
    assert kept.revoked_at == NOW  # revoked, its history kept
    assert run_offices(["offices", "unlink", OFFICE]) == 2
    assert "CODE: office 2001 has no linked chat" in capsys.readouterr().err


# ---- inspections ----


def test_scheduling_an_inspection_queues_its_notice(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["inspections", "schedule", "--office", OFFICE, "--kind", "ad-hoc"]
    argv += ["--at", "۱۴۰۳/۰۸/۲۵ ۰۹:۳۰", "--inspector", "رضا رضایی", "--json"]
    assert run(argv) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["kind"] == "ad_hoc"
    assert document["at"] == "2024-11-15T06:00:00+00:00"  # 09:30 in Tehran (UTC+3:30)
    assert document["at_tehran"] == "1403/08/25 09:30"
    assert document["deliveries"] == 1
    notice = stored(url, Notice, document["notice_id"])
    assert (notice.kind, notice.subject_id) == ("inspection", document["id"])
    [row] = rows(url, OutboxMessage, OutboxMessage.notice_id == notice.id)
    assert row.chat_id == MANAGER_CHAT
    assert "بازرسی موردی" in row.payload["text"]
    assert "queued to the manager's 1 linked chat" in captured.err


def test_recording_findings_keeps_the_report_and_opens_a_case(
    url: str, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.PDF"
    report.write_bytes(b"%PDF report")
    later = at(1403, 8, 21)
    argv = ["inspections", "record", str(world.upcoming), "--findings", "25.1, 9"]
    assert run([*argv, "--report", str(report)], later) == 0
    err = capsys.readouterr().err
    inspection = stored(url, Inspection, world.upcoming)
    assert inspection.findings == ["25.1", "25.9"]
    kept = Path(inspection.report_path or "")
    assert kept.is_absolute() and kept.read_bytes() == b"%PDF report"
    assert kept.parent == (tmp_path / "var" / "evidence" / "reports").resolve()
    assert kept.suffix == ".pdf"
    [case] = rows(url, Case, Case.inspection_id == world.upcoming)
    assert case.source == "inspection"
    assert f"case #{case.id} opened on the findings" in err

    assert run(["inspections", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [i["findings"] for i in listed] == [["25.1", "25.9"], []]


def test_21_an_unannounced_visit_is_recorded_with_its_findings_and_no_notice(
    url: str, world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "visit.pdf"
    report.write_bytes(b"%PDF visit")
    notices_before = len(rows(url, OutboxMessage, OutboxMessage.chat_id == MANAGER_CHAT))
    argv = ["inspections", "record", "--unannounced", "--office", OFFICE, "--at"]
    argv += ["۱۴۰۳/۰۸/۱۵ ۱۰:۰۰", "--inspector", "رضا رضایی", "--findings", "25.2"]
    assert run([*argv, "--report", str(report)]) == 0
    err = capsys.readouterr().err
    [visit] = rows(url, Inspection, Inspection.announced.is_(False))
    assert (visit.kind, visit.office_code, visit.inspector) == ("ad_hoc", OFFICE, "رضا رضایی")
    assert visit.visited_at == at(1403, 8, 15, 10) and visit.findings == ["25.2"]
    assert Path(visit.report_path or "").read_bytes() == b"%PDF visit"
    assert f"unannounced ad-hoc visit #{visit.id} recorded; no notice was sent" in err
    [case] = rows(url, Case, Case.inspection_id == visit.id)
    assert f"case #{case.id} opened on the findings" in err
    assert len(rows(url, OutboxMessage, OutboxMessage.chat_id == MANAGER_CHAT)) == notices_before


# ---- cases ----


def test_a_case_on_complaints_and_its_mitigation(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["cases", "open", "--office", OFFICE, "--complaint", world.en]
    assert run([*argv, "--complaint", to_persian_digits(world.withdrawn)]) == 0
    err = capsys.readouterr().err
    assert "referred to the Primary Disciplinary Board" in err
    assert f"mitigation: complaint {world.withdrawn} was withdrawn" in err
    assert "Article 26, note 2" in err
    complaint = rows(url, Complaint, Complaint.tracking_code == world.en)[0]
    assert complaint.status == "referred_to_board"

    assert run(["cases", "list"]) == 0
    out = capsys.readouterr().out
    assert f"{world.withdrawn} (withdrawn)" in out
    assert "its sanction must be mitigated (Article 26, note 2)" in out

    assert run(["cases", "list", "--json"]) == 0
    cases = json.loads(capsys.readouterr().out)
    new = next(
        c for c in cases if c["complaints"] and c["complaints"][0]["tracking_code"] == world.en
    )
    assert [m["tracking_code"] for m in new["mitigation"]] == [world.withdrawn]
    assert new["status"] == "open"

    assert run(["cases", "show", str(new["id"]), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["mitigation"] == new["mitigation"] and shown["decision"] is None
    assert shown["mitigation"][0]["withdrawn_at"] == "2024-10-24T08:30:00+00:00"
    assert run(["cases", "show", str(new["id"])]) == 0
    # The text shows the moment as a Jalali date and time in Tehran, not as ISO UTC.
    assert (
        f"{world.withdrawn}: referred_to_board, 25.12, incident 1403/05/01, "
        "withdrawn 1403/08/03 12:00" in capsys.readouterr().out
    )


# ---- decisions ----


def test_recording_a_decision_tells_everyone_what_they_may_know(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["decisions", "record", "--case", str(world.open_case), "--violations", "25.12,25.6"]
    argv += ["--committed-on", "1403/08/01", "--sanction", "3", "--json"]
    argv += ["--sitting", str(world.sitting), "--ruling", "رأی هیئت"]
    argv += ["--crime-authority", "دادسرای مشهد", "--crime-on", "1403/08/14"]
    argv += ["--crime-reference", "123/K"]
    assert run(argv) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert (document["sanction"], document["status"], document["crime_referral"]) == (
        3,
        "final",
        True,
    )
    assert document["final_at"] == NOW.isoformat()
    assert document["complainants_told"] == [{"tracking_code": world.fa, "locale": "fa"}]
    assert "Article 23, degree 3: Written reprimand entered in the file" in captured.err
    assert (
        "a crime was reported to دادسرای مشهد on 1403/08/14, reference 123/K (Article 26)"
    ) in captured.err
    assert f"ruled in sitting #{world.sitting} (Article 22, note 2)" in captured.err
    [entry] = rows(url, AuditEntry, AuditEntry.action == "board.decide")
    assert (entry.platform, entry.subject_id, entry.detail) == (
        "cli",
        str(world.open_case),
        f"command line; sitting #{world.sitting}; decision #{document['id']}",
    )
    assert (document["crime_authority"], document["crime_reference"]) == ("دادسرای مشهد", "123/K")
    [row] = rows(url, OutboxMessage, OutboxMessage.notice_id == document["notice_id"])
    for secret in (COMPLAINANT_NAME, COMPLAINANT_MOBILE, world.fa, to_persian_digits(world.fa)):
        assert secret not in row.payload["text"]
    [told] = rows(url, OutboxMessage, OutboxMessage.chat_id == 111, OutboxMessage.created_at == NOW)
    assert to_persian_digits(world.fa) in told.payload["text"]
    assert "۱۲" in told.payload["text"] and "توبیخ" not in told.payload["text"]
    assert rows(url, Complaint, Complaint.tracking_code == world.fa)[0].status == "decided"


def test_violation_before_the_first_known_manager_is_refused_naming_manager_since(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    # The registry first named 2001's manager on 1402/01/15: nobody is on record before then.
    async def _ruled(session: AsyncSession) -> tuple[int, int]:
        case = await bare_case(session, NOW)
        sitting = await carried_sitting(
            session, settings(), NOW, case, violations=["25.12"], sanction=4
        )
        return case.id, sitting.id

    case_id, sitting_id = on_store(url, _ruled)
    argv = ["decisions", "record", "--case", str(case_id), "--violations", "25.12"]
    argv += ["--committed-on", "1401/12/01", "--sanction", "4"]
    argv += ["--sitting", str(sitting_id), "--ruling", "رأی هیئت"]
    before = snapshot(url)
    assert run(argv) == 2
    assert capsys.readouterr().err.strip() == (
        "daftar decisions: --committed-on: office 2001 had no manager on record on 1401/12/01; "
        "a manager is known from the import or the Directorate's act that named them: record "
        "since when the office's first manager managed it, from the Directorate's records, "
        "with `daftar offices manager-since 2001 DATE`"
    )
    assert snapshot(url) == before
    assert run_offices(["offices", "manager-since", "2001", "1401/06/01"]) == 0
    assert run([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["manager_id"] == world.manager_id


def test_an_unlinked_managers_decision_notice_waits(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["cases", "open", "--office", "2002", "--complaint", world.other_office]) == 0
    [case] = rows(url, Case, Case.office_code == "2002")
    sitting = on_store(
        url, lambda s: carried_sitting(s, settings(), NOW, case, violations=["25.8"], sanction=6)
    )
    argv = ["decisions", "record", "--case", str(case.id), "--violations", "25.8", "--json"]
    argv += ["--sitting", str(sitting.id), "--ruling", "رأی هیئت"]
    assert run([*argv, "--committed-on", "1403/08/01", "--sanction", "6"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["deliveries"] == 0
    assert f"notice #{document['notice_id']} waits: the manager has not linked a chat" in (
        captured.err
    )
    assert f"`daftar decisions served {document['id']} --on DATE`" in captured.err
    [notice] = rows(url, Notice, Notice.id == document["notice_id"])
    assert notice.kind == "decision"
    assert rows(url, OutboxMessage, OutboxMessage.notice_id == notice.id) == []


def test_26_note3_refuses_below_the_floor_and_the_command_line_has_no_override(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["cases", "open", "--office", OFFICE, "--complaint", world.en]) == 0
    [case] = rows(url, Case, Case.status == "open", Case.id != world.open_case)
    capsys.readouterr()
    sitting = on_store(
        url, lambda s: carried_sitting(s, settings(), NOW, case, violations=["25.12"], sanction=2)
    )
    argv = ["decisions", "record", "--case", str(case.id), "--violations", "25.12"]
    argv += ["--committed-on", "1403/08/01", "--sanction", "2"]
    argv += ["--sitting", str(sitting.id), "--ruling", "رأی هیئت"]
    before = snapshot(url)
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("daftar decisions: --sanction: ")
    assert "at least degree 3 (Article 26, note 3)" in err
    assert f"decision #{world.warning}, final on 1403/04/01" in err
    assert "Note 3 is mandatory: no one departs from it." in err
    assert snapshot(url) == before
    assert run([*argv, "--override", "a different kind of fault"]) == 2
    assert "unrecognized arguments: --override" in capsys.readouterr().err
    assert snapshot(url) == before


def test_a_decision_without_a_sitting_is_refused(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["decisions", "record", "--case", str(world.open_case), "--violations", "25.12,25.6"]
    argv += ["--committed-on", "1403/08/01", "--sanction", "3", "--ruling", "رأی"]
    before = snapshot(url)
    assert run(argv) == 2
    assert "the following arguments are required: --sitting" in capsys.readouterr().err
    assert snapshot(url) == before


def test_26_note2_a_withdrawn_complaints_case_needs_the_mitigation_on_the_command_line(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["cases", "open", "--office", OFFICE, "--complaint", world.withdrawn]) == 0
    [case] = rows(url, Case, Case.status == "open", Case.id != world.open_case)
    capsys.readouterr()
    sitting = on_store(
        url, lambda s: carried_sitting(s, settings(), NOW, case, violations=["25.12"], sanction=3)
    )
    argv = ["decisions", "record", "--case", str(case.id), "--violations", "25.12"]
    argv += ["--committed-on", "1403/08/01", "--sanction", "3"]
    argv += ["--sitting", str(sitting.id), "--ruling", "رأی هیئت"]
    assert run(argv) == 2
    assert "--mitigation: a complaint of this case was withdrawn" in capsys.readouterr().err
    assert run([*argv, "--mitigation", "the sanction was reduced by one degree"]) == 0
    err = capsys.readouterr().err
    assert f"mitigation: complaint {world.withdrawn} was withdrawn on" in err
    assert "The complainant withdrew the complaint." in err
    assert "mitigation (Article 26, note 2): the sanction was reduced by one degree" in err


def test_25_8_a_staff_member_is_charged_on_the_command_line(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["decisions", "record", "--case", str(world.open_case), "--violations", "25.12,25.6"]
    argv += ["--committed-on", "1403/08/01", "--sanction", "3", "--json"]
    argv += ["--sitting", str(world.sitting), "--ruling", "رأی هیئت"]
    assert run([*argv, "--staff", "رضا موسوی"]) == 2
    assert "--post: one of legal_expert, it_expert, clerk" in capsys.readouterr().err
    assert run([*argv, "--staff", "رضا موسوی", "--post", "clerk"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["offender"], document["offender_name"], document["offender_post"]) == (
        "staff",
        "رضا موسوی",
        "clerk",
    )


def test_a_recorded_service_starts_the_window_and_a_later_command_settles_it(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["decisions", "served", str(world.suspension), "--on", "1403/08/15"]) == 0
    err = capsys.readouterr().err
    assert f"decision #{world.suspension}: served on 1403/08/15 (recorded)" in err
    decision = stored(url, Decision, world.suspension)
    assert (decision.served_at, decision.served_how) == (at(1403, 8, 15, 0), "recorded")

    # Twenty-one days on, any write command settles what is due first.
    later = NOW + timedelta(days=21)
    argv = ["inspections", "schedule", "--office", "2002", "--kind", "periodic"]
    assert run([*argv, "--at", "1403/09/20 10:00"], later) == 0
    err = capsys.readouterr().err
    assert f"settled: decision #{world.suspension}: the appeal window closed on 1403/09/05" in err
    assert "suspended for 3 months, until 1403/12/05" in err
    office = stored(url, Office, OFFICE)
    assert (office.status, office.suspended_until) == ("suspended", jd(1403, 12, 5))
    assert office.status_decided_by == world.suspension

    assert run(["decisions", "list", "--json"]) == 0
    listed = {d["id"]: d for d in json.loads(capsys.readouterr().out)}
    assert listed[world.suspension]["status"] == "final"
    assert listed[world.suspension]["final_at"] == at(1403, 9, 5, 0).isoformat()


# ---- appeals ----


@pytest.mark.parametrize(
    ("ruling", "status", "office_status", "until"),
    [
        (["--uphold"], "final", "revoked", None),
        (["--replace", "5", "--months", "6"], "replaced", "suspended", jd(1404, 2, 15)),
        (["--replace", "2"], "replaced", "active", None),
        (["--overturn"], "overturned", "active", None),
    ],
)
def test_the_appeals_boards_rulings(
    url: str,
    world: World,
    capsys: pytest.CaptureFixture[str],
    ruling: list[str],
    status: str,
    office_status: str,
    until: jdatetime.date | None,
) -> None:
    assert run(["appeals", "rule", str(world.appeal), *ruling]) == 0
    err = capsys.readouterr().err
    decision = stored(url, Decision, world.revocation)
    assert decision.status == status
    assert decision.final_at == (None if status == "overturned" else NOW)
    office = stored(url, Office, OFFICE)
    assert (office.status, office.suspended_until) == (office_status, until)
    appeal = stored(url, Appeal, world.appeal)
    assert (appeal.ruling, appeal.ruled_at) == (
        {"final": "uphold", "replaced": "replace", "overturned": "overturn"}[status],
        NOW,
    )
    [notice] = rows(url, Notice, Notice.kind == "appeal_ruling")
    assert (notice.subject_id, notice.manager_id) == (world.appeal, world.manager_id)
    assert notice.content["decided_on"] == "1403/08/10"
    [row] = rows(url, OutboxMessage, OutboxMessage.notice_id == notice.id)
    assert row.chat_id == MANAGER_CHAT
    assert "هیئت تجدیدنظر" in row.payload["text"]
    assert "notice #" in err and "queued to the manager's 1 linked chat" in err


def test_24_a_ruling_naming_a_sitting_that_did_not_carry_it_is_refused(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    ruling = ["--uphold", "--sitting", "999", "--ruling", "رأی هیئت تجدیدنظر"]
    assert run(["appeals", "rule", str(world.appeal), *ruling]) == 2
    assert "--sitting" in capsys.readouterr().err
    assert stored(url, Appeal, world.appeal).ruling is None
    assert run(["appeals", "rule", str(world.appeal), "--uphold", "--ruling", "متن"]) == 2
    assert "--ruling: goes with --sitting" in capsys.readouterr().err


def test_the_center_head_appeals_an_unserved_suspension(
    url: str, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["appeals", "file", str(world.suspension), "--by", "center_head"]
    assert run([*argv, "--grounds", "the sanction is too light"]) == 0
    assert "recorded; the decision waits for the Appeals Board's ruling" in capsys.readouterr().err
    [appeal] = rows(url, Appeal, Appeal.decision_id == world.suspension)
    assert (appeal.by, appeal.grounds) == ("center_head", "the sanction is too light")
    assert stored(url, Decision, world.suspension).status == "appealed"


# ---- notices ----


def test_notices_list_and_retry(url: str, world: World, capsys: pytest.CaptureFixture[str]) -> None:
    async def _fail_one(session: AsyncSession) -> OutboxMessage:
        row = await session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.notice_id.is_not(None))
            .order_by(OutboxMessage.id)
        )
        assert row is not None
        await notice_store.record(
            session,
            row.id,
            NOW,
            "undeliverable",
            detail="Forbidden: bot was blocked by the user",
            status="undeliverable",
        )
        identity = await session.get(Identity, ("telegram", MANAGER_CHAT))
        assert identity is not None
        identity.blocked_at = NOW
        return row

    failed = on_store(url, _fail_one)
    assert run(["notices", "list", "--status", "undeliverable", "--json"]) == 0
    [document] = json.loads(capsys.readouterr().out)
    assert document["id"] == failed.notice_id
    [delivery] = document["deliveries"]
    assert (delivery["status"], delivery["tries"]) == ("undeliverable", 1)
    assert [a["outcome"] for a in delivery["attempts"]] == ["undeliverable"]
    assert document["acknowledged_at"] is None

    assert run(["notices", "list"]) == 0
    out = capsys.readouterr().out
    assert f"delivery #{failed.id} telegram chat {MANAGER_CHAT}: undeliverable, 1 attempt" in out
    assert "Forbidden: bot was blocked by the user" in out

    assert run(["notices", "retry", str(failed.notice_id)]) == 0
    assert "queued again after 1 attempt" in capsys.readouterr().err
    row = stored(url, OutboxMessage, failed.id)
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 1, None)
    assert stored(url, Identity, ("telegram", MANAGER_CHAT)).blocked_at is None
    assert run(["notices", "retry", str(failed.notice_id)]) == 2
    assert "nothing to retry" in capsys.readouterr().err

    assert run(["notices", "list", "--status", "waiting", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the manager of 2001 is linked


# ---- what the operator reads: Jalali dates, Tehran times, never ISO UTC ----


def test_the_text_output_shows_moments_in_jalali_and_tehran_time(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    said = []
    for argv in (
        ["inspections", "list"],
        ["cases", "list"],
        ["cases", "show", str(world.open_case)],
        ["decisions", "list"],
        ["notices", "list"],
        ["decisions", "served", str(world.suspension), "--on", "1403/08/15"],
        ["appeals", "rule", str(world.appeal), "--uphold"],
    ):
        assert run(argv) == 0
        captured = capsys.readouterr()
        said.append(captured.out + captured.err)
    text = "".join(said)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\+00:00", text)
    inspections, cases, _, decisions, notices, served, ruled = said
    assert re.search(
        rf"^{world.upcoming} +{OFFICE} +periodic +1403/08/20 10:00 ", inspections, re.M
    )
    assert "at (Tehran)" in inspections
    assert f"#{world.open_case}  office {OFFICE}  open  opened 1403/08/12 12:00  " in cases
    assert "appeal #1 by center_head, filed 1403/08/11 12:00" in decisions
    assert "served on 1403/08/10 (recorded)" in decisions
    assert "created 1403/08/12 12:00" in notices
    assert "the appeal window closes on 1403/09/05 00:00 (Tehran)" in served
    assert "final since 1403/08/15" in ruled


# ---- every invalid command line: exit 2, the field named, nothing written ----

INVALID: list[tuple[str, list[str], str]] = [
    # (name, argv — "{…}" filled from the world —, what standard error must say)
    (
        "unknown office",
        [
            "inspections",
            "schedule",
            "--office",
            "9999",
            "--kind",
            "periodic",
            "--at",
            "1403/08/20 10:00",
        ],
        "--office: no office with code 9999",
    ),
    (
        "closed office",
        [
            "inspections",
            "schedule",
            "--office",
            "2003",
            "--kind",
            "periodic",
            "--at",
            "1403/08/20 10:00",
        ],
        "--office: office 2003 is closed",
    ),
    (
        "kind",
        [
            "inspections",
            "schedule",
            "--office",
            OFFICE,
            "--kind",
            "weekly",
            "--at",
            "1403/08/20 10:00",
        ],
        "--kind: unknown kind 'weekly'",
    ),
    (
        "month 13",
        [
            "inspections",
            "schedule",
            "--office",
            OFFICE,
            "--kind",
            "periodic",
            "--at",
            "1403/13/01 10:00",
        ],
        "--at: There is no month 13",
    ),
    (
        "no time",
        ["inspections", "schedule", "--office", OFFICE, "--kind", "periodic", "--at", "1403/08/20"],
        '--at: use "YYYY/MM/DD HH:MM"',
    ),
    (
        "hour 25",
        [
            "inspections",
            "schedule",
            "--office",
            OFFICE,
            "--kind",
            "periodic",
            "--at",
            "1403/08/20 25:00",
        ],
        "--at: 25:00 is not a time of day",
    ),
    (
        "past",
        [
            "inspections",
            "schedule",
            "--office",
            OFFICE,
            "--kind",
            "periodic",
            "--at",
            "1403/08/01 10:00",
        ],
        "--at: 1403/08/01 10:00 (Tehran) is not in the future",
    ),
    (
        "inspector",
        [
            "inspections",
            "schedule",
            "--office",
            OFFICE,
            "--kind",
            "periodic",
            "--at",
            "1403/08/20 10:00",
            "--inspector",
            " ",
        ],
        "--inspector: must not be empty",
    ),
    (
        "note",
        [
            "inspections",
            "schedule",
            "--office",
            OFFICE,
            "--kind",
            "periodic",
            "--at",
            "1403/08/20 10:00",
            "--note",
            "",
        ],
        "--note: must not be empty",
    ),
    (
        "kind missing",
        ["inspections", "schedule", "--office", OFFICE, "--at", "1403/08/20 10:00"],
        "the following arguments are required: --kind",
    ),
    (
        "inspection id",
        ["inspections", "record", "x1", "--findings", "25.1", "--report", "{report}"],
        "ID: an inspection's number is a whole number",
    ),
    (
        "no inspection",
        ["inspections", "record", "99", "--findings", "25.1", "--report", "{report}"],
        "ID: no inspection #99",
    ),
    (
        "not yet",
        ["inspections", "record", "{upcoming}", "--findings", "25.1", "--report", "{report}"],
        "has not taken place yet",
    ),
    (
        "recorded",
        ["inspections", "record", "{recorded}", "--findings", "25.1", "--report", "{report}"],
        "findings were recorded on",
    ),
    (
        "finding",
        ["inspections", "record", "{recorded}", "--findings", "25.99", "--report", "{report}"],
        "--findings: 25.99: Article 25 has clauses 25.1 to 25.14",
    ),
    (
        "no finding",
        ["inspections", "record", "{recorded}", "--findings", " ", "--report", "{report}"],
        "--findings: name clauses of Article 25",
    ),
    (
        "no report",
        ["inspections", "record", "{recorded}", "--findings", "25.1", "--report", "missing.pdf"],
        "--report: no such file: missing.pdf",
    ),
    (
        "empty report",
        ["inspections", "record", "{recorded}", "--findings", "25.1", "--report", "{empty}"],
        "is empty",
    ),
    (
        "unannounced ahead",
        [
            *("inspections", "record", "--unannounced", "--office", OFFICE),
            *("--at", "1403/08/16 10:00", "--findings", "25.1", "--report", "{report}"),
        ],
        "--at: 1403/08/16 10:00 (Tehran) is in the future: an unannounced visit is recorded",
    ),
    (
        "unannounced with an id",
        [
            *("inspections", "record", "{upcoming}", "--unannounced", "--office", OFFICE),
            *("--at", "1403/08/15 10:00", "--findings", "25.1", "--report", "{report}"),
        ],
        "ID: an unannounced visit has no number yet",
    ),
    (
        "office without unannounced",
        [
            *("inspections", "record", "{upcoming}", "--office", OFFICE),
            *("--findings", "25.1", "--report", "{report}"),
        ],
        "--office: only with --unannounced",
    ),
    (
        "case office",
        ["cases", "open", "--office", "9999", "--complaint", "{en}"],
        "--office: no office with code 9999",
    ),
    (
        "bad tracking",
        ["cases", "open", "--office", OFFICE, "--complaint", "12345"],
        "--complaint: A tracking code has 10 digits",
    ),
    (
        "typo tracking",
        ["cases", "open", "--office", OFFICE, "--complaint", "{en_typo}"],
        "--complaint: That tracking code is not valid",
    ),
    (
        "other office",
        ["cases", "open", "--office", OFFICE, "--complaint", "{other_office}"],
        "is against office 2002, not 2001",
    ),
    (
        "in a case",
        ["cases", "open", "--office", OFFICE, "--complaint", "{en}", "{fa}"],
        "--complaint: complaint {fa} is already in case #{open_case}",
    ),
    (
        "twice",
        ["cases", "open", "--office", OFFICE, "--complaint", "{en}", "{en}"],
        "--complaint: {en} given more than once",
    ),
    ("show id", ["cases", "show", "99"], "ID: no case #99"),
    ("show x", ["cases", "show", "x"], "ID: a case's number is a whole number"),
    (
        "case",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "99",
            "--violations",
            "25.12",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "3",
        ],
        "--case: no case #99",
    ),
    (
        "decided case",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{warning_case}",
            "--violations",
            "25.12",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "3",
        ],
        "--case: case #{warning_case} was decided already (decision #{warning})",
    ),
    (
        "violation",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "26.1",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "3",
        ],
        "--violations: 26.1:",
    ),
    (
        "date",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "25.12",
            "--committed-on",
            "1403/07/31",
            "--sanction",
            "3",
        ],
        "--committed-on: That month has only 30 days",
    ),
    (
        "future",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "25.12",
            "--committed-on",
            "1403/08/16",
            "--sanction",
            "3",
        ],
        "--committed-on: 1403/08/16 is in the future",
    ),
    (
        "sanction 7",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "25.12",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "7",
        ],
        "--sanction: Article 23 has six sanctions",
    ),
    (
        "5 without months",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "25.12",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "5",
        ],
        "--months: a temporary suspension (degree 5) needs its length",
    ),
    (
        "30 months",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "25.12",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "5",
            "--months",
            "30",
        ],
        "--months: a suspension lasts 3 to 24 months",
    ),
    (
        "months of a 3",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "25.12",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "3",
            "--months",
            "3",
        ],
        "--months: only a temporary suspension (degree 5) has a length",
    ),
    (
        "not what the sitting carried",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "25.12,25.6",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "4",
        ],
        "--sanction: the ruling is the majority's (Article 22, note 2): sitting #{sitting} "
        "carried degree 3",
    ),
    (
        "a crime without its reference",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "25.12,25.6",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "3",
            "--crime-authority",
            "دادسرا",
        ],
        "--crime-authority: a crime reported (Article 26) is recorded with its authority",
    ),
    (
        "a staff member's post",
        [
            "decisions",
            "record",
            *RULED,
            "--case",
            "{open_case}",
            "--violations",
            "25.12,25.6",
            "--committed-on",
            "1403/08/01",
            "--sanction",
            "3",
            "--staff",
            "رضا",
            "--post",
            "janitor",
        ],
        "--post: one of legal_expert, it_expert, clerk",
    ),
    ("served id", ["decisions", "served", "99", "--on", "1403/08/15"], "ID: no decision #99"),
    (
        "served future",
        ["decisions", "served", "{suspension}", "--on", "1403/08/16"],
        "--on: 1403/08/16 is in the future",
    ),
    (
        "served early",
        ["decisions", "served", "{suspension}", "--on", "1403/07/30"],
        "--on: 1403/07/30 is before the decision (decided on 1403/08/01)",
    ),
    (
        "served twice",
        ["decisions", "served", "{revocation}", "--on", "1403/08/12"],
        "ID: decision #{revocation} was served already on 1403/08/10 (recorded)",
    ),
    (
        "served date",
        ["decisions", "served", "{suspension}", "--on", "soon"],
        "--on: Please send a date like 1402/05/12.",
    ),
    (
        "appeal a 2",
        ["appeals", "file", "{warning}", "--by", "center_head", "--grounds", "g"],
        "DECISION: decision #{warning} is a sanction of degree 2: degrees 1 to 4 are final",
    ),
    (
        "appealed",
        ["appeals", "file", "{revocation}", "--by", "center_head", "--grounds", "g"],
        "DECISION: decision #{revocation} was appealed by center_head already (appeal "
        "#{appeal}); each appellant appeals once (Article 24)",
    ),
    (
        "no decision",
        ["appeals", "file", "99", "--by", "manager", "--grounds", "g"],
        "DECISION: no decision #99",
    ),
    (
        "by",
        ["appeals", "file", "{suspension}", "--by", "judge", "--grounds", "g"],
        "--by: unknown appellant 'judge'",
    ),
    (
        "grounds",
        ["appeals", "file", "{suspension}", "--by", "manager", "--grounds", " "],
        "--grounds: must not be empty",
    ),
    ("no appeal", ["appeals", "rule", "99", "--uphold"], "APPEAL: no appeal #99"),
    (
        "replace 9",
        ["appeals", "rule", "{appeal}", "--replace", "9"],
        "--replace: Article 23 has six sanctions",
    ),
    (
        "replace 5",
        ["appeals", "rule", "{appeal}", "--replace", "5"],
        "--months: a temporary suspension (degree 5) needs its length",
    ),
    (
        "uphold months",
        ["appeals", "rule", "{appeal}", "--uphold", "--months", "3"],
        "--months: only --replace 5 has a length; not --uphold",
    ),
    (
        "replace same",
        ["appeals", "rule", "{appeal}", "--replace", "6"],
        "--replace: the same sanction as decision #{revocation}: that is to uphold it",
    ),
    (
        "no ruling",
        ["appeals", "rule", "{appeal}"],
        "one of the arguments --uphold --replace --overturn is required",
    ),
    (
        "two rulings",
        ["appeals", "rule", "{appeal}", "--uphold", "--overturn"],
        "argument --overturn: not allowed with argument --uphold",
    ),
    ("notice status", ["notices", "list", "--status", "lost"], "--status: unknown status 'lost'"),
    ("no notice", ["notices", "retry", "99"], "ID: no notice #99"),
    ("nothing to retry", ["notices", "retry", "1"], "ID: notice #1 has no failed or undeliverable"),
    ("invite office", ["offices", "invite", "9999"], "CODE: no office with code 9999"),
    ("invite blank", ["offices", "invite", " "], "CODE: the office's code is required"),
    ("unlink nothing", ["offices", "unlink", "2002"], "CODE: office 2002 has no linked chat"),
]


@pytest.mark.parametrize(
    ("argv", "says"), [(argv, says) for _, argv, says in INVALID], ids=[n for n, _, _ in INVALID]
)
def test_an_invalid_command_line_names_its_field_and_writes_nothing(
    url: str,
    world: World,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    says: str,
) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    warning_case = stored(url, Decision, world.warning).case_id
    en_typo = world.en[:-1] + str((int(world.en[-1]) + 1) % 10)
    values = {
        **{name: str(value) for name, value in world.__dict__.items()},
        "report": str(report),
        "empty": str(empty),
        "warning_case": str(warning_case),
        "en_typo": en_typo,
    }
    filled = [item.format(**values) for item in argv]
    before = snapshot(url)
    runner = run_offices if argv[0] == "offices" else run
    assert runner(filled) == 2
    captured = capsys.readouterr()
    assert says.format(**values) in captured.err
    assert captured.out == ""
    assert snapshot(url) == before
