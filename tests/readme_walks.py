"""The README's shell walks, run as they stand: each follows a marker line in README.md."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import sys
from pathlib import Path

from tests.shared import CHECKOUT


def readme_walk(marker: str) -> str:
    """The shell block that follows *marker* in README.md."""
    readme = (CHECKOUT / "README.md").read_text("utf-8")
    assert marker in readme, f"README.md lost its walk {marker}"
    found = re.match(r"\s*```sh\n(.*?)\n```", readme.split(marker, 1)[1], re.DOTALL)
    assert found is not None, "the walk's marker is not followed by a ```sh block"
    return found.group(1)


async def run_walk(marker: str, tmp_path: Path) -> tuple[str, str]:
    """Run the README's block after *marker* as it stands; what it printed and what it said."""
    # `.venv/bin/daftar` is this checkout's daftar, run by the interpreter running the tests.
    daftar = f"{shlex.quote(sys.executable)} -m bot.cli"
    script = readme_walk(marker).replace(".venv/bin/daftar", daftar)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
    environment.update(PYTHONPATH=str(CHECKOUT), TMPDIR=str(tmp_path))
    walk = await asyncio.create_subprocess_exec(
        "bash",
        "-euo",
        "pipefail",
        "-c",
        script,
        cwd=CHECKOUT,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(walk.communicate(), timeout=300)
    assert walk.returncode == 0, err.decode()
    return out.decode(), err.decode()
