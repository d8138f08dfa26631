"""A national year of Daftar's store, generated for benchmarks: the Jalali year 1403 of every
office in the country, as the tables hold it (offices, managers, complaints and their timelines,
inspections, cases, decisions, appeals, notices and their deliveries).

The proportions are plausible, not measured (the directive sets none); seeded, so a run is
repeatable:

- **offices**: one for every 300 complaints a year (3,333 for 10⁶; at least one a province),
  spread over the 31 provinces by population (the 1395 census, rounded: a weight only); each
  office draws its own share of complaints (log-normal, σ 0.6), so a few offices draw many. One
  manager each; 8 % have no linked chat, 80 % one, 12 % two.
- **complaints**: filed uniformly over the year; 10 % name no clause ("another matter"), 70 % one,
  20 % two, weighted as clients meet them (25.12 overcharging the most, then 25.4, 25.8, …; the
  clauses a client rarely sees, 25.3, 25.5, 25.7, 25.9, 25.11, 25.14, seldom).
- **the desk**: the first move after a median of 2.5 days (log-normal, σ 0.9: about one in ten
  after the 7-day target); then 55 % reviewed and dismissed (a median of 8 days later), 17 %
  dismissed at once, 15 % reviewed and referred to the Board (a median of 12 days later), 5 %
  referred at once, 3 % never answered, 5 % under review still. 10 % carry a note, 2 % a
  withdrawal. No move later than the report's moment (`NOW`) is made.
- **cases** (Art. 22): an office's referral opens a case unless one is open; the case takes the
  office's referrals until the Board rules, a median of 40 days after opening, and its complaints
  are decided then. An inspection with findings opens a case of its own.
- **inspections** (Arts. 15(b), 21): two periodic visits an office a year, announced (a notice a
  week ahead); an ad-hoc visit at 15 % of offices (60 % of them unannounced); recorded about a
  day after (3 % never); each checklist item met 85 %, not met 10 %, not checked 5 %; a conduct
  item not met is a finding of its clause.
- **decisions** (Arts. 23, 24): degree 1 30 %, 2 30 %, 3 20 %, 4 10 %, 5 7 % (1 to 6 months),
  6 3 %; 1 to 4 final at once; 45 % of the 5s and 6s appealed within the 20-day window (90 % by
  the manager), the rest final when it closes; the Appeals Board rules a median of 30 days after
  an appeal: upheld 60 %, replaced 25 %, overturned 15 %.
- **notices**: the office told of each accepted complaint, each announced inspection, each
  decision and each appeal's ruling, one outbox message per linked chat: sent 93 %, undeliverable
  4 %, failed 1 %, pending 2 %; 75 % of the notices delivered are acknowledged, a median of five
  hours later.

For 10⁶ complaints that is about 2.2 million timeline lines, 7,000 inspections, 27,000 cases,
800,000 notices and as many deliveries. Not seeded, since no report reads them: delivery
attempts, evidence, staff, sittings, the disciplinary file.

`NationalYear(n).tables()` yields each table's rows in batches, as (table, columns, rows) with
the values the models take (aware UTC moments, `jdatetime.date`s, lists for JSON), ids given.
"""

from __future__ import annotations

import random
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from itertools import accumulate
from math import log
from typing import Any, Final

import jdatetime

from bot.config import Settings
from bot.data import bundled_provinces
from bot.domain.reports import Period
from bot.rules.inspection_checklist import CHECKLIST, MET, NOT_CHECKED, NOT_MET
from bot.rules.routing import nearest_association

__all__ = ["ASSOCIATIONS", "NOW", "YEAR", "NationalYear", "Rows", "benchmark_settings"]

YEAR: Final = 1403
#: When the reports are counted: 1404/01/15 12:00 Tehran, a fortnight after the year.
NOW: Final = datetime(2025, 4, 4, 8, 30, tzinfo=UTC)
#: The provinces with an Association of their own (Art. 12), in the benchmark's settings.
ASSOCIATIONS: Final = "tehran,razavi_khorasan,isfahan,fars,khuzestan,east_azarbaijan,kerman"

