# ruff: noqa: E501
# The clauses are the law as printed: one string each, never wrapped, so that a search of the
# published text finds them.
"""Disciplinary law of directive 100/9970/9000 (1392/2/28): Articles 12 and 22–26, as data.

- `VIOLATIONS`: Art. 25's fourteen disciplinary violations (`Violation`: `id` "25.1"…"25.14",
  `article`, `clause`, Persian `text` as printed, English `name` msgid, `read_as` and `notes`
  where the print is defective).
- `CITIZEN_CHOICES`: every clause of Art. 25 in a citizen's plain words (`CitizenChoice`:
  `key`, `label_msgid`, `violation_id`, `common`): those a client witnesses first, the others
  under "More matters"; "another matter" (`ANOTHER_MATTER`) has no clause: the complaint is
  filed unclassified (`UNCLASSIFIED`), for the Association to classify.
- `SANCTIONS`: Art. 23's six sanctions in rising order (`Sanction`: `degree`, `text_fa`,
  `name_msgid`, and for degree 5 the bounds 3–24 months); `is_final_at_once(degree)` and
  `appealable(degree)` apply Art. 24.
- `escalation_floor(earlier, committed_on)` / `check_escalation(new_degree, earlier,
  committed_on)`: Art. 26 note 3, the repeat offender.
- `ARTICLE_12`, `ARTICLE_22`, `ARTICLE_24`, `ARTICLE_26`, `ARTICLE_26_NOTES`: the other texts
  the complaint and notice features cite, and `WITHDRAWAL_EXPLANATION` (Art. 26 note 2) for a
  complainant who withdraws.

    >>> import jdatetime
    >>> earlier = [EarlierSanction(2, final_on=jdatetime.date(1403, 1, 10))]
    >>> escalation_floor(earlier, committed_on=jdatetime.date(1403, 5, 1))
    2
    >>> escalation_floor(earlier, committed_on=jdatetime.date(1403, 1, 10)) is None
    True

The Persian texts are copied from the published text word for word, with its defects: the
extracted text lost its zero-width non-joiners ("هزینههای"), 25.1 prints "قدم نصب" (read "عدم
نصب"), 25.7 "اکترونیک" (for "الکترونیک"), 25.13 "مسعول" (for "مسئول") and Article 25's opening
"انظامی" (for "انتظامی"). Two things of the extraction are not the text and are undone here: the
tatweel (ـ) that stretched the justified lines of notes 2 and 3 of Article 26, and the order of
the words of note 3, which the line wrapping of right-to-left text scrambled (see
`ARTICLE_26_NOTE_3_AS_EXTRACTED`). The law is never translated; strings for people are English
message ids, translated in `locales/`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import jdatetime

from bot.rules.markers import N_
from bot.rules.model import Params, PrintedClause

# ---- Article 12: the Associations ----

ARTICLE_12: Final = PrintedClause(
    "12",
    "۱۲",
    "قوه قضاییه جهت هماهنگی کلیه امور صنفی مربوط و نظارت بر حسن اجرای امور دفاتر، کانون دفاتر خدمات الکترونیک قضایی را در تهران و سایر مراکز استان حسب نیاز تحت نظارت خود تشکیل میدهد. کانون دارای استقلال مالی و از نظر نظامات، تابع قوه قضاییه خواهد بود. تا زمانی که در استانی کانون تشکیل نشده باشد، امور مربوط به دفاتر آن استان به عهده نزدیکترین کانون به آن استان میباشد.",
)

# ---- Article 22: who hears complaints ----

ARTICLE_22: Final = PrintedClause(
    "22",
    "۲۲",
    "شکایات واصله از دفاتر و تخلفات گزارش شده در هیئت بدوی، مورد رسیدگی قرار میگیرد.",
)

# ---- Article 23: the sanctions ----

ARTICLE_23_OPENING: Final = "اقدامات تنبیهی انتظامی به قرار زیر است:"

#: The bounds of a temporary suspension (Art. 23.5: "از سه ماه تا دو سال"), in months.
SUSPENSION_MIN_MONTHS: Final = 3
SUSPENSION_MAX_MONTHS: Final = 24


@dataclass(frozen=True)
class Sanction:
    """One of Article 23's disciplinary sanctions; a higher degree is a heavier sanction."""

    degree: int  # 1…6, the clause of Article 23
    text_fa: str  # the clause in Persian, as printed
    name_msgid: str  # the glossary's English name (message id)
    min_months: int | None = None  # only degree 5 has a duration
    max_months: int | None = None

    @property
    def id(self) -> str:
        """The citation, e.g. "23.5"."""
        return f"23.{self.degree}"

    @property
    def final_at_once(self) -> bool:
        """Whether the ruling is final when given (Art. 24)."""
        return is_final_at_once(self.degree)

    @property
    def appealable(self) -> bool:
        """Whether the ruling can be appealed to the Appeals Board (Art. 24)."""
        return appealable(self.degree)

    def months_allowed(self, months: int | None) -> bool:
        """Whether *months* is a duration this sanction allows (None: a sanction without one)."""
        if self.min_months is None or self.max_months is None:
            return months is None
        return months is not None and self.min_months <= months <= self.max_months


