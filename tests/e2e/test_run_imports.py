"""`daftar run` with one aiogram platform loads only what serving uses (issue #14: memory).

Checked by the serving process's own sys.modules, written when it exits: python-telegram-bot is
the other framework and the PDF stack is for reports, so neither belongs in memory until used.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from tests.fakebotapi import FakeBotApi
from tests.shared import CHECKOUT

CHAT = 6161

#: `python -c` body: run `bot.cli run`, and at exit write the names in sys.modules to argv[1].
WRAPPER = """
import atexit, json, runpy, sys
out = sys.argv[1]
atexit.register(lambda: json.dump(sorted(sys.modules), open(out, "w")))
sys.argv = ["daftar", "run"]
runpy.run_module("bot.cli", run_name="__main__")
"""


async def test_serving_one_aiogram_platform_imports_neither_ptb_nor_the_pdf_stack(
    tmp_path: Path,
) -> None:
    listing = tmp_path / "modules.json"
    async with FakeBotApi(platform="telegram") as telegram:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
        env.update(
            PYTHONPATH=str(CHECKOUT),
            DAFTAR_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
            DAFTAR_TELEGRAM_TOKEN=telegram.token,
            DAFTAR_TELEGRAM_API_URL=telegram.base_url,
            DAFTAR_TELEGRAM_FRAMEWORK="aiogram",
            DAFTAR_POLL_TIMEOUT="1",
            DAFTAR_LOG_LEVEL="WARNING",
        )
        daftar = await asyncio.create_subprocess_exec(
            sys.executable, "-c", WRAPPER, str(listing), env=env
        )
        try:
            telegram.send_command(CHAT, "start")
            telegram.send_command(CHAT, "help")
            await telegram.wait_for_message(CHAT, count=2, timeout=30)
        finally:
            daftar.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(daftar.wait(), timeout=30) == 0
        telegram.assert_no_violations()
    modules = set(json.loads(listing.read_text()))
    roots = {name.partition(".")[0] for name in modules}
    assert "bot.handlers.aiogram_transport" in modules  # it served through aiogram
    assert {"telegram", "fpdf", "uharfbuzz", "fontTools", "PIL"} & roots == set()
    assert "bot.documents.report_pdf" not in modules
    assert not any(name.startswith("bot.operator.") for name in modules - {"bot.operator.parsing"})
