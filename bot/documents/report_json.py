"""A report as JSON: `Report.document()`, each section with its title and each figure with its
label in the locale. The keys stay English; the values are numbers (None: none)."""

from __future__ import annotations

from bot.documents.report_labels import figure_label, section_title
from bot.domain.reports import Report
from bot.text.i18n import translator

__all__ = ["report_document"]


def report_document(report: Report, locale: str) -> dict[str, object]:
    """*report*'s document with its labels in *locale*."""
    t = translator(locale)
    document = report.document()
    document["locale"] = locale
    document["sections"] = [
        {
            "name": s.name,
            "title": section_title(s.name, t),
            "article": s.article,
            "figures": [
                {
                    "key": f.key,
                    "label": figure_label(s.name, f.key, t),
                    "value": f.value,
                    "article": f.article,
                }
                for f in s.figures
            ],
        }
        for s in report.sections
    ]
    return document