SANCTIONS: Final[Mapping[int, Sanction]] = {
    1: Sanction(1, "تذکر شفاهی", N_("Verbal warning")),
    2: Sanction(2, "اخطار کتبی", N_("Written warning")),
    3: Sanction(3, "توبیخ کتبی با درج در پرونده", N_("Written reprimand entered in the file")),
    4: Sanction(4, "توبیخ با درج در سایت مرکز", N_("Reprimand published on the Center's website")),
    5: Sanction(
        5,
        "تعلیق موقت پروانه از سه ماه تا دو سال",
        N_("Temporary suspension of the licence (three months to two years)"),
        min_months=SUSPENSION_MIN_MONTHS,
        max_months=SUSPENSION_MAX_MONTHS,
    ),
    6: Sanction(6, "لغو دائم پروانه", N_("Permanent revocation of the licence")),
}


def _sanction(degree: int) -> Sanction:
    """The sanction of *degree*, or ValueError: Article 23 has six."""
    try:
        return SANCTIONS[degree]
    except KeyError:
        raise ValueError(f"Article 23 has sanctions of degree 1 to 6, not {degree!r}") from None


# ---- Article 24: finality and appeal ----

ARTICLE_24: Final = PrintedClause(
    "24",
    "۲۴",
    "محکومیتهای ردیف یک تا چهار ماده فوق قطعی و بقیه با اعتراض محکومعلیه یا رییس مرکز قابل تجدیدنظر در هیئت تجدیدنظر است. اعضای هیئت تجدیدنظر همان اعضای شورای مشورتی میباشند.",
)

#: Who may appeal a sanction of degree 5 or 6 (Art. 24), as message ids.
APPELLANTS: Final = (N_("the sanctioned person"), N_("the Head of the Center"))

FINAL_AT_ONCE: Final = N_("This ruling is final: sanctions 1 to 4 cannot be appealed (Article 24).")
APPEALABLE: Final = N_(
    "This ruling can be appealed to the Appeals Board by the sanctioned person or by the Head of "
    "the Center (Article 24)."
)
#: Art. 24 sets no deadline; a deadline Daftar applies is configuration and must say so.
NO_APPEAL_DEADLINE: Final = N_(
    "The directive sets no deadline for an appeal; the deadline shown is a setting of this "
    "service, not the directive's."
)


def is_final_at_once(degree: int) -> bool:
    """Whether a sanction of *degree* is final when given: degrees 1 to 4 (Art. 24)."""
    return _sanction(degree).degree <= 4


def appealable(degree: int) -> bool:
    """Whether a sanction of *degree* can be appealed: degrees 5 and 6 (Art. 24).

    The appeal goes to the Appeals Board (the Advisory Council's members), brought by the
    sanctioned person or by the Head of the Center (`APPELLANTS`).
    """
    return not is_final_at_once(degree)


