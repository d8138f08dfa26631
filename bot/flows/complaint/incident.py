"""Filing, part 2: what happened (each choice a clause of Art. 25), when, and in plain words.

```mermaid
flowchart LR
    W[what happened: one or more, then Done] --> D[when: a Jalali date, Today, Yesterday]
    D -- an overcharge among them --> O[the overcharge, part 3] --> T
    D --> T[description, 10 to 3,000 characters]
```

The date is stored in the answers as `bot.text.jalali.format_stored_date` writes it and read back
with `parse_stored_date`.
"""

from __future__ import annotations

import jdatetime

from bot.flows.framework.collecting_steps import MultiChoiceStep
from bot.flows.framework.context import Answers
from bot.flows.framework.typed_steps import DateStep, TextStep
from bot.rules.violations import CITIZEN_CHOICES, CITIZEN_CHOICES_BY_KEY
from bot.text.jalali import parse_stored_date
from bot.text.markers import N_

# The citizen's choice that stands for Art. 25 clause 12 (fees above the tariff).
OVERCHARGED = "overcharged"


def incident_date(answers: Answers) -> jdatetime.date | None:
    """The day it happened, once the citizen has said."""
    stored = answers.get("when")
    return parse_stored_date(str(stored)) if stored else None


def overcharged(answers: Answers) -> bool:
    """Whether the citizen says they were charged above the tariff."""
    return OVERCHARGED in (answers.get("what") or [])


def violation_ids(answers: Answers) -> list[str]:
    """The clauses of Art. 25 the citizen's choices stand for, in order."""
    return [CITIZEN_CHOICES_BY_KEY[key].violation_id for key in answers.get("what") or []]


WHAT = MultiChoiceStep(
    key="what",
    label=N_("What happened"),
    prompt=N_("What happened? Choose everything that applies, then press Done."),
    options=tuple((c.key, c.label_msgid) for c in CITIZEN_CHOICES),
)

WHEN = DateStep(
    key="when", label=N_("Date"), prompt=N_("When did it happen? For example 1403/05/12.")
)

DESCRIPTION = TextStep(
    key="description",
    label=N_("Description"),
    prompt=N_("Please describe what happened, in at least 10 and at most 3,000 characters."),
    min_length=10,
    max_length=3000,
)
