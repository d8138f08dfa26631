"""Which store a `daftar` command works on, as an operator names it: `--database-url`, then
DAFTAR_DATABASE_URL, then the config file (DAFTAR_CONFIG, or the nearest .env from the working
directory up); an SQLite store that does not exist is refused by every command but those that
create one; and the times a command prints are Jalali, in the configured zone.

The commands run in this process through `bot.cli.main`, the `daftar` entry point, so they meet
the parser a user meets. A missing store is an SQLite file by nature, so those tests name files;
the precedence test's winning store is the suite's store (SQLite, and PostgreSQL when set).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import sys
import types
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import cli
from bot.config import load_settings
from bot.domain.tracking import new_tracking_code
from bot.operator.common import STORE_OPTION, commands_of, run_alone
from bot.text.jalali import format_moment
from storage import complaints as complaint_store
from tests.conftest import is_product_setting
from tests.operator_commands.test_complaints_cli import fields, on_store

SQLITE = "sqlite+aiosqlite:///"
HEADER = "code,name,province,city,address,phone,manager_name,manager_mobile,status\n"
#: The ISO 8601 form of a moment, which only --json prints.
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
#: Noon in Tehran on 1403/08/15, 08:30 UTC.
NOON = datetime(2024, 11, 5, 8, 30, tzinfo=UTC)


def daftar(*argv: str) -> int:
    """`daftar ARGV…` as typed in a shell: its exit status."""
    try:
        return cli.main(list(argv))
    except SystemExit as stop:  # a bad setting stops the command before it runs
        return stop.code if isinstance(stop.code, int) else 1


def registry(folder: Path, *codes: str) -> Path:
    """A registry CSV file with an active office for each code (four digits)."""
    path = folder / f"registry-{'-'.join(codes)}.csv"
    lines = [
        f"{code},دفتر {code},تهران,تهران,نشانی {code},021-0000-{code},مدیر {code},"
        f"0912000{code},active\n"
        for code in codes
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def listed(capsys: pytest.CaptureFixture[str], *options: str) -> list[str]:
    """The codes `daftar offices list --json` prints, with *options*."""
    assert daftar("offices", "list", "--json", *options) == 0, capsys.readouterr().err
    return [office["code"] for office in json.loads(capsys.readouterr().out)]


@pytest.fixture
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No DAFTAR_ setting from the shell, and the test's folder as the working directory."""
    for name in list(os.environ):
        if is_product_setting(name):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def sqlite_url(path: Path) -> str:
    return f"{SQLITE}{path}"


# ---- 1. every command that touches the store takes --database-url, and it wins ----


def _has_store_option(command: argparse.ArgumentParser) -> bool:
    return any(STORE_OPTION in action.option_strings for action in command._actions)


def test_every_command_that_touches_the_store_takes_database_url() -> None:
    commands = list(commands_of(cli.build_parser()))
    without = {command.prog for command in commands if not _has_store_option(command)}
    # Only the eligibility check, which reads answers and prints verdicts, touches no store.
    assert without == {
        "daftar eligibility check",
        "daftar eligibility coverage",
        "daftar law coverage",
    }
    with_it = {command.prog for command in commands if _has_store_option(command)}
    assert {
        "daftar run",
        "daftar chat",
        "daftar db upgrade",
        "daftar offices import",
        "daftar complaints list",
        "daftar cases show",
        "daftar decisions record",
        "daftar appeals rule",
        "daftar notices retry",
        "daftar inspections schedule",
    } <= with_it


