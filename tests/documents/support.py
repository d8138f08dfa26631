"""A report built by hand for the documents' tests (no store), and what a test reads back from a
PDF: its text layer, its bars, its first page as a PNG in the test output folder."""

from __future__ import annotations

import copy
import ctypes
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from bot.config import Settings
from bot.documents.report_charts import BAR_COLOUR
from bot.documents.report_labels import blocks_of
from bot.domain.reports import Figure, Period, Report, Scope, Section
from tests.store.test_reports import ARTICLES, NATIONAL

ROOT = Path(__file__).resolve().parents[2]


def figures() -> dict[str, dict[str, Any]]:
    """The seeded store's month (tests/store/test_reports.py), with counts that read apart from
    each other: 12 complaints received, 7 of them under clause 12."""
    chosen = copy.deepcopy(NATIONAL)
    chosen["complaints"].update({"received": 12, "by_clause.25.12": 7, "by_province.tehran": 9})
    chosen["service_targets"]["decision.p90_days"] = None  # shown as «—»
    return chosen


def hand_report(chosen: dict[str, dict[str, Any]] | None = None) -> Report:
    """A national report of 1403/08, counted on 1403/09/20 12:00 Tehran."""
    sections = tuple(
        Section(name, ARTICLES[name], tuple(Figure(k, v, ARTICLES[name]) for k, v in fs.items()))
        for name, fs in (chosen or figures()).items()
    )
    return Report(
        Period.month(1403, 8),
        Scope("national", None, None),
        datetime(2024, 10, 21, 20, 30, tzinfo=UTC),
        datetime(2024, 11, 20, 20, 30, tzinfo=UTC),
        datetime(2024, 12, 10, 8, 30, tzinfo=UTC),
        sections,
    )


def settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


def charted(report: Report) -> list[list[float]]:
    """Each chart's values in the order drawn, the zeros (no bar) left out: what the bars show.
    A charted group with nothing but zeros has no chart."""
    charts = [
        [float(f.value) for f in figures if f.value]
        for section in report.sections
        for group, figures in blocks_of(section)
        if group is not None and group.charted
    ]
    return [chart for chart in charts if chart]


@dataclass(frozen=True)
class Read:
    """What a PDF holds for a reader: its pages' text and every bar (left, right, in points)."""

    pages: list[str]
    bars: list[tuple[float, float]]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def read_pdf(data: bytes) -> Read:
    """Open *data* with pdfium: the text layer of every page, and every path filled with the
    bars' colour, in the order drawn."""
    document = pdfium.PdfDocument(data)
    pages: list[str] = []
    bars: list[tuple[float, float]] = []
    try:
        for page in document:
            pages.append(page.get_textpage().get_text_range().replace("\r\n", "\n"))
            for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
                if _filled_with(path.raw) == BAR_COLOUR:
                    left, _bottom, right, _top = path.get_bounds()
                    bars.append((left, right))
    finally:
        document.close()
    return Read(pages, bars)


def _filled_with(raw: Any) -> tuple[int, int, int] | None:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(raw, ctypes.byref(mode), ctypes.byref(stroke))
    if mode.value == 0:
        return None  # stroked only
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFPageObj_GetFillColor(raw, r, g, b, a)
    return (r.value, g.value, b.value)


def output_folder() -> Path:
    """Where the tests leave files for a person to look at: DAFTAR_TEST_OUTPUT_DIR, else
    tests/output/ (ignored by git)."""
    folder = Path(os.environ.get("DAFTAR_TEST_OUTPUT_DIR") or ROOT / "tests" / "output")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def first_page_png(data: bytes, name: str) -> Path:
    """Page 1 of *data* rendered at 150 dpi to NAME.png in the output folder."""
    path = output_folder() / f"{name}.png"
    document = pdfium.PdfDocument(data)
    try:
        document[0].render(scale=150 / 72).to_pil().save(path)
    finally:
        document.close()
    return path
