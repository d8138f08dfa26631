"""Who may do what: the staff's roles and their scopes, the `StaffAction` table, and subjects.

`bot.domain.staff.authorise` reads these tables on every action; nothing here touches a chat.

**Roles** (`ROLES`, keyed by `storage.statuses.Role`). A role is held for one Association or for
the whole country:

- `desk` (an Association): the Association's review and pursuit of complaints (Art. 15(e));
- `inspector` (an Association): the Association's inspections (Arts. 15(b), 21);
- `board` (an Association): a member of its Primary Disciplinary Board, its judge members and
  the chair's representative (Art. 22); one judge is the Board's chair (note 1, `chair`);
- `appeals_board` (national): a member of the Appeals Board, the Advisory Council's members
  (Arts. 10, 24);
- `directorate` (national): the Directorate supervises all offices and Associations (Art. 9(d)):
  it reads and reports;
- `center_head` (national): the Center's head (or a delegate), who may appeal a sanction of
  degree 5 or 6 (Art. 24).

An Association is named by the key of the province it sits in (Art. 12), the key
`Complaint.association_province` holds; `bot.config.Settings.association_keys` (a setting) lists
the provinces that have one. That the desk is a role of its own, and that the Center's head may
act through a delegate, are how this service is organised, not rules of the directive.

**The scope rule** (one for every action): a role held for an Association reaches only the
subjects of that Association; a national role reaches every subject; a subject that belongs to
no Association (the member's own roles) is reached by any role the action allows.

**Actions** (`ACTIONS`, by name). A `StaffAction` row names the roles that may take it, the kind
of subject it acts on, the article that gives it (`cites`), and, where the law or the subject's
state limits it: the subject's `states` it applies to, a `condition` with its own citation, the
chair alone (`chair_only`), a button that acts once (`once`: a replayed press is refused).
`roles=None` is any active member (their own menu, their own chat). **A new staff action is a new
row here** (and its chat handler calls `authorise` with the row's name); a new kind of subject is
a new loader in `SUBJECTS`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.data import bundled_provinces
from bot.rules.routing import nearest_association
from bot.rules.violations import appealable
from bot.text.markers import N_
from storage import appeals, cases, complaints, decisions, inspections, offices
from storage.statuses import CaseStatus, ComplaintStatus, DecisionStatus, Role

# ---- roles ----


class Scope(StrEnum):
    """Where a role is held: for one Association, or for the whole country."""

    ASSOCIATION = "association"
    NATIONAL = "national"


@dataclass(frozen=True)
class RoleRule:
    """A role's scope, the article that sets up its body, and its name for people."""

    scope: Scope
    cites: str  # msgid: "Article 15(e)"
    label: str  # msgid
    chair: bool = False  # whether a holder may be marked its body's chair


ROLES: Final[Mapping[Role, RoleRule]] = {
    Role.DESK: RoleRule(Scope.ASSOCIATION, N_("Article 15(e)"), N_("Complaints desk")),
    Role.INSPECTOR: RoleRule(Scope.ASSOCIATION, N_("Articles 15(b) and 21"), N_("Inspector")),
    Role.BOARD: RoleRule(
        Scope.ASSOCIATION,
        N_("Article 22"),
        N_("Member of the Primary Disciplinary Board"),
        chair=True,
    ),
    # Art. 24 names no chair of the Appeals Board: the member marked chair presides over its
    # sittings (the service's practice, bot/domain/appeals_board.py).
    Role.APPEALS_BOARD: RoleRule(
        Scope.NATIONAL, N_("Article 24"), N_("Member of the Appeals Board"), chair=True
    ),
    Role.DIRECTORATE: RoleRule(Scope.NATIONAL, N_("Article 9(d)"), N_("The Directorate")),
    Role.CENTER_HEAD: RoleRule(
        Scope.NATIONAL, N_("Article 24"), N_("Head of the Center (or a delegate)")
    ),
}

#: The chair of the Primary Board (Art. 22 note 1), as people read it beside the role.
CHAIR_LABEL: Final = N_("chair of the Board (Article 22, note 1)")
#: The Appeals Board's presiding member: Art. 24 names none (the service's practice).
PRESIDING_LABEL: Final = N_(
    "presides over its sittings (the service's practice; Article 24 names no chair)"
)


# ---- subjects ----


@dataclass(frozen=True)
class SubjectRef:
    """What an action is asked to act on, as a button or a command names it: a kind and an id."""

    kind: str
    id: str

    def as_payload(self) -> dict[str, str]:
        """The server-side payload of a button that acts on this subject."""
        return {"kind": self.kind, "id": self.id}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> SubjectRef | None:
        """The subject a button's payload names, if it names one."""
        kind, ident = payload.get("kind"), payload.get("id")
        return cls(str(kind), str(ident)) if kind and ident is not None else None


