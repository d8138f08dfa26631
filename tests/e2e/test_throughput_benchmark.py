"""`benchmarks.throughput` at a tiny size: every action answered, every figure printed.

No timing is asserted: the figures belong to the benchmark, run by hand (README).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks import throughput
from tests.conftest import POSTGRES_URL

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