def finality_msgid(degree: int) -> str:
    """What a notice of a sanction of *degree* says about its finality (a message id)."""
    return FINAL_AT_ONCE if is_final_at_once(degree) else APPEALABLE


# ---- Article 25: the violations ----

ARTICLE_25_OPENING: Final = "تخلفات انظامی مدیر و کارکنان دفاتر به قرار زیر است:"


@dataclass(frozen=True)
class Violation:
    """One of Article 25's disciplinary violations of office managers and staff."""

    id: str  # "25.N"
    article: int
    clause: int
    text: str  # the clause in Persian, as printed (defects kept)
    name: str  # the violation's English name (message id)
    read_as: str = ""  # the Persian as read, where the print is defective
    notes: tuple[str, ...] = ()  # readings of the printed text (message ids)

    @property
    def reading(self) -> str:
        """The Persian text as read: `read_as` where the print is defective, else `text`."""
        return self.read_as or self.text


_NOTE_25_1: Final = N_('Printed "قدم نصب", a typo; read "عدم نصب" (failure to post).')
_NOTE_25_7: Final = N_('Printed "اکترونیک", a typo; read "الکترونیک" (electronic).')
_NOTE_25_13: Final = N_('Printed "مسعول", a typo; read "مسئول" (responsible, authorised).')


def _violation(
    clause: int, text: str, name: str, *, read_as: str = "", notes: tuple[str, ...] = ()
) -> Violation:
    return Violation(
        id=f"25.{clause}",
        article=25,
        clause=clause,
        text=text,
        name=name,
        read_as=read_as,
        notes=notes,
    )


_VIOLATIONS: Final = (
    _violation(
        1,
        "قدم نصب هزینه خدمات در محل مناسب",
        N_("Failing to post the service fees in a suitable place"),
        read_as="عدم نصب هزینه خدمات در محل مناسب",
        notes=(_NOTE_25_1,),
    ),
    _violation(
        2,
        "عدم حضور مدیر در ساعات اداری دفتر خدمات قضایی بدون عذر موجه",
        N_("The office manager's absence during office hours without a valid excuse"),
    ),
    _violation(
        3,
        "تأخیر در ارسال آمار و اطلاعات درخواستی مراجع ذیصلاح",
        N_("Delay in sending statistics and information requested by competent authorities"),
    ),
    _violation(
        4,
        "تأخیر غیرموجه در ارسال یا درج اطلاعات یا اسناد مربوط در سامانه یا در سایر فرایندهای خدمات یا تقصیر در امور مذکور",
        N_(
            "Unjustified delay in sending or entering information or documents into the system "
            "or in other service processes, or fault in them"
        ),
    ),
    _violation(
        5,
        "عدم حضور فعال در دورههای آموزشی تعیین شده توسط مرکز",
        N_("Not actively attending training courses set by the Center"),
    ),
    _violation(
        6,
        "عدم تحویل قبض رسید وجوه به ارباب رجوع",
        N_("Not giving clients a receipt for money paid"),
    ),
    _violation(
        7,
        "عدم رعایت نکات امنیتی در حفاظت از اطلاعات و سامانه خدمات اکترونیک قضایی مطابق با ضوابط ابلاغی مرکز",
        N_(
            "Not following the security rules set by the Center for protecting information and "
            "the judicial e-services system"
        ),
        read_as="عدم رعایت نکات امنیتی در حفاظت از اطلاعات و سامانه خدمات الکترونیک قضایی مطابق با ضوابط ابلاغی مرکز",
        notes=(_NOTE_25_7,),
    ),
    _violation(
        8,
        "رفتار خارج از نزاکت با ارباب رجوع و همکاران",
        N_("Impolite behaviour towards clients and colleagues"),
    ),
    _violation(9, "عدم همکاری با بازرسان", N_("Not cooperating with inspectors")),
    _violation(
        10,
        "خودداری از تحویل رونوشت به کسانی که قانوناً حق دریافت آن را دارند.",
        N_("Refusing to hand a copy to those legally entitled to it"),
    ),
    _violation(
        11,
        "امتناع از واریز وجوه به حسابهای مربوط که پرداخت آنها الزامی است.",
        N_("Refusing to deposit money into the accounts where payment is mandatory"),
    ),
    _violation(
        12,
        "دریافت وجه بیشتر از هزینههای تعیین شده.",
        N_("Charging more than the set fees"),
    ),
    _violation(
        13,
        "افشای اطلاعات اصحاب دعوا به افراد غیر مسعول و عدم رعایت حریم خصوصی.",
        N_("Disclosing litigants' information to unauthorised persons, and not respecting privacy"),
        read_as="افشای اطلاعات اصحاب دعوا به افراد غیر مسئول و عدم رعایت حریم خصوصی.",
        notes=(_NOTE_25_13,),
    ),
    _violation(
        14,
        "عدم رعایت مقررات و ضوابط مربوط",
        N_("Not complying with the relevant rules and regulations"),
    ),
)

