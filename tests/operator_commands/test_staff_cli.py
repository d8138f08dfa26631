"""`daftar staff invite|list|revoke` and `daftar audit list`, run through `main(argv)` on a real
store: the code printed once (and its deep link), every bad line refused with nothing written,
Jalali dates in Tehran, and the audit log of what the operator and the chats did."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain import staff, staff_members
from bot.domain.staff import ChatIdentity
from bot.domain.staff_actions import SubjectRef
from bot.domain.staff_members import Linked
from bot.operator import audit as audit_cli
from bot.operator import staff as staff_cli
from storage import managers
from storage import staff as store
from storage.models import AuditEntry, StaffInvite, StaffLink, StaffMember, StaffRole
from tests.operator_commands.test_discipline_cli import on_store

#: Noon in Tehran on 1403/08/15.
NOW = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)
SARA = ChatIdentity("telegram", 4_503_599_627_370_000, 4_503_599_627_370_000)
STAFF_TABLES = (StaffMember, StaffRole, StaffInvite, StaffLink, AuditEntry)

_T = TypeVar("_T")


def run(argv: list[str], now: datetime = NOW) -> int:
    module = staff_cli if argv[0] == "staff" else audit_cli
    return module.main(argv, now=lambda: now)


def counts(url: str) -> dict[str, int]:
    async def _count(session: AsyncSession) -> dict[str, int]:
        return {
            model.__tablename__: int(
                await session.scalar(select(func.count()).select_from(model)) or 0
            )
            for model in STAFF_TABLES
        }

    return on_store(url, _count)


def invite_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert run(["staff", "invite", *argv, "--json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_invite_prints_the_code_once_its_expiry_and_the_telegram_deep_link(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    on_store(url, lambda s: managers.set_bot_account(s, "telegram", "daftar_bot", NOW))
    argv = [
        "staff",
        "invite",
        "--name",
        " سارا   احمدی ",
        "--role",
        "desk",
        "--association",
        "تهران",
    ]
    assert run(argv) == 0
    captured = capsys.readouterr()
    [shown] = re.findall(r"^code: (\S+)$", captured.out, re.MULTILINE)
    assert re.fullmatch(r"([A-HJ-NP-Z2-9]{4}-){2}[A-HJ-NP-Z2-9]{4}", shown)
    code = shown.replace("-", "")
    assert "member: #1 سارا احمدی" in captured.out
    assert "role: desk tehran (Article 15(e))" in captured.out
    assert "expires: 1403/08/22 12:00 (Tehran), 2024-11-12T08:30:00+00:00" in captured.out
    assert f"telegram: https://t.me/daftar_bot?start=staff-{code}" in captured.out
    assert "they send /staff to the bot and type the code" in captured.err
    # Only the hash is kept: the code typed in chat links, once.
    [invite] = on_store(url, lambda s: store.pending_invites(s, [1], NOW))
    assert invite.code_hash == staff_members.code_hash(code) and code not in invite.code_hash
    linked = on_store(url, lambda s: staff_members.link(s, SARA, shown, NOW))
    assert isinstance(linked, Linked) and linked.member.name == "سارا احمدی"

    document = invite_json(["--member", "۱"], capsys)
    assert document["member"] == {"id": 1, "name": "سارا احمدی"}
    assert document["role"] is None  # a code to link one more chat (Bale, say)
    assert document["expires"] == "2024-11-12T08:30:00+00:00"
    assert document["expires_jalali"] == "1403/08/22 12:00"
    assert document["links"] == {
        "telegram": f"https://t.me/daftar_bot?start=staff-{document['code']}"
    }
    assert counts(url)["staff_invites"] == 2


def test_a_board_chair_and_a_national_role(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    chair = invite_json(
        ["--name", "قاضی", "--role", "board", "--association", "tehran", "--chair"], capsys
    )
    assert (chair["role"]["role"], chair["role"]["chair"]) == ("board", True)
    assert chair["role"]["seat"] == "judge"  # the chair is a judge member (Art. 22 note 1)
    assert chair["role"]["cites"] == "Article 22"
    assert chair["links"] == {}
    more = invite_json(["--member", "1", "--role", "appeals-board"], capsys)
    assert (more["role"]["role"], more["role"]["association"]) == ("appeals_board", None)
    assert (
        run(
            [
                "staff",
                "invite",
                "--name",
                "دیگری",
                "--role",
                "board",
                "--association",
                "tehran",
                "--chair",
            ]
        )
        == 2
    )
    assert "has a chair already (member #1; Article 22, note 1" in capsys.readouterr().err


def test_22_a_board_members_seat_is_granted_and_listed(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--role", "board", "--association", "tehran", "--seat", "chair_representative"]
    deputy = invite_json(["--name", "نماینده", *argv], capsys)
    assert (deputy["role"]["seat"], deputy["role"]["chair"]) == ("chair_representative", False)
    assert run(["staff", "list"]) == 0
    assert "board tehran [chair_representative]" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["--name", "N", "--role", "clerk"], "--role: unknown role 'clerk'"),
        (["--name", "N", "--role", "desk"], "the role desk is held for an Association"),
        (
            ["--name", "N", "--role", "directorate", "--association", "tehran"],
            "the role directorate is national: it takes no Association",
        ),
        (
            ["--name", "N", "--role", "desk", "--association", "قم"],
            "qom has no Association of its own (Article 12; the Associations are tehran",
        ),
        (
            ["--name", "N", "--role", "desk", "--association", "Atlantis"],
            "--association: no province 'Atlantis'",
        ),
        (
            ["--name", "N", "--role", "inspector", "--association", "tehran", "--chair"],
            "only a board member can be the Board's chair",
        ),
        (
            [
                "--name",
                "N",
                "--role",
                "board",
                "--association",
                "tehran",
                "--chair",
                "--seat",
                "chair_representative",
            ],
            "the Board's chair is one of its judge members (Article 22, note 1)",
        ),
        (
            ["--name", "N", "--role", "board", "--association", "tehran", "--seat", "clerk"],
            "a seat is one of judge, chair_representative (Article 22)",
        ),
        (
            ["--name", "N", "--role", "desk", "--association", "tehran", "--seat", "judge"],
            "only a Primary Board member has a seat (Article 22), not desk",
        ),
        (["--name", "N"], "a new member needs a name and a role"),
        (["--name", "   ", "--role", "directorate"], "--name: a name of 1 to 200 characters"),
        (["--member", "9", "--role", "directorate"], "no staff member #9"),
        (["--member", "x"], "--member: member is a whole number"),
        (["--name", "N", "--member", "1"], "not allowed with argument"),
    ],
)
def test_bad_invites_are_refused_naming_the_problem_and_nothing_is_written(
    url: str, capsys: pytest.CaptureFixture[str], argv: list[str], problem: str
) -> None:
    assert run(["staff", "invite", *argv]) == 2
    assert problem in capsys.readouterr().err
    assert set(counts(url).values()) == {0}


def test_list_shows_roles_chats_and_codes_with_jalali_dates(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = invite_json(["--name", "سارا", "--role", "desk", "--association", "tehran"], capsys)
    invite_json(["--name", "رضا", "--role", "directorate"], capsys)
    on_store(url, lambda s: staff_members.link(s, SARA, first["code"], NOW))
    assert run(["staff", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "id",
        "name",
        "status",
        "roles",
        "chats",
        "codes",
        "since",
        "(Tehran)",
    ]
    assert out[1].split() == [
        "#1",
        "سارا",
        "active",
        "desk",
        "tehran",
        "telegram",
        "0",
        "1403/08/15",
    ]
    assert out[2].split() == [
        "#2",
        "رضا",
        "active",
        "directorate",
        "national",
        "-",
        "1",
        "1403/08/15",
    ]
    assert out[3] == "2 members"
    assert run(["staff", "list", "--json"]) == 0
    [sara, reza] = json.loads(capsys.readouterr().out)
    assert sara["chats"] == [
        {"platform": "telegram", "chat_id": SARA.chat_id, "linked_at": NOW.isoformat()}
    ]
    assert sara["roles"][0]["granted_jalali"] == "1403/08/15 12:00"
    assert (reza["status"], len(reza["unused_codes"])) == ("active", 1)


def test_revoke_a_role_then_the_member(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    first = invite_json(["--name", "سارا", "--role", "desk", "--association", "tehran"], capsys)
    invite_json(["--member", "1", "--role", "inspector", "--association", "tehran"], capsys)
    on_store(url, lambda s: staff_members.link(s, SARA, first["code"], NOW))
    assert run(["staff", "revoke", "1", "--role", "desk", "--association", "tehran"]) == 0
    assert "member #1: desk tehran revoked; the member stays" in capsys.readouterr().err
    assert run(["staff", "revoke", "1", "--role", "desk", "--association", "tehran"]) == 2
    assert "member #1 holds no desk for tehran" in capsys.readouterr().err
    assert run(["staff", "revoke", "#1"]) == 0
    assert "member #1 revoked: inspector tehran" in capsys.readouterr().err
    assert run(["staff", "revoke", "1"]) == 2
    assert "member #1 was revoked already" in capsys.readouterr().err
    assert run(["staff", "revoke", "1", "--association", "tehran"]) == 2
    assert "--association: goes with --role" in capsys.readouterr().err
    assert run(["staff", "list", "--json"]) == 0
    [member] = json.loads(capsys.readouterr().out)
    assert member["status"] == "revoked" and member["chats"] == [] and member["unused_codes"] == []
    assert all(role["revoked_at"] == NOW.isoformat() for role in member["roles"])
    menu = on_store(
        url, lambda s: staff.authorise(s, Settings(_env_file=None), SARA, "staff.menu", None, NOW)
    )  # type: ignore[call-arg]
    assert isinstance(menu, staff.Refusal) and menu.reason is staff.Refused.REVOKED


def test_audit_list_shows_who_did_what_on_what_when_and_from_where(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = invite_json(["--name", "سارا", "--role", "desk", "--association", "tehran"], capsys)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    later = NOW + timedelta(days=2)
    on_store(url, lambda s: staff_members.link(s, SARA, first["code"], later))
    tehran, fars = SubjectRef("association", "tehran"), SubjectRef("association", "fars")
    on_store(url, lambda s: staff.authorise(s, settings, SARA, "desk.waiting", tehran, later))
    citizen = ChatIdentity("bale", 77, 77)
    on_store(url, lambda s: staff.authorise(s, settings, citizen, "desk.waiting", fars, later))
    assert run(["audit", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "at",
        "(Tehran)",
        "member",
        "role",
        "action",
        "subject",
        "outcome",
        "from",
    ]
    assert out[1].split() == [
        "1403/08/15",
        "12:00",
        "#1",
        "desk",
        "staff.invite",
        "member:1",
        "allowed",
        "cli",
    ]
    assert out[3].split() == [
        "1403/08/17",
        "12:00",
        "#1",
        "desk",
        "desk.waiting",
        "association:tehran",
        "allowed",
        f"telegram:{SARA.chat_id}",
    ]
    assert out[4].split() == [
        "1403/08/17",
        "12:00",
        "-",
        "-",
        "desk.waiting",
        "association:fars",
        "refused",
        "(not_staff)",
        "bale:77",
    ]
    assert out[5] == "4 entries"
    assert run(["audit", "list", "--member", "1", "--since", "۱۴۰۳/۰۸/۱۷", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(e["action"], e["outcome"]) for e in found] == [
        ("staff.link", "allowed"),
        ("desk.waiting", "allowed"),
    ]
    assert found[1]["at_jalali"] == "1403/08/17 12:00" and found[1]["at"] == later.isoformat()
    assert run(["audit", "list", "--since", "1403/13/01"]) == 2
    assert "--since:" in capsys.readouterr().err
