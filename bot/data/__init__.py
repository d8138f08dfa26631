"""Data files Daftar loads at run time; a deployment may replace them by configuration.

- `provinces.csv`: Iran's 31 provinces and their capitals (for Art. 12 routing).
- `tariff-1403.csv`: the offices' fees for the Jalali year 1403, in rials; `tariff-sources.csv`
  says where each bundled year's figures come from.
- `sample-offices.csv`: a small, fictional office registry for trying the bot out.
- `fonts/`: Vazirmatn (SIL Open Font License 1.1), the font the PDF reports embed.

Read them with `read_text(name)` and `font_file(name)` (through `importlib.resources`, so they
are found inside an installed wheel too); see README.md beside this file for their sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from bot.rules.routing import Province, load_provinces

__all__ = ["TARIFF_HEADER", "bundled_provinces", "font_file", "read_text"]

#: The columns of a tariff CSV, as `tariff-1403.csv` has them (here, so the `daftar tariff`
#: parser names them without loading the domain).
TARIFF_HEADER: Final = ("item", "service_fa", "service_en", "rials", "unit")


def read_text(name: str) -> str:
    """The text of the bundled data file *name* (UTF-8, a leading BOM removed)."""
    return (resources.files(__name__) / name).read_text("utf-8").removeprefix("\ufeff")


@contextmanager
def font_file(name: str) -> Iterator[Path]:
    """The bundled font *name* (in `fonts/`) as a file on disk, for as long as the block runs."""
    with resources.as_file(resources.files(__name__) / "fonts" / name) as path:
        yield path


@cache
def bundled_provinces() -> tuple[Province, ...]:
    """The provinces shipped in `provinces.csv` beside this file."""
    return load_provinces(read_text("provinces.csv"))