def test_a_command_group_added_later_gets_the_option_without_asking(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group written after this one (a "later import", say) registers as any group does; the
    option reaches it, and every `load_settings()` inside it sees the store named."""
    seen: list[str] = []

    def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        group = subparsers.add_parser("later").add_subparsers(dest="tariff_command")
        importing = group.add_parser("import")
        importing.add_argument("file")
        importing.set_defaults(handler=lambda args: seen.append(load_settings().database_url))

    module = types.ModuleType("tests.later_group")
    module.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(cli, "SUBCOMMANDS", (*cli.SUBCOMMANDS, module.__name__))
    monkeypatch.setenv("DAFTAR_DATABASE_URL", sqlite_url(clean / "from-the-environment.db"))

    named = sqlite_url(clean / "named.db")
    daftar("later", "import", "tariff.csv", STORE_OPTION, named)
    run_alone(register, ["later", "import", "tariff.csv", STORE_OPTION, named])
    daftar("later", "import", "tariff.csv")
    assert seen == [named, named, sqlite_url(clean / "from-the-environment.db")]
    # Outside the command, the command line is forgotten.
    assert load_settings().database_url == sqlite_url(clean / "from-the-environment.db")


def test_database_url_wins_over_the_environment_and_the_config_file(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    environment, in_the_file = tmp_path / "environment.db", tmp_path / "file.db"
    assert daftar("offices", "import", str(registry(tmp_path, "1001")), STORE_OPTION, url) == 0
    for store, code in ((environment, "2002"), (in_the_file, "3003")):
        imported = ("offices", "import", str(registry(tmp_path, code)))
        assert daftar(*imported, STORE_OPTION, sqlite_url(store)) == 0
    capsys.readouterr()
    (tmp_path / ".env").write_text(f"DAFTAR_DATABASE_URL={sqlite_url(in_the_file)}\n")
    monkeypatch.setenv("DAFTAR_DATABASE_URL", sqlite_url(environment))

    assert listed(capsys, STORE_OPTION, url) == ["1001"]
    assert listed(capsys) == ["2002"]
    monkeypatch.delenv("DAFTAR_DATABASE_URL")
    assert listed(capsys) == ["3003"]
    assert listed(capsys, STORE_OPTION, url) == ["1001"]


# ---- 2. the config file, found from the working directory ----


def test_a_config_file_in_a_parent_folder_names_the_store(
    clean: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = clean / "project"
    deeper = project / "exports" / "1403"
    deeper.mkdir(parents=True)
    # A relative path in the file is taken from the file's folder, wherever the command runs.
    (project / ".env").write_text(
        "DAFTAR_DATABASE_URL=sqlite+aiosqlite:///var/registry.db\n", encoding="utf-8"
    )
    monkeypatch.chdir(deeper)
    assert daftar("offices", "import", str(registry(deeper, "1001", "1002"))) == 0
    store = project / "var" / "registry.db"
    assert f"daftar: created a new store at {store}\n" in capsys.readouterr().err
    assert store.is_file() and not (deeper / "var").exists()

    monkeypatch.chdir(project / "exports")
    assert listed(capsys) == ["1001", "1002"]

    # Outside the project no file is found: the default store, which does not exist, is refused.
    elsewhere = clean / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert daftar("offices", "list") == 2
    err = capsys.readouterr().err
    assert f"there is no store at {elsewhere / 'var' / 'daftar.db'} (named by the default)" in err


def test_daftar_config_names_the_file_and_wins_over_a_nearer_env(
    clean: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    named, nearer = clean / "named.db", clean / "nearer.db"
    for store, code in ((named, "1001"), (nearer, "2002")):
        imported = ("offices", "import", str(registry(clean, code)))
        assert daftar(*imported, STORE_OPTION, sqlite_url(store)) == 0
    config = clean / "etc" / "daftar.conf"
    config.parent.mkdir()
    config.write_text(f"DAFTAR_DATABASE_URL={sqlite_url(named)}\n", encoding="utf-8")
    (clean / ".env").write_text(f"DAFTAR_DATABASE_URL={sqlite_url(nearer)}\n", encoding="utf-8")
    capsys.readouterr()

    assert listed(capsys) == ["2002"]
    monkeypatch.setenv("DAFTAR_CONFIG", str(config))
    assert listed(capsys) == ["1001"]

    monkeypatch.setenv("DAFTAR_CONFIG", "etc/missing.conf")
    assert daftar("offices", "list") == 2
    captured = capsys.readouterr()
    assert f"DAFTAR_CONFIG: no such file: {clean / 'etc' / 'missing.conf'}" in captured.err
    assert captured.out == ""


# ---- 3. a store that does not exist is refused, not created ----

CODE = new_tracking_code(random.Random(11))
#: A command line of every command that expects its store to exist.
EXPECTING_A_STORE = [
    shlex.split(line.format(code=CODE))
    for line in (
        "offices list",
        "offices invite 1001",
        "offices unlink 1001",
        "offices replace-manager 1001 --reason withdrawal --name 'Sara Example' "
        "--national-id 0012345679 --mobile 09120000000",
        "offices manager-since 1001 1403/08/01",
        "offices managers 1001",
        "complaints list",
        "complaints show {code}",
        "complaints set-status {code} under_review --note n",
        "inspections schedule --office 1001 --kind periodic --at '1403/09/01 10:00'",
        "inspections record 1 --findings none --report report.pdf",
        "inspections list",
        "cases open --office 1001 --complaint {code}",
        "cases list",
        "cases show 1",
        "decisions record --case 1 --violations 25.12 --committed-on 1403/08/01 --sanction 1 "
        "--sitting 1 --ruling R",
        "decisions served 1 --on 1403/08/10",
        "decisions list",
        "decisions file --office 1001 --format json",
        "decisions publications",
        "appeals file 1 --by center_head --grounds g",
        "appeals rule 1 --uphold",
        "notices list",
        "notices retry 1",
        "tariff list",
        "staff invite --role desk --association tehran --name 'Sara Example'",
        "staff list",
        "staff revoke 1",
        "audit list",
        "report --month 1403/08",
    )
]
#: The commands that may make a new store (and say so), those that are not the operator's, and
#: `daftar doctor`, which reports an absent store as a failed check (exit 1) and creates nothing
#: (tests/operator_commands/test_doctor.py).
CREATING = {"daftar offices import", "daftar tariff import", "daftar db upgrade"}
NOT_THE_OPERATORS = {"daftar run", "daftar start", "daftar chat"}
CHECKING = {"daftar doctor"}


def test_the_refusal_list_is_every_command_that_expects_a_store() -> None:
    """A command added later must be listed here (or among those that may create a store)."""
    store_commands = {
        command.prog for command in commands_of(cli.build_parser()) if _has_store_option(command)
    }
    # A command with no actions of its own (`report`) is named by its group alone.
    listed_here = {
        " ".join(["daftar", *(word for word in argv[:2] if not word.startswith("-"))])
        for argv in EXPECTING_A_STORE
    }
    assert store_commands - CREATING - NOT_THE_OPERATORS - CHECKING == listed_here


@pytest.mark.parametrize("argv", EXPECTING_A_STORE, ids=lambda argv: " ".join(argv[:2]))
def test_a_command_on_a_store_that_does_not_exist_refuses_and_creates_nothing(
    clean: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (clean / "report.pdf").write_bytes(b"%PDF report")
    store = clean / "missing" / "daftar.db"
    assert daftar(*argv, STORE_OPTION, sqlite_url(store)) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"daftar {argv[0]}: there is no store at {store} (named by --database-url); "
        "nothing was created",
        f"daftar {argv[0]}: create it with `daftar db upgrade --database-url "
        f"sqlite+aiosqlite:///{store}`, or name the store you meant with --database-url, "
        "DAFTAR_DATABASE_URL or a config file (.env)",
    ]
    assert captured.out == ""
    assert sorted(path.name for path in clean.rglob("*")) == ["report.pdf"]


def test_the_refusal_says_where_the_store_was_named(
    clean: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = clean / ".env"
    config.write_text("DAFTAR_DATABASE_URL=sqlite+aiosqlite:///from-the-file.db\n")
    assert daftar("complaints", "list") == 2
    where = f"there is no store at {clean / 'from-the-file.db'} (named by DAFTAR_DATABASE_URL in"
    assert f"{where} {config})" in capsys.readouterr().err

    monkeypatch.setenv("DAFTAR_DATABASE_URL", "sqlite+aiosqlite:///relative/env.db")
    assert daftar("complaints", "list") == 2
    err = capsys.readouterr().err
    assert f"no store at {clean / 'relative' / 'env.db'} (named by DAFTAR_DATABASE_URL)" in err
    assert not list(clean.glob("**/*.db"))


def test_an_import_and_db_upgrade_create_a_store_and_say_so(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = clean / "new" / "daftar.db"
    named = (STORE_OPTION, sqlite_url(store))
    assert daftar("offices", "import", str(registry(clean, "1001")), *named) == 0
    err = capsys.readouterr().err
    assert f"daftar: created a new store at {store}\n" in err
    assert "daftar offices: imported: 1 new, 0 updated" in err
    assert listed(capsys, *named) == ["1001"]

    # A second import finds the store: nothing said about creating one.
    assert daftar("offices", "import", str(registry(clean, "1002")), *named) == 0
    assert "created" not in capsys.readouterr().err

    upgraded = clean / "upgraded.db"
    assert daftar("db", "upgrade", STORE_OPTION, sqlite_url(upgraded)) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"daftar: created a new store at {upgraded}",
        "daftar db: schema at head",
    ]
    assert daftar("db", "upgrade", STORE_OPTION, sqlite_url(upgraded)) == 0
    assert capsys.readouterr().err.splitlines() == ["daftar db: schema at head"]
    assert listed(capsys, STORE_OPTION, sqlite_url(upgraded)) == []


def test_an_existing_empty_file_is_brought_up_to_date(
    clean: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is there is the store the operator meant: its schema is upgraded, as ever."""
    store = clean / "empty.db"
    store.touch()
    assert daftar("complaints", "list", STORE_OPTION, sqlite_url(store)) == 0
    assert capsys.readouterr().err == "daftar complaints: no complaints\n"
    assert store.stat().st_size > 0


# ---- 4. times in Jalali, in the configured zone ----


def test_format_moment_is_the_jalali_date_and_time_in_the_zone() -> None:
    from zoneinfo import ZoneInfo

    assert format_moment(NOON, ZoneInfo("Asia/Tehran")) == "1403/08/15 12:00"
    assert format_moment(NOON, ZoneInfo("UTC")) == "1403/08/15 08:30"
    # Late in the evening in UTC is already the next Jalali day (and year) in Tehran.
    evening = datetime(2025, 3, 20, 21, 0, tzinfo=UTC)
    assert format_moment(evening, ZoneInfo("Asia/Tehran")) == "1404/01/01 00:30"
    with pytest.raises(ValueError, match="aware"):
        format_moment(datetime(2024, 11, 5, 8, 30), ZoneInfo("Asia/Tehran"))


def _file_a_complaint(url: str) -> str:
    code = new_tracking_code(random.Random(1405))

    async def _file(sessions: async_sessionmaker[AsyncSession]) -> None:
        async with sessions() as session, session.begin():
            complaint = await complaint_store.create(
                session, now=NOON, tracking_code=code, **fields(office_code="1001")
            )
            await complaint_store.set_status(
                session,
                complaint,
                "under_review",
                "seen",
                datetime(2024, 11, 6, 20, 45, tzinfo=UTC),
            )

    daftar("offices", "import", str(registry(Path.cwd(), "1001")))
    on_store(url, _file)
    return code


def test_complaints_are_shown_in_jalali_and_tehran_time_json_stays_iso_utc(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _file_a_complaint(url)
    capsys.readouterr()
    assert daftar("complaints", "list") == 0
    header, row, total = capsys.readouterr().out.splitlines()
    assert header.split()[5:7] == ["filed", "(Tehran)"]
    assert row.startswith(code) and "1403/08/15 12:00" in row
    assert total == "1 complaint"

    assert daftar("complaints", "show", code) == 0
    out = capsys.readouterr().out
    assert re.search(r"^created_at +1403/08/15 12:00$", out, re.MULTILINE)
    # 20:45 UTC on 2024-11-06 is 00:15 in Tehran on the next Jalali day.
    assert "  1403/08/17 00:15  status under_review: seen" in out
    assert not ISO_MOMENT.search(out)

    assert daftar("complaints", "show", code, "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["created_at"] == "2024-11-05T08:30:00+00:00"
    assert document["timeline"][1]["at"] == "2024-11-06T20:45:00+00:00"

    # The configured zone, not Tehran's by fixed rule.
    monkeypatch.setenv("DAFTAR_TIMEZONE", "Asia/Kabul")
    assert daftar("complaints", "list") == 0
    header, row, _ = capsys.readouterr().out.splitlines()
    assert header.split()[5:7] == ["filed", "(Kabul)"]
    assert "1403/08/15 13:00" in row


def test_the_help_of_a_store_command_says_how_times_are_shown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert daftar("notices", "list", "--help") == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--database-url URL" in out
    assert "Dates are Jalali; times are of the configured zone (DAFTAR_TIMEZONE" in out
    assert "--json gives moments in ISO 8601, UTC." in out
