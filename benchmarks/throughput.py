"""How many replies a second `daftar run` gives, and at what CPU cost, against a bare aiogram bot.

    .venv/bin/python -m benchmarks.throughput [--mode text|buttons|flow] [--users 50]
        [--messages 6] [--pairs 3] [--database sqlite[,postgresql]]
        [--framework direct|aiogram|ptb] [--profile PATH] [--processes N] [--redis-url URL]

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

`--processes N` (N ≥ 2; the default, 1, is all the above) measures scale-out, on PostgreSQL alone
(`--database postgresql`: SQLite serves one process, so it is refused, and so is `--profile`).
Several processes cannot share long polling, so daftar runs in webhook mode: each process listens
on a port of its own (DAFTAR_WEBHOOK_LISTEN) behind one round-robin balancer (tests/balancer.py),
whose URL they all give as the webhook's (DAFTAR_WEBHOOK_BASE_URL); they share the store's inbox
and outbox. The fake posts the updates over up to 40 connections at once (Telegram's default
max_connections), never two of one chat at once (posted one at a time, they would cap what a
second process can add). Each pair is three runs under the same load, each with its
own fake and a fresh store: daftar as 1 process (the baseline: webhook mode too, behind the same
balancer, since an update then costs more than by polling: it is committed to the inbox on its
post, then claimed, then deleted), daftar as N processes, and the echo (polling, for reference).
Each of daftar's processes answers one warm-up /start first. Latency is from the update's first
post by the fake; CPU is the sum over the N processes; peak RSS is given as the highest of them
and as their sum. At the end a table sets 1 process and N side by side (medians over the pairs;
peak RSS the highest), with the ratio N/1 of replies per second: the median over the pairs of
each pair's own two runs, so measured in the same run on the same machine (its load by other
work changes from minute to minute: quote the ratio, not the absolute rates). A second table
says where the machine's CPU went over the load: the bots', the harness's (this process: the
fake, the balancer and the load), and the rest (PostgreSQL, and any other work on the machine;
from /proc/stat), and how many cores were busy: with few cores, the harness, PostgreSQL and
the processes share them, and a second process can only add what is idle. The rate limit (lifted,
but still asked) is shared through the store; with `--redis-url URL`, through that Redis
(DAFTAR_REDIS_URL), which costs a message two round trips to Redis instead of two transactions.
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

from tests.balancer import RoundRobin
from tests.daftar_harness import free_port
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
#: How many webhook posts the fake has in flight at once: Telegram's default max_connections.
WEBHOOK_CONNECTIONS = 40
#: How long daftar's processes may take to start listening.
START_TIMEOUT = 60.0


class MeteredApi(FakeBotApi):
    """The fake Bot API, noting when each update is first delivered (returned by getUpdates, or
    posted to the webhook) and each chat's replies."""

    def __init__(self, webhook_connections: int = 1) -> None:
        super().__init__(platform="telegram", webhook_connections=webhook_connections)
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

    async def _deliver(self, update: dict[str, Any]) -> bool:
        # The first attempt's start: the post's own round trip is part of the latency, as a
        # poll's is (its update is committed to the inbox before the 200).
        self.delivered.setdefault(update["update_id"], time.monotonic())
        return await super()._deliver(update)

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
    peak_rss_kb: int = 0  # the highest of its processes'
    processes: int = 1
    peak_rss_sum_kb: int = 0  # its processes' summed
    harness_cpu: float = 0.0  # this process's: the fake server, the balancer, the load
    machine_cpu: float = 0.0  # every core's busy time: the bots, the harness, PostgreSQL, others

    @property
    def per_second(self) -> float:
        return self.replies / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_reply(self) -> float:
        return self.cpu / self.replies if self.replies else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    @property
    def harness_cpu_per_reply(self) -> float:
        return self.harness_cpu / self.replies if self.replies else 0.0

    @property
    def rest_cpu_per_reply(self) -> float:
        """The machine's CPU that was neither the bots' nor the harness's, per reply."""
        rest = self.machine_cpu - self.cpu - self.harness_cpu
        return max(rest, 0.0) / self.replies if self.replies else 0.0

    @property
    def cores_busy(self) -> float:
        return self.machine_cpu / self.seconds if self.seconds else 0.0

    def line(self, pair: int, width: int = 6) -> str:
        """The run's figures; with several processes, the CPU is their sum and the peak RSS the
        highest, their sum beside it."""
        summed = f" (sum {self.peak_rss_sum_kb / 1024:.1f} MB)" if self.processes > 1 else ""
        return (
            f"pair {pair} {self.side:{width}} replies {self.replies}/{self.expected}  "
            f"{self.per_second:7.1f} replies/s  CPU {self.cpu_per_reply * 1000:6.2f} ms/reply  "
            f"p50 {self.percentile(0.5) * 1000:6.1f} ms  p99 {self.percentile(0.99) * 1000:6.1f} ms"
            f"  peak RSS {self.peak_rss_kb / 1024:5.1f} MB{summed}"
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


def machine_cpu_seconds() -> float:
    """The CPU time of every core, all but idle and waiting for I/O, in seconds (/proc/stat)."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / TICKS


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


#: Settings every daftar process of this run gets besides (`--redis-url`).
DAFTAR_EXTRA: dict[str, str] = {}


def bot_env(
    side: str, api: MeteredApi, url: str | None, framework: str = DEFAULT
) -> dict[str, str]:
    """The bot's environment: this one's without DAFTAR_*, then the bot's own (the platform's
    rate limits lifted)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
    env.update(PYTHONPATH=str(ROOT), ECHO_TOKEN=api.token, ECHO_API_URL=api.base_url)
    if side != "echo":
        assert url is not None
        env.update(
            DAFTAR_DATABASE_URL=url,
            DAFTAR_TELEGRAM_TOKEN=api.token,
            DAFTAR_TELEGRAM_API_URL=api.base_url,
            DAFTAR_TELEGRAM_FRAMEWORK=framework,
            DAFTAR_RATE_PER_SECOND="100000",
            DAFTAR_RATE_PER_CHAT_PER_SECOND="100000",
            DAFTAR_LOG_LEVEL="WARNING",
            **DAFTAR_EXTRA,
        )
    return env