@dataclass(frozen=True)
class Subject:
    """A subject as the store has it now: its Association (Art. 12), its state, its row."""

    kind: str
    id: str
    association: str | None  # None: it belongs to no Association
    state: str | None = None
    row: Any = None  # the loaded row, for the screen that shows it
    facts: Mapping[str, Any] = field(default_factory=dict)


SubjectLoader = Callable[[AsyncSession, Settings, str], Awaitable[Subject | None]]


def association_of_province(province: str, settings: Settings) -> str:
    """The Association that handles a province's offices (Art. 12)."""
    return nearest_association(province, settings.association_keys, bundled_provinces())


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


async def _association(session: AsyncSession, settings: Settings, key: str) -> Subject | None:
    known = key in settings.association_keys
    return Subject("association", key, key) if known else None


async def _complaint(session: AsyncSession, settings: Settings, ident: str) -> Subject | None:
    number = _number(ident)
    found = await complaints.by_id(session, number) if number is not None else None
    if found is None:
        return None
    return Subject("complaint", ident, found.association_province, found.status, found)


async def _office(session: AsyncSession, settings: Settings, code: str) -> Subject | None:
    found = await offices.office(session, code)
    if found is None:
        return None
    where = association_of_province(found.province, settings)
    return Subject("office", code, where, found.status, found)


async def _case(session: AsyncSession, settings: Settings, ident: str) -> Subject | None:
    number = _number(ident)
    found = await cases.by_id(session, number) if number is not None else None
    office = await offices.office(session, found.office_code) if found is not None else None
    if found is None or office is None:
        return None
    where = association_of_province(office.province, settings)
    return Subject("case", ident, where, found.status, found)


async def _decision(session: AsyncSession, settings: Settings, ident: str) -> Subject | None:
    number = _number(ident)
    found = await decisions.by_id(session, number) if number is not None else None
    case = await _case(session, settings, str(found.case_id)) if found is not None else None
    if found is None or case is None:
        return None
    # Who appealed it already (Art. 24: the sanctioned person or the Center's head, each once).
    appellants = tuple(appeal.by for appeal in await appeals.appeals_of(session, found.id))
    facts = {"sanction": found.sanction, "appellants": appellants}
    return Subject("decision", ident, case.association, found.status, found, facts)


#: An inspection's states, as its loader says them: scheduled (not recorded yet), recorded.
SCHEDULED: Final = "scheduled"
RECORDED: Final = "recorded"


async def _inspection(session: AsyncSession, settings: Settings, ident: str) -> Subject | None:
    number = _number(ident)
    found = await inspections.by_id(session, number) if number is not None else None
    office = await offices.office(session, found.office_code) if found is not None else None
    if found is None or office is None:
        return None
    where = association_of_province(office.province, settings)
    state = RECORDED if found.recorded_at is not None else SCHEDULED
    return Subject("inspection", ident, where, state, found, {"office": office})


#: How each kind of subject is read from the store (None: there is no such subject).
SUBJECTS: Final[Mapping[str, SubjectLoader]] = {
    "association": _association,
    "complaint": _complaint,
    "office": _office,
    "case": _case,
    "decision": _decision,
    "inspection": _inspection,
}

#: The subject kind of an action on the member's own things (their menu, roles, chat).
SELF: Final = "self"


# ---- actions ----


@dataclass(frozen=True)
class StaffAction:
    """One thing staff may do: who, on what, by which article, and when the subject allows it."""

    name: str
    roles: frozenset[Role] | None  # None: any active member
    subject: str  # a kind of SUBJECTS, or SELF
    cites: str | None  # msgid of the article; None: the service's own (no law)
    summary: str  # msgid: what it does, for a refusal to name
    states: frozenset[str] | None = None  # the subject's states it applies to (None: any)
    condition: Callable[[Subject], bool] | None = None
    condition_text: str | None = None  # msgid: the condition and its article, for a refusal
    chair_only: bool = False
    once: bool = False


_WAITING = frozenset({ComplaintStatus.RECEIVED, ComplaintStatus.UNDER_REVIEW})
#: A complaint the Association still pursues: neither decided nor dismissed.
_PURSUED = _WAITING | {ComplaintStatus.REFERRED_TO_BOARD}


