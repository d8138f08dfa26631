"""bot/documents/report_csv.py and report_json.py: the CSV holds the JSON's figures, one row
each, with the same label in the locale; values as numbers, keys English."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from bot.documents.report_csv import HEADER, report_csv
from bot.documents.report_json import report_document
from tests.documents.support import hand_report


def json_rows(document: dict[str, Any]) -> list[list[str]]:
    """The rows a CSV of *document* should hold, as csv reads them back."""
    return [
        [
            s["name"],
            f["key"],
            f["label"],
            "" if f["value"] is None else str(f["value"]),
            f["article"],
        ]
        for s in document["sections"]
        for f in s["figures"]
    ]


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_the_csv_equals_the_json_figure_for_figure(locale: str) -> None:
    report = hand_report()
    document = report_document(report, locale)
    rows = list(csv.reader(io.StringIO(report_csv(report, locale))))
    assert rows[0] == list(HEADER) == ["section", "key", "label", "value", "article"]
    assert rows[1:] == json_rows(document)
    assert len(rows) - 1 == len(report.rows())


def test_the_labels_are_the_locale_s_and_the_values_stay_numbers() -> None:
    report = hand_report()
    fa = list(csv.reader(io.StringIO(report_csv(report, "fa"))))
    en = list(csv.reader(io.StringIO(report_csv(report, "en"))))
    assert ["complaints", "received", "شکایت‌های دریافتی", "12", "15(e)"] in fa
    assert ["complaints", "received", "Complaints received", "12", "15(e)"] in en
    decision = ["service_targets", "decision.p90_days"]
    assert [row[3] for row in fa if row[:2] == decision] == [""]  # none: empty, as before
    document = report_document(report, "en")
    assert document["locale"] == "en"
    complaints = document["sections"][0]
    assert (complaints["name"], complaints["title"]) == ("complaints", "Complaints")
    assert complaints["figures"][0] == {
        "key": "received",
        "label": "Complaints received",
        "value": 12,
        "article": "15(e)",
    }
