"""`DAFTAR_LOG_FORMAT=json`: the log is one JSON object a line (issue #15), Persian kept as is,
a traceback inside its line; without it, the plain text lines as before."""

from __future__ import annotations

import asyncio
import json
import os
import sys

SCRIPT = """
import logging
from bot.cli import _configure_logging
_configure_logging("run")
logging.getLogger("daftar.test").info("سلام %s", 1)
try:
    raise ValueError("broken")
except ValueError:
    logging.getLogger("daftar.test").exception("failed")
"""


async def _stderr(**env: str) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SCRIPT,
        env={**os.environ, **env},
        stderr=asyncio.subprocess.PIPE,
    )
    _out, err = await process.communicate()
    assert process.returncode == 0, err
    return err.decode()


async def test_json_logs_are_one_object_a_line() -> None:
    lines = (await _stderr(DAFTAR_LOG_FORMAT="json")).splitlines()
    records = [json.loads(line) for line in lines]  # every line is one whole object
    assert [r["message"] for r in records] == ["سلام 1", "failed"]
    assert records[0]["level"] == "INFO" and records[0]["logger"] == "daftar.test"
    assert records[0]["time"].endswith("+00:00")
    assert "ValueError: broken" in records[1]["error"]


async def test_text_logs_stay_the_default() -> None:
    text = await _stderr()
    assert "INFO daftar.test: سلام 1" in text
    assert not text.lstrip().startswith("{")
