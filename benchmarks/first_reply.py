"""How long `daftar run` takes to answer /start, on a Bot API server on loopback.

    .venv/bin/python -m benchmarks.first_reply [--rounds 5]

Starts the fake Bot API server of the tests (it needs ../shared/botapi), then `daftar run` as a
real process for Telegram, for Bale, and for both at once, and prints: the time from process start
to the first answered /start (start-up included), and the time from a /start to its reply once
running (median of the rounds). Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.fakebotapi import FakeBotApi

ROOT = Path(__file__).resolve().parent.parent


async def measure(platforms: list[str], rounds: int) -> tuple[float, list[float]]:
    apis = [FakeBotApi(platform=p) for p in platforms]  # type: ignore[arg-type]
    for api in apis:
        await api.start()
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
        env.update(
            PYTHONPATH=str(ROOT),
            DAFTAR_DATABASE_URL=f"sqlite+aiosqlite:///{folder}/bench.db",
            DAFTAR_LOG_LEVEL="WARNING",
        )
        for api in apis:
            env[f"DAFTAR_{api.platform.upper()}_TOKEN"] = api.token
            env[f"DAFTAR_{api.platform.upper()}_API_URL"] = api.base_url
        started = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=env
        )
        for api in apis:
            api.send_command(1, "start")
        for api in apis:
            await api.wait_for_message(1, timeout=60)
        cold = time.monotonic() - started
        warm: list[float] = []
        for n in range(rounds):
            chat = 100 + n
            sent = time.monotonic()
            for api in apis:
                api.send_command(chat, "start")
            for api in apis:
                await api.wait_for_message(chat, timeout=30)
            warm.append(time.monotonic() - sent)
        process.send_signal(signal.SIGTERM)
        await process.wait()
    for api in apis:
        await api.stop()
    return cold, warm


async def main(rounds: int) -> None:
    for platforms in (["telegram"], ["bale"], ["telegram", "bale"]):
        cold, warm = await measure(platforms, rounds)
        print(
            f"{' + '.join(platforms):16} first /start answered {cold:5.2f} s after launch; "
            f"then /start → reply median {statistics.median(warm) * 1000:6.0f} ms "
            f"(max {max(warm) * 1000:.0f} ms, {rounds} rounds)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    asyncio.run(main(parser.parse_args().rounds))
