"""`benchmarks.throughput` at a tiny size: every action answered, every figure printed.

No timing is asserted: the figures belong to the benchmark, run by hand (README).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks import throughput
from tests.conftest import POSTGRES_URL
from tests.shared import in_ci

FIGURES = re.compile(
    r"^pair 1 (daftar|echo) +replies (\d+)/(\d+) +[\d.]+ replies/s +CPU +[\d.]+ ms/reply +"
    r"p50 +[\d.]+ ms +p99 +[\d.]+ ms +peak RSS +[\d.]+ MB$"
)


def _stores() -> list[object]:
    postgres = pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="no DAFTAR_TEST_POSTGRES_URL"),
    )
    return ["sqlite", postgres]


@pytest.mark.parametrize("database", _stores())
@pytest.mark.parametrize(("mode", "users", "messages"), [("text", 3, 2), ("buttons", 2, 4)])
async def test_each_user_gets_every_reply_and_the_figures_are_printed(
    mode: str, users: int, messages: int, database: str
) -> None:
    lines: list[str] = []
    runs = await throughput.benchmark(
        mode=mode, users=users, messages=messages, pairs=1, database=database, out=lines.append
    )
    assert lines[0].startswith(f"mode {mode}, {users} users × {messages} actions, 1 pairs")
    figures = [FIGURES.match(line) for line in lines[1:3]]
    assert [m.group(1) if m else line for m, line in zip(figures, lines[1:3], strict=True)] == [
        "daftar",
        "echo",
    ]
    for match in figures:
        assert match is not None and match.group(2) == match.group(3) == str(users * messages)
    assert re.fullmatch(
        r"median ratio daftar/echo: replies/s [\d.]+, "
        r"CPU per reply ([\d.]+×|n/a \(the echo's CPU was under the clock's tick\))",
        lines[3],
    )
    [(daftar, echo)] = runs
    assert len(daftar.latencies) == len(echo.latencies) == users * messages
    assert daftar.peak_rss_kb > 0 and daftar.cpu > 0


async def test_a_flow_walks_each_user_to_the_eligibility_sheet() -> None:
    lines: list[str] = []
    [(daftar, echo)] = await throughput.benchmark(mode="flow", users=2, pairs=1, out=lines.append)
    walk = len(throughput.FLOW) + 1
    assert daftar.replies == daftar.expected == echo.replies == 2 * walk
    assert f"replies {2 * walk}/{2 * walk}" in lines[1]


def test_the_command_line_refuses_fewer_than_three_pairs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        throughput.main(["--pairs", "2"])
    assert stop.value.code == 2
    assert "--pairs: at least 3" in capsys.readouterr().err


async def test_a_profile_of_the_load_is_written_and_its_top_entries_printed(
    tmp_path: Path,
) -> None:
    lines: list[str] = []
    stats = tmp_path / "daftar.prof"
    await throughput.benchmark(users=2, messages=2, pairs=1, profile=str(stats), out=lines.append)
    assert stats.stat().st_size > 0
    report = lines[-1].splitlines()
    assert report[0] == "top 15 by cumulative (ncalls, own s, cumulative s, function):"
    assert "top 15 by own time (ncalls, own s, cumulative s, function):" in report
    assert len(report) == 32
    # The load alone: the engine's work is there, the start-up's imports are not.
    assert any("bot/engine/" in line for line in report)
    assert not any("importlib" in line for line in report[:16])


@pytest.mark.skipif(not POSTGRES_URL, reason="no DAFTAR_TEST_POSTGRES_URL")
async def test_both_stores_in_turn_then_their_figures_side_by_side() -> None:
    lines: list[str] = []
    results = await throughput.compare(
        ["sqlite", "postgresql"], users=2, messages=2, pairs=1, out=lines.append
    )
    headers = [line for line in lines if line.startswith("mode ")]
    assert [header.split(", ")[3] for header in headers] == [
        "daftar on sqlite through direct",
        "daftar on postgresql through direct",
    ]
    # The floor under the echo: a process that only imports aiogram.
    assert all(re.search(r", peak RSS of `import aiogram` alone \d+\.\d MB$", h) for h in headers)
    table = lines[-1].splitlines()
    assert table[0] == "side by side, medians over the pairs (peak RSS: the highest):"
    assert table[1].split() == ["sqlite", "postgresql"]
    rows = {line[:24].strip(): line[24:].split() for line in table[2:]}
    assert list(rows) == [label for label, _ in throughput.ROWS]
    for column, store in enumerate(("sqlite", "postgresql")):
        [(daftar, echo)] = results[store]
        assert daftar.replies == echo.replies == 4
        assert rows["daftar replies/s"][column] == f"{daftar.per_second:.2f}"
        assert rows["daftar peak RSS MB"][column] == f"{daftar.peak_rss_kb / 1024:.2f}"
        assert rows["echo replies/s"][column] == f"{echo.per_second:.2f}"


def test_the_command_line_takes_a_list_of_stores_and_refuses_an_unknown_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert throughput.databases("sqlite, postgresql") == ["sqlite", "postgresql"]
    for wrong in ("sqlite,oracle", "sqlite,sqlite", ","):
        with pytest.raises(SystemExit) as stop:
            throughput.main(["--database", wrong])
        assert stop.value.code == 2
        assert "sqlite, postgresql or both, comma-separated" in capsys.readouterr().err


SCALE_OUT_FIGURES = re.compile(
    r"^pair 1 (daftar×1|daftar×2|echo) +replies (\d+)/(\d+) +[\d.]+ replies/s +CPU +[\d.]+ "
    r"ms/reply +p50 +[\d.]+ ms +p99 +[\d.]+ ms +peak RSS +[\d.]+ MB( \(sum [\d.]+ MB\))?$"
)


async def test_two_processes_in_webhook_mode_beside_one_on_postgresql() -> None:
    if not POSTGRES_URL:
        if in_ci():
            pytest.fail("CI must test PostgreSQL: DAFTAR_TEST_POSTGRES_URL is not set")
        pytest.skip("scale-out shares one PostgreSQL store: set DAFTAR_TEST_POSTGRES_URL")
    lines: list[str] = []
    [pair] = await throughput.scale_out(processes=2, users=3, messages=2, pairs=1, out=lines.append)
    assert lines[0].startswith("mode text, 3 users × 2 actions, 1 pairs, daftar on postgresql")
    assert "in webhook mode, 1 process then 2 behind a round-robin balancer" in lines[0]
    figures = [SCALE_OUT_FIGURES.match(line) for line in lines[1:4]]
    assert [m.group(1) if m else line for m, line in zip(figures, lines[1:4], strict=True)] == [
        "daftar×1",
        "daftar×2",
        "echo",
    ]
    for match in figures:
        assert match is not None and match.group(2) == match.group(3) == "6"
    # Only the two processes' line gives their summed RSS.
    assert [bool(m and m.group(4)) for m in figures] == [False, True, False]
    for run in (pair.one, pair.many, pair.echo):
        assert run.replies == run.expected == len(run.latencies) == 6
    assert (pair.one.processes, pair.many.processes) == (1, 2)
    assert pair.many.cpu > 0 and pair.many.peak_rss_sum_kb > pair.many.peak_rss_kb > 0

    table = lines[-1].splitlines()
    assert table[0].startswith("side by side, medians over the pairs")
    assert table[1].split() == [
        "replies/s", "CPU", "ms/reply", "p50", "ms", "p99", "ms", "RSS", "MB", "max",
        "RSS", "MB", "sum", "ratio", "2/1",
    ]  # fmt: skip
    rows = {line[:26].strip(): line[26:].split() for line in table[2:5]}
    assert list(rows) == ["1 process (webhook)", "2 processes (webhook)", "echo (polling)"]
    for label, run in (("1 process (webhook)", pair.one), ("2 processes (webhook)", pair.many)):
        assert rows[label][0] == f"{run.per_second:.2f}"
        assert rows[label][5] == f"{run.peak_rss_sum_kb / 1024:.2f}"
    assert rows["1 process (webhook)"][6] == "1.000"
    assert rows["2 processes (webhook)"][6] == f"{pair.ratio:.3f}"
    assert table[5] == (
        "ratio 2/1 of replies/s, each pair's 2 processes over its 1 process, measured in the "
        f"same run: median {pair.ratio:.3f} (pairs: {pair.ratio:.3f})"
    )
    assert table[6].startswith("where the CPU went over the load")
    assert [line[:26].strip() for line in table[8:]] == list(rows)


def test_the_command_line_refuses_several_processes_on_sqlite_or_profiled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for database in ("sqlite", "sqlite,postgresql"):
        with pytest.raises(SystemExit) as stop:
            throughput.main(["--processes", "2", "--database", database])
        assert stop.value.code == 2
        assert "SQLite serves one process: give --database postgresql" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        throughput.main(["--processes", "2", "--database", "postgresql", "--profile", "x.prof"])
    assert stop.value.code == 2
    assert "--profile: of one process, without --processes" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        throughput.main(["--processes", "0"])
    assert "--processes: at least 1" in capsys.readouterr().err
