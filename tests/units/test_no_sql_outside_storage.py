"""All SQL lives in storage/: no module of bot/ builds or runs a statement itself.

Every module of bot/ is read as a syntax tree (nothing is imported) and each SQL construct is
reported by file and line:

- an import of sqlalchemy, except the async session's types (`sqlalchemy.ext.asyncio`:
  AsyncSession, AsyncEngine, async_sessionmaker) and its errors (`sqlalchemy.exc`);
- a call of `select(`, `update(`, `delete(` or `insert(` (a bare name: `dict.update` and
  `list.insert` are not SQL);
- a call of `.execute(`, `.scalar(` or `.scalars(` on anything, and of `.get(` on a session.

A session's `add` of a model the domain built, and `flush`, are allowed (see ARCHITECTURE.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"

ALLOWED_FROM = {
    "sqlalchemy.ext.asyncio": {"AsyncSession", "AsyncEngine", "async_sessionmaker"},
}
ALLOWED_MODULES = ("sqlalchemy.exc",)
STATEMENTS = {"select", "update", "delete", "insert"}
RUNNERS = {"execute", "scalar", "scalars"}


def _is_sqlalchemy(module: str) -> bool:
    return module == "sqlalchemy" or module.startswith("sqlalchemy.")


def _allowed_module(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in ALLOWED_MODULES)


def _names_a_session(node: ast.expr) -> bool:
    """`session`, `ctx.session`, `self.session`…: the receiver is named as a session."""
    if isinstance(node, ast.Name):
        return "session" in node.id
    if isinstance(node, ast.Attribute):
        return "session" in node.attr
    return False


def sql_constructs(source: str) -> list[tuple[int, str]]:
    """(line, what) for each SQL construct in *source*."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_sqlalchemy(alias.name) and not _allowed_module(alias.name):
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.module and _is_sqlalchemy(node.module):
            if _allowed_module(node.module):
                continue
            allowed = ALLOWED_FROM.get(node.module, set())
            for alias in node.names:
                if alias.name not in allowed:
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in STATEMENTS:
                found.append((node.lineno, f"{func.id}("))
            elif isinstance(func, ast.Attribute):
                if func.attr in RUNNERS:
                    found.append((node.lineno, f".{func.attr}("))
                elif func.attr == "get" and _names_a_session(func.value):
                    found.append((node.lineno, "session.get("))
    return sorted(found)


def _modules() -> list[Path]:
    return sorted(BOT.rglob("*.py"))


def test_no_sql_outside_storage() -> None:
    problems = []
    for path in _modules():
        name = path.relative_to(ROOT).as_posix()
        for line, what in sql_constructs(path.read_text(encoding="utf-8")):
            problems.append(f"{name}:{line}: {what} (SQL belongs in storage/)")
    assert not problems, "\n".join(problems)


def test_the_scan_sees_each_construct() -> None:
    source = "\n".join(
        [
            "from sqlalchemy import select, func",
            "import sqlalchemy.orm",
            "from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine",
            "from sqlalchemy.exc import IntegrityError",
            "q = select(Office)",
            "update(Office); delete(Office); insert(Office)",
            "await session.execute(q)",
            "await ctx.session.scalar(q)",
            "await session.scalars(q)",
            "await ctx.session.get(Office, code)",
            "values.update(x=1); rows.insert(0, row); settings.get('k')",
            "session.add(office); await session.flush()",
        ]
    )
    assert sql_constructs(source) == [
        (1, "from sqlalchemy import func"),
        (1, "from sqlalchemy import select"),
        (2, "import sqlalchemy.orm"),
        (3, "from sqlalchemy.ext.asyncio import create_async_engine"),
        (5, "select("),
        (6, "delete("),
        (6, "insert("),
        (6, "update("),
        (7, ".execute("),
        (8, ".scalar("),
        (9, ".scalars("),
        (10, "session.get("),
    ]