#: Millions of people, the 1395 census rounded: how the offices are spread (a weight only).
POPULATION: Final = {
    "tehran": 13.3, "razavi_khorasan": 6.4, "isfahan": 5.1, "fars": 4.9, "khuzestan": 4.7,
    "east_azarbaijan": 3.9, "mazandaran": 3.3, "west_azarbaijan": 3.3, "kerman": 3.2,
    "sistan_baluchestan": 2.8, "alborz": 2.7, "gilan": 2.5, "kermanshah": 2.0, "golestan": 1.9,
    "hormozgan": 1.8, "lorestan": 1.8, "hamadan": 1.7, "kurdistan": 1.6, "markazi": 1.4,
    "qom": 1.3, "qazvin": 1.3, "ardabil": 1.3, "bushehr": 1.2, "yazd": 1.1, "zanjan": 1.1,
    "chaharmahal_bakhtiari": 1.0, "north_khorasan": 0.9, "south_khorasan": 0.8,
    "kohgiluyeh_boyerahmad": 0.7, "semnan": 0.7, "ilam": 0.6,
}  # fmt: skip
#: How often a complaint names each clause of Art. 25 (relative).
CLAUSES: Final = {
    "25.12": 30, "25.4": 20, "25.8": 15, "25.6": 8, "25.2": 7, "25.1": 5, "25.10": 4,
    "25.13": 3, "25.3": 1, "25.5": 1, "25.7": 1, "25.9": 1, "25.11": 1, "25.14": 1,
}  # fmt: skip
DEGREES: Final = (1, 2, 3, 4, 5, 6)
DEGREE_WEIGHTS: Final = (30, 30, 20, 10, 7, 3)
COMPLAINTS_PER_OFFICE: Final = 300
APPEAL_WINDOW_DAYS: Final = 20  # the default of `appeal_window_days`
BATCH: Final = 20_000

DAY: Final = 86_400.0
HOUR: Final = 3_600.0
_NONE: Final = -1.0  # "no such move" in the per-complaint arrays


def benchmark_settings() -> Settings:
    """Defaults, with the Associations of `ASSOCIATIONS` (and nothing read from the shell)."""
    return Settings(_env_file=None, association_provinces=ASSOCIATIONS)