async def upgrade(env: dict[str, str]) -> None:
    """`daftar db upgrade` on the store of *env*."""
    upgrading = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "db",
        "upgrade",
        env=env,
        stderr=asyncio.subprocess.DEVNULL,
    )
    if await upgrading.wait() != 0:
        raise RuntimeError("daftar db upgrade failed")


@asynccontextmanager
async def running(
    commands: list[tuple[list[str], dict[str, str]]],
) -> AsyncIterator[list[asyncio.subprocess.Process]]:
    """Each (arguments, environment) as a Python process; after, each still running gets a
    SIGTERM, and is killed if it has not stopped 30 s on."""
    started: list[asyncio.subprocess.Process] = []

    async def stopped(process: asyncio.subprocess.Process) -> None:
        try:
            await asyncio.wait_for(process.wait(), timeout=30)
        except TimeoutError:
            process.kill()
            await process.wait()

    try:
        for arguments, env in commands:
            started.append(
                await asyncio.create_subprocess_exec(sys.executable, *arguments, env=env)
            )
        yield started
    finally:
        for process in started:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        # All at once: their 30 s run side by side, not one after another.
        await asyncio.gather(*(stopped(process) for process in started))


@asynccontextmanager
async def bot_process(
    side: str, api: MeteredApi, url: str | None, profile: str | None, framework: str = DEFAULT
) -> AsyncIterator[asyncio.subprocess.Process]:
    """The bot polling *api*, as a process; stopped with SIGTERM after."""
    env = bot_env(side, api, url, framework)
    if side == "echo":
        command = ["-m", "benchmarks.echo_bot"]
    else:
        await upgrade(env)
        command = ["-m", "bot.cli", "run"]
        if profile is not None:
            command = ["-m", "benchmarks.profiled_run", profile]
    async with running([(command, env)]) as [process]:
        yield process


@asynccontextmanager
async def webhook_processes(
    api: MeteredApi, url: str, count: int, framework: str = DEFAULT
) -> AsyncIterator[list[asyncio.subprocess.Process]]:
    """*count* `daftar run` processes on the one store *url*, in webhook mode: each listens on a
    port of its own, behind one round-robin balancer whose URL they all set as the webhook's.
    Yielded once every one listens; stopped with SIGTERM after."""
    ports = [free_port() for _ in range(count)]
    async with RoundRobin([f"http://127.0.0.1:{port}" for port in ports]) as balancer:
        env = bot_env("daftar", api, url, framework)
        await upgrade(env)
        commands = [
            (
                ["-m", "bot.cli", "run"],
                env
                | {
                    "DAFTAR_WEBHOOK_BASE_URL": balancer.url,
                    "DAFTAR_WEBHOOK_LISTEN": f"127.0.0.1:{port}",
                },
            )
            for port in ports
        ]
        async with running(commands) as processes:
            await listening(ports, processes)
            yield processes


