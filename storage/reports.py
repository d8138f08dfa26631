"""The figures of a report (Arts. 15(b), 15(c), 15(e), 21), counted in the database.

Every function takes the period as a half-open interval of aware UTC moments `[start, end)` and
the scope as the province keys of the offices it covers (`None`: the whole country); a row is in
scope when its office is. Counts are GROUP BY queries. A JSON list column (a complaint's clauses,
an inspection's findings) is grouped by its text and the groups are split here: one row per
distinct list, not per complaint.

A median and a 90th percentile are taken in the database too, the durations in seconds
(subtracted as each dialect does it: `julianday` on SQLite, `extract(epoch …)` on PostgreSQL).
PostgreSQL has `percentile_cont` (a linear interpolation): one aggregate sort a set, in memory
(`SET LOCAL work_mem` for the report's transaction). SQLite has none: each set is ordered once
(`row_number()`), counted over the whole (`count(*) OVER ()`, and within a target), and only the
rows at the ranks around each percentile are returned, then interpolated linearly here.

A year nationally reads every complaint of the year, so passes are shared (issue #13): the three
sets of complaint durations come from one grouped pass over the complaints and their timeline
(each complaint's first moment of each set a column: `min(CASE …)`), read by one statement; the
counts by status and by province are one pass, the three overdue counts one (`count(*) FILTER`),
the unclassified complaints are counted beside the clauses' groups, and a notice's deliveries are
probed once for all the delivery counts.

The period columns are indexed (0021_report_indexes): a month's rows are found by index, not by
a scan of the year's; tests/store/test_report_plans.py checks the plans on both stores.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import (
    Float,
    Integer,
    Select,
    String,
    Text,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy import text as sql_text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Appeal,
    Case,
    Complaint,
    ComplaintEvent,
    Decision,
    Inspection,
    Notice,
    Office,
    OutboxMessage,
)
from storage.statuses import ComplaintStatus, OutboxStatus

__all__ = [
    "Durations",
    "Span",
    "appeals_by_ruling",
    "cases_by_source",
    "complaint_durations",
    "complaints_by_clause",
    "complaints_by_province_and_status",
    "complaints_overdue",
    "decisions_by_degree",
    "decisions_by_status",
    "decisions_made_final",
    "inspection_checklists",
    "inspection_findings",
    "inspections_by_kind",
    "notice_acknowledgement_durations",
    "notices_delivery",
    "offices_by_decided_complaints",
]

Provinces = Collection[str] | None
_Q = TypeVar("_Q", bound="Select[*tuple[Any, ...]]")


@dataclass(frozen=True)
class Durations:
    """How many durations, their median and 90th percentile (seconds; None: none), and how many
    were within a target (None: no target asked)."""

    count: int
    median: float | None
    p90: float | None
    within: int | None


def _seconds(session: AsyncSession, later: Any, earlier: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86_400.0
    return func.extract("epoch", later - earlier)


def _below(session: AsyncSession, places: Any) -> Any:
    # The whole part of a non-negative real: truncated on SQLite, floored on PostgreSQL (where a
    # cast would round).
    if session.get_bind().dialect.name == "sqlite":
        return cast(places, Integer)
    return func.floor(places)


def _ranked(session: AsyncSession, seconds: Any, source: Any, target: float | None) -> Any:
    # The durations *seconds* of *source* that there are, ordered once, counted (and within the
    # target) over the whole, and only the rows at the ranks around (count - 1) * fraction kept:
    # not one query for the count and one sort a percentile.
    present = select(seconds.label("seconds")).select_from(source).where(seconds.is_not(None))
    durations = present.subquery()
    column = durations.c.seconds
    total = func.count().over()
    within = total if target is None else func.sum(case((column <= target, 1), else_=0)).over()
    ranked = select(
        column.label("value"),
        func.row_number().over(order_by=column).label("rank"),
        total.label("total"),
        within.label("within"),
    ).subquery()
    ranks = []
    for fraction in _FRACTIONS:
        low = _below(session, (ranked.c.total - 1) * literal(fraction, Float)) + 1
        ranks += [ranked.c.rank == low, ranked.c.rank == low + 1]
    return select(ranked.c.rank, ranked.c.value, ranked.c.total, ranked.c.within).where(or_(*ranks))


def _durations(rows: Sequence[Any], target: float | None) -> Durations:
    # The rows at the ranks around each percentile, interpolated linearly here.
    if not rows:
        return Durations(0, None, None, 0 if target is not None else None)
    count, counted = int(rows[0].total), int(rows[0].within)
    values = {int(row.rank) - 1: float(row.value) for row in rows}
    median, p90 = (_interpolated(values, (count - 1) * fraction) for fraction in _FRACTIONS)
    return Durations(count, median, p90, counted if target is not None else None)


async def _summaries(
    session: AsyncSession, durations: Select[Any], targets: Sequence[float | None]
) -> list[Durations]:
    # Every set of durations of one query, its columns span_0, span_1, … (NULL: none for that
    # row), in one statement. PostgreSQL has percentile_cont (the same linear interpolation):
    # one sort a set, in memory. SQLite ranks each set from the rows materialised once.
    if session.get_bind().dialect.name == "postgresql":
        return await _percentiles(session, durations.subquery(), targets)
    source = durations.cte("durations").prefix_with("MATERIALIZED")  # SQLite 3.35+
    parts = [
        _ranked(session, source.c[f"span_{n}"], source, target).add_columns(
            literal(n, Integer).label("span")
        )
        for n, target in enumerate(targets)
    ]
    rows = (await session.execute(union_all(*parts))).all()
    return [_durations([r for r in rows if r.span == n], t) for n, t in enumerate(targets)]


async def _percentiles(
    session: AsyncSession, source: Any, targets: Sequence[float | None]
) -> list[Durations]:
    # A national year's sorts (a million durations each) spill to disk at PostgreSQL's default
    # work_mem (4 MB): the report's transaction takes more, and only it (SET LOCAL).
    await session.execute(sql_text("SET LOCAL work_mem = '256MB'"))
    figures: list[Any] = []
    for n, target in enumerate(targets):
        column = source.c[f"span_{n}"]
        figures += [func.count(column)]
        figures += [
            func.percentile_cont(literal(fraction, Float)).within_group(column)
            for fraction in _FRACTIONS
        ]
        figures += [func.count(column).filter(column <= target) if target is not None else null()]
    row = (await session.execute(select(*figures).select_from(source))).one()
    summaries = []
    for n, target in enumerate(targets):
        count, median, p90, within = row[4 * n : 4 * n + 4]
        summaries.append(
            Durations(
                int(count),
                None if median is None else float(median),
                None if p90 is None else float(p90),
                None if target is None else int(within),
            )
        )
    return summaries


_FRACTIONS = (0.5, 0.9)  # the median, the 90th percentile


def _interpolated(values: dict[int, float], place: float) -> float:
    low = values[int(place)]
    return low + (values.get(int(place) + 1, low) - low) * (place - int(place))


def _in_scope(query: _Q, office_code: Any, provinces: Provinces) -> _Q:
    if provinces is None:
        return query
    scoped = query.join(Office, Office.code == office_code).where(Office.province.in_(provinces))
    return scoped


def _pairs(rows: Any) -> dict[str, int]:
    return {str(key): int(count) for key, count in rows}


def _filed(start: datetime, end: datetime) -> Any:
    return and_(Complaint.created_at >= start, Complaint.created_at < end)


async def complaints_by_province_and_status(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[tuple[str, str], int]:
    """Complaints filed in the period, by their office's province and their status now (one
    pass for the counts by status and by province)."""
    query = (
        select(Office.province, Complaint.status, func.count(Complaint.id))
        .join(Office, Office.code == Complaint.office_code)
        .where(_filed(start, end))
    )
    if provinces is not None:
        query = query.where(Office.province.in_(provinces))
    rows = await session.execute(query.group_by(Office.province, Complaint.status))
    return {(str(province), str(status)): int(count) for province, status, count in rows.all()}


async def _list_groups(session: AsyncSession, query: Select[Any], column: Any) -> Counter[str]:
    # Grouped by the list's text (json is not comparable on PostgreSQL: hence the cast).
    text = cast(column, Text)
    rows = (await session.execute(query.add_columns(text).group_by(text))).all()
    counted: Counter[str] = Counter()
    for count, listed in rows:
        _count_items(counted, count, listed)
    return counted


def _count_items(counted: Counter[str], count: Any, listed: str | None) -> None:
    # A distinct list's rows count once under each item it names.
    for item in set(json.loads(listed or "null") or ()):
        counted[str(item)] += int(count)


async def complaints_by_clause(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[str, int]:
    """Complaints filed in the period naming each clause of Art. 25 (a complaint naming two
    counts under both), and "unclassified" for those the complainant left to the Association."""
    # One pass: the unclassified are counted beside the grouped lists, not in a second pass.
    unclassified = func.count(Complaint.id).filter(Complaint.unclassified.is_(True))
    query = _in_scope(
        select(unclassified, func.count(Complaint.id)).where(_filed(start, end)),
        Complaint.office_code,
        provinces,
    )
    text = cast(Complaint.violations, Text)
    counted: Counter[str] = Counter({"unclassified": 0})
    for left, count, listed in (
        await session.execute(query.add_columns(text).group_by(text))
    ).all():
        counted["unclassified"] += int(left)
        _count_items(counted, count, listed)
    return dict(counted)


@dataclass(frozen=True)
class Span:
    """A set of complaint durations: from filing to the first status move into one of
    *statuses* (None: any move), and the target in seconds to count those within (None: none)."""

    statuses: Collection[ComplaintStatus] | None = None
    target: float | None = None


async def complaint_durations(
    session: AsyncSession,
    start: datetime,
    end: datetime,
    provinces: Provinces,
    spans: Sequence[Span],
) -> list[Durations]:
    """For complaints filed in the period, each span's seconds from filing to the first status
    move it names, in the order of *spans*; complaints without such a move are left out of it."""
    # The receipt is recorded as an event at filing (storage.complaints.create): no move.
    anything = set(ComplaintStatus) - {ComplaintStatus.RECEIVED}
    into = [set(span.statuses) if span.statuses is not None else anything for span in spans]
    # One grouped pass over the period's complaints and their moves (read from
    # ix_complaint_events_moves) gives each complaint every span's first moment as a column
    # (min of a case); it is materialised once and each span ranked from it, all in one
    # statement: not one pass over the million complaints and their timeline a span.
    moments = [
        _seconds(
            session,
            func.min(case((ComplaintEvent.status.in_(sorted(moves)), ComplaintEvent.at))),
            Complaint.created_at,
        ).label(f"span_{n}")
        for n, moves in enumerate(into)
    ]
    query = (
        select(*moments)
        .select_from(Complaint)
        .join(ComplaintEvent, ComplaintEvent.complaint_id == Complaint.id)
        # Not filtered by status as well: a move no span names is NULL in every column, and one
        # seek of (complaint_id, kind) a complaint is cheaper than one a status (SQLite).
        .where(_filed(start, end), ComplaintEvent.kind == "status")
        .group_by(Complaint.id, Complaint.created_at)
    )
    grouped = _in_scope(query, Complaint.office_code, provinces)
    return await _summaries(session, grouped, [span.target for span in spans])


async def complaints_overdue(
    session: AsyncSession,
    start: datetime,
    end: datetime,
    provinces: Provinces,
    asked: Sequence[tuple[Collection[ComplaintStatus], datetime]],
) -> list[int]:
    """For each (statuses, filed_before) of *asked*, in its order: the complaints filed in the
    period, still at one of the statuses, filed before filed_before (now less a service
    target's days). One pass over the period's complaints for all of them."""
    counts = [
        func.count(Complaint.id).filter(
            Complaint.status.in_(sorted(statuses)), Complaint.created_at < filed_before
        )
        for statuses, filed_before in asked
    ]
    anything = sorted({status for statuses, _ in asked for status in statuses})
    query = select(*counts).where(_filed(start, end), Complaint.status.in_(anything))
    row = (await session.execute(_in_scope(query, Complaint.office_code, provinces))).one()
    return [int(count) for count in row]


async def offices_by_decided_complaints(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces, limit: int
) -> list[tuple[str, int]]:
    """The offices with the most complaints filed in the period that the Board decided, most
    first (ties by code)."""
    count = func.count(Complaint.id)
    query = select(Complaint.office_code, count).where(
        _filed(start, end), Complaint.status == ComplaintStatus.DECIDED
    )
    query = _in_scope(query, Complaint.office_code, provinces).group_by(Complaint.office_code)
    rows = await session.execute(query.order_by(count.desc(), Complaint.office_code).limit(limit))
    return [(str(code), int(n)) for code, n in rows.all()]


def _visited(start: datetime, end: datetime) -> Any:
    return and_(
        Inspection.recorded_at.is_not(None),
        func.coalesce(Inspection.visited_at, Inspection.at) >= start,
        func.coalesce(Inspection.visited_at, Inspection.at) < end,
    )


async def inspections_by_kind(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[str, int]:
    """Inspections recorded whose visit fell in the period, by kind (periodic, ad_hoc)."""
    query = select(Inspection.kind, func.count(Inspection.id)).where(_visited(start, end))
    query = _in_scope(query, Inspection.office_code, provinces).group_by(Inspection.kind)
    return _pairs((await session.execute(query)).all())


async def inspection_findings(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[str, int]:
    """Those inspections naming each clause of Art. 25 among their findings."""
    query = select(func.count(Inspection.id)).where(_visited(start, end))
    query = _in_scope(query, Inspection.office_code, provinces)
    return dict(await _list_groups(session, query, Inspection.findings))


async def inspection_checklists(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[str, dict[str, int]]:
    """Those inspections' checklist results: {item id: {result: count}}.

    The checklist is a JSON object per inspection; grouped by its text, so identical sheets are
    one row.
    """
    text = cast(Inspection.checklist, Text)
    query = select(func.count(Inspection.id), text).where(
        _visited(start, end), Inspection.checklist.is_not(None)
    )
    query = _in_scope(query, Inspection.office_code, provinces).group_by(text)
    results: dict[str, Counter[str]] = {}
    for count, sheet in (await session.execute(query)).all():
        for item, entry in (json.loads(sheet or "null") or {}).items():
            results.setdefault(item, Counter())[str(entry.get("result"))] += int(count)
    return {item: dict(counts) for item, counts in results.items()}


async def cases_by_source(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[str, int]:
    """Cases opened in the period, by source (complaints, inspection)."""
    query = select(Case.source, func.count(Case.id)).where(
        Case.opened_at >= start, Case.opened_at < end
    )
    query = _in_scope(query, Case.office_code, provinces).group_by(Case.source)
    return _pairs((await session.execute(query)).all())


def _decisions(column: Any, start: datetime, end: datetime, provinces: Provinces) -> Select[Any]:
    query = (
        select(column, func.count(Decision.id))
        .join(Case, Case.id == Decision.case_id)
        .where(Decision.decided_at >= start, Decision.decided_at < end)
    )
    return _in_scope(query, Case.office_code, provinces).group_by(column)


async def decisions_by_degree(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[str, int]:
    """Rulings of the Primary Board made in the period, by the degree of Art. 23 they gave."""
    rows = (await session.execute(_decisions(Decision.sanction, start, end, provinces))).all()
    return _pairs(rows)


async def decisions_by_status(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[str, int]:
    """Those rulings by where they stand now (pending, appealed, final, replaced, overturned)."""
    rows = (await session.execute(_decisions(Decision.status, start, end, provinces))).all()
    return _pairs(rows)


async def decisions_made_final(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> int:
    """Rulings of the Primary Board that became final in the period, whenever they were made."""
    query = (
        select(func.count(Decision.id))
        .join(Case, Case.id == Decision.case_id)
        .where(Decision.final_at >= start, Decision.final_at < end)
    )
    return int((await session.execute(_in_scope(query, Case.office_code, provinces))).scalar_one())


async def appeals_by_ruling(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[str, int]:
    """Appeals filed in the period, by the Appeals Board's ruling ("pending": none yet)."""
    # As text: "pending" is no AppealRuling, and the ruling's column type would refuse it.
    ruling = func.coalesce(type_coerce(Appeal.ruling, String), "pending")
    query = (
        select(ruling, func.count(Appeal.id))
        .join(Decision, Decision.id == Appeal.decision_id)
        .join(Case, Case.id == Decision.case_id)
        .where(Appeal.filed_at >= start, Appeal.filed_at < end)
    )
    query = _in_scope(query, Case.office_code, provinces).group_by(ruling)
    return _pairs((await session.execute(query)).all())


async def notices_delivery(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> dict[str, int]:
    """Notices to managers written in the period: all, delivered (a chat received it),
    undeliverable (no chat received it and one was undeliverable), acknowledged."""

    # Each notice's deliveries are probed once (ix_outbox_notice_status): 0 a chat received it,
    # 1 none did and one was undeliverable; materialised so that the probe is not repeated for
    # each count that reads it.
    standing = (
        select(
            func.min(
                case(
                    (OutboxMessage.status == OutboxStatus.SENT, 0),
                    (OutboxMessage.status == OutboxStatus.UNDELIVERABLE, 1),
                )
            )
        )
        .where(OutboxMessage.notice_id == Notice.id)
        .scalar_subquery()
    )
    written = select(standing.label("standing"), Notice.acknowledged_at).where(
        Notice.created_at >= start, Notice.created_at < end
    )
    notices = _in_scope(written, Notice.office_code, provinces).cte("standings")
    notices = notices.prefix_with("MATERIALIZED")  # PostgreSQL 12+, SQLite 3.35+
    query = select(
        func.count(),
        func.count().filter(notices.c.standing == 0),
        func.count().filter(notices.c.standing == 1),
        func.count(notices.c.acknowledged_at),
    ).select_from(notices)
    total, sent, undeliverable, acknowledged = (await session.execute(query)).one()
    return {
        "written": int(total),
        "delivered": int(sent),
        "undeliverable": int(undeliverable),
        "acknowledged": int(acknowledged),
    }


async def notice_acknowledgement_durations(
    session: AsyncSession, start: datetime, end: datetime, provinces: Provinces
) -> Durations:
    """Seconds from writing to acknowledgement of the acknowledged notices written in the
    period."""
    seconds = _seconds(session, Notice.acknowledged_at, Notice.created_at).label("span_0")
    query = select(seconds).where(
        Notice.created_at >= start, Notice.created_at < end, Notice.acknowledged_at.is_not(None)
    )
    (waits,) = await _summaries(session, _in_scope(query, Notice.office_code, provinces), [None])
    return waits
