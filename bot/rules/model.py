"""The shapes of the law as data: posts, conditions, editions, and the sheet an evaluation gives.

A `Condition` is one clause of the directive applied to some posts: its citation (article and
clause), the Persian text as printed, what kind of condition it is, a plain-language question,
why it is asked, the facts it needs, the evidence that proves it, and its test. An `Edition` is a
whole rule set — one published regulation with its number and dates — so that a later regulation
is added beside it as data, not written over it. A `Sheet` is what `evaluate` returns: one
`ConditionResult` per condition of the post, the verdict, the priorities (for an eligible
applicant only), the clauses waiting for the Directorate's decision, and the date from which
the applicant will be eligible when only time stands in the way.

Every user-facing string here is an English message id (see `bot.rules.markers.N_`); the Persian
clause text is the law and is never translated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

import jdatetime

from bot.rules.facts import Facts
from bot.rules.markers import N_


class Role(StrEnum):
    """A post in an office (the glossary's names)."""

    MANAGER = "manager"
    LEGAL_EXPERT = "legal_expert"
    IT_EXPERT = "it_expert"
    CLERK = "clerk"


ROLE_LABELS: Final[Mapping[Role, str]] = {
    Role.MANAGER: N_("Office manager"),
    Role.LEGAL_EXPERT: N_("Legal expert"),
    Role.IT_EXPERT: N_("IT expert"),
    Role.CLERK: N_("Clerk"),
}


class Status(StrEnum):
    """The outcome of one condition for one applicant."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"  # a fact it needs is missing or was declined
    NOT_APPLICABLE = "not_applicable"  # e.g. 4.6 for women
    NEEDS_OFFICIAL_DECISION = "needs_official_decision"  # only the Directorate can decide


STATUS_LABELS: Final[Mapping[Status, str]] = {
    Status.MET: N_("met"),
    Status.NOT_MET: N_("not met"),
    Status.UNKNOWN: N_("unknown"),
    Status.NOT_APPLICABLE: N_("does not apply"),
    Status.NEEDS_OFFICIAL_DECISION: N_("needs the Directorate's decision"),
}


class Kind(StrEnum):
    """How a condition is settled."""

    DECIDED = "decided"  # decided from the answers
    DECLARATION = "declaration"  # the applicant's declaration, which the Directorate verifies
    OFFICIAL_DECISION = "official_decision"  # the Directorate must decide


KIND_LABELS: Final[Mapping[Kind, str]] = {
    Kind.DECIDED: N_("decided from your answers"),
    Kind.DECLARATION: N_("your declaration, which the Directorate verifies"),
    Kind.OFFICIAL_DECISION: N_("needs the Directorate's decision"),
}


class Verdict(StrEnum):
    """The verdict on a post: never a guess."""

    ELIGIBLE = "eligible"  # nothing the applicant told us rules them out
    NOT_ELIGIBLE = "not_eligible"  # some condition is not met
    UNDETERMINED = "undetermined"  # nothing is unmet, but some condition is unknown


VERDICT_LABELS: Final[Mapping[Verdict, str]] = {
    Verdict.ELIGIBLE: N_("Eligible: nothing you told us rules you out"),
    Verdict.NOT_ELIGIBLE: N_("Not eligible"),
    Verdict.UNDETERMINED: N_("Undetermined: some answers are missing"),
}

#: The verdict `eligible` while clauses wait for the Directorate's decision (a degree in a field
#: the applicant considers related, computer skills "approved by the Directorate"): eligible
#: only subject to that decision. The verdict's value stays `eligible`; `Sheet.waiting_on`
#: names the clauses.
ELIGIBLE_SUBJECT_TO: Final = N_(
    "Eligible, subject to the Directorate's decision on {clauses}: nothing else you told us rules "
    "you out"
)
ELIGIBLE_SUBJECT_TO_SHORT: Final = N_("Eligible, subject to the Directorate's decision")

VERDICT_EXPLANATIONS: Final[Mapping[Verdict, str]] = {
    Verdict.ELIGIBLE: N_(
        "Nothing you told us rules you out. This is not an approval: the Directorate will verify "
        "your declarations and take the decisions listed."
    ),
    Verdict.NOT_ELIGIBLE: N_("At least one condition is not met; each is listed with its clause."),
    Verdict.UNDETERMINED: N_(
        "No condition is unmet, but some cannot be decided without the answers you did not give."
    ),
}

#: A condition met on the applicant's own word (Art. 4's declarations): never "verified".
DECLARED: Final = N_("as you declared")
#: Article 8 bars people from a licence and from work in an office: a bar applies, or not.
BARRED: Final = N_("barred by Art. {article} clause {clause}")
NOT_BARRED: Final = N_("not barred, as you declared")

#: How a citation is shown: "Article 5, clause 2" and "Note to Article 5".
CITATION: Final = N_("Article {article}, clause {clause}")
NOTE_CITATION: Final = N_("Note to Article {article}")

#: The parameters of a reason: numbers, strings, and Jalali dates (shown in the reader's locale).
Params = Mapping[str, object]


@dataclass(frozen=True)
class Finding:
    """What a condition's test found: a status, its reason (a message id) and the reason's params.

    `missing` names the facts whose answers would settle an unknown condition; `met_on` is the day
    on which an unmet condition will be met by the passage of time alone (age).
    """

    status: Status
    reason: str
    params: Params = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    met_on: jdatetime.date | None = None


#: A condition's test: the facts and the reference date in, a finding out. Pure.
Test = Callable[[Facts, jdatetime.date], Finding]


@dataclass(frozen=True)
class PrintedClause:
    """One clause as printed: the id we cite, the number it is printed under, and its words."""

    id: str
    printed: str
    text: str


@dataclass(frozen=True)
class Condition:
    """One clause of the directive as a condition of some posts."""

    id: str  # "ARTICLE.CLAUSE", e.g. "5.2"
    article: int
    clause: int
    text: str  # the clause in Persian, as printed
    kind: Kind
    question: str  # the condition as a plain-language question (message id)
    why: str  # why it is asked (message id)
    facts: tuple[str, ...]  # the facts its test reads
    evidence: tuple[str, ...]  # what proves it (message ids)
    test: Test = field(repr=False, compare=False)
    notes: tuple[str, ...] = ()  # readings of the printed text (message ids)
    printed: str = ""  # the clause number as printed, when it differs from `clause`
    bars: bool = False  # a bar (Art. 8): "not met" means the applicant is barred by it

    def check(self, facts: Facts, reference_date: jdatetime.date) -> Finding:
        """Apply this condition's test."""
        return self.test(facts, reference_date)


@dataclass(frozen=True)
class Priority:
    """A clause giving priority among eligible applicants, never a condition (note to Art. 5).

    It applies "in addition to" the conditions (علاوه بر شرایط عمومی و اختصاصی فوق): a sheet
    carries it only when the verdict is `eligible`.
    """

    id: str  # e.g. "5.note"
    article: int
    text: str  # the note in Persian, as printed
    question: str
    why: str
    facts: tuple[str, ...]
    evidence: tuple[str, ...]
    reason: str  # shown when it applies (message id)
    applies: Callable[[Facts], bool | None] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Question:
    """One fact to ask, the clauses it serves, and when it is worth asking."""

    fact: str
    serves: tuple[str, ...]  # ids of the conditions and priorities that read it
    asked_when: Callable[[Facts], bool] = field(repr=False, compare=False)
    asked_when_text: str = "always"  # for operators and docs (English, not a message id)

    def applies(self, facts: Facts) -> bool:
        """Whether, given the answers so far, this question can still change a result."""
        return self.asked_when(facts)


def always(facts: Facts) -> bool:
    """A question asked whatever the other answers."""
    return True


@dataclass(frozen=True)
class Edition:
    """One published rule set, its conditions for each post, and the order of its questions."""

    id: str  # a short name stored with every check, e.g. "1392"
    number: str  # the regulation's number, e.g. "100/9970/9000"
    issued: jdatetime.date  # the date it bears
    approved: jdatetime.date
    effective: jdatetime.date  # from when checks use it
    title: str  # the Persian title, as printed
    posts: Mapping[Role, tuple[int, ...]]  # the articles that set the conditions of each post
    article_openings: Mapping[int, str]  # each article's opening words, as printed
    clauses: tuple[PrintedClause, ...]  # every clause of those articles, as printed
    conditions: tuple[Condition, ...]
    priorities: tuple[Priority, ...]
    questions: tuple[Question, ...]  # every fact, in the order a questioner asks them
    notes: tuple[str, ...] = ()  # readings that concern the whole edition (message ids)

    def conditions_for(self, role: Role) -> tuple[Condition, ...]:
        """The conditions of *role*, in the directive's order."""
        articles = self.posts[role]
        return tuple(c for c in self.conditions if c.article in articles)

    def priorities_for(self, role: Role) -> tuple[Priority, ...]:
        """The priorities that can apply to *role*."""
        articles = self.posts[role]
        return tuple(p for p in self.priorities if p.article in articles)

    def questions_for(self, role: Role) -> tuple[Question, ...]:
        """The questions a *role* applicant is asked, in order (check `Question.applies`)."""
        ids = {c.id for c in self.conditions_for(role)} | {p.id for p in self.priorities_for(role)}
        return tuple(q for q in self.questions if ids.intersection(q.serves))

    def facts_for(self, role: Role) -> tuple[str, ...]:
        """The names of the facts *role* needs, in question order."""
        return tuple(q.fact for q in self.questions_for(role))

    def condition(self, condition_id: str) -> Condition:
        """The condition cited as *condition_id* (e.g. "4.6")."""
        for condition in self.conditions:
            if condition.id == condition_id:
                return condition
        raise KeyError(condition_id)


@dataclass(frozen=True)
class ConditionResult:
    """One condition of a post, applied to one applicant."""

    condition: Condition
    finding: Finding

    @property
    def id(self) -> str:
        """The citation, e.g. "5.2"."""
        return self.condition.id

    @property
    def status(self) -> Status:
        """The outcome."""
        return self.finding.status

    @property
    def reason(self) -> str:
        """Why (a message id; fill it with `params`)."""
        return self.finding.reason

    @property
    def params(self) -> Params:
        """The reason's parameters."""
        return self.finding.params

    @property
    def kind(self) -> Kind:
        """How the condition is settled."""
        return self.condition.kind

    @property
    def text(self) -> str:
        """The clause in Persian, as printed."""
        return self.condition.text

    @property
    def evidence(self) -> tuple[str, ...]:
        """What proves the condition (message ids)."""
        return self.condition.evidence

    @property
    def missing(self) -> tuple[str, ...]:
        """The facts whose answers would settle an unknown condition."""
        return self.finding.missing

    @property
    def label(self) -> tuple[str, Params]:
        """The status as the sheet says it (a message id and its params).

        A declaration met is "as you declared", never "met" (which a reader takes for verified);
        a bar of Article 8 that applies is "barred by Art. 8 clause x", not a condition "not met".
        """
        condition, status = self.condition, self.status
        if condition.bars and status is Status.NOT_MET:
            return BARRED, {"article": condition.article, "clause": condition.clause}
        if condition.bars and status is Status.MET:
            return NOT_BARRED, {}
        if condition.kind is Kind.DECLARATION and status is Status.MET:
            return DECLARED, {}
        return STATUS_LABELS[status], {}


@dataclass(frozen=True)
class PriorityResult:
    """A priority the applicant has (the note to Article 5)."""

    priority: Priority

    @property
    def id(self) -> str:
        """The citation, e.g. "5.note"."""
        return self.priority.id

    @property
    def reason(self) -> str:
        """Why it applies (a message id)."""
        return self.priority.reason


@dataclass(frozen=True)
class Sheet:
    """The evaluation of one applicant for one post under one edition, on one reference date."""

    edition: Edition
    role: Role
    reference_date: jdatetime.date
    results: tuple[ConditionResult, ...]
    verdict: Verdict
    priority: tuple[PriorityResult, ...]
    eligible_from: jdatetime.date | None

    def with_status(self, status: Status) -> tuple[str, ...]:
        """The ids of the conditions with *status*."""
        return tuple(r.id for r in self.results if r.status is status)

    @property
    def unmet(self) -> tuple[str, ...]:
        """The ids of the conditions not met."""
        return self.with_status(Status.NOT_MET)

    @property
    def unknown(self) -> tuple[str, ...]:
        """The ids of the conditions that cannot be decided without more answers."""
        return self.with_status(Status.UNKNOWN)

    @property
    def decisions(self) -> tuple[str, ...]:
        """The ids of the conditions the Directorate must decide."""
        return self.with_status(Status.NEEDS_OFFICIAL_DECISION)

    @property
    def waiting_on(self) -> tuple[str, ...]:
        """The clauses that wait for the Directorate's decision (whatever the verdict)."""
        return self.decisions

    @property
    def subject_to_decision(self) -> bool:
        """Whether the verdict is `eligible` only subject to the Directorate's decisions."""
        return self.verdict is Verdict.ELIGIBLE and bool(self.waiting_on)

    @property
    def declarations(self) -> tuple[str, ...]:
        """The ids of the conditions met on the applicant's word, which the Directorate verifies."""
        return tuple(
            r.id for r in self.results if r.kind is Kind.DECLARATION and r.status is Status.MET
        )

    def result(self, condition_id: str) -> ConditionResult:
        """The result of the condition cited as *condition_id*."""
        for result in self.results:
            if result.id == condition_id:
                return result
        raise KeyError(condition_id)
