"""The facts an applicant's eligibility is decided on: their names, types, values and questions.

`Facts` holds typed answers; every field defaults to None, which means *unknown*: not asked yet,
or answered "I don't know / prefer not to say". Evaluation never turns None into yes or no.
Raw answers (JSON, CSV cells, chat text) are turned into `Facts` outside this package, by
`bot.domain.eligibility_answers`, which also normalises digits.

`FACTS` describes each fact for a questioner: its type, its plain-language question (an English
message id, marked with `N_`) and, for a choice, its values with their labels. The order in which
a post's facts are asked, and when each is asked, belongs to an edition (`Edition.questions`).

Facts, as the issue names them:

==========================  ================================================================
citizenship                 `iranian` | `other`
constitution_commitment     boolean (4.2)
islam_commitment            boolean (4.3)
drug_addiction              boolean (4.4)
criminal_record             boolean (4.5)
able_bodied                 boolean: the physical and mental capability of 4.7
gender                      `male` | `female`
military_service            `completed` | `permanent_exemption` | `other`
degree                      `none` | `diploma` | `associate` | `bachelor` | `master` | `doctorate`
degree_field                `law` | `fiqh` | `judicial_sciences` | `related` | `other`
seminary_level              0 to 4
birth_date                  a Jalali date
experience_years            years of relevant work experience on the reference date, a number
                            (months are twelfths: 42 months is 3.5); shown as a `Duration`
computer_skills             boolean
barred_occupations          each `Occupation` mapped to True, False or None
approved_service_record     boolean (the note to Article 5: a priority)
==========================  ================================================================
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import jdatetime

from bot.rules.markers import N_


class Citizenship(StrEnum):
    """Citizenship, as far as Article 4.1 cares."""

    IRANIAN = "iranian"
    OTHER = "other"


class Gender(StrEnum):
    """Gender: Article 4.6 applies to male applicants only."""

    MALE = "male"
    FEMALE = "female"


class MilitaryService(StrEnum):
    """Military-service status: a completion card or a permanent exemption meets Article 4.6."""

    COMPLETED = "completed"
    PERMANENT_EXEMPTION = "permanent_exemption"
    OTHER = "other"


class Degree(StrEnum):
    """The highest degree held, lowest first."""

    NONE = "none"
    DIPLOMA = "diploma"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"

    @property
    def rank(self) -> int:
        """Position in the order none < diploma < … < doctorate."""
        return list(Degree).index(self)

    def at_least(self, other: Degree) -> bool:
        """Whether this degree is *other* or higher."""
        return self.rank >= other.rank


class DegreeField(StrEnum):
    """The field of the degree: the first three are the fields Articles 5.1, 6.1 and 7.1 name."""

    LAW = "law"
    FIQH = "fiqh"
    JUDICIAL_SCIENCES = "judicial_sciences"
    RELATED = "related"
    OTHER = "other"


#: The fields that the degree clauses name outright ("حقوق، فقه و علوم قضایی").
NAMED_FIELDS: Final[frozenset[DegreeField]] = frozenset(
    {DegreeField.LAW, DegreeField.FIQH, DegreeField.JUDICIAL_SCIENCES}
)


class Occupation(StrEnum):
    """The occupations Article 8 bars from a licence and from work in an office."""

    ATTORNEY = "attorney"
    LEGAL_ADVISER = "legal_adviser"
    OFFICIAL_EXPERT = "official_expert"
    DISMISSED_JUDGE = "dismissed_judge"
    DISMISSED_NOTARY = "dismissed_notary"
    MERCHANT = "merchant"
    GOVERNMENT_EMPLOYEE = "government_employee"
    PUBLIC_INSTITUTION_EMPLOYEE = "public_institution_employee"


#: The answer on each barred occupation: True (it applies), False (it does not), None (unknown).
OccupationAnswers = Mapping[Occupation, bool | None]


def occupations(*held: Occupation) -> dict[Occupation, bool | None]:
    """A complete answer on Article 8: the occupations in *held* apply, and no other does."""
    return {occupation: occupation in held for occupation in Occupation}


@dataclass(frozen=True, order=True)
class Duration:
    """A length of work experience in whole months, as people are told it ("3 years and 6 months").

    Experience is a number of years (`Facts.experience_years`); what is shown is the whole months
    it makes, rounded down, so that a shown length never claims more than the answer.
    """

    months: int

    @classmethod
    def of_years(cls, years: float) -> Duration:
        """The whole months in *years* (3.5 → 42); a float's last bit never loses a month."""
        return cls(math.floor(round(years * 12, 6)))

    @property
    def years_part(self) -> int:
        """The whole years (3 of "3 years and 6 months")."""
        return self.months // 12

    @property
    def months_part(self) -> int:
        """The months beyond the whole years (6 of "3 years and 6 months")."""
        return self.months % 12