def _desk_move(
    name: str, summary: str, *, cites: str = N_("Article 15(e)"), once: bool = False
) -> StaffAction:
    """A row for the desk's own step on a complaint still waiting for its review (Art. 15(e))."""
    return StaffAction(
        name, frozenset({Role.DESK}), "complaint", cites, summary, states=_WAITING, once=once
    )


def _open_to_the_center(subject: Subject) -> bool:
    """Art. 24: a 5 or 6 (1–4 are final), not yet appealed by the Center's head."""
    appellants = subject.facts.get("appellants", ())
    return appealable(int(subject.facts["sanction"])) and "center_head" not in appellants


def _center_head_appeal(name: str, *, once: bool = False) -> StaffAction:
    """A row for the Center's head's appeal of a pending (or already appealed) 5 or 6."""
    return StaffAction(
        name,
        frozenset({Role.CENTER_HEAD}),
        "decision",
        N_("Article 24"),
        N_("appealing a decision to the Appeals Board"),
        # Pending, or appealed by the manager and not yet ruled on (Art. 24: either appellant).
        states=frozenset({DecisionStatus.PENDING, DecisionStatus.APPEALED}),
        condition=_open_to_the_center,
        condition_text=N_(
            "Only sanctions of degree 5 or 6 may be appealed, 1 to 4 are final; and the Head of "
            "the Center appeals a decision once (Article 24)."
        ),
        once=once,
    )


def _appeals_board(
    name: str,
    summary: str,
    *,
    states: frozenset[str] | None = frozenset({DecisionStatus.APPEALED}),
    chair_only: bool = False,
    once: bool = False,
) -> StaffAction:
    """A row for an Appeals Board member's step on an appealed decision (Art. 24; the presiding
    member's where the service's practice gives it to the one who presides)."""
    return StaffAction(
        name,
        frozenset({Role.APPEALS_BOARD}),
        "decision",
        N_("Article 24"),
        summary,
        states=states,
        chair_only=chair_only,
        once=once,
    )


def _inspector(
    name: str,
    subject: str,
    summary: str,
    *,
    states: frozenset[str] | None = None,
    once: bool = False,
) -> StaffAction:
    """A row for an inspector's step (Arts. 15(b) and 21), held for an Association."""
    return StaffAction(
        name,
        frozenset({Role.INSPECTOR}),
        subject,
        N_("Articles 15(b) and 21"),
        summary,
        states=states,
        once=once,
    )


def _board(
    name: str,
    summary: str,
    *,
    cites: str = N_("Article 22"),
    states: frozenset[str] | None = frozenset({CaseStatus.OPEN}),
    chair_only: bool = False,
    once: bool = False,
) -> StaffAction:
    """A row for a Primary Board member's step on a case (Art. 22; the chair's: note 2)."""
    return StaffAction(
        name,
        frozenset({Role.BOARD}),
        "case",
        cites,
        summary,
        states=states,
        chair_only=chair_only,
        once=once,
    )


#: The Association reports to the Directorate (Art. 15(b), (c), (e)), which supervises (9(d)).
REPORT_CITES: Final = N_("Articles 9(d), 15(b), 15(c) and 15(e)")


def _report(name: str, summary: str, *, once: bool = False) -> StaffAction:
    """A row for a step of the Directorate's request for a report."""
    return StaffAction(name, frozenset({Role.DIRECTORATE}), SELF, REPORT_CITES, summary, once=once)


