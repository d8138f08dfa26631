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

`DEFECTS` are the known defects of the published text, each with the provision it is in, the
words as printed and the reading the product applies (never a "fix" of the law).
`SETTINGS_NOT_LAW` are the settings that no article sets at all (limits, retention,
plausibility). `SUPERSESSION` is the caveat every summary carries: the 1401 regulation on these
offices may supersede parts of this directive where it is in force.

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
        "The glossary's names are used throughout; the office's manager is the one the office "
        "registry names, and a new one in a later import is a new person.",
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
        "(a) and (c) only: the eligibility sheet says that only the Directorate vets and "
        "approves applicants; the fees it sets are loaded as each year's tariff, against which "
        "an overcharge is compared. (b), (d)–(g) are the Directorate's own work.",
        where=("bot.flows.eligibility", "bot.domain.tariff"),
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
        "filed, followed and moved through their statuses. The rest is the board's own work.",
        where=(
            "bot.domain.inspections",
            "bot.flows.complaint",
            "bot.domain.complaint_status",
            "bot.operator.complaints",
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
        "A different manager in the registry ends the previous one's period: their chats are "
        "unlinked, their history and decisions kept.",
        where=("storage.managers", "bot.domain.standing"),
    ),
    Provision(
        "20",
        "The rules of supervising and inspecting offices are proposed by the Head of the Center "
        "and approved by the Head of the Judiciary.",
        OUT_OF_SCOPE,
        "The bot holds none of those rules; it records the inspections staff schedule.",
    ),
    Provision(
        "21",
        "The Association inspects offices, ad hoc or periodically, and reports to the Council "
        "with reasons and documents; managers must cooperate with inspectors.",
        ENCODED,
        "An inspection's notice goes to the manager, citing the duty to cooperate (and 25.9); "
        "its findings and report are recorded, and findings open a case.",
        where=("bot.domain.inspections", "bot.notices.managers", "bot.operator.inspections"),
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
        "a final revocation revokes it.",
        where=("bot.rules.violations", "bot.domain.decisions", "bot.domain.settlement"),
    ),
    Provision(
        "24",
        "Sanctions 1 to 4 are final; 5 and 6 may be appealed by the sanctioned person or the "
        "Head of the Center to the Appeals Board (the Council's members).",
        ENCODED,
        "Degrees 1–4 are final at once; 5 and 6 can be appealed. The directive sets no appeal "
        "deadline: the period the bot applies is a setting, and every notice says so.",
        where=("bot.rules.violations", "bot.domain.appeals", "bot.flows.manager"),
        settings=("appeal_window_days",),
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


@dataclass(frozen=True)
class Defect:
    """A known defect of the published text: where, the words as printed, the reading applied."""

    cites: str  # the provision, or clause ("25.1"), it is in
    printed: str  # the words as printed (as the published text has them, without ZWNJ)
    reading: str  # what the product reads, and why
    where: tuple[str, ...] = ()  # modules that apply the reading


DEFECTS: Final[tuple[Defect, ...]] = (
    Defect(
        "3",
        "ماده ۲- هر دفتر",
        "Articles 2 and 3 are both printed «ماده ۲»; the staffing article is cited as Article 3.",
    ),
    Defect(
        "8.4",
        "۳- کارمندان و مستخدمان دولت",
        "Article 8 numbers two clauses «۳»; they are cited as 8.3 (merchants) and 8.4 (government "
        "employees).",
        where=("bot.rules.directive_1392_fa",),
    ),
    Defect(
        "7",
        "شرایط اختصاصی کارشناس فناوری و کارمندان دفتر",
        'Article 7 ("IT expert" printed without "اطلاعات") repeats Article 6\'s degree clause '
        "word for word, so the IT expert and clerks need a degree in law, fiqh or judicial "
        "sciences; it is applied as printed.",
        where=("bot.rules.edition_1392",),
    ),
    Defect(
        "13.note",
        "دوره تصدی اعضای هیئتمدیره به سال",
        "The number of years of the board's term is missing.",
    ),
    Defect(
        "25.1",
        "قدم نصب هزینه خدمات",
        "Read «عدم نصب» (failure to post).",
        where=("bot.rules.violations",),
    ),
    Defect(
        "5.1",
        "مؤسسات آموزش عالی با مدرک سطح دو",
        "In 5.1, 6.1 and 7.1 «با» (with) is read «یا» (or): a university degree, or seminary "
        "level 2 or higher — the usual formula, and the later (1401) regulation's reading.",
        where=("bot.rules.edition_1392",),
    ),
    Defect(
        "6.1",
        "مدرک کارشناسی با بالاتر",
        "Read «کارشناسی یا بالاتر» (a bachelor's degree or higher).",
        where=("bot.rules.edition_1392",),
    ),
    Defect(
        "5.1",
        "رشتههای مرتبط با حقوق، فقه و علوم قضایی",
        '"Related to" is open: law, fiqh or judicial sciences meet it; another field the '
        "applicant believes related needs the Directorate's decision; an unrelated one does not.",
        where=("bot.rules.edition_1392",),
    ),
    Defect(
        "5.3",
        "پنج سال سابقه کار مرتبط",
        '"Relevant" experience is the Directorate\'s to judge; the applicant counts only '
        "relevant years.",
        where=("bot.rules.edition_1392",),
    ),
    Defect(
        "11",
        "احکام تطیق و لغو پروانه",
        "Read «تعلیق» (suspension) for «تطیق» in 11(d).",
    ),
    Defect("11", "ج- برسی", "Read «بررسی» (review) in 11(c)."),
    Defect(
        "19",
        "با انصراف یا قوت مدیر دفتر",
        "Read «فوت» (death) for «قوت».",
    ),
    Defect(
        "25",
        "تخلفات انظامی",
        "Read «انتظامی» (disciplinary).",
        where=("bot.rules.violations",),
    ),
    Defect(
        "25.7",
        "سامانه خدمات اکترونیک قضایی",
        "Read «الکترونیک» (electronic).",
        where=("bot.rules.violations",),
    ),
    Defect(
        "25.13",
        "افراد غیر مسعول",
        "Read «مسئول» (authorised).",
        where=("bot.rules.violations",),
    ),
    Defect(
        "26.note3",
        "ً مرتکب تخلف گردد، حسب مورد",
        "The extraction scrambled the order of the note's words (right-to-left lines wrapped); "
        "it is read in its printed words' reading order.",
        where=("bot.rules.violations",),
    ),
    Defect(
        "1",
        "تعریف میگردد",
        "The extracted text lost its zero-width non-joiners («میگردد» for «می‌گردد»); the "
        "printed clauses are kept as extracted and never shown as the bot's own Persian.",
        where=("bot.rules.directive_1392_fa", "bot.rules.violations"),
    ),
)


@dataclass(frozen=True)
class SettingNotLaw:
    """A setting that no article sets: what it decides, and the article it bears on, if any."""

    setting: str  # a field of bot.config.Settings
    decides: str
    concerns: tuple[str, ...] = ()  # the provisions it bears on


SETTINGS_NOT_LAW: Final[tuple[SettingNotLaw, ...]] = (
    SettingNotLaw(
        "association_provinces", "which provinces have an Association of their own", ("12",)
    ),
    SettingNotLaw("appeal_window_days", "the appeal period, from service of the decision", ("24",)),
    SettingNotLaw("complaints_per_day", "how many complaints one person may file in 24 hours"),
    SettingNotLaw("complaint_retention_days", "how long a complaint's personal details are kept"),
    SettingNotLaw("evidence_max_mb", "the size limit of a photo or document sent as evidence"),
    SettingNotLaw(
        "eligibility_reference_date", "the date ages are taken on (a call's date)", ("5", "6", "7")
    ),
    SettingNotLaw("minimum_working_age", "a plausibility check of years of experience", ("5",)),
    SettingNotLaw("invite_days", "how long a manager's invite code is valid"),
    SettingNotLaw("notice_reminders", "how many times an unacknowledged notice is reminded"),
)

#: The caveat every summary of the coverage carries.
SUPERSESSION: Final = (
    "The 1401 regulation on Judicial E-Services Offices may supersede parts of this directive "
    "where it is in force; Daftar encodes the 1392 directive only. A later regulation would be "
    "added beside it as a new edition, not written over it."
)


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