@dataclass(frozen=True, kw_only=True)
class Facts:
    """An applicant's answers, typed; None is unknown."""

    citizenship: Citizenship | None = None
    constitution_commitment: bool | None = None
    islam_commitment: bool | None = None
    drug_addiction: bool | None = None
    criminal_record: bool | None = None
    able_bodied: bool | None = None
    gender: Gender | None = None
    military_service: MilitaryService | None = None
    degree: Degree | None = None
    degree_field: DegreeField | None = None
    seminary_level: int | None = None
    birth_date: jdatetime.date | None = None
    experience_years: float | None = None
    computer_skills: bool | None = None
    barred_occupations: OccupationAnswers | None = None
    approved_service_record: bool | None = None

    def occupation(self, occupation: Occupation) -> bool | None:
        """Whether *occupation* applies to the applicant: True, False, or None if unknown."""
        if self.barred_occupations is None:
            return None
        return self.barred_occupations.get(occupation)

    def value(self, name: str) -> object:
        """The answer named *name* (a key of `FACTS`), or None if unknown."""
        if name not in FACTS:
            raise KeyError(name)
        return getattr(self, name)

    def missing(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """Those of *names* whose answer is unknown (for occupations: partly unknown)."""
        return tuple(name for name in names if _unknown(self, name))


def _unknown(facts: Facts, name: str) -> bool:
    if name == "barred_occupations":
        return any(facts.occupation(occupation) is None for occupation in Occupation)
    return facts.value(name) is None


class FactType(StrEnum):
    """How a fact is answered."""

    BOOLEAN = "boolean"
    CHOICE = "choice"
    LEVEL = "level"  # a whole number in a range (seminary level)
    DATE = "date"  # a Jalali date
    YEARS = "years"  # a non-negative number of years
    OCCUPATIONS = "occupations"  # the occupations of Article 8 that apply


@dataclass(frozen=True)
class Choice:
    """One allowed value of a fact, with its label (a message id)."""

    value: str
    label: str


@dataclass(frozen=True)
class FactSpec:
    """What a fact is and how it is asked."""

    name: str
    type: FactType
    question: str
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


#: The label of the answer every question offers; it leaves the fact unknown.
UNKNOWN_ANSWER: Final = N_("I don't know / prefer not to say")
YES: Final = N_("Yes")
NO: Final = N_("No")

#: Labels of the occupations of Article 8, as a questioner lists them.
OCCUPATION_LABELS: Final[Mapping[Occupation, str]] = {
    Occupation.ATTORNEY: N_("Attorney (member of the bar)"),
    Occupation.LEGAL_ADVISER: N_(
        "Legal adviser under Article 187 of the Third Development Plan Law"
    ),
    Occupation.OFFICIAL_EXPERT: N_("Official judicial expert"),
    Occupation.DISMISSED_JUDGE: N_("Judge sentenced to permanent dismissal by a final judgment"),
    Occupation.DISMISSED_NOTARY: N_("Notary sentenced to permanent dismissal by a final judgment"),
    Occupation.MERCHANT: N_("Merchant, as defined by Article 2 of the Commercial Code"),
    Occupation.GOVERNMENT_EMPLOYEE: N_("Government employee or servant (serving judges included)"),
    Occupation.PUBLIC_INSTITUTION_EMPLOYEE: N_("Employee of a non-governmental public institution"),
}

_SPECS: Final[tuple[FactSpec, ...]] = (
    FactSpec(
        "citizenship",
        FactType.CHOICE,
        N_("What is your citizenship?"),
        (
            Choice(Citizenship.IRANIAN, N_("Iranian")),
            Choice(Citizenship.OTHER, N_("Not Iranian")),
        ),
    ),
    FactSpec(
        "constitution_commitment",
        FactType.BOOLEAN,
        N_("Are you practically committed to the Constitution and to velayat-e faqih?"),
    ),
    FactSpec(
        "islam_commitment",
        FactType.BOOLEAN,
        N_("Do you believe in Islam and practically observe its rules and ethics?"),
    ),
    FactSpec("drug_addiction", FactType.BOOLEAN, N_("Are you addicted to drugs?")),
    FactSpec("criminal_record", FactType.BOOLEAN, N_("Do you have a criminal record?")),
    FactSpec(
        "able_bodied",
        FactType.BOOLEAN,
        N_("Do you have the physical and mental capability that the work needs?"),
    ),
    FactSpec(
        "gender",
        FactType.CHOICE,
        N_("Are you a man or a woman?"),
        (Choice(Gender.MALE, N_("Man")), Choice(Gender.FEMALE, N_("Woman"))),
    ),
    FactSpec(
        "military_service",
        FactType.CHOICE,
        N_("What is your military-service status?"),
        (
            Choice(MilitaryService.COMPLETED, N_("Completion card")),
            Choice(MilitaryService.PERMANENT_EXEMPTION, N_("Permanent exemption")),
            Choice(MilitaryService.OTHER, N_("Neither (serving, temporary exemption, absent…)")),
        ),
    ),
    FactSpec(
        "degree",
        FactType.CHOICE,
        N_("What is your highest degree?"),
        (
            Choice(Degree.NONE, N_("No degree")),
            Choice(Degree.DIPLOMA, N_("Diploma")),
            Choice(Degree.ASSOCIATE, N_("Associate degree")),
            Choice(Degree.BACHELOR, N_("Bachelor's degree")),
            Choice(Degree.MASTER, N_("Master's degree")),
            Choice(Degree.DOCTORATE, N_("Doctorate")),
        ),
    ),
    FactSpec(
        "degree_field",
        FactType.CHOICE,
        N_("In which field is that degree?"),
        (
            Choice(DegreeField.LAW, N_("Law")),
            Choice(DegreeField.FIQH, N_("Fiqh (Islamic jurisprudence)")),
            Choice(DegreeField.JUDICIAL_SCIENCES, N_("Judicial sciences")),
            Choice(DegreeField.RELATED, N_("Another field that I consider related to these")),
            Choice(DegreeField.OTHER, N_("An unrelated field")),
        ),
    ),
    FactSpec(
        "seminary_level",
        FactType.LEVEL,
        N_("Which seminary (hawza) level have you completed?"),
        (
            Choice("0", N_("None")),
            Choice("1", N_("Level 1")),
            Choice("2", N_("Level 2")),
            Choice("3", N_("Level 3")),
            Choice("4", N_("Level 4")),
        ),
        minimum=0,
        maximum=4,
    ),
    FactSpec(
        "birth_date",
        FactType.DATE,
        N_("What is your date of birth? (Jalali, year/month/day, e.g. 1370/06/15)"),
    ),
    FactSpec(
        "experience_years",
        FactType.YEARS,
        N_(
            "How much work experience relevant to an office's work do you have, counted up to "
            "the reference date? In years, or years and months."
        ),
    ),
    FactSpec(
        "computer_skills",
        FactType.BOOLEAN,
        N_("Do you have basic computer knowledge and skills?"),
    ),
    FactSpec(
        "barred_occupations",
        FactType.OCCUPATIONS,
        N_("Do any of these apply to you now? Choose every one that does."),
        tuple(Choice(occupation, label) for occupation, label in OCCUPATION_LABELS.items()),
    ),
    FactSpec(
        "approved_service_record",
        FactType.BOOLEAN,
        N_("Do you have an approved record of service?"),
    ),
)

#: Every fact, by name, in the order of `Facts`' fields.
FACTS: Final[Mapping[str, FactSpec]] = {spec.name: spec for spec in _SPECS}
