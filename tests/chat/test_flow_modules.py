"""How the flows are put together: small modules, no cycle with the registry, dates read right.

The modules are read as syntax trees, so that an import made only for type checking counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import jdatetime
import pytest

from bot.flows.complaint.filing import ComplaintFiling
from bot.flows.complaint.incident import incident_date
from bot.flows.complaint.overcharge import tariff_of
from bot.text.jalali import format_stored_date

FLOWS = Path(__file__).resolve().parents[2] / "bot" / "flows"
PACKAGES = ("framework", "complaint")


def imported(path: Path) -> set[str]:
    """Every module *path* imports, wherever the import stands."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules(package: str) -> list[Path]:
    return sorted((FLOWS / package).glob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_each_module_of_the_split_packages_stays_small(package: str) -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in modules(package)}
    assert len(sizes) > 3
    assert {name: n for name, n in sizes.items() if n > 400} == {}


def test_the_framework_imports_no_flow_and_not_the_registry() -> None:
    # The registry imports the framework; the framework names only the FlowDirectory protocol.
    for path in modules("framework"):
        outside = {
            name
            for name in imported(path)
            if name.startswith("bot.flows") and not name.startswith("bot.flows.framework")
        }
        assert outside == set(), path.name


@pytest.mark.parametrize("package", PACKAGES)
def test_no_flow_module_reaches_a_platform_or_the_operator(package: str) -> None:
    banned = ("aiogram", "telegram", "bot.handlers", "bot.operator")
    for path in modules(package):
        found = {n for n in imported(path) if n.split(".")[0] in banned or n.startswith(banned)}
        assert found == set(), path.name


def test_the_filing_keeps_its_persisted_step_keys_in_order() -> None:
    # Unfinished conversations store the flow name and the step key: both must survive upgrades.
    assert ComplaintFiling.name == "complaint"
    assert [step.key for step in ComplaintFiling.steps] == [
        "office",
        "what",
        "when",
        "service",
        "units",
        "paid",
        "currency",
        "description",
        "evidence",
        "name",
        "mobile",
        "national_id",
        "consent",
    ]


def test_the_incident_date_is_read_back_as_it_was_stored() -> None:
    day = jdatetime.date(1403, 5, 12)
    answers = {"when": format_stored_date(day)}
    assert answers["when"] == "1403/05/12"
    assert incident_date(answers) == day
    assert incident_date({}) is None
    tariff = tariff_of(answers)
    assert tariff is None or tariff.year <= 1403


def test_an_incident_date_not_in_the_stored_form_is_refused() -> None:
    with pytest.raises(ValueError, match="not a stored Jalali date"):
        incident_date({"when": "۱۴۰۳/۵/۱۲"})
