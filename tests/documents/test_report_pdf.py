"""bot/documents/report_pdf.py (Arts. 15(b), 15(c), 15(e), 21): a report as a PDF, read back with
pdfium as a reader's tools read it: its pages, its text layer in logical order (Persian words
whole, half-spaces and lam-alef included, Persian digits), its bars (one per figure, as long as
its share), and the first page as a PNG for a person to look at."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from bot.documents.report_labels import SECTION_TITLES
from bot.documents.report_pdf import render_report_pdf
from bot.domain.reports import Report
from bot.text.i18n import translator
from bot.text.persian import to_persian_digits
from tests.documents.support import charted, first_page_png, hand_report, read_pdf, settings

ZWNJ = "\u200c"
#: The bars' longest length: the text's width less the labels', the values' and two gaps (mm).
SPAN_PT = (180 - 64 - 18 - 2 * 2) * 72 / 25.4


@pytest.fixture(scope="module")
def report() -> Report:
    return hand_report()


@pytest.fixture(scope="module")
def persian(report: Report) -> bytes:
    return render_report_pdf(report, settings(), "fa")


@pytest.fixture(scope="module")
def english(report: Report) -> bytes:
    return render_report_pdf(report, settings(), "en")


def test_15_the_persian_report_has_its_pages_and_every_section_title(persian: bytes) -> None:
    read = read_pdf(persian)
    assert len(read.pages) >= 2
    t = translator("fa")
    lines = read.text.splitlines()
    for title in SECTION_TITLES.values():
        assert t(title) in lines
    assert f"شکایت{ZWNJ}ها" in lines  # the first section's title, its half-space kept
    assert f"ابلاغ{ZWNJ}ها به مدیران دفاتر" in lines  # lam-alef, read as its two letters


def test_the_persian_text_layer_reads_in_logical_order(persian: bytes) -> None:
    read = read_pdf(persian)
    lines = read.text.splitlines()
    assert "گزارش به اداره‌ی کل و شورای مشورتی" in lines
    assert "دوره: از ۱ آبان ۱۴۰۳ تا ۳۰ آبان ۱۴۰۳" in lines  # Jalali, Persian digits and months
    # A row reads label then value, as written: "received: 12", not its mirror "21 ...".
    assert f"شکایت{ZWNJ}های دریافتی ۱۲" in lines
    assert "تهران ۹" in lines
    assert "میانه، به روز ۳٫۵۰" in lines  # days with two decimals
    assert "صدک نودم، به روز —" in lines  # no value
    assert "ذی‌صلاح" in read.text and "اطلاعات" in read.text  # Art. 25.3's name, whole
    assert not re.search("[0-9]", read.text)  # every digit Persian
    pages = len(read.pages)
    for number, page in enumerate(read.pages, 1):
        footer = to_persian_digits(f"صفحه{ZWNJ}ی {number} از {pages}")
        assert page.splitlines()[-1] == footer


def test_the_same_report_makes_the_same_file(report: Report, persian: bytes) -> None:
    assert render_report_pdf(report, settings(), "fa") == persian


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_every_chart_has_a_bar_for_each_figure_as_long_as_its_share(
    locale: str, persian: bytes, english: bytes, report: Report
) -> None:
    read = read_pdf(persian if locale == "fa" else english)
    expected = charted(report)
    assert len(read.bars) == sum(len(chart) for chart in expected)
    bars = iter(read.bars)
    for values in expected:
        drawn = [next(bars) for _ in values]
        for (left, right), value in zip(drawn, values, strict=True):
            assert right - left == pytest.approx(SPAN_PT * value / max(values), abs=0.2)
        # Each bar grows from the axis beside the labels: on the right in Persian.
        edges = {round(right if locale == "fa" else left, 1) for left, right in drawn}
        assert len(edges) == 1


def test_english_on_request_has_english_titles_and_latin_digits(english: bytes) -> None:
    read = read_pdf(english)
    lines = read.text.splitlines()
    for title in SECTION_TITLES.values():
        assert title in lines
    assert "Period: 1 Aban 1403 to 30 Aban 1403" in lines
    assert "Complaints received 12" in lines
    assert "Median, in days 3.50" in lines
    assert not re.search("[\u0600-\u06ff]", read.text)
    assert read.pages[0].splitlines()[-1] == f"Page 1 of {len(read.pages)}"


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_the_first_page_is_left_as_a_png_to_look_at(
    locale: str, persian: bytes, english: bytes
) -> None:
    path = first_page_png(persian if locale == "fa" else english, f"report-{locale}-page-1")
    with Image.open(path) as image:
        width, height = image.size
        assert abs(width - 1240) <= 1 and abs(height - 1754) <= 1  # A4 at 150 dpi
        grey = image.convert("L")
        inked = sum(count for shade, count in enumerate(grey.histogram()) if shade < 128)
    assert inked > 10_000  # text and bars, not a blank page
