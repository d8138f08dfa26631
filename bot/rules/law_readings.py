"""The published text's known defects and the settings no article sets (see `law_coverage`).

`DEFECTS` are the known defects of the published text, each with the provision it is in, the
words as printed and the reading the product applies (never a "fix" of the law).
`SETTINGS_NOT_LAW` are the settings that no article sets at all (limits, retention,
plausibility). `SUPERSESSION` is the caveat every summary carries: the 1401 regulation on these
offices may supersede parts of this directive where it is in force.

Pure data, re-exported by `bot.rules.law_coverage`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


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
    SettingNotLaw(
        "appeals_board_may_raise_on_own_appeal",
        "whether the Appeals Board may make the sanction heavier when only the manager appealed",
        ("24",),
    ),
    SettingNotLaw(
        "publication_chat",
        "a public chat where a final degree-4 reprimand is also posted (the website is the venue)",
        ("23",),
    ),
    SettingNotLaw("complaints_per_day", "how many complaints one person may file in 24 hours"),
    SettingNotLaw("complaint_retention_days", "how long a complaint's personal details are kept"),
    SettingNotLaw("evidence_max_mb", "the size limit of a photo or document sent as evidence"),
    SettingNotLaw(
        "eligibility_reference_date", "the date ages are taken on (a call's date)", ("5", "6", "7")
    ),
    SettingNotLaw("minimum_working_age", "a plausibility check of years of experience", ("5",)),
    SettingNotLaw("invite_days", "how long a manager's invite code is valid"),
    SettingNotLaw("notice_reminders", "how many times an unacknowledged notice is reminded"),
    SettingNotLaw(
        "monthly_report",
        "whether the previous month's report goes to the Directorate's chats on the 1st",
        ("9", "15"),
    ),
    SettingNotLaw("monthly_report_scopes", "what the monthly reports cover", ("15",)),
    SettingNotLaw("monthly_report_hour", "from what hour of the 1st the monthly report is due"),
)

#: The caveat every summary of the coverage carries.
SUPERSESSION: Final = (
    "The 1401 regulation on Judicial E-Services Offices may supersede parts of this directive "
    "where it is in force; Daftar encodes the 1392 directive only. A later regulation would be "
    "added beside it as a new edition, not written over it."
)
