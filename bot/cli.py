"""The `daftar` command: run the bot, chat in the terminal, manage the store.

daftar start          what `make run` runs: the bot if a token is set, else the console chat
daftar run            serve every platform whose token is set
daftar chat           talk to the bot in this terminal (its own store: var/console.db)
daftar db upgrade     bring the store's schema up to date
daftar eligibility …  eligibility for a post, for many applicants (check, coverage)
daftar offices …      the office registry (import, list, invite, unlink)
daftar complaints …   complaints, for the Association's staff (list, show, set-status)
daftar tariff …       the offices' fee tariffs, year by year (import, list)
daftar inspections …, cases …, decisions …, appeals …, notices …  the disciplinary record
daftar law coverage   every article of the directive: encoded, out of scope, or configuration
daftar staff …        the staff who act in chat (invite, list, revoke)
daftar audit list     the staff's audit log
daftar report …       the figures for the Directorate and the Council (Arts. 15, 21)

Every command that touches the store takes --database-url, which wins over DAFTAR_DATABASE_URL
and the config file (bot/config.py: DAFTAR_CONFIG, or the nearest .env from the working directory
up); it is added to each such command after the groups have registered, so a new group has it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.operator.parsing import NO_STORE, Later, add_store_option, run_command

if TYPE_CHECKING:
    from bot.config import Settings

logger = logging.getLogger(__name__)

#: The command groups, in the order `daftar --help` lists them: (name, the group's module, its
#: one-line help). The parser of `bot.operator.X` is `bot.operator.parsers.X` (its
#: register(subparsers) adds the group), light to import; `daftar GROUP …` imports only its own,
#: and the others are listed by name and help (tests/operator_commands/test_cli_start.py checks
#: that this help is the one each parser gives).
GROUPS: tuple[tuple[str, str, str], ...] = (
    (
        "eligibility",
        "bot.operator.eligibility",
        "check eligibility for a post in an office (Articles 4–8)",
    ),
    (
        "offices",
        "bot.operator.offices",
        "the office registry: import, list; invite, unlink and replace managers",
    ),
    (
        "complaints",
        "bot.operator.complaints",
        "complaints against offices: list, show, set a status",
    ),
    ("inspections", "bot.operator.inspections", "the Association's inspections (Art. 21)"),
    (
        "cases",
        "bot.operator.cases",
        "cases before the Primary Disciplinary Board (Art. 22)",
    ),
    (
        "decisions",
        "bot.operator.decisions",
        "the Primary Board's decisions (Arts. 23, 24, 26)",
    ),
    ("appeals", "bot.operator.appeals", "appeals to the Appeals Board (Art. 24)"),
    ("notices", "bot.operator.notices", "notices to office managers and their delivery"),
    (
        "tariff",
        "bot.operator.tariff",
        "the offices' fee tariffs, year by year: import, list",
    ),
    (
        "law",
        "bot.operator.law",
        "the directive, article by article, and what Daftar does with it",
    ),
    ("staff", "bot.operator.staff", "the staff who act in chat: invite, list, revoke"),
    ("audit", "bot.operator.audit", "the staff's audit log (read-only)"),
    (
        "report",
        "bot.operator.report",
        "the figures for the Directorate and the Council, for a period and a scope",
    ),
)
#: The modules that add their own subcommands: each has register(subparsers). One not in GROUPS
#: (a group added without a line there) is imported itself, and always.
SUBCOMMANDS = tuple(module for _name, module, _help in GROUPS)


class JsonLines(logging.Formatter):
    """One JSON object a line (`DAFTAR_LOG_FORMAT=json`), for a log collector to read."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as {"time", "level", "logger", "message"[, "error"]}."""
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def _configure_logging(command: str) -> None:
    # The server says what it serves; the console chat keeps the terminal for the conversation.
    default = "INFO" if command == "run" else "WARNING"
    level = os.environ.get("DAFTAR_LOG_LEVEL", default).upper()
    handler = logging.StreamHandler(sys.stderr)
    if os.environ.get("DAFTAR_LOG_FORMAT", "text").lower() == "json":
        handler.setFormatter(JsonLines())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=getattr(logging, level, logging.WARNING), handlers=[handler])


def _has_token(settings: Settings) -> bool:
    return settings.telegram_token is not None or settings.bale_token is not None


