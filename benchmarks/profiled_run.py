"""`daftar run` under a profiler that `benchmarks.throughput --profile` switches on and off.

    python -m benchmarks.profiled_run STATS_PATH

SIGUSR1 starts profiling, SIGUSR2 stops it and writes the stats to STATS_PATH: so the profile
holds the load alone, not the start-up (imports, the frameworks' models) nor the shutdown.
"""

from __future__ import annotations

import cProfile
import signal
import sys
from types import FrameType

from bot.cli import main


def profiled(path: str) -> int:
    """Run `daftar run`, profiling between the two signals."""
    profiler = cProfile.Profile()

    def start(_signal: int, _frame: FrameType | None) -> None:
        profiler.enable()

    def stop(_signal: int, _frame: FrameType | None) -> None:
        profiler.disable()
        profiler.dump_stats(path)

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    return main(["run"])


if __name__ == "__main__":
    sys.exit(profiled(sys.argv[1]))
