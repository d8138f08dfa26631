"""`daftar run` loads only what serving uses (issue #14: memory).

Checked by the serving process's own sys.modules, written when it exits. With the default
transport (the Bot API's JSON itself) neither framework belongs in memory; with aiogram on one
platform, python-telegram-bot does not; and the PDF stack is for reports, so it waits until one
is asked for.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from pathlib import Path

from tests.fakebotapi import FakeBotApi
from tests.shared import CHECKOUT

CHAT = 6161
PDF_STACK = {"fpdf", "uharfbuzz", "fontTools", "PIL"}

#: `python -c` body: run `bot.cli run`, and at exit write the names in sys.modules to argv[1].
WRAPPER = """
import atexit, json, runpy, sys
out = sys.argv[1]
atexit.register(lambda: json.dump(sorted(sys.modules), open(out, "w")))
sys.argv = ["daftar", "run"]
runpy.run_module("bot.cli", run_name="__main__")
"""


async def modules_of_a_run(tmp_path: Path, apis: list[FakeBotApi], **env: str) -> set[str]:
    """The modules `daftar run` held serving *apis* (/start and /help answered on each), with
    *env* on top of the platforms' tokens and URLs."""
    listing = tmp_path / "modules.json"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
    environment.update(
        PYTHONPATH=str(CHECKOUT),
        DAFTAR_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
        DAFTAR_POLL_TIMEOUT="1",
        DAFTAR_LOG_LEVEL="WARNING",
    )
    for api in apis:
        environment[f"DAFTAR_{api.platform.upper()}_TOKEN"] = api.token
        environment[f"DAFTAR_{api.platform.upper()}_API_URL"] = api.base_url
    environment.update(env)
    daftar = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WRAPPER, str(listing), env=environment
    )
    try:
        for api in apis:
            api.send_command(CHAT, "start")
            api.send_command(CHAT, "help")
        for api in apis:
            await api.wait_for_message(CHAT, count=2, timeout=30)
    finally:
        daftar.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(daftar.wait(), timeout=30) == 0
    for api in apis:
        api.assert_no_violations()
    return set(json.loads(listing.read_text()))


def roots(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


def no_operator_nor_pdf(modules: set[str]) -> None:
    assert PDF_STACK & roots(modules) == set()
    assert "bot.documents.report_pdf" not in modules
    assert not any(name.startswith("bot.operator.") for name in modules - {"bot.operator.parsing"})


async def test_serving_one_aiogram_platform_imports_neither_ptb_nor_the_pdf_stack(
    tmp_path: Path,
) -> None:
    async with FakeBotApi(platform="telegram") as telegram:
        modules = await modules_of_a_run(tmp_path, [telegram], DAFTAR_TELEGRAM_FRAMEWORK="aiogram")
    assert "bot.handlers.aiogram_transport" in modules  # it served through aiogram
    assert "telegram" not in roots(modules)
    no_operator_nor_pdf(modules)


async def test_serving_both_platforms_by_default_imports_no_framework(tmp_path: Path) -> None:
    async with contextlib.AsyncExitStack() as stack:
        apis = [
            await stack.enter_async_context(FakeBotApi(platform=platform))
            for platform in ("telegram", "bale")
        ]
        modules = await modules_of_a_run(tmp_path, apis)
    assert "bot.handlers.direct_transport" in modules  # both served directly
    assert {"aiogram", "telegram"} & roots(modules) == set()
    assert not {"bot.handlers.aiogram_transport", "bot.handlers.ptb_transport"} & modules
    no_operator_nor_pdf(modules)