async def listening(ports: list[int], processes: list[asyncio.subprocess.Process]) -> None:
    """Wait until each port takes a connection: its process has set the webhook (daftar sets it
    before it listens) and serves it."""
    deadline = time.monotonic() + START_TIMEOUT
    waiting = list(ports)
    while waiting:
        if any(process.returncode is not None for process in processes):
            raise RuntimeError("a daftar process ended before it listened")
        if time.monotonic() > deadline:
            raise TimeoutError(f"daftar does not listen on {waiting} after {START_TIMEOUT:.0f} s")
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", waiting[0])
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        await writer.wait_closed()
        waiting.pop(0)


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
    *,
    webhook: int = 0,
) -> Run:
    """One bot under one load: one process polling, or *webhook* daftar processes in webhook
    mode behind the balancer (the fake posting over up to WEBHOOK_CONNECTIONS connections)."""
    api = MeteredApi(WEBHOOK_CONNECTIONS if webhook else 1)
    async with api, a_store(database) as url, contextlib.AsyncExitStack() as stack:
        if webhook:
            assert profile is None, "a profile is of one process"
            processes = await stack.enter_async_context(
                webhook_processes(api, url, webhook, framework)
            )
        else:
            processes = [
                await stack.enter_async_context(bot_process(side, api, url, profile, framework))
            ]
        # One warm-up each: the balancer takes each post to the next process.
        for chat in range(WARM_UP_CHAT, WARM_UP_CHAT + len(processes)):
            await api.act(chat, lambda chat=chat: api.send_command(chat, "start"))  # type: ignore[misc]
        home = api.labels(WARM_UP_CHAT)
        if profile is not None:
            processes[0].send_signal(signal.SIGUSR1)
        cpu_before = sum(cpu_seconds(process.pid) for process in processes)
        harness_before = time.process_time()
        machine_before = machine_cpu_seconds()
        started = time.monotonic()
        chats = range(FIRST_USER, FIRST_USER + users)
        results = await asyncio.gather(
            *(user_load(api, chat, mode, messages, home) for chat in chats)
        )
        seconds = time.monotonic() - started
        harness = time.process_time() - harness_before
        machine = machine_cpu_seconds() - machine_before
        cpu = sum(cpu_seconds(process.pid) for process in processes) - cpu_before
        rss = [peak_rss_kb(process.pid) for process in processes]
        if profile is not None:
            await written(processes[0], profile)
        await stack.aclose()  # the bots stopped before the fake's last check
        api.assert_no_violations()
    latencies = [latency for result in results for latency in result]
    expected = users * actions_per_user(mode, messages)
    return Run(
        side,
        len(latencies),
        expected,
        seconds,
        cpu,
        latencies,
        max(rss),
        len(processes),
        sum(rss),
        harness,
        machine,
    )


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


@dataclass
class ScaleOut:
    """One pair of the scale-out benchmark: daftar in webhook mode as one process, then as
    several behind the balancer, then the echo (polling) for reference."""

    one: Run
    many: Run
    echo: Run

    @property
    def ratio(self) -> float:
        """The many processes' replies per second over the one's, of the same pair."""
        return self.many.per_second / self.one.per_second if self.one.per_second else 0.0


async def scale_out(
    *,
    processes: int = 2,
    mode: str = "text",
    users: int = 50,
    messages: int = 6,
    pairs: int = 3,
    database: str = "postgresql",
    framework: str = DEFAULT,
    out: Callable[[str], None] = print,
) -> list[ScaleOut]:
    """Run the pairs (daftar as 1 process, daftar as *processes*, the echo: each on a fresh
    store, under the same load), print each run's figures, then the table; the pairs."""
    if database != "postgresql":
        raise ValueError(f"{processes} processes share one store: PostgreSQL, not {database}")
    out(
        f"mode {mode}, {users} users × {actions_per_user(mode, messages)} actions, "
        f"{pairs} pairs, daftar on {database} through {framework} in webhook mode, 1 process "
        f"then {processes} behind a round-robin balancer, the fake posting over up to "
        f"{WEBHOOK_CONNECTIONS} connections; the echo polls; nproc {os.cpu_count()}, "
        f"peak RSS of `import aiogram` alone {await import_floor_kb() / 1024:.1f} MB"
    )
    one_side, many_side = "daftar×1", f"daftar×{processes}"
    width = len(many_side)
    found: list[ScaleOut] = []
    for pair in range(1, pairs + 1):
        runs = []
        for side, webhook in ((one_side, 1), (many_side, processes), ("echo", 0)):
            run = await one_run(
                side, mode, users, messages, database, None, framework, webhook=webhook
            )
            out(run.line(pair, width))
            runs.append(run)
        found.append(ScaleOut(*runs))
    out(scale_out_table(found, processes))
    return found


