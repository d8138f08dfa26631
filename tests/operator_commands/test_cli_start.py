"""`daftar --help` and a group's `--help` import no store and no framework, and say what the
whole parser says (the speed itself is benchmarks/cli_start.py's)."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from bot.cli import GROUPS, build_parser, parser_for
from bot.operator.parsing import Later, commands_of
from tests.shared import CHECKOUT

#: The width argparse wraps help to, the same in the subprocess and here.
COLUMNS = "100"
HEAVY = ("sqlalchemy", "aiogram", "telegram", "aiohttp", "fpdf", "alembic")


def imported_by(*words: str) -> tuple[str, set[str]]:
    """The help `python -m bot.cli WORDS` prints, and the top-level packages it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot.cli", *words],
        capture_output=True,
        text=True,
        cwd=CHECKOUT,
        env={"PYTHONPATH": str(CHECKOUT), "PATH": "/usr/bin:/bin", "COLUMNS": COLUMNS},
        timeout=60,
        check=True,
    )
    names = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done.stdout, names


def help_of(parser: argparse.ArgumentParser, *words: str) -> str:
    for word in words:
        [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        parser = commands.choices[word]
    return parser.format_help()


@pytest.mark.parametrize(
    "words",
    [(), ("complaints", "list"), *((name,) for name, _module, _help in GROUPS)],
    ids=lambda words: " ".join(words) or "daftar",
)
def test_help_imports_no_store_and_no_framework(
    words: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", COLUMNS)
    shown, imported = imported_by(*words, "--help")
    assert "json" in imported or "argparse" in imported  # the import log was read
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))
    assert shown == help_of(build_parser(), *words)


def test_the_listed_groups_are_the_groups_their_modules_register() -> None:
    # Only the named group is built; the others are listed as their own modules list them.
    lazy, full = parser_for(["--help"]), build_parser()
    assert lazy.format_help() == full.format_help()
    [commands] = [a for a in full._actions if isinstance(a, argparse._SubParsersAction)]
    own = ["start", "run", "chat", "db", "doctor"]
    assert [name for name, _module, _help in GROUPS] == [
        w for w in commands.choices if w not in own
    ]


def test_a_named_group_is_built_in_full_and_runs_its_command() -> None:
    args = parser_for(["complaints", "list", "--json"]).parse_args(["complaints", "list", "--json"])
    assert (args.command, args.complaints_command, args.json) == ("complaints", "list", True)
    assert callable(args.handler) and args.database_url is None
    with pytest.raises(SystemExit) as stop:
        parser_for(["complaints", "nothing"]).parse_args(["complaints", "nothing"])
    assert stop.value.code == 2


def test_every_command_names_a_function_its_module_has() -> None:
    # A command's function is imported only when it runs: a wrong name must fail here instead.
    named = []
    for command in commands_of(build_parser()):
        handler = command.get_default("handler")
        if isinstance(handler, Later):
            function = getattr(importlib.import_module(handler.module), handler.name, None)
            assert callable(function), f"{command.prog}: {handler!r}"
            named.append(handler.name)
    assert len(named) > 30 and "cmd_set_status" in named
