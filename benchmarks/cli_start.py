"""How long `daftar --help` and `daftar complaints list --help` take, against `python -c pass`.

    .venv/bin/python -m benchmarks.cli_start [--rounds 5]

Each command runs as a new process *rounds* times (the target: under 0.5 s, the median of five);
it prints the median wall time of each and its ratio to the bare interpreter's start measured in
the same run, and the modules imported (from `-X importtime`) of the heaviest packages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "python -c pass": ["-c", "pass"],
    "daftar --help": ["-m", "bot.cli", "--help"],
    "daftar complaints list --help": ["-m", "bot.cli", "complaints", "list", "--help"],
}
WATCHED = ("sqlalchemy", "aiogram", "telegram", "aiohttp", "fpdf", "pydantic", "alembic")


def median_seconds(arguments: list[str], rounds: int) -> float:
    """The median wall time of `python ARGUMENTS`, run *rounds* times."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run([sys.executable, *arguments], env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def heavy_imports(arguments: list[str]) -> list[str]:
    """The watched packages `python ARGUMENTS` imports."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *arguments], env=env, capture_output=True, text=True
    )
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    return sorted(names & set(WATCHED))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args(argv).rounds
    baseline = median_seconds(COMMANDS["python -c pass"], rounds)
    print(f"nproc {os.cpu_count()}, median of {rounds}")
    for name, arguments in COMMANDS.items():
        seconds = baseline if name == "python -c pass" else median_seconds(arguments, rounds)
        heavy = ", ".join(heavy_imports(arguments)) or "none"
        print(
            f"{name:30} {seconds:6.3f} s  {seconds / baseline:5.1f}× python -c pass  "
            f"heavy imports: {heavy}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
