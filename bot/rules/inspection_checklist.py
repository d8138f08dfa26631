"""What an inspector checks on a visit (Art. 21), as data: each item with its article and clause.

Art. 20 leaves the inspection rules to the Center's head and the Head of the Judiciary; they are
not in the directive, so this list is **the service's practice**: the directive's own duties that
an inspector can see for themselves in the office, no more. Two kinds of item:

- **staffing** (Art. 3): besides a full-time manager, an office has at least one legal expert, one
  IT expert and two clerical staff. An item not met is reported to the Council, but it is no
  clause of Art. 25 by itself: `violation` is None, and the Primary Board decides what it is.
- **conduct** (Art. 25): the clauses an inspector can observe on a visit: 25.1 (fees posted),
  25.2 (the manager present in office hours), 25.6 (receipts given for money paid), 25.7 (the
  Center's security rules: passwords, locked screens, as far as the visit sees them), 25.9
  (cooperation with the inspector: Art. 21's last sentence), 25.13 (litigants' information kept
  from others: files and screens out of clients' sight). An item not met is a finding of its
  clause. The other clauses need records or complaints, not a visit (25.3–25.5, 25.10–25.12,
  25.14) or a client's word (25.8), and are left to them.

Each item's result is one of `RESULTS`: met, not met, not checked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from bot.rules.markers import N_

MET: Final = "met"
NOT_MET: Final = "not_met"
NOT_CHECKED: Final = "not_checked"
RESULTS: Final = (MET, NOT_MET, NOT_CHECKED)


@dataclass(frozen=True)
class ChecklistItem:
    """One thing checked on a visit: its id, the article and clause it comes from, its words."""

    id: str
    article: str
    clause: str | None
    label: str  # msgid: what the inspector checks, as a question
    violation: str | None  # the Art. 25 clause an item not met is a finding of (None: staffing)


CHECKLIST: Final[Sequence[ChecklistItem]] = (
    # Art. 3: "besides a full-time manager, at least one legal expert, one IT expert and two
    # clerical staff".
    ChecklistItem(
        "3.manager", "3", None, N_("Does the office have a full-time manager? (Article 3)"), None
    ),
    ChecklistItem(
        "3.legal_expert",
        "3",
        None,
        N_("Does the office have at least one legal expert? (Article 3)"),
        None,
    ),
    ChecklistItem(
        "3.it_expert",
        "3",
        None,
        N_("Does the office have at least one IT expert? (Article 3)"),
        None,
    ),
    ChecklistItem(
        "3.clerks",
        "3",
        None,
        N_("Does the office have at least two clerical staff? (Article 3)"),
        None,
    ),
    # Art. 25: the clauses a visit can see.
    ChecklistItem(
        "25.1",
        "25",
        "1",
        N_("Are the service fees posted in a suitable place? (Article 25, clause 1)"),
        "25.1",
    ),
    ChecklistItem(
        "25.2",
        "25",
        "2",
        N_("Is the manager present during office hours? (Article 25, clause 2)"),
        "25.2",
    ),
    ChecklistItem(
        "25.6",
        "25",
        "6",
        N_("Are clients given a receipt for the money they pay? (Article 25, clause 6)"),
        "25.6",
    ),
    ChecklistItem(
        "25.7",
        "25",
        "7",
        N_(
            "Are the Center's security rules followed, as far as the visit shows (passwords, "
            "locked screens)? (Article 25, clause 7)"
        ),
        "25.7",
    ),
    ChecklistItem(
        "25.9",
        "25",
        "9",
        N_("Do the manager and staff cooperate with the inspector? (Article 25, clause 9)"),
        "25.9",
    ),
    ChecklistItem(
        "25.13",
        "25",
        "13",
        N_(
            "Are litigants' information and files kept out of others' sight? (Article 25, "
            "clause 13)"
        ),
        "25.13",
    ),
)

ITEMS: Final[Mapping[str, ChecklistItem]] = {item.id: item for item in CHECKLIST}


def findings_of(results: Mapping[str, str]) -> list[str]:
    """The Art. 25 clauses of the items not met, in the checklist's order (Art. 3 items have no
    clause of their own: they are reported, and the Primary Board decides)."""
    return [
        item.violation
        for item in CHECKLIST
        if item.violation is not None and results.get(item.id) == NOT_MET
    ]


def staffing_not_met(results: Mapping[str, str]) -> list[str]:
    """The Art. 3 staffing items not met, in the checklist's order."""
    return [
        item.id for item in CHECKLIST if item.violation is None and results.get(item.id) == NOT_MET
    ]