def cmd_start(args: argparse.Namespace) -> int:
    """The main job: serve the platforms, or open the console chat when none is configured."""
    from bot.config import load_settings

    settings = load_settings()
    if _has_token(settings):
        if "DAFTAR_LOG_LEVEL" not in os.environ:
            logging.getLogger().setLevel(logging.INFO)
        return cmd_run(args)
    print(
        "No platform token is set (DAFTAR_TELEGRAM_TOKEN or DAFTAR_BALE_TOKEN, in the "
        "environment or .env): opening the console chat instead.",
        file=sys.stderr,
    )
    args.user = 1
    return cmd_chat(args)


def cmd_run(args: argparse.Namespace) -> int:
    """Serve every platform whose token is set."""
    import asyncio

    from bot.app.serve import serve
    from bot.config import load_settings

    settings = load_settings()
    if not _has_token(settings):
        print("daftar run: set DAFTAR_TELEGRAM_TOKEN or DAFTAR_BALE_TOKEN first.", file=sys.stderr)
        return 2
    return asyncio.run(serve(settings))


def cmd_chat(args: argparse.Namespace) -> int:
    """Talk to the bot in the terminal, on the console's own store."""
    import asyncio

    from bot.app import open_app
    from bot.app.console import console_chat
    from bot.config import load_settings
    from bot.operator.offices import load_sample_if_empty
    from bot.text.jalali import today_in

    settings = load_settings()

    async def _main() -> int:
        app = await open_app(
            settings, args.database_url or settings.console_database_url, upgrade=True
        )
        try:
            # A newcomer can file a complaint at once: the fictional sample registry.
            now = app.engine.clock()
            await load_sample_if_empty(app.engine.sessions, today_in(settings.zone, now), now)
            return await console_chat(app, user_id=args.user)
        finally:
            await app.close()

    return asyncio.run(_main())


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Bring the store's schema to the newest revision."""
    import asyncio

    from bot.config import load_settings
    from bot.operator.common import absent_store, say_created
    from storage.database import migrate, open_engine

    # --database-url reaches the settings through run_command, as for every command.
    url = load_settings().database_url
    absent = absent_store(url)

    async def _main() -> None:
        db = open_engine(url)
        try:
            await migrate(db, args.revision)
        finally:
            await db.dispose()

    asyncio.run(_main())
    if absent is not None:
        say_created(absent)
    print(f"daftar db: schema at {args.revision}", file=sys.stderr)
    return 0


def build_parser(full: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser of every `daftar` subcommand.

    *full*: the groups whose commands are built (default: every group); the others are only
    listed, by name and help, and their modules are not imported.
    """
    parser = argparse.ArgumentParser(prog="daftar", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    start = commands.add_parser("start", help="run the bot, or the console chat without a token")
    start.set_defaults(handler=cmd_start)

    run = commands.add_parser("run", help="serve every platform whose token is set")
    run.set_defaults(handler=cmd_run)

    chat = commands.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--user", type=int, default=1, help="talk as this user id (default 1)")
    chat.add_argument(
        "--database-url", metavar="URL", help="the store (default: DAFTAR_CONSOLE_DATABASE_URL)"
    )
    chat.set_defaults(handler=cmd_chat)

    db = commands.add_parser("db", help="the store's schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_commands.add_parser("upgrade", help="upgrade to the newest schema")
    upgrade.add_argument("revision", nargs="?", default="head")
    upgrade.set_defaults(handler=cmd_db_upgrade)

    doctor = commands.add_parser(
        "doctor", help="check the settings, the store, each token, the webhook and Redis"
    )
    doctor.set_defaults(handler=Later("bot.app.doctor", "cmd_doctor"))

    listed = {module: (name, summary) for name, module, summary in GROUPS}
    for module_name in SUBCOMMANDS:
        name, summary = listed.get(module_name, ("", ""))
        if full is not None and name and name not in full:
            commands.add_parser(name, help=summary).set_defaults(**NO_STORE)
            continue
        # A listed group: its light parser; another module registers itself.
        to_import = (
            module_name.replace(".operator.", ".operator.parsers.", 1) if name else module_name
        )
        try:
            module = importlib.import_module(to_import)
        except ModuleNotFoundError as missing:
            if missing.name != to_import:
                raise
            continue
        module.register(commands)
    # After every group: each command that touches the store, old or new, takes --database-url.
    add_store_option(parser)
    return parser


def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser for *argv*: only the group it names is built (`daftar --help` builds none)."""
    named = next((word for word in argv if not word.startswith("-")), None)
    return build_parser(full=() if named is None else (named,))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `daftar` console script."""
    words = sys.argv[1:] if argv is None else list(argv)
    args = parser_for(words).parse_args(words)
    _configure_logging(args.command)
    try:
        return run_command(args)
    except BrokenPipeError:
        # The reader went away (`daftar … | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
