"""A report for a period and a scope: the figures the Association owes the Directorate and the
Council (Arts. 15(b), 15(c), 15(e), 21), each with the article it reports under.

- Period: Jalali days, first to last inclusive; its bounds are the first moment of the first
  day and of the day after the last, in the configured zone (Tehran). `month`, `quarter` and
  `year` build the usual ones.
- Scope: the whole country, one Association (the offices of the provinces it serves, Art. 12),
  or one province (its offices). A row is in scope when its office is.
- Sections: complaints (Art. 15(e)); the Association's service targets (its own settings, not
  the directive's: the directive sets no time for the review, Art. 15(e)); inspections (Arts.
  15(b), 21); cases, rulings and appeals (Arts. 22, 23, 24), the performance of Art. 15(c);
  notices to managers and their delivery (Art. 15(c), the service's practice); the offices with
  the most complaints the Board decided (Art. 15(e)).

The figures are counted in the database (`storage.reports`); here they are only assembled. A
median and a 90th percentile are linear interpolations between the ranks, taken in the database
too, shown in days (two decimals).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

import jdatetime
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.data import bundled_provinces
from bot.domain.staff_actions import association_of_province
from bot.text.jalali import day_start, days_in_month, format_stored_date
from storage import reports as store
from storage.statuses import ComplaintStatus

__all__ = [
    "Figure",
    "Period",
    "Progress",
    "Report",
    "Scope",
    "Section",
    "build_report",
    "scope_named",
]

Value = int | float | None
#: Told (sections counted, sections in all) as a report is counted.
Progress = Callable[[int, int], None]
#: How many offices the "most decided complaints" section lists.
TOP_OFFICES: Final = 10
_DAY = 86_400.0
_UNREFERRED = (ComplaintStatus.RECEIVED, ComplaintStatus.UNDER_REVIEW)


class ReportError(ValueError):
    """A period or a scope that cannot be reported on; the message says why, in English."""


@dataclass(frozen=True)
class Period:
    """Jalali days *first* to *last*, both included."""

    first: jdatetime.date
    last: jdatetime.date

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise ReportError(
                f"the period starts ({format_stored_date(self.first)}) after it ends "
                f"({format_stored_date(self.last)})"
            )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A Jalali month, 1403/08."""
        if not 1 <= month <= 12:
            raise ReportError(f"a month is 1 to 12 (got {month})")
        return cls(jdatetime.date(year, month, 1), _last_of(year, month))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """A Jalali quarter, 1403/3: months 7 to 9."""
        if not 1 <= quarter <= 4:
            raise ReportError(f"a quarter is 1 to 4 (got {quarter})")
        first = 3 * quarter - 2
        return cls(jdatetime.date(year, first, 1), _last_of(year, first + 2))

    @classmethod
    def year(cls, year: int) -> Period:
        """A Jalali year, 1403."""
        return cls(jdatetime.date(year, 1, 1), _last_of(year, 12))

    def bounds(self, settings: Settings) -> tuple[datetime, datetime]:
        """The period as `[start, end)`, aware UTC moments of the configured zone's days."""
        after = self.last + jdatetime.timedelta(days=1)
        return day_start(self.first, settings.zone), day_start(after, settings.zone)


def _last_of(year: int, month: int) -> jdatetime.date:
    return jdatetime.date(year, month, days_in_month(year, month))


@dataclass(frozen=True)
class Scope:
    """What a report covers: `national`, `association` KEY or `province` KEY."""

    kind: str
    key: str | None
    provinces: tuple[str, ...] | None  # the offices' provinces; None: every one

    @property
    def name(self) -> str:
        """As the command line names it: "national", "association:tehran"."""
        return self.kind if self.key is None else f"{self.kind}:{self.key}"


def scope_named(text: str, settings: Settings) -> Scope:
    """The scope *text* names, or ReportError saying which are known."""
    kind, _, key = text.strip().partition(":")
    provinces = [p.key for p in bundled_provinces()]
    if kind == "national" and not key:
        return Scope("national", None, None)
    if kind == "province" and key in provinces:
        return Scope("province", key, (key,))
    if kind == "association" and key in settings.association_keys:
        # Art. 12: an Association serves its province and those nearest it without one.
        served = tuple(p for p in provinces if association_of_province(p, settings) == key)
        return Scope("association", key, served)
    if kind == "province":
        raise ReportError(f"unknown province {key!r}; one of {', '.join(provinces)}")
    if kind == "association":
        known = ", ".join(settings.association_keys)
        raise ReportError(f"unknown Association {key!r}; one of {known}")
    raise ReportError(f"unknown scope {text!r}; use national, association:KEY or province:KEY")


