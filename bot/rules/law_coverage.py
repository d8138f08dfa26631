"""What Daftar does with each article and note of directive 100/9970/9000 (1392/2/28).

The directive has 26 articles and 9 notes (its closing line: "در ۲۶ ماده و ۹ تبصره"). Each is one
`Provision`, marked with its `Treatment`:

- `ENCODED`: the product applies it; `where` names the modules that do;
- `OUT_OF_SCOPE`: it is the work of the bodies it names, and the bot does not do it; `why` says
  what is left to whom;
- `CONFIGURATION`: the directive leaves the decisive fact open, so what the bot does rests on
  settings (`settings`: fields of `bot.config.Settings`), said to be configuration, never law.

Any provision may also name settings it reads (Art. 24's appeal period, which the directive
does not set) and say in `why` how it is applied. Citations follow the product's numbering (the
published text prints Article 3 as a second "2").

`DEFECTS` (the known defects of the published text), `SETTINGS_NOT_LAW` (the settings no
article sets) and `SUPERSESSION` (the 1401 regulation's caveat) are in `bot.rules.law_readings`
and are re-exported here.

Pure data: module and setting names are strings, so that this package imports nothing of the
rest of the project; `tests/law/test_coverage.py` checks that each one exists.

    >>> len(ARTICLES), len(NOTES)
    (26, 9)
    >>> provision("12").treatment.value
    'configuration'
    >>> [note.id for note in notes_of(26)]
    ['26.note1', '26.note2', '26.note3']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

# Re-exported: the readings are the coverage's too (`from bot.rules.law_coverage import DEFECTS`).
from bot.rules.law_readings import DEFECTS as DEFECTS
from bot.rules.law_readings import SETTINGS_NOT_LAW as SETTINGS_NOT_LAW
from bot.rules.law_readings import SUPERSESSION as SUPERSESSION
from bot.rules.law_readings import Defect as Defect
from bot.rules.law_readings import SettingNotLaw as SettingNotLaw

#: The directive these provisions are of.
DIRECTIVE: Final = "100/9970/9000"
ISSUED: Final = "1392/2/28"
APPROVED: Final = "1392/2/26"
ARTICLE_COUNT: Final = 26
NOTE_COUNT: Final = 9


class Treatment(StrEnum):
    """What the product does with a provision."""

    ENCODED = "encoded"
    OUT_OF_SCOPE = "out_of_scope"
    CONFIGURATION = "configuration"

    @property
    def label(self) -> str:
        """The treatment in words ("out of scope")."""
        return self.value.replace("_", " ")


ENCODED = Treatment.ENCODED
OUT_OF_SCOPE = Treatment.OUT_OF_SCOPE
CONFIGURATION = Treatment.CONFIGURATION


@dataclass(frozen=True)
class Provision:
    """One article or note of the directive and what the product does with it."""

    id: str  # "12", "3.note", "22.note1"
    summary: str  # what it says, in the glossary's English
    treatment: Treatment
    why: str  # how it is applied, or what is left to whom, or what the settings decide
    where: tuple[str, ...] = ()  # modules that apply it (dotted names)
    settings: tuple[str, ...] = ()  # fields of bot.config.Settings it reads
    printed: str | None = None  # the number it is printed under, where that is not its own

    @property
    def article(self) -> int:
        """The article it is, or belongs to."""
        return int(self.id.split(".")[0])

    @property
    def note(self) -> str | None:
        """For a note: "note", or "note 1"…; None for an article."""
        if "." not in self.id:
            return None
        number = self.id.split(".")[1].removeprefix("note")
        return f"note {number}" if number else "note"


_ELIGIBILITY = (
    "bot.rules.edition_1392",
    "bot.rules.eligibility",
    "bot.flows.eligibility",
    "bot.operator.eligibility",
)

ARTICLES: Final[tuple[Provision, ...]] = (
    Provision(
        "1",
        "Definitions: the Center, the Directorate, the Council, the office, the Association; the "
        "office manager is the person the office's licence is issued to.",
        ENCODED,
        "The glossary's names are used throughout; the office's manager is the person the "
        "office registry first names, and later the one the Directorate's act names (Art. 19).",
        where=("bot.domain.offices_csv", "storage.managers"),
    ),
    Provision(
        "2",
        "An office is founded on the Council's proposal with the consent of the Head of the "
        "Center, who appoints its manager.",
        OUT_OF_SCOPE,
        "Founding offices and appointing managers are the Council's and the Head of the "
        "Center's acts; the bot reads the registry they produce (`daftar offices import`).",
    ),
    Provision(
        "3",
        "Besides a full-time manager, every office has at least one legal expert, one IT expert "
        "and two clerks.",
        OUT_OF_SCOPE,
        "How an office is staffed is the Directorate's to supervise; the bot checks no office's "
        "staff. The conditions of each post (Arts. 4–8) are encoded.",
        printed="۲",
    ),
    Provision(
        "4",
        "General conditions of every post: citizenship, commitment to the Constitution, belief "
        "in Islam, no drug addiction, no criminal record, military service for men, physical "
        "and mental capability.",
        ENCODED,
        "Asked in the eligibility self-check and `daftar eligibility check`; declarations are "
        "marked as the Directorate's to verify.",
        where=_ELIGIBILITY,
    ),
    Provision(
        "5",
        "Specific conditions of the office manager: degree, at least 25 years old, five years of "
        "relevant work experience, computer skills approved by the Directorate.",
        ENCODED,
        "Each clause a condition with its citation; computer skills and a related field are "
        "left to the Directorate's decision.",
        where=_ELIGIBILITY,
    ),
    Provision(
        "6",
        "Specific conditions of the legal expert: degree, at least 25 years old, computer skills "
        "approved by the Directorate.",
        ENCODED,
        "As Article 5's clauses of the same words.",
        where=_ELIGIBILITY,
    ),
    Provision(
        "7",
        "Specific conditions of the IT expert and clerks: printed the same as Article 6.",
        ENCODED,
        "Applied as printed, the degree clause included (see the known defects).",
        where=_ELIGIBILITY,
    ),
    Provision(
        "8",
        "Barred from a licence or from working in an office: attorneys, Art. 187 advisers and "
        "official experts; judges and notaries finally dismissed; merchants; government "
        "employees.",
        ENCODED,
        "Each clause its own question; clauses cited 8.3 and 8.4 (both printed ۳).",
        where=_ELIGIBILITY,
    ),
    Provision(
        "9",
        "The Directorate's duties: (a) calls, vetting and approving applicants; (b) opinions on "
        "licences; (c) service fees and the membership fee; (d) supervising offices and "
        "Associations; (e)–(g) proposals and coordination.",
        ENCODED,
        "(a) and (c): the eligibility sheet says that only the Directorate vets and approves "
        "applicants; the fees it sets are loaded as each year's tariff, against which an "
        "overcharge is compared. (d): the Directorate's chats read the Associations' waiting "
        "complaints and receive the reports of Art. 15 (on request and monthly); the "
        "supervising is its own work, as are (b), (e)–(g).",
        where=("bot.flows.eligibility", "bot.domain.tariff", "bot.flows.staff.reports"),
    ),
    Provision(
        "10",
        "The Council has five members, appointed by the Head of the Center on the Directorate's "
        "proposal.",
        OUT_OF_SCOPE,
        "Who sits on the Council is not recorded by the bot.",
    ),
    Provision(
        "11",
        "The Council's duties: (a) plans and bylaws; (b) proposing fees; (c) reviewing licence "
        "requests; (d) hearing appeals against suspension and revocation; (e) other matters.",
        ENCODED,
        "(d) only: an appeal of a suspension or revocation goes to the Appeals Board, whose "
        "members are the Council's (Art. 24). (a)–(c) and (e) are the Council's own work.",
        where=("bot.domain.appeals", "bot.operator.appeals"),
    ),
    Provision(
        "12",
        "The Judiciary forms Associations in Tehran and, as needed, in other provincial "
        "capitals; until a province has one, the nearest Association handles its offices.",
        CONFIGURATION,
        "Which provinces have an Association is not fixed by the directive: it is a setting. "
        "A complaint goes to the Association that handles offices of the office's province: its "
        "own, or else the one whose capital is nearest to the province's capital (great-circle "
        'distance) — a reading of "nearest", not the text.',
        where=("bot.rules.routing", "bot.flows.complaint.filing"),
        settings=("association_provinces",),
    ),
    Provision(
        "13",
        "The Association's board: two office managers, two judges of ten years' service, and "
        "the Directorate's representative.",
        OUT_OF_SCOPE,
        "The board's members are not recorded by the bot.",
    ),
    Provision(
        "14",
        "The board elects its chair and treasurer from the office managers; sessions need every "
        "member; letters are signed by the chair (and the treasurer for money).",
        OUT_OF_SCOPE,
        "The board's own proceedings.",
    ),
    Provision(
        "15",
        "The board's duties: (a) supervising offices; (b) periodic and ad-hoc inspections; "
        "(c) reports; (d) proposing offices; (e) reviewing complaints and violations; "
        "(f) training; (g) reviewing fee proposals.",
        ENCODED,
        "(b) inspections are scheduled, served on the manager and recorded; (e) complaints are "
        "filed, followed and moved through their statuses; (b), (c) and (e)'s reports: "
        "`daftar report` counts a period's complaints, inspections, cases, rulings, appeals "
        "and notices for the country, an Association or a province, each figure with its "
        "article (JSON or CSV); the Directorate receives the same report in chat, as a PDF and "
        "a CSV, when it asks and on the first day of each Jalali month (a setting: the "
        "directive sets no reporting calendar). The rest is the board's own work.",
        where=(
            "bot.domain.inspections",
            "bot.flows.complaint",
            "bot.domain.complaint_status",
            "bot.operator.complaints",
            "bot.domain.reports",
            "bot.operator.report",
            "bot.flows.staff.reports",
            "bot.documents.report_delivery",
            "bot.documents.monthly_reports",
        ),
    ),
    Provision(
        "16",
        "The Association's budget comes from the offices' membership fees.",
        OUT_OF_SCOPE,
        "Money is not handled by the bot.",
    ),
    Provision(
        "17",
        "The Directorate may delegate executive duties to the Association's board.",
        OUT_OF_SCOPE,
        "Delegations are not recorded by the bot.",
    ),
    Provision(
        "18",
        "After the first board in Tehran, a bylaw sets new duties and how Associations are "
        "formed and dissolved.",
        OUT_OF_SCOPE,
        "The bot holds no such bylaw; which provinces have an Association is a setting (Art. 12).",
    ),
    Provision(
        "19",
        "On the manager's withdrawal or death, the Directorate may replace him or found a new "
        "office from among the applicants.",
        ENCODED,
        "A manager is a person, known by the national ID: a registry import never replaces "
        "one (another person named there is reported, not applied); the Directorate's act does "
        "(`daftar offices replace-manager`, reason withdrawal or death; `other` is a ground "
        "the directive does not name), ending the period, unlinking the old manager's chats; "
        "their history and Art. 26 note 3's earlier sanctions follow the person to any office. "
        "Founding a new office from among the applicants is the Directorate's own work.",
        where=(
            "bot.domain.office_managers",
            "bot.operator.office_managers",
            "storage.managers",
            "bot.domain.standing",
        ),
    ),
    Provision(
        "20",
        "The rules of supervising and inspecting offices are proposed by the Head of the Center "
        "and approved by the Head of the Judiciary.",
        OUT_OF_SCOPE,
        "The bot holds none of those rules; it records the inspections staff schedule. Its "
        "on-site checklist is the service's practice: the directive's own duties a visit can "
        "see (bot/rules/inspection_checklist.py).",
    ),
    Provision(
        "21",
        "The Association inspects offices, ad hoc or periodically, and reports to the Council "
        "with reasons and documents; managers must cooperate with inspectors.",
        ENCODED,
        "An inspector schedules an inspection in chat (or by command) and its notice goes to "
        "the manager, citing the duty to cooperate (and 25.9); an ad-hoc visit may be recorded "
        "unannounced (no notice: the service's practice). The on-site checklist (Art. 3 "
        "staffing, the Art. 25 clauses a visit can see) and the inspector's reasons make the "
        "reasoned report, kept as a file and sent to the Council's members (the appeals_board "
        "role: Art. 24); its findings open a case.",
        where=(
            "bot.domain.inspections",
            "bot.domain.inspection_report",
            "bot.rules.inspection_checklist",
            "bot.notices.managers",
            "bot.notices.council_reports",
            "bot.flows.staff.inspect_checklist",
            "bot.operator.inspections",
        ),
    ),
    Provision(
        "22",
        "Complaints and reported violations are heard by the Primary Disciplinary Board: the "
        "board's judges and a representative of the Association's chair.",
        ENCODED,
        "Complaints and inspection findings are referred to the Board as cases; the "
        "complainant is told that the Board hears it. The Board's members are the staff holding "
        "the board role for the Association, each with a seat (a judge, or the chair's "
        "representative); every linked member is sent the case file when the case opens.",
        where=(
            "bot.domain.cases",
            "bot.domain.board",
            "bot.notices.board_cases",
            "bot.flows.staff.board_view",
            "bot.operator.cases",
            "bot.flows.complaint.filing",
        ),
    ),
    Provision(
        "23",
        "The six disciplinary sanctions in rising order, from a verbal warning to permanent "
        "revocation of the licence.",
        ENCODED,
        "A decision names one sanction; a final suspension suspends the office for its months, "
        "a final revocation revokes it. A verbal warning (1) is given by the Board in person: the "
        "decision records the day, and the manager's notice is a record of it. Every final "
        "sanction is entered once in the manager's disciplinary file (3: the file), which the "
        "manager reads in chat and the Directorate exports; a final reprimand of degree 4 is "
        "recorded once as to be published on the Center's website, the legal venue, and posted "
        "once to a public chat where one is configured (the service's extra).",
        where=(
            "bot.rules.violations",
            "bot.domain.decisions",
            "bot.domain.settlement",
            "bot.domain.finality",
            "bot.notices.publications",
            "bot.flows.manager",
            "bot.operator.disciplinary_records",
        ),
        settings=("publication_chat",),
    ),
    Provision(
        "24",
        "Sanctions 1 to 4 are final; 5 and 6 may be appealed by the sanctioned person or the "
        "Head of the Center to the Appeals Board (the Council's members).",
        ENCODED,
        "Degrees 1–4 are final at once; 5 and 6 can be appealed, by the manager from the "
        "decision's notice and by the Center's head from the staff menu, each once, the second "
        "while the first is before the Appeals Board, whose linked chats are sent each appeal's "
        "file; one ruling decides all of a decision's appeals. The directive sets no appeal "
        "deadline: the period the bot applies is a setting, and every notice says so. Nor does "
        "it say whether the Board may make the sanction heavier on the manager's own appeal: a "
        "setting, off by default. The Appeals Board rules in chat, in a sitting on the appealed "
        "decision: Art. 24 sets no quorum, majority or chair, so this service applies the Primary "
        "Board's session rule (Art. 22 note 2: every member present, the majority carries, the "
        "one who presides writes the ruling) to it too, and the member marked chair presides "
        "(the service's practice); every text that cites the rule says it is the service's "
        "reading. The ruling's text and sitting are kept with each appeal.",
        where=(
            "bot.rules.violations",
            "bot.domain.appeals",
            "bot.domain.appeals_board",
            "bot.domain.sittings",
            "bot.notices.appeals_board",
            "bot.flows.manager",
            "bot.flows.staff.center_appeals",
            "bot.flows.staff.appeals_view",
            "bot.flows.staff.appeals_sitting",
        ),
        settings=("appeal_window_days", "appeals_board_may_raise_on_own_appeal"),
    ),
    Provision(
        "25",
        "The fourteen disciplinary violations of office managers and staff.",
        ENCODED,
        "Each clause cited in complaints, inspection findings and decisions; an overcharge "
        "(25.12) is compared with the tariff held for the incident's year. A ruling charges the "
        "manager or a named member of the office's staff (legal expert, IT expert, clerk).",
        where=(
            "bot.rules.violations",
            "bot.domain.offenders",
            "bot.flows.complaint.incident",
            "bot.domain.inspections",
            "bot.domain.tariff",
        ),
    ),
    Provision(
        "26",
        "A board that learns of a crime while hearing a case reports it to the competent "
        "judicial authority.",
        ENCODED,
        "A decision records the referral: the authority it went to, the day and its "
        "reference; the notices say it was made.",
        where=("bot.domain.decisions", "bot.operator.decisions", "bot.notices.managers"),
    ),
)

NOTES: Final[tuple[Provision, ...]] = (
    Provision(
        "3.note",
        "If the volume of services grows, the Directorate may require more staff.",
        OUT_OF_SCOPE,
        "The Directorate's decision about an office; not recorded by the bot.",
    ),
    Provision(
        "5.note",
        "Persons with an approved record of service have priority, at the Directorate's "
        "discretion.",
        ENCODED,
        "A priority, not a condition: it never makes anyone ineligible.",
        where=("bot.rules.edition_1392",),
    ),
    Provision(
        "10.note",
        "Council members may not sit on an Association's board at the same time.",
        OUT_OF_SCOPE,
        "Neither body's members are recorded by the bot.",
    ),
    Provision(
        "13.note",
        "The board's term is a number of years (the number is missing in the print); members "
        "may be re-elected.",
        OUT_OF_SCOPE,
        "The board is not recorded by the bot (and the term's length is not in the text).",
    ),
    Provision(
        "22.note1",
        "One of the judges is elected chair of the Primary Disciplinary Board by majority.",
        ENCODED,
        "The election is the Board's; the bot records its outcome: one member marked chair, "
        "who must hold a judge's seat, and alone opens the sitting, puts the questions, tallies "
        "and records the ruling.",
        where=("bot.domain.staff_members", "bot.domain.sittings", "bot.domain.staff_actions"),
    ),
    Provision(
        "22.note2",
        "The Board sits with all its members; the chair writes the majority's ruling.",
        ENCODED,
        "A sitting with a member absent may not rule; every member votes on each question in "
        "their own chat, more than half carries, no majority on a sanction is no ruling; a "
        "decision is recorded only from its sitting, with the ruling the chair wrote.",
        where=(
            "bot.domain.sittings",
            "bot.domain.decisions",
            "bot.flows.staff.board_sitting",
            "bot.operator.decisions",
        ),
    ),
    Provision(
        "26.note1",
        "Criminal proceedings do not prevent disciplinary proceedings.",
        ENCODED,
        "A crime referral is recorded beside the decision; it does not stop or replace it.",
        where=("bot.domain.decisions",),
    ),
    Provision(
        "26.note2",
        "Withdrawal of the complaint does not stop the proceedings, but mitigates the sanction "
        "if the office is found at fault.",
        ENCODED,
        "A withdrawal is a dated event, not a status: the case goes on, the Board is told that "
        "the sanction must be mitigated, and no ruling is recorded until the chair says how it "
        "was.",
        where=(
            "bot.flows.complaint.follow",
            "bot.domain.cases",
            "bot.domain.decisions",
            "bot.rules.violations",
        ),
    ),
    Provision(
        "26.note3",
        "A manager sanctioned with one of sanctions 1 to 4 who offends again after that ruling "
        "became final receives a higher degree.",
        ENCODED,
        "The floor is the previous final ruling's degree (the most recent final before the "
        "violation's day); a lower sanction is not offered and is refused, with no override. "
        "A staff member charged has no floor: the note names the manager.",
        where=(
            "bot.rules.violations",
            "bot.domain.repeat_offence",
            "bot.domain.decisions",
            "bot.flows.staff.board_sitting",
        ),
    ),
)

PROVISIONS: Final[Mapping[str, Provision]] = {p.id: p for p in (*ARTICLES, *NOTES)}


def provision(identifier: str) -> Provision:
    """The article or note cited as *identifier* ("12", "26.note2"); KeyError if none."""
    return PROVISIONS[identifier]


def notes_of(article: int) -> tuple[Provision, ...]:
    """The notes of *article*, in order."""
    return tuple(note for note in NOTES if note.article == article)


def counts() -> Mapping[Treatment, int]:
    """How many articles and notes have each treatment (every treatment present)."""
    tally = Counter(p.treatment for p in PROVISIONS.values())
    return {treatment: tally[treatment] for treatment in Treatment}
