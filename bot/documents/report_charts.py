"""Horizontal bar charts drawn as vectors with fpdf2: one row per figure, its label on the side a
line starts (right in Persian), a bar from the axis as long as its share of the largest value,
and the value at the bar's end; the labels are shaped like the rest of the text.

Vectors keep the document small and sharp at any zoom, and the labels are text, shaped by
HarfBuzz and searchable; a chart library that draws images (matplotlib) is heavy and does not
shape Persian. Every bar is filled with `BAR_COLOUR` and nothing else on a page is, so a reader
of the file (a test) can find the bars. A bar of zero is not drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bot.documents.pdf_writer import FAMILY, INK, LocalePDF

__all__ = ["BAR_COLOUR", "Bar", "chart_height", "draw_bar_chart"]

#: The fill of every bar (and of nothing else).
BAR_COLOUR: Final = (46, 111, 168)
_AXIS: Final = (173, 181, 189)
#: Millimetres: a row's pitch and its bar's thickness; the label's and the value's widths.
_ROW: Final = 6.0
_BAR: Final = 4.2
_LABEL: Final = 64.0
_VALUE: Final = 18.0
_GAP: Final = 2.0
_FONT_SIZE: Final = 8.5
_ELLIPSIS: Final = "…"


@dataclass(frozen=True)
class Bar:
    """One row of a chart: its label, its value, and the value as shown."""

    label: str
    value: float
    shown: str


def chart_height(bars: Sequence[Bar]) -> float:
    """How tall a chart of *bars* is, in millimetres (a margin above and below included)."""
    return _ROW * len(bars) + 2 * _GAP


def _fitted(pdf: LocalePDF, text: str, width: float) -> str:
    # A long label is cut at a word and ends with an ellipsis; the table above has it whole.
    if pdf.get_string_width(text) <= width:
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        cut = " ".join(words).rstrip("،,:;") + _ELLIPSIS
        if pdf.get_string_width(cut) <= width:
            return cut
    return words[0] if words else text


def draw_bar_chart(pdf: LocalePDF, bars: Sequence[Bar]) -> None:
    """Draw *bars* from the current line down, and move below them."""
    left, width = pdf.l_margin, pdf.epw
    largest = max((bar.value for bar in bars), default=0.0)
    span = width - _LABEL - _VALUE - 2 * _GAP
    # Where the bars start: beside the labels, on the side a line starts.
    axis = left + width - _LABEL - _GAP if pdf.rtl else left + _LABEL + _GAP
    top = pdf.get_y() + _GAP
    pdf.set_font(FAMILY, "", _FONT_SIZE)
    pdf.set_text_color(*INK)
    pdf.set_fill_color(*BAR_COLOUR)
    for row, bar in enumerate(bars):
        y = top + row * _ROW
        length = span * bar.value / largest if largest > 0 else 0.0
        label_x = left + width - _LABEL if pdf.rtl else left
        pdf.set_xy(label_x, y)
        # The label against the axis, the value against its bar's end.
        pdf.cell(_LABEL, _ROW, _fitted(pdf, bar.label, _LABEL), align=pdf.end())
        bar_x = axis - length if pdf.rtl else axis
        if length > 0:
            pdf.rect(bar_x, y + (_ROW - _BAR) / 2, length, _BAR, style="F")
        value_x = bar_x - _GAP - _VALUE if pdf.rtl else axis + length + _GAP
        pdf.set_xy(value_x, y)
        pdf.cell(_VALUE, _ROW, bar.shown, align=pdf.start())
    pdf.set_draw_color(*_AXIS)
    pdf.set_line_width(0.2)
    pdf.line(axis, top, axis, top + _ROW * len(bars))
    pdf.set_xy(left, top + _ROW * len(bars) + _GAP)