#: The staff's actions, by name; the chat's buttons are named after them.
ACTIONS: Final[Mapping[str, StaffAction]] = {
    action.name: action
    for action in (
        StaffAction("staff.menu", None, SELF, None, N_("the staff menu")),
        StaffAction("staff.roles", None, SELF, None, N_("your roles")),
        StaffAction("staff.unlink_ask", None, SELF, None, N_("unlinking this chat")),
        StaffAction("staff.unlink", None, SELF, None, N_("unlinking this chat"), once=True),
        # Art. 15(e): the Association reviews the complaints it receives; Art. 9(d): the
        # Directorate supervises every Association, so it may read them too.
        StaffAction(
            "desk.waiting",
            frozenset({Role.DESK, Role.DIRECTORATE}),
            "association",
            N_("Article 15(e)"),
            N_("the complaints waiting for the Association's review"),
        ),
        StaffAction(
            "desk.complaint",
            frozenset({Role.DESK, Role.DIRECTORATE}),
            "complaint",
            N_("Article 15(e)"),
            N_("a complaint waiting for the Association's review"),
            states=_WAITING,
        ),
        # Art. 15(e): the Association pursues the complaint, so its desk may ask the complainant
        # (bot/domain/complaint_thread.py); "desk.ask_start" is the staff menu's way in.
        StaffAction(
            "desk.ask_start",
            frozenset({Role.DESK}),
            SELF,
            N_("Article 15(e)"),
            N_("asking a complainant a question"),
        ),
        StaffAction(
            "desk.ask",
            frozenset({Role.DESK}),
            "complaint",
            N_("Article 15(e)"),
            N_("asking a complainant a question"),
            states=_PURSUED,
        ),
        # The files of a complainant's answer, to the desk of the complaint's Association whose
        # member asked (Art. 15(e)); the button's question is checked against the complaint.
        StaffAction(
            "desk.answer_files",
            frozenset({Role.DESK}),
            "complaint",
            N_("Article 15(e)"),
            N_("the files of a complainant's answer"),
        ),
        # A complaint the Association no longer reviews, read with its record and rating
        # (Art. 15(e): the Association still reports it; Art. 9(d): the Directorate supervises).
        StaffAction(
            "desk.record",
            frozenset({Role.DESK, Role.DIRECTORATE}),
            "complaint",
            N_("Article 15(e)"),
            N_("a complaint the Association no longer reviews"),
            states=frozenset(ComplaintStatus) - _WAITING,
        ),
        # The desk's own lists of its Association's waiting complaints (how the service
        # organises Art. 15(e)'s review): the member's own, and those past the service's target.
        StaffAction(
            "desk.mine",
            frozenset({Role.DESK}),
            "association",
            N_("Article 15(e)"),
            N_("the complaints you took"),
        ),
        StaffAction(
            "desk.overdue",
            frozenset({Role.DESK, Role.DIRECTORATE}),
            "association",
            N_("Article 15(e)"),
            N_("the complaints waiting past the service's target"),
        ),
        StaffAction(
            "desk.search",
            frozenset({Role.DESK, Role.DIRECTORATE}),
            "association",
            N_("Article 15(e)"),
            N_("searching the Association's complaints"),
        ),
        # The complainant's files, to the desk that reviews them (Art. 15(e)).
        _desk_move("desk.evidence", N_("the files a complainant sent")),
        # The desk's moves of a waiting complaint, each once per button (bot/domain/desk.py).
        _desk_move("desk.take", N_("taking a complaint for review"), once=True),
        _desk_move("desk.assign_ask", N_("giving a complaint to a colleague")),
        _desk_move("desk.assign", N_("giving a complaint to a colleague"), once=True),
        _desk_move(
            "desk.refer",
            N_("referring a complaint to the Primary Disciplinary Board"),
            cites=N_("Articles 15(e) and 22"),
            once=True,
        ),
        _desk_move(
            "desk.inspect",
            N_("proposing an inspection of the office"),
            cites=N_("Articles 15(b) and 21"),
            once=True,
        ),
        _desk_move("desk.close_ask", N_("closing a complaint")),
        # The ground chosen, the desk types its reasons; the final confirm closes, once.
        _desk_move("desk.close_reasons", N_("closing a complaint")),
        _desk_move("desk.close", N_("closing a complaint"), once=True),
        _desk_move("desk.duplicate_ask", N_("marking a complaint a repeat of another")),
        _desk_move("desk.duplicate", N_("marking a complaint a repeat of another"), once=True),
        # Rows for the procedures the chat does not offer yet: their handlers call authorise()
        # with these names when they come.
        _desk_move(
            "desk.triage",
            N_("reviewing a complaint and deciding where it goes"),
            once=True,
        ),
        # Arts. 15(b) and 21: the Association inspects its offices and reports to the Council;
        # its inspectors act in chat (bot/flows/staff/inspect_*.py). The lists, the starts of
        # scheduling and of an unannounced visit act on the Association; what they create is
        # authorised again on the office when it is confirmed.
        _inspector("inspection.list", "association", N_("the Association's inspections")),
        _inspector("inspection.schedule_start", "association", N_("scheduling an inspection")),
        _inspector("inspection.schedule", "office", N_("scheduling an inspection")),
        _inspector("inspection.visit_start", "association", N_("recording an unannounced visit")),
        _inspector("inspection.visit", "office", N_("recording an unannounced visit")),
        _inspector("inspection.view", "inspection", N_("an inspection of an office")),
        _inspector(
            "inspection.checklist",
            "inspection",
            N_("the on-site checklist of an inspection"),
            states=frozenset({SCHEDULED}),
        ),
        # The confirm of the reasoned report: it records the findings and sends the report to
        # the Council's members, once.
        _inspector(
            "inspection.record",
            "inspection",
            N_("recording an inspection and sending its report to the Council"),
            states=frozenset({SCHEDULED}),
            once=True,
        ),
        # A report kept unsent (no Council member's chat was linked then), sent now, once.
        _inspector(
            "inspection.send",
            "inspection",
            N_("sending an inspection's report to the Council"),
            states=frozenset({RECORDED}),
            once=True,
        ),
        # The Primary Board (Art. 22): every member reads the case file and votes; the chair
        # (note 1, a judge member) opens the sitting with every member present, puts the
        # questions, tallies them and writes the majority's ruling (note 2).
        StaffAction(
            "board.cases",
            frozenset({Role.BOARD}),
            "association",
            N_("Article 22"),
            N_("the cases before the Primary Board"),
        ),
        _board("board.case", N_("the case before the Primary Board"), states=None),
        _board("board.files", N_("the files of a case's complaints"), states=None),
        _board("board.vote", N_("voting in the Board's sitting")),
        # The Board hears the case (Art. 22); inviting the manager's written statement is how it
        # does so fairly: the Board's practice, not a rule of the directive (every text says so).
        _board(
            "board.invite_statement",
            N_("inviting the manager's written statement"),
            chair_only=True,
            once=True,
        ),
        # Art. 25: the violations of managers and staff; the chair charges one before the sitting.
        _board(
            "board.charge",
            N_("charging the office's manager or a member of its staff"),
            cites=N_("Articles 22 and 25"),
            chair_only=True,
        ),
        _board("board.open_ask", N_("opening the Board's sitting"), chair_only=True),
        _board("board.open", N_("opening the Board's sitting"), chair_only=True, once=True),
        _board("board.absent", N_("opening the Board's sitting"), chair_only=True),
        _board("board.put", N_("putting a question to the Board"), chair_only=True),
        _board("board.sanctions", N_("putting a sanction to the Board"), chair_only=True),
        _board("board.tally", N_("counting the Board's votes"), chair_only=True),
        _board("board.ruling", N_("writing the Board's ruling"), chair_only=True),
        _board(
            "board.decide",
            N_("recording the Primary Board's ruling on a case"),
            cites=N_("Articles 22 and 23"),
            chair_only=True,
            once=True,
        ),
        # The Appeals Board (Art. 24) in session: every member reads the appeal's file and votes;
        # the member who presides (the service's practice: Art. 24 names none) opens the sitting
        # with every member present, puts the rulings, tallies and writes the ruling.
        StaffAction(
            "appeals.list",
            frozenset({Role.APPEALS_BOARD}),
            SELF,
            N_("Article 24"),
            N_("the appeals before the Appeals Board"),
        ),
        _appeals_board("appeals.view", N_("an appeal before the Appeals Board"), states=None),
        _appeals_board("appeals.vote", N_("voting in the Appeals Board's sitting")),
        _appeals_board(
            "appeals.open_ask", N_("opening the Appeals Board's sitting"), chair_only=True
        ),
        _appeals_board(
            "appeals.open", N_("opening the Appeals Board's sitting"), chair_only=True, once=True
        ),
        _appeals_board(
            "appeals.absent", N_("opening the Appeals Board's sitting"), chair_only=True
        ),
        _appeals_board(
            "appeals.rulings", N_("putting a ruling to the Appeals Board"), chair_only=True
        ),
        _appeals_board("appeals.put", N_("putting a ruling to the Appeals Board"), chair_only=True),
        _appeals_board("appeals.tally", N_("counting the Appeals Board's votes"), chair_only=True),
        _appeals_board("appeals.ruling", N_("writing the Appeals Board's ruling"), chair_only=True),
        _appeals_board(
            "appeals.rule",
            N_("recording the Appeals Board's ruling on an appeal"),
            chair_only=True,
            once=True,
        ),
        # Art. 24: the Center's head may appeal a 5 or 6, before or after the sanctioned
        # manager has (each once); the list, the grounds asked, the confirm that files it.
        StaffAction(
            "center_head.decisions",
            frozenset({Role.CENTER_HEAD}),
            SELF,
            N_("Article 24"),
            N_("the decisions open to the Center's appeal"),
        ),
        _center_head_appeal("center_head.appeal_ask"),
        _center_head_appeal("center_head.appeal", once=True),
        # The Directorate, reported to (Art. 15(b), (c), (e)) and supervising (Art. 9(d)), asks
        # for a report in chat (bot/flows/staff/reports.py): every step authorised.
        _report("report.start", N_("the reports for the Directorate")),
        _report("report.period", N_("choosing a report's period")),
        _report("report.scope", N_("choosing what a report covers")),
        _report("report.language", N_("choosing the language of a report's files")),
        _report("report.request", N_("asking for a report"), once=True),
    )
}
