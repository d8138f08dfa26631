"""What the complaint flow keeps across an upgrade: its persisted step keys and stored dates.

(Its modules' size and arrows are checked with the whole house in tests/units/test_architecture.py.)
"""

from __future__ import annotations

import jdatetime
import pytest

from bot.flows.complaint.filing import ComplaintFiling
from bot.flows.complaint.incident import incident_date
from bot.flows.complaint.overcharge_answers import service_of
from bot.text.jalali import format_stored_date


def test_the_filing_keeps_its_persisted_step_keys_in_order() -> None:
    # Unfinished conversations store the flow name and the step key: both must survive upgrades.
    assert ComplaintFiling.name == "complaint"
    assert [step.key for step in ComplaintFiling.steps] == [
        "office",
        "what",
        "when",
        "service",
        "units",
        "paid",
        "currency",
        "description",
        "evidence",
        "name",
        "mobile",
        "national_id",
        "consent",
    ]


def test_the_incident_date_is_read_back_as_it_was_stored() -> None:
    day = jdatetime.date(1403, 5, 12)
    answers = {"when": format_stored_date(day)}
    assert answers["when"] == "1403/05/12"
    assert incident_date(answers) == day
    assert incident_date({}) is None
    assert service_of(answers) is None  # a date alone names no service


def test_an_incident_date_not_in_the_stored_form_is_refused() -> None:
    with pytest.raises(ValueError, match="not a stored Jalali date"):
        incident_date({"when": "۱۴۰۳/۵/۱۲"})