#: Article 25's violations by id, in the directive's order.
VIOLATIONS: Final[Mapping[str, Violation]] = {v.id: v for v in _VIOLATIONS}


# ---- what a citizen can witness ----


@dataclass(frozen=True)
class CitizenChoice:
    """One thing a citizen can complain of, in plain words, and the violation it is.

    `violation_id` is None for "another matter": the complaint is filed unclassified, for the
    Association to classify; it is never filed as clause 14 ("the relevant rules") on the
    citizen's behalf. `common` choices are offered at once; the others under "More matters".
    """

    key: str  # stable, stored with unfinished conversations
    label_msgid: str  # the plain-language label (message id)
    violation_id: str | None  # the clause of Article 25; None: unclassified
    common: bool = True

    @property
    def violation(self) -> Violation | None:
        """The violation this choice is (None: unclassified, for the Association)."""
        return None if self.violation_id is None else VIOLATIONS[self.violation_id]


#: The key of "another matter": filed with no clause, for the Association to classify.
ANOTHER_MATTER: Final = "something_else"
#: How staff views name a complaint (or part of one) the citizen did not classify.
UNCLASSIFIED: Final = "unclassified"

#: What a citizen is offered, in this order. Offered at once: what a client sees at the counter
#: or in their own file: 25.1 (the fees board), 25.2 (the manager's absence in office hours),
#: 25.4 (their documents not entered or sent), 25.6 (no receipt), 25.8 (rudeness to clients),
#: 25.10 (a copy refused), 25.12 (charged above the fees), 25.13 (their information disclosed).
#: Under "More matters": the office's duties to others, which a client rarely sees but may know
#: of: 25.3 (statistics for the authorities), 25.5 (the Center's training), 25.7 (the Center's
#: security rules), 25.9 (inspectors), 25.11 (deposits into mandatory accounts), and 25.14 (the
#: relevant rules and regulations). "Another matter" has no clause (see `CitizenChoice`).
CITIZEN_CHOICES: Final[tuple[CitizenChoice, ...]] = (
    CitizenChoice("fees_not_posted", N_("The office's fees were not posted"), "25.1"),
    CitizenChoice(
        "manager_absent", N_("The office manager was absent during office hours"), "25.2"
    ),
    CitizenChoice(
        "documents_not_sent",
        N_("My documents were not entered or sent, or were unreasonably delayed"),
        "25.4",
    ),
    CitizenChoice("no_receipt", N_("I was not given a receipt for what I paid"), "25.6"),
    CitizenChoice("rude_behaviour", N_("I was treated rudely"), "25.8"),
    CitizenChoice("copy_refused", N_("I was refused a copy I am entitled to"), "25.10"),
    CitizenChoice("overcharged", N_("I was charged more than the official fee"), "25.12"),
    CitizenChoice(
        "information_disclosed", N_("My information was disclosed to someone else"), "25.13"
    ),
    CitizenChoice(ANOTHER_MATTER, N_("Another matter (the Association will classify it)"), None),
    CitizenChoice(
        "statistics_delayed",
        N_("The office delayed statistics or information the authorities asked for"),
        "25.3",
        common=False,
    ),
    CitizenChoice(
        "training_missed",
        N_("The office's manager or staff did not take an active part in the Center's training"),
        "25.5",
        common=False,
    ),
    CitizenChoice(
        "security_not_kept",
        N_("Information or the judicial e-services system was not kept secure"),
        "25.7",
        common=False,
    ),
    CitizenChoice(
        "inspectors_refused",
        N_("The office did not cooperate with inspectors"),
        "25.9",
        common=False,
    ),
    CitizenChoice(
        "deposit_refused",
        N_("The office refused to deposit money into the accounts it must pay into"),
        "25.11",
        common=False,
    ),
    CitizenChoice(
        "rules_not_followed",
        N_("The office did not follow another rule or regulation that applies to it"),
        "25.14",
        common=False,
    ),
)

