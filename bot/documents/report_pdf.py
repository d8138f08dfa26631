"""A report as a PDF (Arts. 15(b), 15(c), 15(e), 21): A4, right to left in Persian and left to
right in English, in the bundled Vazirmatn.

The first page opens with the report's title, its scope, its period as Jalali dates and when it
was counted; then each section: its title and the article it reports under, a table of its
figures (the label, the value in the locale's digits: days with two decimals, none as «—»),
each group of figures under its heading, and a charted group drawn as a bar chart after its rows
(`report_charts`). A block that would not fit goes to the next page. Every page's footer is
"Page 1 of 3" in the locale: the document is laid out twice, the second time knowing how many
pages the first took (the layout is the same both times).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from bot.config import Settings
from bot.documents.pdf_writer import FAINT, FAMILY, INK, LocalePDF, open_pdf
from bot.documents.report_charts import Bar, chart_height, draw_bar_chart
from bot.documents.report_labels import (
    Group,
    blocks_of,
    figure_label,
    scope_label,
    section_article,
    section_title,
    shown_value,
)
from bot.domain.reports import Figure, Report, Section
from bot.text.i18n import Translator, translator
from bot.text.jalali import format_jalali_datetime
from bot.text.markers import N_

__all__ = ["render_report_pdf"]

#: Millimetres: the page's margins, a table row's height, the value column's width.
_MARGIN: Final = 15.0
_BOTTOM: Final = 20.0
_ROW: Final = 6.5
_VALUE: Final = 30.0
_SHADE: Final = (233, 239, 246)
_RULE: Final = (222, 226, 230)


def render_report_pdf(report: Report, settings: Settings, locale: str) -> bytes:
    """The whole PDF of *report* in *locale*; *settings* give the zone its moments are shown in."""
    t = translator(locale)
    with open_pdf(locale) as pdf:
        _draw(pdf, report, settings, t, None)  # laid out only, to count its pages
        pages = pdf.page_no()
    with open_pdf(locale) as pdf:
        _draw(pdf, report, settings, t, pages)
        return bytes(pdf.output())


def _draw(
    pdf: LocalePDF, report: Report, settings: Settings, t: Translator, pages: int | None
) -> None:
    """The report on *pdf*; *pages*: how many its footers say there are (None: not known)."""
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(False)
    pdf.footer_text = lambda page: t(N_("Page {page} of {pages}"), page=page, pages=pages or page)
    pdf.set_title(t(N_("Report to the Directorate and the Council")))
    pdf.set_creator("Daftar")
    pdf.set_creation_date(report.counted_at)  # the same report, the same file
    pdf.add_page()
    _head(pdf, report, settings, t)
    for section in report.sections:
        _section(pdf, section, t)


def _room(pdf: LocalePDF, height: float) -> None:
    """Start a new page unless *height* millimetres still fit on this one."""
    if pdf.get_y() + height > pdf.h - _BOTTOM:
        pdf.add_page()


def _line(
    pdf: LocalePDF, text: str, size: float, *, bold: bool = False, faint: bool = False
) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*(FAINT if faint else INK))
    pdf.cell(0, size * 0.55, text, align=pdf.start(), new_x="LMARGIN", new_y="NEXT")


def _head(pdf: LocalePDF, report: Report, settings: Settings, t: Translator) -> None:
    _line(pdf, t(N_("Report to the Directorate and the Council")), 18, bold=True)
    _line(pdf, t(N_("Articles 15(b), 15(c), 15(e) and 21 of the directive")), 10, faint=True)
    pdf.ln(2)
    _line(pdf, t(N_("Scope: {scope}"), scope=scope_label(report.scope, t)), 11)
    first, last = report.period.first, report.period.last
    _line(pdf, t(N_("Period: {first} to {last}"), first=first, last=last), 11)
    counted = format_jalali_datetime(report.counted_at, settings.zone, t.locale)
    _line(pdf, t(N_("Counted on {moment}"), moment=counted), 11)
    pdf.ln(2)
    pdf.set_draw_color(*_RULE)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.ln(4)


def _section(pdf: LocalePDF, section: Section, t: Translator) -> None:
    _room(pdf, 14 + 3 * _ROW)
    pdf.ln(2)
    _line(pdf, section_title(section.name, t), 14, bold=True)
    article = section_article(section.article, t)
    _line(pdf, t(N_("Reported under {article}"), article=article), 9, faint=True)
    pdf.ln(1.5)
    if not section.figures:
        _line(pdf, t(N_("Nothing to report in this period.")), 10)
    after_group = False
    for group, figures in blocks_of(section):
        if group is None and after_group:
            pdf.ln(2)  # a total after a group's rows is not one of them
        _block(pdf, section.name, group, figures, t)
        after_group = group is not None
    pdf.ln(3)


def _block(
    pdf: LocalePDF, section: str, group: Group | None, figures: Sequence[Figure], t: Translator
) -> None:
    labels = [figure_label(section, f.key, t, under_heading=group is not None) for f in figures]
    if group is not None:
        _room(pdf, 2 * _ROW)
        _row(pdf, t(group.title), "", heading=True)
    for label, figure in zip(labels, figures, strict=True):
        _room(pdf, _ROW)
        _row(pdf, label, shown_value(figure.value, t.locale))
    if group is not None and group.charted and any(f.value for f in figures):
        bars = [
            Bar(label, float(f.value or 0), shown_value(f.value, t.locale))
            for label, f in zip(labels, figures, strict=True)
        ]
        _room(pdf, chart_height(bars))
        draw_bar_chart(pdf, bars)


def _row(pdf: LocalePDF, label: str, value: str, *, heading: bool = False) -> None:
    """A table row: the label on the side a line starts, the value in its column at the end."""
    left, width, y = pdf.l_margin, pdf.epw, pdf.get_y()
    if heading:
        pdf.set_fill_color(*_SHADE)
        pdf.rect(left, y, width, _ROW, style="F")
    pdf.set_font(FAMILY, "B" if heading else "", 9.5)
    pdf.set_text_color(*INK)
    label_x = left + _VALUE if pdf.rtl else left
    pdf.set_xy(label_x + 1.5, y)
    pdf.cell(width - _VALUE - 3, _ROW, label, align=pdf.start())
    value_x = left if pdf.rtl else left + width - _VALUE
    pdf.set_xy(value_x, y)
    pdf.cell(_VALUE, _ROW, value, align="C")
    pdf.set_draw_color(*_RULE)
    pdf.set_line_width(0.2)
    pdf.line(left, y + _ROW, left + width, y + _ROW)
    pdf.set_xy(left, y + _ROW)
