"""A report's figures as CSV: one row each, `section,key,label,value,article`.

The key, the value and the article are as the JSON holds them (a value as its number, ASCII
digits, empty for none), so a spreadsheet reads the figures; the label says in the locale what
each counts (`report_labels`).
"""

from __future__ import annotations

import csv
import io
from typing import Final

from bot.documents.report_labels import figure_label
from bot.domain.reports import Report
from bot.text.i18n import translator

__all__ = ["HEADER", "report_csv"]

HEADER: Final = ("section", "key", "label", "value", "article")


def report_csv(report: Report, locale: str) -> str:
    """The CSV text of *report*, its labels in *locale*, with a header row."""
    t = translator(locale)
    text = io.StringIO()
    out = csv.writer(text, lineterminator="\n")
    out.writerow(HEADER)
    for section, key, value, article in report.rows():
        label = figure_label(section, key, t)
        out.writerow([section, key, label, "" if value is None else value, article])
    return text.getvalue()