@dataclass(frozen=True)
class Figure:
    """One figure: its key within its section, its value, the article it reports under."""

    key: str
    value: Value
    article: str


@dataclass(frozen=True)
class Section:
    """A section of the report: its name, the article it answers, its figures."""

    name: str
    article: str
    figures: tuple[Figure, ...]

    def value(self, key: str) -> Value:
        """The value of the figure *key* (KeyError if absent)."""
        for figure in self.figures:
            if figure.key == key:
                return figure.value
        raise KeyError(key)


@dataclass(frozen=True)
class Report:
    """The figures of a period and a scope, at the moment they were counted."""

    period: Period
    scope: Scope
    start: datetime
    end: datetime
    counted_at: datetime
    sections: tuple[Section, ...] = field(default=())

    def section(self, name: str) -> Section:
        """The section *name* (KeyError if absent)."""
        for section in self.sections:
            if section.name == name:
                return section
        raise KeyError(name)

    def rows(self) -> list[tuple[str, str, Value, str]]:
        """Every figure as (section, key, value, article): the CSV's rows."""
        return [(s.name, f.key, f.value, f.article) for s in self.sections for f in s.figures]

    def document(self) -> dict[str, object]:
        """The report as JSON holds it."""
        return {
            "period": {
                "from": format_stored_date(self.period.first),
                "to": format_stored_date(self.period.last),
                "start": self.start.isoformat(),
                "end": self.end.isoformat(),
            },
            "scope": self.scope.name,
            "provinces": list(self.scope.provinces) if self.scope.provinces else None,
            "counted_at": self.counted_at.isoformat(),
            "sections": [
                {
                    "name": s.name,
                    "article": s.article,
                    "figures": [
                        {"key": f.key, "value": f.value, "article": f.article} for f in s.figures
                    ],
                }
                for s in self.sections
            ],
        }


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / _DAY, 2)


def _grouped(prefix: str, counts: dict[str, int], article: str) -> list[Figure]:
    return [Figure(f"{prefix}.{key}", counts[key], article) for key in sorted(counts)]


def _timing(
    name: str, durations: store.Durations, target_days: int | None, article: str
) -> list[Figure]:
    figures = [
        Figure(f"{name}.count", durations.count, article),
        Figure(f"{name}.median_days", _days(durations.median), article),
        Figure(f"{name}.p90_days", _days(durations.p90), article),
    ]
    if target_days is not None:
        figures.append(Figure(f"{name}.target_days", target_days, article))
        figures.append(Figure(f"{name}.within_target", durations.within, article))
    return figures


async def _complaints(
    session: AsyncSession, start: datetime, end: datetime, provinces: tuple[str, ...] | None
) -> Section:
    art = "15(e)"
    statuses: Counter[str] = Counter()
    by_province: Counter[str] = Counter()
    counted = await store.complaints_by_province_and_status(session, start, end, provinces)
    for (province, status), count in counted.items():
        statuses[status] += count
        by_province[province] += count
    clauses = await store.complaints_by_clause(session, start, end, provinces)
    figures = [Figure("received", sum(statuses.values()), art)]
    figures += [
        Figure(f"by_clause.{key}", clauses[key], "25" if key == "unclassified" else key)
        for key in sorted(clauses)
    ]
    figures += _grouped("by_province", by_province, art)
    figures += [Figure(f"by_status.{s}", statuses.get(s, 0), art) for s in ComplaintStatus]
    return Section("complaints", art, tuple(figures))


async def _targets(
    session: AsyncSession,
    settings: Settings,
    start: datetime,
    end: datetime,
    now: datetime,
    provinces: tuple[str, ...] | None,
) -> Section:
    # The targets are the Association's own settings: the directive sets no time (Art. 15(e)).
    art = "15(e), service targets (configuration)"

    def span(target_days: int | None, *into: ComplaintStatus) -> store.Span:
        target = None if target_days is None else target_days * _DAY
        return store.Span(into if into else None, target)

    c = ComplaintStatus
    first_days, referral_days = settings.desk_first_response_days, settings.desk_referral_days
    first, referral, decision = await store.complaint_durations(
        session,
        start,
        end,
        provinces,
        (
            span(first_days),
            span(referral_days, c.REFERRED_TO_BOARD, c.DISMISSED),
            span(None, c.DECIDED, c.DISMISSED),
        ),
    )
    figures = _timing("first_response", first, first_days, art)
    figures += _timing("referral_or_close", referral, referral_days, art)
    figures += _timing("decision", decision, None, art)
    late = await store.complaints_overdue(
        session,
        start,
        end,
        provinces,
        [
            ((c.RECEIVED,), now - timedelta(days=first_days)),
            (_UNREFERRED, now - timedelta(days=referral_days)),
            (_UNREFERRED, now - timedelta(days=settings.desk_escalation_days)),
        ],
    )
    keys = ("overdue.first_response", "overdue.referral", "overdue.escalation")
    figures += [Figure(key, count, art) for key, count in zip(keys, late, strict=True)]
    return Section("service_targets", art, tuple(figures))


