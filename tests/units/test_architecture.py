"""The house's arrows, checked: which room may import which (docs/architecture.md draws them).

Every `import` of every module of `bot/` and `storage/` is read from its source (those under
`if TYPE_CHECKING:` too, since a cycle for the type checker is still a cycle for a reader), and
each must be one its room allows. A new arrow is a decision: change ALLOWED and the drawing
together.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ("aiogram", "telegram", "aiohttp")

#: room -> the rooms it may import (besides itself and the standard library / third parties).
ALLOWED: dict[str, set[str]] = {
    "bot.messages": set(),
    "bot.rules": set(),
    "bot.text": {"bot.rules.markers"},
    "bot.data": {"bot.rules"},
    "bot.config": {"bot.data", "bot.text"},
    "storage": set(),
    "bot.notices": {"bot.messages", "bot.text", "bot.config", "bot.rules", "storage"},
    "bot.domain": {
        "bot.notices",
        "bot.messages",
        "bot.text",
        "bot.config",
        "bot.rules",
        "bot.data",
        "storage",
    },
    # Documents the service writes (a report's PDF, CSV and JSON): the domain's values, rendered.
    "bot.documents": {
        "bot.domain",
        "bot.text",
        "bot.config",
        "bot.data",
        "bot.rules",
        "storage",
    },
    "bot.flows": {
        "bot.documents",
        "bot.domain",
        "bot.notices",
        "bot.messages",
        "bot.text",
        "bot.config",
        "bot.rules",
        "bot.data",
        "storage",
    },
    # The way to write a conversation knows no conversation, nor the registry that lists them.
    "bot.flows.framework": {"bot.messages", "bot.text", "bot.config"},
    # The engine runs flows through the framework and the registry, never one flow by name.
    "bot.engine": {
        "bot.flows.framework",
        "bot.flows.registry",
        "bot.messages",
        "bot.text",
        "bot.config",
        "storage",
    },
    "bot.handlers": {"bot.engine", "bot.messages", "bot.text", "bot.config", "storage"},
    "bot.operator": {
        "bot.documents",
        "bot.domain",
        "bot.notices",
        "bot.messages",
        "bot.text",
        "bot.config",
        "bot.rules",
        "bot.data",
        "storage",
    },
    "bot.app": {
        "bot.handlers",
        "bot.engine",
        "bot.flows",
        "bot.documents",
        "bot.domain",
        "bot.notices",
        "bot.messages",
        "bot.text",
        "bot.config",
        "storage",
    },
    "bot.cli": {"bot.app", "bot.operator", "bot.handlers", "bot.text", "bot.config", "storage"},
}
#: The only modules at the top of bot/: the entry points.
ENTRY_POINTS = {"__init__.py", "app", "cli.py", "config.py"}
MAX_LINES = 600


def modules() -> Iterator[tuple[str, Path]]:
    for top in ("bot", "storage"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


def imports_of(path: Path, module: str) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import in *path*, relative ones resolved."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:  # `from bot.flows import menu` names a module too
                yield node.lineno, f"{base}.{alias.name}"


def room_of(module: str) -> str | None:
    best = None
    for room in ALLOWED:
        if (module == room or module.startswith(room + ".")) and (
            best is None or len(room) > len(best)
        ):
            best = room
    return best


def is_project(module: str) -> bool:
    return module.split(".")[0] in {"bot", "storage"}


def within(module: str, rooms: set[str]) -> bool:
    return any(module == room or module.startswith(room + ".") for room in rooms)


def project_modules() -> set[str]:
    return {name for name, _ in modules()}


def test_every_arrow_is_one_the_house_allows() -> None:
    known = project_modules()
    wrong: list[str] = []
    for module, path in modules():
        if module == "bot":
            continue  # the package's own docstring
        room = room_of(module)
        assert room is not None, f"{module} lives in no room: add it to ALLOWED and the drawing"
        for line, imported in imports_of(path, module):
            if not is_project(imported) or imported not in known:
                continue  # a third party, or a name imported from a module (checked as the module)
            if within(imported, {room}) or imported == "bot":
                continue
            if not within(imported, ALLOWED[room]):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {room} imports {imported}")
    assert wrong == []


def test_nothing_below_the_handlers_imports_a_framework() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {imported}"
        for module, path in modules()
        if not within(module, {"bot.handlers", "bot.app", "bot.cli"})
        for line, imported in imports_of(path, module)
        if imported.split(".")[0] in FRAMEWORKS
    ]
    assert wrong == []


def test_there_is_no_import_cycle() -> None:
    known = project_modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for module, path in modules():
        for _, imported in imports_of(path, module):
            if imported in known and imported != module and not module.startswith(imported + "."):
                graph[module].add(imported)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    # A package's __init__ importing its own modules is not a cycle a reader minds.
    real = [c for c in cycles if len({m.rpartition(".")[0] for m in c} | {c[0]}) > 1]
    assert [" -> ".join(c) for c in real] == []


def test_the_top_of_bot_holds_only_the_entry_points() -> None:
    found = {
        p.name
        for p in (ROOT / "bot").iterdir()
        if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))
        and (p.suffix == ".py" or p.name in ENTRY_POINTS)
    }
    assert found <= ENTRY_POINTS


def test_no_product_file_is_over_the_limit() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for _, path in modules()
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize(
    ("module", "imported", "allowed"),
    [
        ("bot.rules.model", "bot.text.persian", False),
        ("bot.text.i18n", "bot.config", False),
        ("storage.models", "bot.config", False),
        ("bot.engine.engine", "bot.flows.menu", False),
        ("bot.engine.engine", "bot.flows.registry", True),
        ("bot.flows.complaint", "bot.operator.common", False),
        ("bot.domain.tariff", "bot.handlers.runner", False),
        ("bot.notices.managers", "bot.engine.engine", False),
        ("bot.flows.framework.wizard", "bot.flows.registry", False),
        ("bot.flows.framework.wizard", "bot.flows.menu", False),
    ],
)
def test_the_contract_itself_refuses_the_arrows_it_names(
    module: str, imported: str, allowed: bool
) -> None:
    room = room_of(module)
    assert room is not None
    assert within(imported, ALLOWED[room] | {room}) is allowed