#: The citizen's choices by key.
CITIZEN_CHOICES_BY_KEY: Final[Mapping[str, CitizenChoice]] = {c.key: c for c in CITIZEN_CHOICES}


# ---- Article 26: crimes, withdrawal, repeat offenders ----

ARTICLE_26: Final = PrintedClause(
    "26",
    "۲۶",
    "چنانچه هیئتهای بدوی و تجدیدنظر در حین رسیدگی به تخلفات از وقوع جرمی مطلع گردند مکلفند مراتب را به مرجع قضایی ذیصلاح اعلام نمایند.",
)

#: Note 3 as the extraction gives it (tatweel removed): the line wrapping of right-to-left text
#: moved "مرتکب تخلف گردد،" to the front of its line and split "مجدداً" from its tanvin.
ARTICLE_26_NOTE_3_AS_EXTRACTED: Final = "در صورتی که مدیر دفتر به ً مرتکب تخلف گردد، حسب مورد به محکومیتهای انتظامی ردیفهای یک تا چهار محکوم و پس از قطعیت حکم مجددا درجات بالاتر از حکم قبلی محکوم خواهد شد."

#: The notes of Article 26 (tatweel removed; note 3 in reading order, the printed words only:
#: "به حسب مورد" joins the "به" that ends the first printed line to the next).
ARTICLE_26_NOTES: Final[Mapping[int, PrintedClause]] = {
    1: PrintedClause(
        "26.note1",
        "تبصره ۱",
        "رسیدگی به جرائم توسط مرجع قضایی ذیصلاح مانع از رسیدگی به تخلفات انتظامی نخواهد بود.",
    ),
    2: PrintedClause(
        "26.note2",
        "تبصره ۲",
        "استرداد شکایت مانع رسیدگی انتظامی نیست، لیکن در فرض محکومیت موجب تخفیف مجازات است.",
    ),
    3: PrintedClause(
        "26.note3",
        "تبصره ۳",
        "در صورتی که مدیر دفتر به حسب مورد به محکومیتهای انتظامی ردیفهای یک تا چهار محکوم و پس از قطعیت حکم مجدداً مرتکب تخلف گردد، درجات بالاتر از حکم قبلی محکوم خواهد شد.",
    ),
}

#: Shown to a complainant who withdraws (Art. 26 note 2).
WITHDRAWAL_EXPLANATION: Final = N_(
    "Withdrawing your complaint does not stop the case: the Primary Disciplinary Board still "
    "hears it. If the office is found at fault, your withdrawal mitigates its sanction "
    "(Article 26, note 2)."
)
#: Shown to the board when the complaint before it was withdrawn (Art. 26 note 2).
WITHDRAWAL_MITIGATES: Final = N_(
    "The complainant withdrew the complaint. The case continues, but if the office is found at "
    "fault its sanction must be mitigated (Article 26, note 2)."
)

ESCALATION_CITATION: Final = "26.note3"


