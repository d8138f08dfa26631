"""How many replies a second `daftar run` gives, and at what CPU cost, against a bare aiogram bot.

    .venv/bin/python -m benchmarks.throughput [--mode text|buttons|flow] [--users 50]
        [--messages 6] [--pairs 3] [--database sqlite[,postgresql]]
        [--framework direct|aiogram|ptb] [--profile PATH]

Each run starts the fake Bot API server of the tests (it needs ../shared/botapi) and one bot as a
real process polling it: `daftar run` (Telegram through `--framework`'s transport, by default the
product's, direct; a fresh store migrated first, an SQLite file or, with `--database postgresql`,
a database of its own on DAFTAR_TEST_POSTGRES_URL's server, dropped after) or
`benchmarks/echo_bot.py` (a bare aiogram bot), in turn, A B A B … for `--pairs` pairs. The
platform's rate limits are lifted (DAFTAR_RATE_PER_SECOND and DAFTAR_RATE_PER_CHAT_PER_SECOND at
100000). Each bot first answers one warm-up /start, outside the figures.

The load is user-like: the U users act at once, each in its own private chat, and each waits
for the reply to its action before the next one (a reply is the bot's first message sent or
edited in that chat after the action was delivered). The actions, by `--mode`:

- `text`: M messages, /start and /help alternately;
- `buttons`: M actions, /start and a press alternately; a press is on a button the bot's latest
  answer to /start carries (daftar: the home menu's buttons in turn; the echo: its one button);
- `flow`: one walk of the eligibility check to its sheet per user, M ignored: /start, the menu's
  "check the conditions", the post and every answer of an eligible office manager (pressed when a
  button, typed when a date or a number), the review's confirm; the echo gets as many actions,
  its button pressed where daftar's is.

For each run it prints replies per second (over the load, from the first action to the last
reply), the bot process's CPU seconds per reply (utime + stime from /proc/PID/stat over the
load), p50 and p99 latency (from the update's first delivery by getUpdates to the reply's
arrival at the server) and the peak RSS (VmHWM of /proc/PID/status; the first line gives that of
a process that only imports aiogram, the floor under both bots); then, over the pairs, the
median ratio daftar / echo of replies per second and of CPU per reply. `--database` takes a list
(`sqlite,postgresql`): each store's pairs run in turn, then a table sets their medians side by
side (daftar's figures, the echo's replies per second, the ratios). `--profile PATH` runs
daftar under cProfile over the load alone (`benchmarks/profiled_run.py`; each daftar run
overwrites PATH, so it holds the last) and prints its 15 top entries, cumulative and own time.
Loopback only; Linux (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import pstats
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fakebotapi import FakeBotApi
from tests.fakebotapi.updates import inline_buttons

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
REPLY_TIMEOUT = 60.0
WARM_UP_CHAT = 1
FIRST_USER = 10_000
#: daftar's transports (DAFTAR_TELEGRAM_FRAMEWORK), the product's default first.
FRAMEWORKS = ("direct", "aiogram", "ptb")
DEFAULT = FRAMEWORKS[0]
#: The methods whose call to a chat is a reply.
REPLIES = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument", "sendPhoto")

#: The eligibility walk: ("press", label) or ("type", text), after /start (tests/chat's answers).
FLOW: list[tuple[str, str]] = [
    ("press", "سنجش شرایط احراز سمت"),
    ("press", "مدیر دفتر"),
    ("press", "ایرانی"),
    ("press", "بله"),
    ("press", "بله"),
    ("press", "خیر"),
    ("press", "خیر"),
    ("press", "مرد"),
    ("press", "کارت پایان خدمت"),
    ("press", "بله"),
    ("press", "کارشناسی"),
    ("press", "حقوق"),
    ("type", "۱۳۷۰/۰۱/۰۱"),
    ("type", "۱۰"),
    ("press", "بله"),
    ("press", "خیر"),
    ("press", "خیر"),
    ("press", "خیر"),
    ("press", "خیر"),
    ("press", "بله"),
    ("press", "✔ تأیید"),
]
SHEET_START = "📋"
#: The echo bot's one button (benchmarks/echo_bot.py).
ECHO_BUTTON = "again"


class MeteredApi(FakeBotApi):
    """The fake Bot API, noting when each update is first delivered and each chat's replies."""

    def __init__(self) -> None:
        super().__init__(platform="telegram")
        self.delivered: dict[int, float] = {}
        self.replies: dict[int, list[float]] = {}
        self._heard: dict[int, asyncio.Event] = {}
        for method in REPLIES:
            self._handlers[method] = self._noting(self._handlers[method])

    async def _get_updates(self, params: dict[str, Any]) -> Any:
        batch = await super()._get_updates(params)
        now = time.monotonic()
        for update in batch:
            self.delivered.setdefault(update["update_id"], now)
        return batch

    def _noting(self, handler: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], Any]:
        async def noted(params: dict[str, Any]) -> Any:
            result = await handler(params)
            chat = int(params["chat_id"])
            self.replies.setdefault(chat, []).append(time.monotonic())
            self.heard(chat).set()
            return result

        return noted

    def heard(self, chat: int) -> asyncio.Event:
        """Set when the chat gets a reply (cleared by the waiter)."""
        return self._heard.setdefault(chat, asyncio.Event())

    async def act(self, chat: int, action: Callable[[], int]) -> float:
        """Do *action* (it queues an update) and wait for the chat's first reply after the update
        was delivered (a late part of an earlier answer does not count): the latency."""
        update_id = action()
        deadline = time.monotonic() + REPLY_TIMEOUT
        while True:
            delivered = self.delivered.get(update_id)
            if delivered is not None:
                later = [t for t in self.replies.get(chat, []) if t >= delivered]
                if later:
                    return later[0] - delivered
            event = self.heard(chat)
            event.clear()
            try:
                await asyncio.wait_for(event.wait(), deadline - time.monotonic())
            except TimeoutError:
                raise TimeoutError(f"no reply in chat {chat}\n{self.describe()}") from None

    def button(self, chat: int, label: str | None) -> tuple[int, str] | None:
        """(message_id, callback_data) of the button labelled *label* (any, if None) in the
        chat's newest message that has one."""
        state = self._chats[chat]
        for message_id in sorted(state.bot_messages, reverse=True):
            for button in inline_buttons(state.bot_messages[message_id].get("reply_markup")):
                if "callback_data" in button and label in (None, button.get("text")):
                    return message_id, str(button["callback_data"])
        return None

    async def press(self, chat: int, label: str | None) -> float:
        """Press the button (see `button`) once the bot has sent it; the reply's latency."""
        deadline = time.monotonic() + REPLY_TIMEOUT
        while (found := self.button(chat, label)) is None:
            if time.monotonic() > deadline:
                raise LookupError(f"chat {chat} has no button {label}\n{self.describe()}")
            event = self.heard(chat)
            event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), 1.0)
        message_id, data = found
        return await self.act(chat, lambda: self.press_button(chat, data, message_id=message_id))

    def labels(self, chat: int) -> list[str]:
        """The labels of the callback buttons of the chat's newest message."""
        state = self._chats[chat]
        markup = state.bot_messages[max(state.bot_messages)].get("reply_markup")
        return [str(b["text"]) for b in inline_buttons(markup) if "callback_data" in b]


