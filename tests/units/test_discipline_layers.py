"""The disciplinary commands stay one small module per command group.

The house's own contract tests check the arrows, SQL outside storage/ and the ~600-line limit of
every module; the command groups are held to less, so that none grows back into a god file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMAND_MODULES = [
    "bot/operator/inspections.py",
    "bot/operator/cases.py",
    "bot/operator/decisions.py",
    "bot/operator/appeals.py",
    "bot/operator/notices.py",
    "bot/operator/discipline_args.py",
    "bot/operator/discipline_views.py",
    "bot/operator/discipline_transactions.py",
]
MAX_LINES = 400


@pytest.mark.parametrize("name", COMMAND_MODULES)
def test_each_command_module_stays_small(name: str) -> None:
    assert len((ROOT / name).read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_the_old_god_files_are_gone() -> None:
    gone = ["bot/domain/discipline.py", "bot/operator/discipline.py", "storage/discipline.py"]
    assert [name for name in gone if (ROOT / name).exists()] == []
