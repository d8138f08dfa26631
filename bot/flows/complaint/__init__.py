"""Complaints against an office: filing one, from the first tap to a tracking code; following it.

The citizen finds the office (by code, by a few letters of its name, by its city or province,
or province → city → list), says what happened in plain words (each mapped to a clause of
Art. 25, or "another matter", unclassified, for the Association), when, and — for an
overcharge — the service, the count and what was paid, compared with the tariff held for that
year where there is one; describes it, may add up to five
photos or documents, says who they are (after being told who sees it and for how long) and whether
the office may learn who complained (no unless they say yes). After a review: a tracking code,
the Association that handles it (Art. 12, 15(e)), its Primary Disciplinary Board (Art. 22), and
what happens next. Later the citizen follows it, may add to it while it is open, and may
withdraw it.

```mermaid
flowchart TD
    O[office: code, name or province → city → list] --> C{is it this office?}
    C -- no --> O
    C -- yes --> W[what happened: one or more] --> D[when]
    D -- 25.12 --> S[service, units, amount, rials or tomans] --> T
    D --> T[description] --> E[evidence, up to 5] --> N[name] --> M[mobile]
    M --> I[national ID, optional]
    I --> K[may the office know who complained?] --> R[review] --> F[tracking code]
    F --> L[my complaints / by code] --> X[withdraw, Art. 26 note 2]
```

The parts, each drawn in its own module: `office_search` (1), `incident` (2), `overcharge` (3,
with what its answers say and how it is told in `overcharge_answers`), `evidence` (4),
`complainant` (5), `filing` (the wizard and the filing); afterwards `follow` (listing, tracking,
withdrawing), `details` (the complaint's view), `additions` (adding to it) and `answer`
(answering the desk's question, rating the handling). An unlikely answer (a date, a one-word
name) is asked about once (`bot.flows.framework.second_look`).
The flow names ("complaint", "track", "complaint_add"), step keys and button values are persisted
with unfinished conversations and buttons: they must not change.
"""

from bot.flows.complaint import answer, filing, follow
from bot.flows.registry import Registry


def register(registry: Registry) -> None:
    """Add filing complaints, their evidence downloads, and following them to *registry*."""
    filing.register(registry)
    follow.register(registry)
    answer.register(registry)
