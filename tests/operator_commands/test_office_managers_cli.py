"""`daftar offices import | replace-manager | manager-since | managers`: Art. 19 at the command
line, run through `main(argv)` on a real store. A manager is a person: the registry never
replaces one, the Directorate's act does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import AuditEntry, Manager, ManagerLink, Office
from tests.operator_commands.test_offices_cli import NOW, on_store, run, write

HEADER = "code,name,province,city,address,phone,manager_name,manager_mobile,status"
ALI = "0499370899"
MARYAM = "0012345679"
REGISTRY = (
    f"{HEADER},manager_national_id\n"
    f"2001,دفتر مشهد,خراسان رضوی,مشهد,خیابان امام,,علی احمدی,09123456789,active,{ALI}\n"
    "2002,دفتر کرمان,کرمان,کرمان,بلوار جمهوری,,رضا رضایی,09121112233,active,\n"
)


@pytest.fixture
def store(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The store with the registry imported (at NOW, 1403/08/15) and 2001's manager linked."""
    assert run(["offices", "import", write(tmp_path, REGISTRY, "first.csv")]) == 0
    capsys.readouterr()

    async def _link(sessions: async_sessionmaker[AsyncSession]) -> None:
        async with sessions() as session, session.begin():
            manager = await session.scalar(select(Manager).where(Manager.office_code == "2001"))
            assert manager is not None
            session.add(
                ManagerLink(
                    manager_id=manager.id,
                    platform="telegram",
                    platform_user_id=5,
                    chat_id=500,
                    linked_at=NOW,
                )
            )

    on_store(url, _link)
    return url


def snapshot(url: str) -> tuple[list[tuple[int, str, str, str | None, object]], int, int]:
    """The managers (id, office, mobile, national ID, ended), active links, audit entries."""

    async def _read(
        sessions: async_sessionmaker[AsyncSession],
    ) -> tuple[list[tuple[int, str, str, str | None, object]], int, int]:
        async with sessions() as session:
            found = [
                (m.id, m.office_code, m.mobile, m.national_id, m.ended_at)
                for m in await session.scalars(select(Manager).order_by(Manager.id))
            ]
            links = await session.scalar(
                select(func.count(ManagerLink.id)).where(ManagerLink.revoked_at.is_(None))
            )
            audits = await session.scalar(select(func.count(AuditEntry.id)))
            return found, int(links or 0), int(audits or 0)

    return on_store(url, _read)