async def _inspections(
    session: AsyncSession, start: datetime, end: datetime, provinces: tuple[str, ...] | None
) -> Section:
    art = "15(b), 21"
    kinds = await store.inspections_by_kind(session, start, end, provinces)
    findings = await store.inspection_findings(session, start, end, provinces)
    checklists = await store.inspection_checklists(session, start, end, provinces)
    figures = [Figure("done", sum(kinds.values()), art)]
    figures += _grouped("by_kind", kinds, art)
    figures += [Figure(f"findings.{key}", findings[key], key) for key in sorted(findings)]
    figures += [
        Figure(f"checklist.{item}.{result}", checklists[item][result], "21")
        for item in sorted(checklists)
        for result in sorted(checklists[item])
    ]
    return Section("inspections", art, tuple(figures))


async def _discipline(
    session: AsyncSession, start: datetime, end: datetime, provinces: tuple[str, ...] | None
) -> Section:
    art = "15(c)"
    sources = await store.cases_by_source(session, start, end, provinces)
    degrees = await store.decisions_by_degree(session, start, end, provinces)
    standing = await store.decisions_by_status(session, start, end, provinces)
    appeals = await store.appeals_by_ruling(session, start, end, provinces)
    figures = [Figure("cases.opened", sum(sources.values()), "22")]
    figures += _grouped("cases.by_source", sources, "22")
    figures.append(Figure("rulings.made", sum(degrees.values()), "23"))
    figures += [Figure(f"rulings.by_degree.{d}", degrees.get(str(d), 0), "23") for d in range(1, 7)]
    figures += _grouped("rulings.by_status", standing, "23, 24")
    final = await store.decisions_made_final(session, start, end, provinces)
    figures.append(Figure("rulings.made_final", final, "23, 24"))
    figures.append(Figure("appeals.filed", sum(appeals.values()), "24"))
    figures += _grouped("appeals.by_ruling", appeals, "24")
    return Section("discipline", art, tuple(figures))


async def _notices(
    session: AsyncSession, start: datetime, end: datetime, provinces: tuple[str, ...] | None
) -> Section:
    # Delivery and acknowledgement in chat are the service's practice, reported under 15(c).
    art = "15(c), the service's practice"
    delivery = await store.notices_delivery(session, start, end, provinces)
    waits = await store.notice_acknowledgement_durations(session, start, end, provinces)
    figures = [Figure(key, delivery[key], art) for key in delivery]
    figures.append(Figure("acknowledgement.median_days", _days(waits.median), art))
    return Section("notices", art, tuple(figures))


async def _offices(
    session: AsyncSession, start: datetime, end: datetime, provinces: tuple[str, ...] | None
) -> Section:
    art = "15(e)"
    top = await store.offices_by_decided_complaints(session, start, end, provinces, TOP_OFFICES)
    return Section("offices", art, tuple(Figure(f"decided.{c}", n, art) for c, n in top))


async def build_report(
    session: AsyncSession,
    settings: Settings,
    period: Period,
    scope: Scope,
    now: datetime,
    progress: Progress | None = None,
) -> Report:
    """Count every section's figures for *period* and *scope*; *now* dates the overdue counts.
    *progress*, if given, is called with (sections done, sections in all) as each is counted."""
    start, end = period.bounds(settings)
    p = scope.provinces
    steps: tuple[Callable[[], Awaitable[Section]], ...] = (
        lambda: _complaints(session, start, end, p),
        lambda: _targets(session, settings, start, end, now, p),
        lambda: _inspections(session, start, end, p),
        lambda: _discipline(session, start, end, p),
        lambda: _notices(session, start, end, p),
        lambda: _offices(session, start, end, p),
    )
    sections: list[Section] = []
    for step in steps:
        sections.append(await step())
        if progress is not None:
            progress(len(sections), len(steps))
    return Report(period, scope, start, end, now, tuple(sections))
