"""A sanction made final (Arts. 23, 24): entered in the manager's disciplinary file, and a
degree-4 reprimand published.

`make_final` is called wherever a decision becomes final, in that transaction: by
`bot.domain.decisions.record_decision` (degrees 1–4 are final at once, Art. 24), by
`bot.domain.settlement.settle` (an unappealed 5 or 6 when its window closes) and by
`bot.domain.appeals.rule_appeal` (the Appeals Board upholds or replaces it). It acts once per
decision, however often it is called:

- (a) the standing sanction (the replacement's, if the Appeals Board replaced it) is entered in
  the manager's disciplinary file with its clauses and the Jalali day it became final. Art. 23,
  degree 3 is a reprimand "entered in the file"; this service enters every final sanction, so the
  file is the manager's whole record (the file's keeping is the service's practice: the
  directive names the file and no register of it).
- (b) a final degree 4 (Art. 23, degree 4: a reprimand "published on the Center's website") gets
  its publication text, recorded once; where `settings.publication_chat` names a public chat,
  one post is queued there (the service's extra; the website remains the legal venue), else the
  publication is recorded as to be published on the Center's website (`daftar decisions
  publications` lists them).

    make_final(session, settings, now, *, decision) -> MadeFinal
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain.standing import effective_sanction
from bot.notices import publications
from bot.text.i18n import translator
from bot.text.jalali import tehran_date
from storage import cases as case_store
from storage import finality as store
from storage import managers as manager_store
from storage import offices as office_store
from storage.finality_models import DisciplinaryEntry, Publication
from storage.models import Decision

#: Art. 23, degree 4: the reprimand published on the Center's website.
PUBLISHED_DEGREE = 4


@dataclass(frozen=True)
class MadeFinal:
    """What `make_final` found or did for one decision."""

    entry: DisciplinaryEntry | None  # None: no sanction stands (overturned) or not final
    publication: Publication | None  # a final degree 4's
    entered: bool  # entered by this call (False: it was already)
    published: bool  # its publication recorded (and any post queued) by this call


async def make_final(
    session: AsyncSession, settings: Settings, now: datetime, *, decision: Decision
) -> MadeFinal:
    """Enter a final decision's standing sanction in the file; publish a degree 4. Once each."""
    standing = await effective_sanction(session, decision)
    if (
        standing is None
        or decision.final_at is None
        or decision.status not in ("final", "replaced")
    ):
        return MadeFinal(None, None, False, False)
    degree, months = standing
    case = await case_store.by_id(session, decision.case_id)
    assert case is not None
    final_on = tehran_date(decision.final_at, settings.zone)
    entry = await store.entry_of(session, decision.id)
    entered = entry is None
    if entry is None:
        entry = await store.add_entry(
            session,
            DisciplinaryEntry(
                manager_id=decision.manager_id,
                office_code=case.office_code,
                decision_id=decision.id,
                degree=degree,
                months=months,
                violations=list(decision.violations),
                final_on=final_on,
                entered_at=now,
            ),
        )
    if degree != PUBLISHED_DEGREE:
        return MadeFinal(entry, None, entered, False)
    publication = await store.publication_of(session, decision.id)
    if publication is not None:
        return MadeFinal(entry, publication, entered, False)
    office = await office_store.office(session, case.office_code)
    manager = await manager_store.by_id(session, decision.manager_id)
    texts = {
        locale: publications.publication_text(
            translator(locale),
            office_name=office.name if office else "",
            office_code=case.office_code,
            manager_name=manager.name if manager else "",
            violations=decision.violations,
            final_on=final_on,
        )
        for locale in ("fa", "en")
    }
    shown = texts["en"] if settings.default_locale == "en" else texts["fa"]
    venue, outbox_id = await publications.post(session, settings, shown, now)
    publication = await store.add_publication(
        session,
        Publication(
            decision_id=decision.id,
            office_code=case.office_code,
            text=texts["fa"],
            text_en=texts["en"],
            venue=venue,
            outbox_id=outbox_id,
            created_at=now,
            queued_at=now if outbox_id is not None else None,
        ),
    )
    return MadeFinal(entry, publication, entered, True)