@dataclass(frozen=True)
class EarlierSanction:
    """A sanction given earlier to the same office manager, and the day it became final.

    `final_on` is None while the ruling is not final (a sanction of degree 5 or 6 under appeal).
    Sanctions of degrees 1 to 4 are final when given (Art. 24), so theirs is the ruling's date.
    """

    degree: int
    final_on: jdatetime.date | None


class EscalationRequired(ValueError):
    """A new sanction that Article 26 note 3 forbids: it must exceed an earlier final one.

    `message` is a message id filled with `params`; `citation` is "26.note3".
    """

    def __init__(self, *, minimum_degree: int, earlier_degree: int, new_degree: int) -> None:
        self.message = N_(
            "The office manager was given a sanction of degree {earlier_degree} that became "
            "final before this violation, so the new sanction must be of a higher degree: at "
            "least degree {minimum_degree} (Article 26, note 3)."
        )
        self.params: Params = {
            "earlier_degree": earlier_degree,
            "minimum_degree": minimum_degree,
            "new_degree": new_degree,
        }
        self.minimum_degree = minimum_degree
        self.earlier_degree = earlier_degree
        self.new_degree = new_degree
        self.citation = ESCALATION_CITATION
        super().__init__(
            f"{ESCALATION_CITATION}: degree {new_degree} given, at least {minimum_degree} required"
        )


def previous_final(
    earlier: Sequence[EarlierSanction], committed_on: jdatetime.date
) -> EarlierSanction | None:
    """Art. 26 note 3's "previous ruling" (حکم قبلی): of the manager's earlier sanctions of
    degree 1 to 4, the one that became final most recently strictly before *committed_on*.

    Of two final on the same day, the later in *earlier*'s order (pass them oldest first).
    """
    found: EarlierSanction | None = None
    for sanction in earlier:
        degree = _sanction(sanction.degree).degree
        if degree > 4 or sanction.final_on is None or not sanction.final_on < committed_on:
            continue
        if found is None or found.final_on is None or sanction.final_on >= found.final_on:
            found = sanction
    return found


def escalation_floor(
    earlier: Sequence[EarlierSanction], committed_on: jdatetime.date
) -> int | None:
    """The degree a new sanction must exceed under Art. 26 note 3, or None when note 3 is silent.

    That is the degree of the *previous* ruling (`previous_final`): the manager's earlier
    sanction of degree 1 to 4 that became final most recently before *committed_on*, the day the
    new violation was committed. Note 3 is mandatory ("محکوم خواهد شد", shall be sentenced): no
    one may depart from the floor.

    Readings:

    - "پس از قطعیت حکم مجدداً مرتکب تخلف گردد" (commits a violation again after the ruling
      became final) is read strictly: `final_on < committed_on`. A violation committed on the
      day the ruling became final does not count, because a date alone cannot tell which came
      first, and a rule that makes a sanction heavier is read in favour of the person sanctioned.
      A ruling not yet final (`final_on` None) never counts.
    - Note 3 speaks of rulings "of rows one to four" only: earlier sanctions of degree 5 or 6 do
      not set a floor under it (a new sanction after them is left to the board).
    - "بالاتر از حکم قبلی" (higher than the previous ruling) names one ruling, the previous one:
      with several earlier final rulings, the floor is the most recent one's degree, not the
      highest of them.
    - Note 3 names the office manager (مدیر دفتر): pass the earlier sanctions of the same manager;
      for other staff there is no floor.
    """
    previous = previous_final(earlier, committed_on)
    return None if previous is None else previous.degree


def check_escalation(
    new_degree: int, earlier: Sequence[EarlierSanction], committed_on: jdatetime.date
) -> None:
    """Raise `EscalationRequired` when *new_degree* does not exceed the floor of note 3."""
    _sanction(new_degree)
    floor = escalation_floor(earlier, committed_on)
    if floor is not None and new_degree <= floor:
        raise EscalationRequired(
            minimum_degree=floor + 1, earlier_degree=floor, new_degree=new_degree
        )