@dataclass
class Run:
    """One bot's figures over one load."""

    side: str
    replies: int
    expected: int
    seconds: float
    cpu: float
    latencies: list[float] = field(default_factory=list)
    peak_rss_kb: int = 0

    @property
    def per_second(self) -> float:
        return self.replies / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_reply(self) -> float:
        return self.cpu / self.replies if self.replies else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    def line(self, pair: int) -> str:
        return (
            f"pair {pair} {self.side:6} replies {self.replies}/{self.expected}  "
            f"{self.per_second:7.1f} replies/s  CPU {self.cpu_per_reply * 1000:6.2f} ms/reply  "
            f"p50 {self.percentile(0.5) * 1000:6.1f} ms  p99 {self.percentile(0.99) * 1000:6.1f} ms"
            f"  peak RSS {self.peak_rss_kb / 1024:5.1f} MB"
        )


async def import_floor_kb() -> int:
    """The peak RSS of a process that only imports aiogram: the floor under both bots (its
    pydantic models are all built at import), in kB."""
    probe = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "import aiogram, pathlib; print(pathlib.Path('/proc/self/status').read_text())",
        stdout=asyncio.subprocess.PIPE,
    )
    status, _ = await probe.communicate()
    for line in status.decode().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_rss_kb(pid: int) -> int:
    """VmHWM of the process, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


async def user_load(
    api: MeteredApi, chat: int, mode: str, messages: int, home: list[str]
) -> list[float]:
    """One user's actions, each waiting for its reply; the latencies. *home*: the labels of the
    buttons of the bot's answer to /start (the echo: its one button)."""
    echo = home == [ECHO_BUTTON]
    latencies = [await api.act(chat, lambda: api.send_command(chat, "start"))]
    if mode == "flow":
        for kind, value in FLOW:
            if kind == "type":
                latencies.append(await api.act(chat, lambda v=value: api.send_text(chat, v)))  # type: ignore[misc]
            else:
                latencies.append(await api.press(chat, ECHO_BUTTON if echo else value))
        if not echo and SHEET_START not in str((api.last_message(chat) or {}).get("text")):
            raise AssertionError(f"chat {chat} did not reach its sheet\n{api.describe()}")
        return latencies
    for n in range(1, messages):
        if n % 2 == 0:
            latencies.append(await api.act(chat, lambda: api.send_command(chat, "start")))
        elif mode == "buttons":
            latencies.append(await api.press(chat, home[(n // 2) % len(home)]))
        else:
            latencies.append(await api.act(chat, lambda: api.send_command(chat, "help")))
    return latencies


def actions_per_user(mode: str, messages: int) -> int:
    return len(FLOW) + 1 if mode == "flow" else messages


@asynccontextmanager
async def bot_process(
    side: str, api: MeteredApi, url: str | None, profile: str | None, framework: str = DEFAULT
) -> AsyncIterator[asyncio.subprocess.Process]:
    """The bot polling *api*, as a process; stopped with SIGTERM after."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
    env.update(PYTHONPATH=str(ROOT), ECHO_TOKEN=api.token, ECHO_API_URL=api.base_url)
    if side == "echo":
        command = ["-m", "benchmarks.echo_bot"]
    else:
        assert url is not None
        env.update(
            DAFTAR_DATABASE_URL=url,
            DAFTAR_TELEGRAM_TOKEN=api.token,
            DAFTAR_TELEGRAM_API_URL=api.base_url,
            DAFTAR_TELEGRAM_FRAMEWORK=framework,
            DAFTAR_RATE_PER_SECOND="100000",
            DAFTAR_RATE_PER_CHAT_PER_SECOND="100000",
            DAFTAR_LOG_LEVEL="WARNING",
        )
        upgrade = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "db",
            "upgrade",
            env=env,
            stderr=asyncio.subprocess.DEVNULL,
        )
        if await upgrade.wait() != 0:
            raise RuntimeError("daftar db upgrade failed")
        command = ["-m", "bot.cli", "run"]
        if profile is not None:
            command = ["-m", "benchmarks.profiled_run", profile]
    process = await asyncio.create_subprocess_exec(sys.executable, *command, env=env)
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout=30)
            except TimeoutError:
                process.kill()
                await process.wait()


async def written(process: asyncio.subprocess.Process, path: str) -> None:
    """Stop the profiler of *process* and wait until it has written its stats to *path*."""
    Path(path).unlink(missing_ok=True)
    process.send_signal(signal.SIGUSR2)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            pstats.Stats(path)  # whole once it reads
            return
    raise TimeoutError(f"daftar wrote no profile to {path}")


@asynccontextmanager
async def a_store(database: str) -> AsyncIterator[str]:
    """A fresh store's URL: an SQLite file, or a PostgreSQL database dropped after."""
    if database == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite+aiosqlite:///{folder}/throughput.db"
        return
    from benchmarks.report_at_scale import a_store as a_postgres_store

    server = os.environ.get("DAFTAR_TEST_POSTGRES_URL")
    async with a_postgres_store("postgresql", server, None) as (url, _kept):
        yield url


async def one_run(
    side: str,
    mode: str,
    users: int,
    messages: int,
    database: str,
    profile: str | None,
    framework: str = DEFAULT,
) -> Run:
    """One bot under one load."""
    api = MeteredApi()
    async with api, a_store(database) as url:
        async with bot_process(side, api, url, profile, framework) as process:
            await api.act(WARM_UP_CHAT, lambda: api.send_command(WARM_UP_CHAT, "start"))
            home = api.labels(WARM_UP_CHAT)
            if profile is not None:
                process.send_signal(signal.SIGUSR1)
            cpu_before = cpu_seconds(process.pid)
            started = time.monotonic()
            chats = range(FIRST_USER, FIRST_USER + users)
            results = await asyncio.gather(
                *(user_load(api, chat, mode, messages, home) for chat in chats)
            )
            seconds = time.monotonic() - started
            cpu = cpu_seconds(process.pid) - cpu_before
            rss = peak_rss_kb(process.pid)
            if profile is not None:
                await written(process, profile)
        api.assert_no_violations()
    latencies = [latency for result in results for latency in result]
    expected = users * actions_per_user(mode, messages)
    return Run(side, len(latencies), expected, seconds, cpu, latencies, rss)


async def benchmark(
    *,
    mode: str = "text",
    users: int = 50,
    messages: int = 6,
    pairs: int = 3,
    database: str = "sqlite",
    framework: str = DEFAULT,
    profile: str | None = None,
    out: Callable[[str], None] = print,
) -> list[tuple[Run, Run]]:
    """Run the pairs, print each run's figures and the median ratios; the runs."""
    out(
        f"mode {mode}, {users} users × {actions_per_user(mode, messages)} actions, "
        f"{pairs} pairs, daftar on {database} through {framework}, nproc {os.cpu_count()}, "
        f"peak RSS of `import aiogram` alone {await import_floor_kb() / 1024:.1f} MB"
    )
    if profile is not None:
        Path(profile).resolve().parent.mkdir(parents=True, exist_ok=True)
    runs: list[tuple[Run, Run]] = []
    for pair in range(1, pairs + 1):
        daftar = await one_run("daftar", mode, users, messages, database, profile, framework)
        out(daftar.line(pair))
        echo = await one_run("echo", mode, users, messages, database, None)
        out(echo.line(pair))
        runs.append((daftar, echo))
    rate = statistics.median(d.per_second / e.per_second for d, e in runs)
    cpu = cpu_ratio(runs)
    cpu_text = (
        "n/a (the echo's CPU was under the clock's tick)" if math.isnan(cpu) else f"{cpu:.1f}×"
    )
    out(f"median ratio daftar/echo: replies/s {rate:.3f}, CPU per reply {cpu_text}")
    if profile is not None:
        out(top_entries(profile))
    return runs


def cpu_ratio(runs: list[tuple[Run, Run]]) -> float:
    """The median over the pairs of daftar's CPU per reply to the echo's; NaN where no echo run
    used a measurable CPU (a tiny load can stay under /proc's clock tick of 10 ms)."""
    ratios = [d.cpu_per_reply / e.cpu_per_reply for d, e in runs if e.cpu_per_reply]
    return statistics.median(ratios) if ratios else float("nan")


#: The rows of the side-by-side table: (label, the figure of a store's pairs).
ROWS: tuple[tuple[str, Callable[[list[tuple[Run, Run]]], float]], ...] = (
    ("daftar replies/s", lambda runs: statistics.median(d.per_second for d, _ in runs)),
    ("daftar CPU ms/reply", lambda runs: statistics.median(d.cpu_per_reply for d, _ in runs) * 1e3),
    ("daftar p50 ms", lambda runs: statistics.median(d.percentile(0.5) for d, _ in runs) * 1e3),
    ("daftar p99 ms", lambda runs: statistics.median(d.percentile(0.99) for d, _ in runs) * 1e3),
    ("daftar peak RSS MB", lambda runs: max(d.peak_rss_kb for d, _ in runs) / 1024),
    ("echo replies/s", lambda runs: statistics.median(e.per_second for _, e in runs)),
    (
        "ratio replies/s",
        lambda runs: statistics.median(d.per_second / e.per_second for d, e in runs),
    ),
    ("ratio CPU per reply", cpu_ratio),
)


def side_by_side(results: dict[str, list[tuple[Run, Run]]]) -> str:
    """The stores' figures in columns: medians over each store's pairs (peak RSS: the highest)."""
    stores = list(results)
    lines = [
        "side by side, medians over the pairs (peak RSS: the highest):",
        f"  {'':22}" + "".join(f"{store:>12}" for store in stores),
    ]
    for label, figure in ROWS:
        lines.append(
            f"  {label:22}" + "".join(f"{figure(results[store]):12.2f}" for store in stores)
        )
    return "\n".join(lines)


async def compare(
    databases: list[str], out: Callable[[str], None] = print, **options: Any
) -> dict[str, list[tuple[Run, Run]]]:
    """`benchmark` on each store in turn, then their figures side by side; the runs by store."""
    results = {db: await benchmark(database=db, out=out, **options) for db in databases}
    if len(results) > 1:
        out(side_by_side(results))
    return results


def databases(text: str) -> list[str]:
    """`--database`'s list: comma-separated stores, each sqlite or postgresql, none twice."""
    named = [word.strip() for word in text.split(",") if word.strip()]
    wrong = [word for word in named if word not in ("sqlite", "postgresql")]
    if not named or wrong or len(set(named)) != len(named):
        raise argparse.ArgumentTypeError(f"{text!r}: sqlite, postgresql or both, comma-separated")
    return named


#: Frames that hold the whole run (the event loop, the entry point): left out of the cumulative top.
_WRAPPERS = ("asyncio/", "runpy", "<string>", "{built-in method builtins.exec}", "bot/cli.py")
_WRAPPERS_TOO = ("run_command", "{method 'run' of '_contextvars.Context' objects}")


def top_entries(path: str, count: int = 15) -> str:
    """The profile's *count* top entries by cumulative time, below the event loop and the entry
    point, then by own time."""
    stats = pstats.Stats(path)
    lines: list[str] = []
    for order, title in (("cumulative", "cumulative"), ("tottime", "own time")):
        stats.sort_stats(order)
        lines.append(f"top {count} by {title} (ncalls, own s, cumulative s, function):")
        shown = 0
        for key in stats.fcn_list:  # type: ignore[attr-defined]
            file, line, function = key
            where = f"{file}:{line}({function})" if line else function
            if order == "cumulative" and (
                any(w in where for w in _WRAPPERS) or function in _WRAPPERS_TOO
            ):
                continue
            calls, _primitive, own, cumulative, _callers = stats.stats[key]  # type: ignore[attr-defined]
            lines.append(
                f"  {calls:8} {own:8.3f} {cumulative:8.3f}  {where.replace(str(ROOT) + '/', '')}"
            )
            shown += 1
            if shown == count:
                break
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["text", "buttons", "flow"], default="text")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--messages", type=int, default=6)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument(
        "--database",
        type=databases,
        default=["sqlite"],
        metavar="STORES",
        help="sqlite (default), postgresql, or both: sqlite,postgresql (side by side)",
    )
    parser.add_argument(
        "--framework",
        choices=FRAMEWORKS,
        default=DEFAULT,
        help=f"daftar's transport on Telegram (default: the product's, {DEFAULT})",
    )
    parser.add_argument("--profile", metavar="PATH", help="run daftar under cProfile, stats here")
    args = parser.parse_args(argv)
    if args.pairs < 3:
        parser.error("--pairs: at least 3 (a median of pairs)")
    if args.users < 1 or args.messages < 1:
        parser.error("--users and --messages: at least 1")
    options = vars(args)
    asyncio.run(compare(options.pop("database"), **options))
    return 0


if __name__ == "__main__":
    sys.exit(main())
