"""Edition "1392": Articles 4–8 of directive 100/9970/9000 of 1392/2/28, as conditions.

Posts and the articles that set their conditions:

===============  ==========  =================================================
manager          4, 5, 8     and the note to Article 5, a priority
legal_expert     4, 6, 8
it_expert        4, 7, 8     Article 7 repeats Article 6 as printed
clerk            4, 7, 8
===============  ==========  =================================================

Kinds: 4.1, 4.6, 5.1–5.3, 6.1–6.2, 7.1–7.2 and 8.1–8.4 are decided from the answers;
4.2–4.5 and 4.7 rest on the applicant's declaration, which the Directorate verifies; 5.4, 6.3
and 7.3 ("approved by the Directorate") need the Directorate's decision.

Readings of the printed text (the known defects; see each condition's notes):

- 5.1, 6.1, 7.1 print "… مؤسسات آموزش عالی با مدرک سطح دو …" and 6.1 "کارشناسی با بالاتر": both
  "با" are read "یا": a bachelor's degree or higher from a university, OR seminary level 2 or
  higher.
- "Related to" law, fiqh and judicial sciences: a degree in one of those three fields meets the
  clause; one in another field the applicant believes related needs the Directorate's decision;
  an unrelated field does not meet it.
- Article 7 repeats Article 6's degree clause word for word: encoded as printed, so the IT
  expert and clerks need the same degree as the legal expert.
- Article 8 prints "۳" twice: cited as 8.3 (merchants) and 8.4 (government employees).
- Article 8.4 names "employees and servants of the government": serving judges, in the state's
  service, are read as among them (the question says so).
- Article 8's clauses are bars: a sheet says the applicant is barred by 8.x, not that a
  condition is unmet (`Condition.bars`).
- The note to Article 5 applies "in addition to" the conditions: its priority is given to an
  eligible applicant only.
- 4.6 applies to male applicants; a settled service is no obstacle when gender is unanswered.
- The directive sets no separate effective date: it is taken to apply from the date it bears,
  1392/2/28, the day it was issued (ابلاغ); it was approved on 1392/2/26.

The order of questions follows the directive's order of clauses; a question is skipped when
the answers so far make it unable to change any result (`Question.asked_when`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import jdatetime

from bot.rules import checks
from bot.rules.directive_1392_fa import ARTICLE_OPENINGS, CLAUSES, TITLE
from bot.rules.facts import (
    NAMED_FIELDS,
    Citizenship,
    Degree,
    Facts,
    Gender,
    Occupation,
)
from bot.rules.markers import N_
from bot.rules.model import (
    Condition,
    Edition,
    Kind,
    Priority,
    Question,
    Role,
    Test,
    always,
)

_TEXT: Final = {clause.id: clause for clause in CLAUSES}

# ---- what the conditions say to the applicant (message ids) ----

_WHY_DECLARATION: Final = N_(
    "A general condition for every post. It rests on your declaration, which the Directorate "
    "verifies when it vets applicants."
)
_WHY_DEGREE: Final = N_(
    "The post requires a degree in law, fiqh or judicial sciences, or the seminary equivalent."
)
_WHY_DEGREE_7: Final = N_(
    "Article 7 asks the IT expert and clerks for the same degree as the legal expert: law, fiqh "
    "or judicial sciences, or the seminary equivalent."
)
_WHY_AGE: Final = N_("The directive sets a minimum age of 25 for this post.")
_WHY_COMPUTER: Final = N_(
    "The Directorate must approve your computer skills for this post; the bot cannot decide "
    "that for it."
)
_WHY_BARRED: Final = N_(
    "Article 8 bars these people from holding a licence or working in an office."
)

_Q_DEGREE: Final = N_(
    "Do you have a bachelor's degree or higher in law, fiqh or judicial sciences (or a related "
    "field), or seminary level 2 or higher?"
)
_Q_AGE: Final = N_("Are you at least 25 years old?")
_Q_COMPUTER: Final = N_(
    "Do you have basic computer knowledge and skills that the Directorate approves for this post?"
)

_EVIDENCE_DEGREE: Final = N_("Your degree certificate, or your seminary level certificate")
_EVIDENCE_BIRTH: Final = N_("Your birth certificate")
_EVIDENCE_COMPUTER: Final = N_(
    "The Directorate's approval of your computer skills (it sets how they are shown)"
)
_EVIDENCE_BARRED: Final = N_("Your written declaration that none of these applies to you")

_NOTE_OR: Final = N_(
    'Printed "… institutes of higher education with a seminary level-2 degree" (با); read as '
    '"or" (یا): a university degree, or seminary level 2 or higher.'
)
_NOTE_RELATED: Final = N_(
    "A degree in law, fiqh or judicial sciences meets the clause; a degree in another field that "
    "you consider related needs the Directorate's decision; an unrelated field does not."
)
_NOTE_6_1: Final = N_(
    'Also printed "a bachelor\'s degree with higher" (با بالاتر); read as "or higher" (یا).'
)
_NOTE_7_1: Final = N_(
    "Article 7 repeats Article 6's degree clause word for word. It is applied as printed: the IT "
    "expert and clerks need a degree in law, fiqh or judicial sciences, or seminary level 2."
)
_NOTE_4_6: Final = N_(
    "For male applicants only. If gender is not answered, a completion card or a permanent "
    "exemption still settles the clause."
)
_NOTE_5_3: Final = N_(
    "Count only work experience relevant to an office's work; the Directorate judges relevance "
    "when it checks your records."
)
_NOTE_8_4: Final = N_("Printed as a second clause 3 of Article 8; cited as 8.4.")
_NOTE_8_4_JUDGES: Final = N_(
    'The clause names "employees and servants of the government" (کارمندان و مستخدمان دولت). '
    "A serving judge is in the state's service and is read as one of them; a judge sentenced to "
    "permanent dismissal is clause 2."
)
_NOTE_EFFECTIVE: Final = N_(
    "The directive sets no separate effective date; it is applied from the date it bears, "
    "1392/2/28, when it was issued."
)


def _condition(
    condition_id: str,
    *,
    kind: Kind,
    question: str,
    why: str,
    facts: tuple[str, ...],
    evidence: tuple[str, ...],
    test: Test,
    notes: tuple[str, ...] = (),
    bars: bool = False,
) -> Condition:
    """A condition citing *condition_id*, with its Persian text taken from the printed table."""
    article, clause = (int(part) for part in condition_id.split("."))
    printed = _TEXT[condition_id]
    return Condition(
        id=condition_id,
        article=article,
        clause=clause,
        text=printed.text,
        kind=kind,
        question=question,
        why=why,
        facts=facts,
        evidence=evidence,
        test=test,
        notes=notes,
        printed=printed.printed,
        bars=bars,
    )


_DEGREE_FACTS: Final = ("degree", "degree_field", "seminary_level")
_DEGREE_TEST: Final = checks.degree_or_seminary(Degree.BACHELOR, 2)
_AGE_TEST: Final = checks.age_at_least(25)


def _degree(condition_id: str, *, why: str, notes: tuple[str, ...]) -> Condition:
    return _condition(
        condition_id,
        kind=Kind.DECIDED,
        question=_Q_DEGREE,
        why=why,
        facts=_DEGREE_FACTS,
        evidence=(_EVIDENCE_DEGREE,),
        test=_DEGREE_TEST,
        notes=notes,
    )


def _age(condition_id: str) -> Condition:
    return _condition(
        condition_id,
        kind=Kind.DECIDED,
        question=_Q_AGE,
        why=_WHY_AGE,
        facts=("birth_date",),
        evidence=(_EVIDENCE_BIRTH,),
        test=_AGE_TEST,
    )


def _computer(condition_id: str) -> Condition:
    return _condition(
        condition_id,
        kind=Kind.OFFICIAL_DECISION,
        question=_Q_COMPUTER,
        why=_WHY_COMPUTER,
        facts=("computer_skills",),
        evidence=(_EVIDENCE_COMPUTER,),
        test=checks.approved_by_directorate,
    )


def _barred(
    condition_id: str,
    occupations: tuple[Occupation, ...],
    *,
    question: str,
    not_met: str,
    notes: tuple[str, ...] = (),
) -> Condition:
    return _condition(
        condition_id,
        kind=Kind.DECIDED,
        question=question,
        why=_WHY_BARRED,
        facts=("barred_occupations",),
        evidence=(_EVIDENCE_BARRED,),
        test=checks.none_of(occupations, not_met=not_met),
        notes=notes,
        bars=True,
    )


_ARTICLE_4: Final = (
    _condition(
        "4.1",
        kind=Kind.DECIDED,
        question=N_("Are you an Iranian citizen?"),
        why=N_("Every post in an office requires Iranian citizenship."),
        facts=("citizenship",),
        evidence=(N_("Your birth certificate and national ID card"),),
        test=checks.answer_in(
            "citizenship",
            frozenset({Citizenship.IRANIAN}),
            met=N_("You are an Iranian citizen."),
            not_met=N_("The clause asks for Iranian citizenship."),
        ),
    ),
    _condition(
        "4.2",
        kind=Kind.DECLARATION,
        question=N_("Are you practically committed to the Constitution and to velayat-e faqih?"),
        why=_WHY_DECLARATION,
        facts=("constitution_commitment",),
        evidence=(N_("Your written declaration; the Directorate's vetting confirms it"),),
        test=checks.declared(
            "constitution_commitment",
            holds_when=True,
            met=N_(
                "You declare a practical commitment to the Constitution and to velayat-e faqih; "
                "the Directorate will verify it."
            ),
            not_met=N_(
                "The clause asks for a practical commitment to the Constitution and to "
                "velayat-e faqih."
            ),
        ),
    ),
    _condition(
        "4.3",
        kind=Kind.DECLARATION,
        question=N_("Do you believe in Islam and practically observe its rules and ethics?"),
        why=_WHY_DECLARATION,
        facts=("islam_commitment",),
        evidence=(N_("Your written declaration; the Directorate's vetting confirms it"),),
        test=checks.declared(
            "islam_commitment",
            holds_when=True,
            met=N_(
                "You declare belief in Islam and practical observance of its rules and ethics; "
                "the Directorate will verify it."
            ),
            not_met=N_(
                "The clause asks for belief in Islam and practical observance of its rules and "
                "ethics."
            ),
        ),
    ),
    _condition(
        "4.4",
        kind=Kind.DECLARATION,
        question=N_("Are you free of drug addiction?"),
        why=_WHY_DECLARATION,
        facts=("drug_addiction",),
        evidence=(N_("A certificate of no drug addiction"),),
        test=checks.declared(
            "drug_addiction",
            holds_when=False,
            met=N_(
                "You declare that you are not addicted to drugs; the Directorate will verify it."
            ),
            not_met=N_("The clause bars anyone addicted to drugs."),
        ),
    ),
    _condition(
        "4.5",
        kind=Kind.DECLARATION,
        question=N_("Are you free of any criminal record?"),
        why=_WHY_DECLARATION,
        facts=("criminal_record",),
        evidence=(N_("A certificate of no criminal record"),),
        test=checks.declared(
            "criminal_record",
            holds_when=False,
            met=N_("You declare that you have no criminal record; the Directorate will verify it."),
            not_met=N_("The clause asks for no criminal record."),
        ),
    ),
    _condition(
        "4.6",
        kind=Kind.DECIDED,
        question=N_(
            "If you are a man: do you have a military-service completion card or a permanent "
            "exemption?"
        ),
        why=N_("Men must have settled their military service; the clause does not apply to women."),
        facts=("gender", "military_service"),
        evidence=(N_("Your military-service completion card or permanent exemption card"),),
        test=checks.military_service_for_men,
        notes=(_NOTE_4_6,),
    ),
    _condition(
        "4.7",
        kind=Kind.DECLARATION,
        question=N_("Do you have the physical and mental capability that the work needs?"),
        why=_WHY_DECLARATION,
        facts=("able_bodied",),
        evidence=(N_("A certificate of physical and mental health"),),
        test=checks.declared(
            "able_bodied",
            holds_when=True,
            met=N_(
                "You declare the physical and mental capability that the work needs; the "
                "Directorate will verify it."
            ),
            not_met=N_("The clause asks for the physical and mental capability the work needs."),
        ),
    ),
)

_ARTICLE_5: Final = (
    _degree(
        "5.1",
        why=_WHY_DEGREE,
        notes=(_NOTE_OR, _NOTE_RELATED),
    ),
    _age("5.2"),
    _condition(
        "5.3",
        kind=Kind.DECIDED,
        question=N_("Do you have five years of relevant work experience?"),
        why=N_("The office manager needs five years of relevant work experience."),
        facts=("experience_years",),
        evidence=(
            N_(
                "Proof of your work experience, such as employment certificates or your "
                "social-insurance record"
            ),
        ),
        test=checks.experience_at_least(5),
        notes=(_NOTE_5_3,),
    ),
    _computer("5.4"),
)

_ARTICLE_6: Final = (
    _degree("6.1", why=_WHY_DEGREE, notes=(_NOTE_OR, _NOTE_6_1, _NOTE_RELATED)),
    _age("6.2"),
    _computer("6.3"),
)

_ARTICLE_7: Final = (
    _degree("7.1", why=_WHY_DEGREE_7, notes=(_NOTE_7_1, _NOTE_OR, _NOTE_RELATED)),
    _age("7.2"),
    _computer("7.3"),
)

#: The occupations each clause of Article 8 names.
BARRED_BY_CLAUSE: Final[Mapping[str, tuple[Occupation, ...]]] = {
    "8.1": (Occupation.ATTORNEY, Occupation.LEGAL_ADVISER, Occupation.OFFICIAL_EXPERT),
    "8.2": (Occupation.DISMISSED_JUDGE, Occupation.DISMISSED_NOTARY),
    "8.3": (Occupation.MERCHANT,),
    "8.4": (Occupation.GOVERNMENT_EMPLOYEE, Occupation.PUBLIC_INSTITUTION_EMPLOYEE),
}

_ARTICLE_8: Final = (
    _barred(
        "8.1",
        BARRED_BY_CLAUSE["8.1"],
        question=N_(
            "Are you an attorney, a legal adviser under Article 187, or an official judicial "
            "expert?"
        ),
        not_met=N_(
            "Attorneys, legal advisers under Article 187 and official judicial experts may not "
            "hold a licence or work in an office."
        ),
    ),
    _barred(
        "8.2",
        BARRED_BY_CLAUSE["8.2"],
        question=N_(
            "Are you a judge or a notary sentenced to permanent dismissal by a final judgment?"
        ),
        not_met=N_(
            "Judges and notaries sentenced to permanent dismissal by a final judgment may not "
            "hold a licence or work in an office."
        ),
    ),
    _barred(
        "8.3",
        BARRED_BY_CLAUSE["8.3"],
        question=N_("Are you a merchant, as Article 2 of the Commercial Code defines one?"),
        not_met=N_("Merchants may not hold a licence or work in an office."),
    ),
    _barred(
        "8.4",
        BARRED_BY_CLAUSE["8.4"],
        question=N_(
            "Are you an employee or servant of the government (serving judges are in the "
            "government's service too), or an employee of a non-governmental public institution?"
        ),
        not_met=N_(
            "Employees and servants of the government, serving judges among them, and employees "
            "of non-governmental public institutions may not hold a licence or work in an office."
        ),
        notes=(_NOTE_8_4, _NOTE_8_4_JUDGES),
    ),
)

_SERVICE_RECORD_PRIORITY: Final = Priority(
    id="5.note",
    article=5,
    text=_TEXT["5.note"].text,
    question=N_("Do you have an approved record of service?"),
    why=N_(
        "Not a condition: in addition to the conditions, an approved record of service gives "
        "priority among applicants who meet them, at the Directorate's discretion."
    ),
    facts=("approved_service_record",),
    evidence=(N_("Your approved record of service"),),
    reason=N_(
        "You have an approved record of service: at the Directorate's discretion, it gives you "
        "priority."
    ),
    applies=lambda facts: facts.approved_service_record,
)


# ---- when a question is worth asking ----


def _unless_female(facts: Facts) -> bool:
    return facts.gender is not Gender.FEMALE


def _degree_may_be_university(facts: Facts) -> bool:
    # The field matters only for a bachelor's degree or higher (or an unanswered degree).
    return facts.degree is None or facts.degree.at_least(Degree.BACHELOR)


def _degree_not_already_met(facts: Facts) -> bool:
    # A bachelor's or higher in a named field meets the clause; the seminary cannot add to it.
    degree_met = (
        facts.degree is not None
        and facts.degree.at_least(Degree.BACHELOR)
        and facts.degree_field in NAMED_FIELDS
    )
    return not degree_met


_DEGREE_IDS: Final = ("5.1", "6.1", "7.1")
_QUESTIONS: Final = (
    Question("citizenship", ("4.1",), always),
    Question("constitution_commitment", ("4.2",), always),
    Question("islam_commitment", ("4.3",), always),
    Question("drug_addiction", ("4.4",), always),
    Question("criminal_record", ("4.5",), always),
    Question("gender", ("4.6",), always),
    Question("military_service", ("4.6",), _unless_female, "unless gender is female"),
    Question("able_bodied", ("4.7",), always),
    Question("degree", _DEGREE_IDS, always),
    Question(
        "degree_field",
        _DEGREE_IDS,
        _degree_may_be_university,
        "when the degree is a bachelor's or higher, or unanswered",
    ),
    Question(
        "seminary_level",
        _DEGREE_IDS,
        _degree_not_already_met,
        "unless a bachelor's or higher in law, fiqh or judicial sciences already meets the clause",
    ),
    Question("birth_date", ("5.2", "6.2", "7.2"), always),
    Question("experience_years", ("5.3",), always),
    Question("computer_skills", ("5.4", "6.3", "7.3"), always),
    Question("barred_occupations", ("8.1", "8.2", "8.3", "8.4"), always),
    Question("approved_service_record", ("5.note",), always),
)

EDITION_1392: Final = Edition(
    id="1392",
    number="100/9970/9000",
    issued=jdatetime.date(1392, 2, 28),
    approved=jdatetime.date(1392, 2, 26),
    effective=jdatetime.date(1392, 2, 28),
    title=TITLE,
    posts={
        Role.MANAGER: (4, 5, 8),
        Role.LEGAL_EXPERT: (4, 6, 8),
        Role.IT_EXPERT: (4, 7, 8),
        Role.CLERK: (4, 7, 8),
    },
    article_openings=ARTICLE_OPENINGS,
    clauses=CLAUSES,
    conditions=_ARTICLE_4 + _ARTICLE_5 + _ARTICLE_6 + _ARTICLE_7 + _ARTICLE_8,
    priorities=(_SERVICE_RECORD_PRIORITY,),
    questions=_QUESTIONS,
    notes=(_NOTE_EFFECTIVE,),
)