#: The columns of the scale-out table: (heading, the figure of one run). Peak RSS: the highest
#: over the pairs, the others their medians.
SCALE_COLUMNS: tuple[tuple[str, Callable[[Run], float]], ...] = (
    ("replies/s", lambda run: run.per_second),
    ("CPU ms/reply", lambda run: run.cpu_per_reply * 1e3),
    ("p50 ms", lambda run: run.percentile(0.5) * 1e3),
    ("p99 ms", lambda run: run.percentile(0.99) * 1e3),
    ("RSS MB max", lambda run: run.peak_rss_kb / 1024),
    ("RSS MB sum", lambda run: run.peak_rss_sum_kb / 1024),
)
#: Where the machine's CPU went over the load: (heading, the figure of one run), medians.
WHERE_COLUMNS: tuple[tuple[str, Callable[[Run], float]], ...] = (
    ("bot ms/reply", lambda run: run.cpu_per_reply * 1e3),
    ("harness ms/reply", lambda run: run.harness_cpu_per_reply * 1e3),
    ("rest ms/reply", lambda run: run.rest_cpu_per_reply * 1e3),
    ("cores busy", lambda run: run.cores_busy),
)


def _table(
    title: str,
    rows: list[tuple[str, list[Run], str]],
    columns: tuple[tuple[str, Callable[[Run], float]], ...],
    last: str = "",
) -> list[str]:
    """A table: a row per label (its runs, and the text of the *last* column if any), a column
    per figure, the median over the runs (RSS: the highest)."""
    headings = [heading for heading, _ in columns] + ([last] if last else [])
    lines = [
        title,
        f"  {'':24}" + "".join(f"{heading:>{len(heading) + 2}}" for heading in headings),
    ]
    for label, runs, last_cell in rows:
        cells = []
        for heading, figure in columns:
            value = max if heading.startswith("RSS") else statistics.median
            cells.append(f"{value(figure(run) for run in runs):{len(heading) + 2}.2f}")
        if last:
            cells.append(f"{last_cell:>{len(last) + 2}}")
        lines.append(f"  {label:24}" + "".join(cells).rstrip())
    return lines


def scale_out_table(pairs: list[ScaleOut], processes: int) -> str:
    """1 process against *processes*, the echo below: medians over the pairs (peak RSS: the
    highest), the ratio of replies per second (each pair's, of its own two runs), and where the
    machine's CPU went."""
    median = statistics.median(p.ratio for p in pairs)
    rows = [
        ("1 process (webhook)", [p.one for p in pairs], f"{1:.3f}"),
        (f"{processes} processes (webhook)", [p.many for p in pairs], f"{median:.3f}"),
        ("echo (polling)", [p.echo for p in pairs], ""),
    ]
    ratio = f"ratio {processes}/1"
    each = ", ".join(f"{p.ratio:.3f}" for p in pairs)
    lines = _table(
        "side by side, medians over the pairs (peak RSS: the highest; CPU: the processes' sum):",
        rows,
        SCALE_COLUMNS,
        ratio,
    )
    lines.append(
        f"{ratio} of replies/s, each pair's {processes} processes over its 1 process, measured "
        f"in the same run: median {median:.3f} (pairs: {each})"
    )
    lines += _table(
        f"where the CPU went over the load, medians (the harness: the fake, the balancer and the "
        f"load, one process; the rest: PostgreSQL and any other work; of {os.cpu_count()} cores):",
        rows,
        WHERE_COLUMNS,
    )
    return "\n".join(lines)


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
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="N",
        help="1 (default): one process polling; N ≥ 2: 1 against N in webhook mode (PostgreSQL)",
    )
    parser.add_argument(
        "--redis-url",
        metavar="URL",
        help="share daftar's rate limit through this Redis (DAFTAR_REDIS_URL), not the store",
    )
    args = parser.parse_args(argv)
    if args.pairs < 3:
        parser.error("--pairs: at least 3 (a median of pairs)")
    if args.users < 1 or args.messages < 1:
        parser.error("--users and --messages: at least 1")
    if args.processes < 1:
        parser.error("--processes: at least 1")
    options = vars(args)
    redis_url = options.pop("redis_url")
    if redis_url:
        DAFTAR_EXTRA["DAFTAR_REDIS_URL"] = redis_url
    processes = options.pop("processes")
    if processes == 1:
        asyncio.run(compare(options.pop("database"), **options))
        return 0
    if options["database"] != ["postgresql"]:
        parser.error(
            f"--processes {processes}: the processes share one store, and SQLite serves one "
            "process: give --database postgresql"
        )
    if options.pop("profile") is not None:
        parser.error("--profile: of one process, without --processes")
    [database] = options.pop("database")
    asyncio.run(scale_out(processes=processes, database=database, **options))
    return 0


if __name__ == "__main__":
    sys.exit(main())