@dataclass(frozen=True)
class Rows:
    """A batch of one table's rows, each a tuple in the order of *columns*."""

    table: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def _moment(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


@cache
def _jalali_day(day: int) -> jdatetime.date:
    # The Jalali day of a UTC day number (days since 1970): jdatetime is slow to build, so once.
    return jdatetime.date.fromgregorian(date=_moment(day * DAY).date())


def _median(rng: random.Random, median: float, sigma: float) -> float:
    # A log-normal draw with this median.
    return rng.lognormvariate(log(median), sigma)


@dataclass
class _Case:
    opened: float
    office: int
    source: str
    inspection: int | None  # the inspection's id
    complaints: list[int] = field(default_factory=list)  # complaint indices
    ruled: float = 0.0  # when the Board rules (maybe after NOW: then still open)


@dataclass
class _Decision:
    case: int  # the case's id
    office: int
    decided: float
    degree: int
    months: int | None
    served: float
    final: float | None
    status: str
    violations: list[str]


@dataclass
class _Appeal:
    decision: int  # the decision's id
    by: str
    filed: float
    ruling: str | None
    ruled: float | None
    new_sanction: int | None


@dataclass
class _Notice:
    created: float
    office: int
    kind: str
    subject: int


class NationalYear:
    """*complaints* complaints of the year `YEAR` and all that follows from them (see the module's
    docstring), drawn from *seed*."""

    def __init__(self, complaints: int, seed: int = 1403) -> None:
        self.settings = benchmark_settings()
        self.start, self.end = (t.timestamp() for t in Period.year(YEAR).bounds(self.settings))
        self.now = NOW.timestamp()
        self.rng = random.Random(seed)
        self.count: Counter[str] = Counter()  # rows written, by table
        self.statuses: Counter[str] = Counter()  # the complaints' statuses now
        self._offices(complaints)
        self._complaints(complaints)
        self._inspections()
        self._cases()
        self._rulings()

    # ---- drawing the year ----

    def _offices(self, complaints: int) -> None:
        provinces = bundled_provinces()
        wanted = max(len(provinces), complaints // COMPLAINTS_PER_OFFICE)
        total = sum(POPULATION.values())
        self.office_codes: list[str] = []
        self.office_provinces: list[str] = []
        self.office_capitals: list[str] = []
        for number, province in enumerate(provinces, start=1):
            for k in range(max(1, round(wanted * POPULATION[province.key] / total))):
                self.office_codes.append(f"{number:02d}{k + 1:04d}")
                self.office_provinces.append(province.key)
                self.office_capitals.append(province.capital_fa)
        keys = self.settings.association_keys
        self.office_associations = [
            nearest_association(p, keys, provinces) for p in self.office_provinces
        ]
        rng = self.rng
        self.office_chats = rng.choices((0, 1, 2), (8, 80, 12), k=len(self.office_codes))
        self.office_weights = list(accumulate(_median(rng, 1.0, 0.6) for _ in self.office_codes))

    def _complaints(self, n: int) -> None:
        rng, now = self.rng, self.now
        span = self.end - self.start
        self.filed = array("d", sorted(self.start + rng.random() * span for _ in range(n)))
        offices = range(len(self.office_codes))
        self.office_of = array("i", rng.choices(offices, cum_weights=self.office_weights, k=n))
        self.reviewed, self.referred, self.dismissed, self.decided = (
            array("d", [_NONE]) * n for _ in range(4)
        )
        # Of every 100 complaints: reviewed then dismissed, dismissed at once, reviewed then
        # referred, referred at once, never answered; the rest stay under review.
        paths = ("review_dismiss", "dismiss", "review_refer", "refer", "silence", "review")
        chosen = rng.choices(paths, (55, 17, 15, 5, 3, 5), k=n)
        for i in range(n):
            first = self.filed[i] + DAY * _median(rng, 2.5, 0.9)
            path = chosen[i]
            if path == "silence" or first > now:
                continue
            if path in ("dismiss", "refer"):
                (self.dismissed if path == "dismiss" else self.referred)[i] = first
                continue
            self.reviewed[i] = first
            if path == "review":
                continue
            second = first + DAY * _median(rng, 8.0 if path == "review_dismiss" else 12.0, 0.8)
            if second <= now:
                (self.dismissed if path == "review_dismiss" else self.referred)[i] = second

    def _inspections(self) -> None:
        # (at, office, kind, announced); ids by the visit's moment.
        rng, start, half = self.rng, self.start, (self.end - self.start) / 2
        visits: list[tuple[float, int, str, bool]] = []
        for office in range(len(self.office_codes)):
            for part in (0, 1):
                day = start + part * half + int(rng.random() * half / DAY) * DAY
                visits.append(
                    (day + 5.5 * HOUR + rng.random() * 5 * HOUR, office, "periodic", True)
                )
            if rng.random() < 0.15:
                day = start + int(rng.random() * 2 * half / DAY) * DAY
                at = day + 5.5 * HOUR + rng.random() * 5 * HOUR
                visits.append((at, office, "ad_hoc", rng.random() >= 0.6))
        visits.sort()
        self.visits = visits

    def _cases(self) -> None:
        rng, now = self.rng, self.now
        cases: list[_Case] = []
        by_office: dict[int, list[tuple[float, int]]] = {}
        for i, moment in enumerate(self.referred):
            if moment != _NONE:
                by_office.setdefault(self.office_of[i], []).append((moment, i))
        for office, referrals in by_office.items():
            referrals.sort()
            case: _Case | None = None
            for moment, i in referrals:
                if case is None or moment >= case.ruled:
                    case = _Case(moment, office, "complaints", None)
                    case.ruled = moment + DAY * _median(rng, 40.0, 0.5)
                    cases.append(case)
                case.complaints.append(i)
                if case.ruled <= now:
                    self.decided[i] = case.ruled
        self.checklists: dict[int, tuple[float, dict[str, Any], list[str]]] = {}
        for number, (at, office, _kind, _announced) in enumerate(self.visits, start=1):
            recorded = at + DAY * _median(rng, 1.0, 0.7)
            if rng.random() < 0.03 or recorded > now:
                continue
            sheet: dict[str, Any] = {
                item.id: {
                    "result": rng.choices((MET, NOT_MET, NOT_CHECKED), (85, 10, 5))[0],
                    "note": None,
                    "photos": [],
                }
                for item in CHECKLIST
            }
            findings = [
                item.violation
                for item in CHECKLIST
                if item.violation is not None and sheet[item.id]["result"] == NOT_MET
            ]
            self.checklists[number] = (recorded, sheet, findings)
            if findings:
                case = _Case(recorded, office, "inspection", number)
                case.ruled = recorded + DAY * _median(rng, 40.0, 0.5)
                cases.append(case)
        cases.sort(key=lambda c: c.opened)
        self.cases = cases

    # ---- the rows ----

    def tables(self) -> Iterator[Rows]:
        """Every table's rows, in batches of at most `BATCH`, parents before children."""
        notices: list[_Notice] = []
        yield from self._office_rows()
        yield from self._complaint_rows(notices)
        yield from self._inspection_rows(notices)
        yield from self._discipline_rows(notices)
        yield from self._notice_rows(notices)

    def _batched(
        self, table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]
    ) -> Iterator[Rows]:
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                self.count[table] += len(batch)
                yield Rows(table, tuple(columns), batch)
                batch = []
        if batch:
            self.count[table] += len(batch)
            yield Rows(table, tuple(columns), batch)

    def _office_rows(self) -> Iterator[Rows]:
        updated = _moment(self.start - 30 * DAY)
        started = _moment(self.start - 400 * DAY)

        def offices() -> Iterator[tuple[Any, ...]]:
            for k, code in enumerate(self.office_codes):
                name = f"دفتر خدمات الکترونیک قضایی {self.office_capitals[k]} {k + 1}"
                yield (
                    code, name, name, self.office_provinces[k], self.office_capitals[k],
                    f"{self.office_capitals[k]}، خیابان اصلی، پلاک {k + 1}", "02100000000",
                    f"مدیر دفتر {k + 1}", f"0912{k:07d}", "active", None, None, updated,
                )  # fmt: skip

        def managers() -> Iterator[tuple[Any, ...]]:
            for k, code in enumerate(self.office_codes):
                yield (k + 1, code, f"مدیر دفتر {k + 1}", f"0912{k:07d}", f"{k + 1:010d}", started)

        yield from self._batched(
            "offices",
            ("code", "name", "name_key", "province", "city", "address", "phone", "manager_name",
             "manager_mobile", "status", "suspended_until", "status_decided_by", "updated_at"),
            offices(),
        )  # fmt: skip
        yield from self._batched(
            "managers",
            ("id", "office_code", "name", "mobile", "national_id", "started_at"),
            managers(),
        )

    def _complaint_rows(self, notices: list[_Notice]) -> Iterator[Rows]:
        rng = random.Random(self.rng.random())
        clauses, weights = list(CLAUSES), list(CLAUSES.values())
        description = "شرح شکایت: " + "در دفتر خدمات الکترونیک قضایی " * 6
        events: list[tuple[Any, ...]] = []
        event_id = 0
        columns = (
            "id", "tracking_code", "platform", "platform_user_id", "chat_id", "office_code",
            "association_province", "violations", "unclassified", "incident_date", "description",
            "overcharge", "complainant_name", "complainant_mobile", "complainant_national_id",
            "identity_consent", "status", "locale", "created_at", "keep_until", "closed_as",
        )  # fmt: skip
        event_columns = ("id", "complaint_id", "kind", "status", "note", "at")

        n = len(self.filed)
        first_clause = rng.choices(clauses, weights, k=n)
        second_clause = rng.choices(clauses, weights, k=n)
        now = self.now

        def complaints() -> Iterator[tuple[Any, ...]]:
            nonlocal event_id
            for i, filed in enumerate(self.filed):
                ident, office = i + 1, self.office_of[i]
                moves = [
                    (status, moment)
                    for status, moment in (
                        ("under_review", self.reviewed[i]),
                        ("referred_to_board", self.referred[i]),
                        ("dismissed", self.dismissed[i]),
                        ("decided", self.decided[i]),
                    )
                    if moment != _NONE
                ]
                moves.sort(key=lambda move: move[1])
                status = moves[-1][0] if moves else "received"
                self.statuses[status] += 1
                if moves and moves[0][0] != "dismissed":  # accepted: the office is told
                    notices.append(_Notice(moves[0][1], office, "complaint", ident))
                for kind, moment in moves:
                    event_id += 1
                    events.append((event_id, ident, "status", kind, None, _moment(moment)))
                if rng.random() < 0.10:
                    event_id += 1
                    noted = _moment(min(now, filed + DAY * rng.random() * 20))
                    events.append((event_id, ident, "note", None, "تماس تلفنی با شاکی", noted))
                if rng.random() < 0.02:
                    event_id += 1
                    withdrawn = _moment(min(now, filed + DAY * rng.random() * 30))
                    events.append((event_id, ident, "withdrawn", None, None, withdrawn))
                share = rng.random()
                named = [] if share < 0.10 else [first_clause[i]]
                if share > 0.8 and second_clause[i] != named[0]:
                    named = sorted((named[0], second_clause[i]), key=clauses.index)
                user = 100_000_000 + i
                yield (
                    ident, str(1_000_000_000 + ident * 7_368_787 % 9_000_000_000),
                    "telegram" if i % 10 < 7 else "bale", user, user, self.office_codes[office],
                    self.office_associations[office], named, not named,
                    _jalali_day(int(filed / DAY - rng.random() * 20)),
                    description, {"charged": 2_500_000, "fee": 1_200_000} if "25.12" in named
                    else None, "شاکی", f"0935{i % 10_000_000:07d}", None, i % 3 == 0, status,
                    "fa" if i % 20 else "en", _moment(filed), _moment(filed + 1825 * DAY),
                    "unfounded" if status == "dismissed" else None,
                )  # fmt: skip

        for rows in self._batched("complaints", columns, complaints()):
            yield rows
            if len(events) >= BATCH:
                yield from self._batched("complaint_events", event_columns, iter(events))
                events.clear()
        yield from self._batched("complaint_events", event_columns, iter(events))

    def _inspection_rows(self, notices: list[_Notice]) -> Iterator[Rows]:
        conclusion = "گزارش مستدل بازرس از بازدید دفتر"

        def inspections() -> Iterator[tuple[Any, ...]]:
            for number, (at, office, kind, announced) in enumerate(self.visits, start=1):
                created = at - 7 * DAY if announced else at
                if announced:
                    notices.append(_Notice(created, office, "inspection", number))
                done = self.checklists.get(number)
                if done is None:  # scheduled, never recorded
                    yield (
                        number, self.office_codes[office], office + 1, kind, _moment(at),
                        "بازرس", _moment(created), None, None, announced, None, None, None, None,
                    )  # fmt: skip
                    continue
                recorded, sheet, findings = done
                yield (
                    number, self.office_codes[office], office + 1, kind, _moment(at), "بازرس",
                    _moment(created), findings, _moment(recorded), announced, _moment(at), sheet,
                    conclusion, _moment(recorded),
                )  # fmt: skip

        yield from self._batched(
            "inspections",
            ("id", "office_code", "manager_id", "kind", "at", "inspector", "created_at",
             "findings", "recorded_at", "announced", "visited_at", "checklist", "conclusion",
             "report_sent_at"),
            inspections(),
        )  # fmt: skip

    def _rulings(self) -> None:
        rng, now = self.rng, self.now
        clauses, weights = list(CLAUSES), list(CLAUSES.values())
        ruled = sorted((c.ruled, n) for n, c in enumerate(self.cases, start=1) if c.ruled <= now)
        self.decisions: list[_Decision] = []
        self.appeals: list[_Appeal] = []
        for number, (moment, case_id) in enumerate(ruled, start=1):
            case = self.cases[case_id - 1]
            degree = rng.choices(DEGREES, DEGREE_WEIGHTS)[0]
            served = moment + HOUR * _median(rng, 6.0, 1.0)
            found = self.checklists[case.inspection][2] if case.inspection else []
            violations = found or sorted(set(rng.choices(clauses, weights, k=2)))
            decision = _Decision(
                case_id, case.office, moment, degree, rng.randint(1, 6) if degree == 5 else None,
                served, moment if degree <= 4 else None, "final" if degree <= 4 else "pending",
                violations,
            )  # fmt: skip
            self.decisions.append(decision)
            if degree <= 4:
                continue
            if rng.random() >= 0.45:
                closes = served + APPEAL_WINDOW_DAYS * DAY
                if closes <= now:
                    decision.status, decision.final = "final", closes
                continue
            filed = served + DAY * (1 + rng.random() * (APPEAL_WINDOW_DAYS - 2))
            if filed > now:
                continue
            appeal = _Appeal(number, "manager" if rng.random() < 0.9 else "center_head", filed,
                             None, None, None)  # fmt: skip
            self.appeals.append(appeal)
            decision.status = "appealed"
            ruled_at = filed + DAY * _median(rng, 30.0, 0.5)
            if ruled_at > now:
                continue
            appeal.ruling = rng.choices(("uphold", "replace", "overturn"), (60, 25, 15))[0]
            appeal.ruled = ruled_at
            if appeal.ruling == "replace":
                appeal.new_sanction = rng.randint(1, degree - 1)
            decision.status = {"uphold": "final", "replace": "replaced"}.get(
                appeal.ruling, "overturned"
            )
            decision.final = None if appeal.ruling == "overturn" else ruled_at
        self.appeals.sort(key=lambda a: a.filed)

    def _discipline_rows(self, notices: list[_Notice]) -> Iterator[Rows]:
        decided = {d.case for d in self.decisions}

        def cases() -> Iterator[tuple[Any, ...]]:
            for number, case in enumerate(self.cases, start=1):
                yield (
                    number, self.office_codes[case.office], case.source, case.inspection,
                    [i + 1 for i in case.complaints], _moment(case.opened),
                    "decided" if number in decided else "open",
                )  # fmt: skip

        def decisions() -> Iterator[tuple[Any, ...]]:
            for number, d in enumerate(self.decisions, start=1):
                notices.append(_Notice(d.decided, d.office, "decision", number))
                committed = self.cases[d.case - 1].opened - 10 * DAY
                yield (
                    number, d.case, d.office + 1, d.violations,
                    _jalali_day(int(committed / DAY)), d.degree, d.months, False,
                    _moment(d.decided), _moment(d.served), "chat",
                    None if d.final is None else _moment(d.final), d.status, "manager",
                )  # fmt: skip

        def appeals() -> Iterator[tuple[Any, ...]]:
            for number, a in enumerate(self.appeals, start=1):
                if a.ruled is not None:
                    office = self.decisions[a.decision - 1].office
                    notices.append(_Notice(a.ruled, office, "appeal_ruling", number))
                yield (
                    number, a.decision, a.by, "اعتراض به رأی هیئت بدوی", _moment(a.filed),
                    a.ruling, None if a.ruled is None else _moment(a.ruled), a.new_sanction,
                    None,
                )  # fmt: skip

        yield from self._batched(
            "cases",
            ("id", "office_code", "source", "inspection_id", "complaint_ids", "opened_at",
             "status"),
            cases(),
        )  # fmt: skip
        yield from self._batched(
            "decisions",
            ("id", "case_id", "manager_id", "violations", "committed_on", "sanction", "months",
             "crime_referral", "decided_at", "served_at", "served_how", "final_at", "status",
             "offender"),
            decisions(),
        )  # fmt: skip
        yield from self._batched(
            "appeals",
            ("id", "decision_id", "by", "grounds", "filed_at", "ruling", "ruled_at",
             "new_sanction", "new_months"),
            appeals(),
        )  # fmt: skip

    def _notice_rows(self, notices: list[_Notice]) -> Iterator[Rows]:
        rng, now = random.Random(self.rng.random()), self.now
        notices.sort(key=lambda n: n.created)
        deliveries: list[tuple[Any, ...]] = []
        outcomes, weights = ("sent", "undeliverable", "failed", "pending"), (93, 4, 1, 2)
        payload = {"text": "ابلاغ به مدیر دفتر خدمات الکترونیک قضایی"}

        def rows() -> Iterator[tuple[Any, ...]]:
            for number, notice in enumerate(notices, start=1):
                chats = self.office_chats[notice.office]
                created = _moment(notice.created)
                sent = rng.choices(outcomes, weights, k=chats)
                for k, status in enumerate(sent):
                    chat = 7_000_000_000 + 2 * notice.office + k
                    at = _moment(notice.created + 2.0) if status == "sent" else None
                    row = (len(deliveries) + self.count["outbox"] + 1, "telegram", chat, "notice",
                           payload, status, 1, created, at, number)  # fmt: skip
                    deliveries.append(row)
                acknowledged, via = None, None
                if "sent" in sent and rng.random() < 0.75:
                    moment = notice.created + HOUR * _median(rng, 5.0, 1.0)
                    if moment <= now:
                        acknowledged = _moment(moment)
                        via = f"telegram:{7_000_000_000 + 2 * notice.office + sent.index('sent')}"
                yield (
                    number, notice.office + 1, self.office_codes[notice.office], notice.kind,
                    notice.subject, {"office": self.office_codes[notice.office]}, created,
                    acknowledged, via,
                )  # fmt: skip

        outbox = ("id", "platform", "chat_id", "kind", "payload", "status", "attempts",
                  "created_at", "sent_at", "notice_id")  # fmt: skip
        for batch in self._batched(
            "notices",
            ("id", "manager_id", "office_code", "kind", "subject_id", "content", "created_at",
             "acknowledged_at", "acknowledged_via"),
            rows(),
        ):  # fmt: skip
            yield batch
            yield from self._batched("outbox", outbox, iter(deliveries))
            deliveries.clear()