def test_19_a_registry_import_with_a_new_mobile_does_not_replace_the_manager(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (before, links, _) = snapshot(store)
    text = REGISTRY.replace("09123456789", "۰۹۱۲۰۰۰۱۱۱۱")
    assert run(["offices", "import", write(tmp_path, text)]) == 0
    err = capsys.readouterr().err
    assert "imported: 0 new, 2 updated" in err
    assert "mobile updated for 1 manager (the same person): 2001" in err
    (after, links_after, _) = snapshot(store)
    assert [m[0] for m in after] == [m[0] for m in before]  # no new manager
    assert after[0][2] == "09120001111" and after[0][4] is None
    assert links_after == links == 1


def test_19_a_registry_line_naming_another_person_is_reported_not_applied(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(store)
    text = (
        f"{HEADER},manager_national_id\n"
        f"2001,دفتر مشهد,خراسان رضوی,مشهد,خیابان امام,,مریم کریمی,09120000000,active,{MARYAM}\n"
        "2002,دفتر کرمان (نو),کرمان,کرمان,بلوار جمهوری,,سارا نوری,09125550000,active,\n"
    )
    assert run(["offices", "import", write(tmp_path, text)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "daftar offices: imported: 0 new, 2 updated" in err
    assert (
        "daftar offices: warning: office 2001: the registry names a different manager (مریم "
        "کریمی) than the one on record (علی احمدی, manager #1), who stays; a manager is replaced "
        "only by the Directorate's act under Art. 19: daftar offices replace-manager 2001 "
        "--reason withdrawal|death|other --name NAME --national-id N --mobile 09…"
    ) in err
    assert any(line.startswith("daftar offices: warning: office 2002:") for line in err)
    assert (
        "daftar offices: 2 lines naming a different manager not applied; their offices' other "
        "fields were imported"
    ) in err
    assert snapshot(store) == before

    async def _offices(sessions: async_sessionmaker[AsyncSession]) -> dict[str, Office]:
        async with sessions() as session:
            return {o.code: o for o in await session.scalars(select(Office))}

    offices = on_store(store, _offices)
    assert offices["2002"].name == "دفتر کرمان (نو)"
    assert offices["2002"].manager_name == "رضا رضایی"
    assert offices["2001"].manager_mobile == "09123456789"


def test_a_bad_national_id_in_the_registry_is_a_problem_of_its_line(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = REGISTRY.replace(ALI, "0499370898")
    assert run(["offices", "import", write(tmp_path, text)]) == 2
    err = capsys.readouterr().err
    assert "line 2, column manager_national_id: That national ID is not valid" in err
    assert snapshot(url)[0] == []


def test_19_replace_manager_for_withdrawal_ends_the_period_and_revokes_links(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Per the Directorate's records Ali has managed 2001 since before the registry named him.
    assert run(["offices", "manager-since", "2001", "1401/01/01"]) == 0
    capsys.readouterr()
    argv = [
        "offices",
        "replace-manager",
        "۲۰۰۱",
        "--reason",
        "withdrawal",
        "--name",
        "مریم  کریمی",
        "--national-id",
        "۰۰۱۲۳۴۵۶۷۹",
        "--mobile",
        "0912 000 0000",
        "--on",
        "1403/08/10",
        "--note",
        "نامه‌ی ۱۲۳",
    ]
    assert run(argv) == 0
    assert capsys.readouterr().err.splitlines() == [
        "daftar offices: office 2001: manager #1 (علی احمدی) managed until the day before "
        "1403/08/10 (withdrawal); 1 linked chat unlinked: their notices stop",
        "daftar offices: office 2001: manager #3 (مریم کریمی) from 1403/08/10; invite them "
        "with `daftar offices invite 2001`",
    ]
    managers, links, audits = snapshot(store)
    assert [(m[1], m[2], m[3]) for m in managers] == [
        ("2001", "09123456789", ALI),
        ("2002", "09121112233", None),
        ("2001", "09120000000", MARYAM),
    ]
    assert managers[0][4] is not None and links == 0 and audits == 2

    assert run(["offices", "managers", "2001", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "manager_id": 1,
            "name": "علی احمدی",
            "national_id": "******0899",
            "mobile": "09123456789",
            "from": "1401/01/01",
            "to": "1403/08/09",
            "reason": "withdrawal",
            "note": "نامه‌ی ۱۲۳",
        },
        {
            "manager_id": 3,
            "name": "مریم کریمی",
            "national_id": "******5679",
            "mobile": "09120000000",
            "from": "1403/08/10",
            "to": None,
            "reason": None,
            "note": None,
        },
    ]
    assert run(["offices", "managers", "2001"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["#", "national", "ID", "mobile", "from", "to", "reason", "name"]
    assert out[1].split() == [
        "1",
        "******0899",
        "09123456789",
        "1401/01/01",
        "1403/08/09",
        "withdrawal",
        "علی",
        "احمدی",
    ]
    assert out[2].split()[4:6] == ["now", "-"]
    assert out[-1] == "2 managers of office 2001"


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (
            {"code": "9999"},
            "daftar offices: CODE: no office with code 9999",
        ),
        (
            {"--national-id": "0012345678"},
            "daftar offices: --national-id: That national ID is not valid: please check the "
            "digits. (got '0012345678')",
        ),
        (
            {"--mobile": "0212345678"},
            "daftar offices: --mobile: not an Iranian mobile number like 09121234567 "
            "(got '0212345678')",
        ),
        (
            {"--reason": "dismissal"},
            "daftar offices: --reason: use withdrawal or death (Art. 19), or other "
            "(got 'dismissal')",
        ),
        (
            {"--on": "1403/08/16"},
            "daftar offices: --on: 1403/08/16 is in the future (today is 1403/08/15)",
        ),
        (
            {"--on": "1403/08/14", "code": "2002"},
            "daftar offices: --on: 1403/08/14 is before the current manager's period started "
            "(1403/08/15)",
        ),
        (
            {"--national-id": ALI},
            "daftar offices: --national-id: علی احمدی is the office's manager now: a "
            "replacement names another person (a new mobile comes with the registry import)",
        ),
    ],
)
def test_a_replacement_the_act_cannot_make_is_refused_and_writes_nothing(
    store: str, capsys: pytest.CaptureFixture[str], change: dict[str, str], line: str
) -> None:
    before = snapshot(store)
    options = {
        "--reason": "death",
        "--name": "مریم کریمی",
        "--national-id": MARYAM,
        "--mobile": "09120000000",
    }
    options.update({k: v for k, v in change.items() if k != "code"})
    argv = ["offices", "replace-manager", change.get("code", "2001")]
    for option, value in options.items():
        argv += [option, value]
    assert run(argv) == 2
    assert line in capsys.readouterr().err.splitlines()
    assert snapshot(store) == before


def test_manager_since_lays_earlier_days_on_the_first_manager(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["offices", "manager-since", "2001", "1403/08/16"]) == 2
    assert "DATE: 1403/08/16 is after the day Daftar learnt of the manager (1403/08/15)" in (
        capsys.readouterr().err
    )
    before = snapshot(store)
    assert run(["offices", "manager-since", "2001", "۱۴۰۱/۰۷/۰۱"]) == 0
    assert capsys.readouterr().err.strip() == (
        "daftar offices: office 2001: manager #1 (علی احمدی) managed it from 1401/07/01, per "
        "the Directorate's records"
    )
    assert snapshot(store)[2] == before[2] + 1  # audited
    assert run(["offices", "managers", "2001", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["from"] == "1401/07/01"


def test_a_replacement_on_another_ground_is_labelled_not_article_19s(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["offices", "replace-manager", "2002", "--reason", "other", "--name", "سارا نوری"]
    argv += ["--national-id", MARYAM, "--mobile", "09125550000", "--note", "حکم شماره‌ی ۷"]
    assert run(argv) == 0
    assert (
        "daftar offices: reason other: Art. 19 names only withdrawal and death; this replacement "
        "is the Directorate's act under other rules, recorded with its note"
    ) in capsys.readouterr().err.splitlines()
    assert run(["offices", "managers", "2002"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[1].split()[:2] == ["2", "-"] and "other (not Art. 19)" in table[1]
    assert table[2].split()[:2] == ["3", "******5679"] and "other" not in table[2]


def test_managers_of_an_unknown_office_is_refused(
    store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["offices", "managers", "9999"]) == 2
    assert capsys.readouterr().err.strip() == "daftar offices: CODE: no office with code 9999"
