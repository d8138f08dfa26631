"""A report's figures as CSV text (Arts. 15(b), 15(c), 15(e), 21).

A STUB of the interface another branch implements (headers in *locale*): one row a figure
(section, key, value, article), as `daftar report --format csv` prints. The lead replaces it
when merging.
"""

from __future__ import annotations

import csv
import io

from bot.domain.reports import Report


def report_csv(report: Report, locale: str) -> str:
    """The report's figures, one CSV row each, with a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "key", "value", "article"])
    for section, key, value, article in report.rows():
        writer.writerow([section, key, "" if value is None else value, article])
    return out.getvalue()
