"""bot/documents/pdf_writer.py: Persian drawn by fpdf2 reads back from the text layer as it was
written: half-spaces (ZWNJ) kept, a lam-alef ligature read as its two letters, digits in order."""

from __future__ import annotations

import pytest

from bot.documents.pdf_writer import FAMILY, open_pdf
from tests.documents.support import read_pdf

LINES = {
    "fa": [
        "می‌شود",
        "گزارش‌ها و شکایت‌های کانون",
        "اطلاعات درخواستی مراجع ذی‌صلاح",
        "از ۱ آبان ۱۴۰۳ تا ۳۰ آبان ۱۴۰۳",
    ],
    "en": ["Complaints received 12", "Period: 1 Aban 1403 to 30 Aban 1403"],
}


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_each_line_reads_back_as_written(locale: str) -> None:
    with open_pdf(locale) as pdf:
        pdf.add_page()
        pdf.set_font(FAMILY, "", 12)
        for line in LINES[locale]:
            # A full-width cell, as a report's rows are: pdfium reads a page of them as lines.
            pdf.cell(0, 10, line, align=pdf.start(), new_x="LMARGIN", new_y="NEXT")
        data = bytes(pdf.output())
    assert read_pdf(data).text.splitlines() == LINES[locale]
