"""The disciplinary rooms keep the house's rules: no SQL outside storage/, no god files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DISCIPLINE = [
    "bot/domain/inspections.py",
    "bot/domain/cases.py",
    "bot/domain/decisions.py",
    "bot/domain/appeals.py",
    "bot/domain/settlement.py",
    "bot/domain/standing.py",
    "bot/domain/refusals.py",
    "bot/notices/retries.py",
    "bot/operator/inspections.py",
    "bot/operator/cases.py",
    "bot/operator/decisions.py",
    "bot/operator/appeals.py",
    "bot/operator/notices.py",
    "bot/operator/discipline_args.py",
    "bot/operator/discipline_views.py",
    "bot/operator/discipline_transactions.py",
]
SQL = re.compile(
    r"\b(select|update|delete|insert)\(|\.execute\(|session\.get\(|session\.scalars?\("
)
#: The command modules are smaller than the house's ~600 lines: one command group each.
LIMITS = {"bot/operator": 400, "bot": 600}


@pytest.mark.parametrize("name", DISCIPLINE)
def test_no_sql_outside_storage(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if SQL.search(line)] == []


@pytest.mark.parametrize("name", DISCIPLINE)
def test_no_god_files(name: str) -> None:
    limit = next(limit for room, limit in LIMITS.items() if name.startswith(room))
    assert len((ROOT / name).read_text(encoding="utf-8").splitlines()) <= limit


@pytest.mark.parametrize("name", [n for n in DISCIPLINE if n.startswith("bot/domain")])
def test_the_domain_imports_no_platform_and_no_command(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    wrong = r"^(?:from|import) (aiogram|telegram|bot\.handlers|bot\.operator)\b"
    assert re.findall(wrong, text, re.MULTILINE) == []
