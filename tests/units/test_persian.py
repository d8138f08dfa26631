"""Tests for bot.text.persian and bot.text.jalali: letters, digits, numbers, dates, IDs, mobiles."""

from __future__ import annotations

import ast
import datetime
import re
import string
from decimal import Decimal
from zoneinfo import ZoneInfo

import jdatetime
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from bot.text.i18n import catalog
from bot.text.jalali import (
    JALALI_MONTHS_EN,
    JALALI_MONTHS_FA,
    JalaliDateError,
    format_jalali_date,
    format_jalali_datetime,
    format_jalali_numeric,
    parse_jalali_date,
    today_in,
)
from bot.text.persian import (
    InputError,
    MobileError,
    NationalIdError,
    format_number,
    is_valid_national_id,
    localize_digits,
    match_key,
    normalize,
    normalize_letters,
    normalize_mobile,
    normalize_national_id,
    parse_int,
    to_ascii_digits,
    to_persian_digits,
)
from tests.shared import CHECKOUT

TEXT_MODULES = ("persian.py", "jalali.py")
ZWNJ = "\u200c"
TATWEEL = "\u0640"
TEHRAN = ZoneInfo("Asia/Tehran")
TODAY = jdatetime.date(1402, 5, 12)

MSG_WHOLE_NUMBER = "Please send a whole number, for example {example}."
MSG_BAD_DATE = "Please send a date like 1402/05/12."
MSG_FULL_YEAR = "Please write the year in full, for example {example}."
MSG_CHECK_YEAR = "Please check the year: {year}."
MSG_NO_MONTH = "There is no month {month}; Jalali months run from 1 to 12."
# A plural id: the str is its singular form; the count (days) chooses the form shown.
MSG_SHORT_MONTH = "That month has only {days} day in {year}."
MSG_ID_DIGITS = "Please send the national ID using digits only."
MSG_ID_LENGTH = "A national ID has 10 digits; you sent {count}."
MSG_ID_INVALID = "That national ID is not valid."
MSG_ID_CHECKSUM = "That national ID is not valid: please check the digits."
MSG_MOBILE = "Please send an Iranian mobile number like 09121234567."


def check_digit(body: str) -> str:
    """The Iranian mod-11 check digit for the first nine digits of a national ID."""
    remainder = sum(int(digit) * (10 - index) for index, digit in enumerate(body)) % 11
    return str(remainder if remainder < 2 else 11 - remainder)


# ---------------------------------------------------------------------------
# InputError
# ---------------------------------------------------------------------------


def test_input_error_keeps_msgid_and_params() -> None:
    error = InputError("{a} and {b}", a=1, b="x")
    assert isinstance(error, ValueError)
    assert error.message == "{a} and {b}"
    assert error.params == {"a": 1, "b": "x"}
    assert str(error) == "1 and x"


def test_input_error_str_never_raises_on_missing_params() -> None:
    assert str(InputError("{missing}")) == "{missing}"


@pytest.mark.parametrize("cls", [JalaliDateError, NationalIdError, MobileError])
def test_specific_errors_are_input_errors(cls: type[InputError]) -> None:
    error = cls("m", x=1)
    assert isinstance(error, InputError)
    assert (error.message, error.params) == ("m", {"x": 1})


# ---------------------------------------------------------------------------
# Letters and digits
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("علي", "علی"),
        ("مصطفى", "مصطفی"),
        ("كتاب", "کتاب"),
        ("يك", "یک"),
        ("مسئول", "مسئول"),  # ئ is kept
        ("خانۀ", "خانۀ"),  # ۀ is kept
        ("مدرسة", "مدرسة"),  # ة is not turned into ه
        ("١٢٣ ۴۵۶", "١٢٣ ۴۵۶"),  # digits are not this function's business
        ("Hello", "Hello"),
        ("", ""),
    ],
)
def test_normalize_letters(text: str, expected: str) -> None:
    assert normalize_letters(text) == expected


def test_to_ascii_digits() -> None:
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_ascii_digits("کد ۱۲۳ و ٤٥ and 6") == "کد 123 و 45 and 6"
    assert to_ascii_digits("يك") == "يك"  # letters untouched


def test_to_persian_digits() -> None:
    assert to_persian_digits("0123456789") == "۰۱۲۳۴۵۶۷۸۹"
    assert to_persian_digits("٠١٢٣٤٥٦٧٨٩") == "۰۱۲۳۴۵۶۷۸۹"
    assert to_persian_digits("ساعت 14:30") == "ساعت ۱۴:۳۰"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("fa", "۱۴۰۲/۰۵/۱۲"), ("fa_IR", "۱۴۰۲/۰۵/۱۲"), ("en", "1402/05/12"), ("de", "1402/05/12")],
)
def test_localize_digits(locale: str, expected: str) -> None:
    assert localize_digits("1402/۰۵/١٢", locale) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  سلام   دنيا  ", "سلام دنیا"),
        ("كد ۱۲۳\t\n٤٥", "کد 123 45"),
        ("می\u200cخواهم", "می\u200cخواهم"),  # ZWNJ inside a word is kept
        ("\u200cمی\u200cخواهم\u200c", "می\u200cخواهم"),  # ...but not at the ends
        ("دفتر \u200cخدمات", "دفتر خدمات"),  # ...nor next to a space
        ("دفتر\u200c خدمات", "دفتر خدمات"),
        ("دفتر \u200c خدمات", "دفتر خدمات"),
        ("می\u200c\u200cخواهم", "می\u200cخواهم"),  # doubled ZWNJ is a typo
        ("a\u00a0b\u2009c", "a b c"),  # non-breaking and thin spaces
        ("", ""),
        ("   ", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_match_key_spec_examples() -> None:
    variants = [
        "دفتر خدمات الکترونیک قضایی",
        "دفترخدمات الکترونیک قضایی",
        "دفتر\u200cخدمات الکترونیک قضایی",
        "دفتر خدمات الكترونيك قضايي",
        "  دفتر   خدمات\u200c الکترونیک قضایى ",
        "دفتـــر خدمات الکترونیک قضایی",  # tatweel
    ]
    keys = {match_key(text) for text in variants}
    assert keys == {"دفترخدماتالکترونیکقضایی"}


def test_match_key_ignores_diacritics_case_and_digit_shapes() -> None:
    assert match_key("مُحَمَّد") == match_key("محمد")
    assert match_key("کتاباً") == match_key("کتابا")
    assert match_key("Daftar Office") == match_key("daftaroffice")
    assert match_key("Straße") == match_key("STRASSE")
    assert match_key("شعبه ۱۲") == match_key("شعبه 12") == match_key("شعبه ١٢")


def test_match_key_folds_alef_and_hamza_forms() -> None:
    # Composed and decomposed آ must agree; users also often type ا for آ.
    assert match_key("آبادان") == match_key("ا\u0653بادان") == match_key("ابادان")
    assert match_key("مسئول") == match_key("مسیول")
    assert match_key("خانۀ") == match_key("خانه")


def test_match_key_folds_presentation_forms() -> None:
    assert match_key("\ufefb") == match_key("لا")  # lam-alef ligature


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        (1234567, "fa", "۱٬۲۳۴٬۵۶۷"),
        (1234567, "en", "1,234,567"),
        (0, "fa", "۰"),
        (999, "en", "999"),
        (1000, "en", "1,000"),
        (-1234, "fa", "-۱٬۲۳۴"),
        (-1234, "en", "-1,234"),
        (1234.5, "fa", "۱٬۲۳۴٫۵"),
        (1234.5, "en", "1,234.5"),
        (0.1, "en", "0.1"),
        (1e20, "en", "100,000,000,000,000,000,000"),
        (1e-5, "en", "0.00001"),
        (-0.0, "en", "0"),
        (Decimal("12.50"), "en", "12.5"),
        (Decimal("12.00"), "fa", "۱۲"),
        (Decimal("1E+3"), "en", "1,000"),
        (Decimal("-0.25"), "fa", "-۰٫۲۵"),
    ],
)
def test_format_number(value: int | float | Decimal, locale: str, expected: str) -> None:
    assert format_number(value, locale) == expected


def test_format_number_without_grouping() -> None:
    assert format_number(1234567, "fa", grouping=False) == "۱۲۳۴۵۶۷"
    assert format_number(1234567.25, "en", grouping=False) == "1234567.25"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Inf")])
def test_format_number_rejects_non_finite(value: float | Decimal) -> None:
    with pytest.raises(ValueError):
        format_number(value, "en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        ("۴۲", 42),
        ("٤٢", 42),
        (" 007 ", 7),
        ("1,234,567", 1234567),
        ("۱٬۲۳۴٬۵۶۷", 1234567),
        ("۱،۲۳۴", 1234),
        ("1 234 567", 1234567),
        ("-5", -5),
        ("\u2212۵", -5),
        ("- 12", -12),
        ("\u200f۱۲۰\u200e", 120),  # bidi marks from copy-paste
    ],
)
def test_parse_int_accepts(text: str, expected: int) -> None:
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    "text", ["", "abc", "12a", "1.5", "۱٫۵", "1,5", "12,34", "1,2345", ",123", "123,", "--1", "+"]
)
def test_parse_int_rejects(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_int(text)
    assert caught.value.message == MSG_WHOLE_NUMBER
    assert "example" in caught.value.params


# ---------------------------------------------------------------------------
# Jalali dates
# ---------------------------------------------------------------------------


def test_month_names() -> None:
    assert JALALI_MONTHS_FA[0] == "فروردین"
    assert JALALI_MONTHS_FA[11] == "اسفند"
    assert JALALI_MONTHS_EN == (
        "Farvardin",
        "Ordibehesht",
        "Khordad",
        "Tir",
        "Mordad",
        "Shahrivar",
        "Mehr",
        "Aban",
        "Azar",
        "Dey",
        "Bahman",
        "Esfand",
    )
    assert len(JALALI_MONTHS_FA) == 12


@pytest.mark.parametrize(
    "text",
    [
        "1402/05/12",
        "۱۴۰۲/۵/۱۲",
        "١٤٠٢/٠٥/١٢",
        "1402-05-12",
        "1402.05.12",
        "1402 / 5 / 12",
        "۱۴۰۲٫۰۵٫۱۲",
        "14020512",
        "۱۴۰۲۰۵۱۲",
        "  1402/05/12\n",
        "۱۲ مرداد ۱۴۰۲",
        "«۱۲ مرداد ۱۴۰۲»",
        "12 مرداد 1402",
        "۱۲مرداد۱۴۰۲",
        "۱۲ مرداد ماه ۱۴۰۲",
        "۱۲ امرداد ۱۴۰۲",
        "12 Mordad 1402",
        "12 mordad 1402",
        "12 MORDAD, 1402",
        "12 Amordad 1402",
    ],
)
def test_parse_jalali_date_forms(text: str) -> None:
    assert parse_jalali_date(text, TODAY) == jdatetime.date(1402, 5, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۱ ارديبهشت ۱۴۰۲", (1402, 2, 1)),  # Arabic ي
        ("۱ اردی بهشت ۱۴۰۲", (1402, 2, 1)),
        ("۱ اردی\u200cبهشت ۱۴۰۲", (1402, 2, 1)),
        ("1 Ordibehesht 1402", (1402, 2, 1)),
        ("۳ ابان ۱۴۰۰", (1400, 8, 3)),  # آبان typed without the madda
        ("۳ آذر ۱۴۰۰", (1400, 9, 3)),
        ("۵ دی ۱۴۰۲", (1402, 10, 5)),
        ("۵ دی\u200cماه ۱۴۰۲", (1402, 10, 5)),
        ("5 Dei 1402", (1402, 10, 5)),
        ("29 Esfand 1402", (1402, 12, 29)),
        ("۱ فروردين ۱۴۰۳", (1403, 1, 1)),
    ],
)
def test_parse_jalali_date_month_spellings(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_jalali_date(text, TODAY) == jdatetime.date(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("امروز", jdatetime.date(1402, 5, 12)),
        (" امروز ", jdatetime.date(1402, 5, 12)),
        ("دیروز", jdatetime.date(1402, 5, 11)),
        ("ديروز", jdatetime.date(1402, 5, 11)),
        ("today", jdatetime.date(1402, 5, 12)),
        ("Today", jdatetime.date(1402, 5, 12)),
        ("YESTERDAY", jdatetime.date(1402, 5, 11)),
    ],
)
def test_parse_jalali_date_relative(text: str, expected: jdatetime.date) -> None:
    assert parse_jalali_date(text, TODAY) == expected


def test_parse_jalali_date_yesterday_crosses_year() -> None:
    assert parse_jalali_date("دیروز", jdatetime.date(1403, 1, 1)) == jdatetime.date(1402, 12, 29)


def test_esfand_30_depends_on_leap_year() -> None:
    assert not jdatetime.date(1402, 1, 1).isleap()
    assert jdatetime.date(1403, 1, 1).isleap()
    assert parse_jalali_date("1403/12/30", TODAY) == jdatetime.date(1403, 12, 30)
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("1402/12/30", TODAY)
    assert caught.value.message == MSG_SHORT_MONTH
    assert caught.value.params["days"] == 29
    assert caught.value.params["year"] == 1402
    assert caught.value.params["month"] == 12
    assert caught.value.params["month_name"] == "اسفند"
    assert caught.value.params["month_name_en"] == "Esfand"
    with pytest.raises(JalaliDateError):
        parse_jalali_date("30 اسفند 1402", TODAY)


def test_mehr_has_30_days() -> None:
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("1402/07/31", TODAY)
    assert caught.value.message == MSG_SHORT_MONTH
    assert caught.value.params["days"] == 30
    assert str(caught.value) == "That month has only 30 days in 1402."
    assert parse_jalali_date("1402/06/31", TODAY) == jdatetime.date(1402, 6, 31)


@pytest.mark.parametrize(
    ("text", "message", "params"),
    [
        ("1402/13/01", MSG_NO_MONTH, {"month": 13}),
        ("1402/00/01", MSG_NO_MONTH, {"month": 0}),
        ("14021301", MSG_NO_MONTH, {"month": 13}),
        ("1600/01/01", MSG_CHECK_YEAR, {"year": 1600}),
        ("1199/01/01", MSG_CHECK_YEAR, {"year": 1199}),
        ("1800/08/03", MSG_CHECK_YEAR, {"year": 1800}),  # 2023/08/03: tests/units/test_jalali.py
        ("402/05/12", MSG_CHECK_YEAR, {"year": 402}),
        ("02/05/12", MSG_FULL_YEAR, {"example": 1402}),
        ("12 مرداد 02", MSG_FULL_YEAR, {"example": 1402}),
        # 12/05/1402 is read day first (tests/units/test_jalali.py).
        ("1402/05/00", MSG_BAD_DATE, {}),
        ("", MSG_BAD_DATE, {}),
        ("فردا", MSG_BAD_DATE, {}),
        ("hello", MSG_BAD_DATE, {}),
        ("1402/05", MSG_BAD_DATE, {}),
        ("1402512", MSG_BAD_DATE, {}),
        ("12 فلان 1402", MSG_BAD_DATE, {}),
        ("123 مرداد 1402", MSG_BAD_DATE, {}),
    ],
)
def test_parse_jalali_date_rejects(text: str, message: str, params: dict[str, object]) -> None:
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date(text, TODAY)
    assert caught.value.message == message
    for key, value in params.items():
        assert caught.value.params[key] == value


def test_year_range_bounds_are_inclusive() -> None:
    assert parse_jalali_date("1200/01/01", TODAY) == jdatetime.date(1200, 1, 1)
    assert parse_jalali_date("1500/01/01", TODAY) == jdatetime.date(1500, 1, 1)


def test_format_jalali_date() -> None:
    value = jdatetime.date(1402, 5, 12)
    assert format_jalali_date(value, "fa") == "۱۲ مرداد ۱۴۰۲"
    assert format_jalali_date(value, "en") == "12 Mordad 1402"
    assert format_jalali_date(jdatetime.date(1403, 1, 1), "en") == "1 Farvardin 1403"


def test_format_jalali_date_accepts_gregorian() -> None:
    assert format_jalali_date(datetime.date(2023, 8, 3), "fa") == "۱۲ مرداد ۱۴۰۲"
    assert format_jalali_date(datetime.date(2024, 3, 20), "en") == "1 Farvardin 1403"
    assert format_jalali_date(datetime.datetime(2023, 8, 3, 23, 0), "en") == "12 Mordad 1402"


def test_format_jalali_numeric() -> None:
    assert format_jalali_numeric(jdatetime.date(1402, 5, 12)) == "1402/05/12"
    assert format_jalali_numeric(jdatetime.date(1403, 12, 30)) == "1403/12/30"


def test_format_jalali_datetime() -> None:
    moment = datetime.datetime(2023, 8, 3, 11, 0, tzinfo=datetime.UTC)  # 14:30 in Tehran
    assert format_jalali_datetime(moment, TEHRAN, "fa") == "۱۲ مرداد ۱۴۰۲، ساعت ۱۴:۳۰"
    assert format_jalali_datetime(moment, TEHRAN, "en") == "12 Mordad 1402, 14:30"


def test_format_jalali_datetime_uses_the_zone_date() -> None:
    # 21:00 UTC is already the next day in Tehran (+03:30).
    moment = datetime.datetime(2023, 8, 3, 21, 0, tzinfo=datetime.UTC)
    assert format_jalali_datetime(moment, TEHRAN, "en") == "13 Mordad 1402, 00:30"
    assert format_jalali_datetime(moment, ZoneInfo("UTC"), "en") == "12 Mordad 1402, 21:00"


def test_format_jalali_datetime_rejects_naive() -> None:
    with pytest.raises(ValueError):
        format_jalali_datetime(datetime.datetime(2023, 8, 3, 11, 0), TEHRAN, "fa")


def test_today_in() -> None:
    now = datetime.datetime(2023, 8, 3, 21, 0, tzinfo=datetime.UTC)
    assert today_in(TEHRAN, now) == jdatetime.date(1402, 5, 13)
    assert today_in(ZoneInfo("UTC"), now) == jdatetime.date(1402, 5, 12)
    # Nowruz 1403 fell on 20 March 2024 at 06:36 Tehran time.
    nowruz = datetime.datetime(2024, 3, 19, 21, 0, tzinfo=datetime.UTC)
    assert today_in(TEHRAN, nowruz) == jdatetime.date(1403, 1, 1)
    with pytest.raises(ValueError):
        today_in(TEHRAN, datetime.datetime(2023, 8, 3))


# ---------------------------------------------------------------------------
# National ID
# ---------------------------------------------------------------------------

VALID_IDS = [
    "0499370899",
    "2168423091",
    *(body + check_digit(body) for body in ["123456789", "001354241", "987654321", "111111112"]),
]


@pytest.mark.parametrize("national_id", VALID_IDS)
def test_valid_national_ids(national_id: str) -> None:
    assert is_valid_national_id(national_id)
    assert normalize_national_id(national_id) == national_id


def test_national_id_accepts_persian_digits_and_separators() -> None:
    assert normalize_national_id("۰۴۹۹۳۷۰۸۹۹") == "0499370899"
    assert normalize_national_id(" 049-937089-9 ") == "0499370899"
    assert normalize_national_id("٠٤٩ ٩٣٧ ٠٨٩٩") == "0499370899"


@pytest.mark.parametrize(
    ("text", "message", "params"),
    [
        ("1111111111", MSG_ID_INVALID, {}),
        ("0000000000", MSG_ID_INVALID, {}),
        ("0499370898", MSG_ID_CHECKSUM, {}),
        ("1234567890", MSG_ID_CHECKSUM, {}),
        ("499370899", MSG_ID_LENGTH, {"count": 9}),  # not left-padded
        ("99370899", MSG_ID_LENGTH, {"count": 8}),
        ("04993708990", MSG_ID_LENGTH, {"count": 11}),
        ("", MSG_ID_LENGTH, {"count": 0}),
        ("04993708a9", MSG_ID_DIGITS, {}),
        ("049.937.0899", MSG_ID_DIGITS, {}),
    ],
)
def test_invalid_national_ids(text: str, message: str, params: dict[str, object]) -> None:
    assert not is_valid_national_id(text)
    with pytest.raises(NationalIdError) as caught:
        normalize_national_id(text)
    assert caught.value.message == message
    assert caught.value.params == params


def test_known_single_digit_collision_is_still_valid() -> None:
    # Remainders 1 and 10 both give check digit 1, so some one-digit typos
    # cannot be caught by the official algorithm; this pins that behaviour.
    assert is_valid_national_id("2168423091")
    assert is_valid_national_id("2168423891")


# ---------------------------------------------------------------------------
# Mobile numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "09121234567",
        "9121234567",
        "+989121234567",
        "989121234567",
        "00989121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "0912 123 4567",
        "0912-123-4567",
        "(0912) 123 4567",
        "+98 (912) 123-4567",
        "+98 912 123 4567",
        "+98 0912 123 4567",
        "\u200e+98 912 123 4567\u200e",
    ],
)
def test_normalize_mobile_accepts(text: str) -> None:
    assert normalize_mobile(text) == "09121234567"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0912123456",  # too short
        "091212345678",  # too long
        "02112345678",  # Tehran landline
        "08123456789",
        "+9309121234567",  # another country
        "+19121234567",
        "0912abc4567",
        "phone",
    ],
)
def test_normalize_mobile_rejects(text: str) -> None:
    with pytest.raises(MobileError) as caught:
        normalize_mobile(text)
    assert caught.value.message == MSG_MOBILE


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

locales = st.sampled_from(["fa", "en"])
jalali_dates = st.dates(
    min_value=jdatetime.date(1300, 1, 1).togregorian(),
    max_value=jdatetime.date(1450, 12, 29).togregorian(),
).map(lambda value: jdatetime.date.fromgregorian(date=value))
PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ"


@given(st.text())
def test_digit_round_trip(text: str) -> None:
    assert to_ascii_digits(to_persian_digits(text)) == to_ascii_digits(text)


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.integers(min_value=-(10**30), max_value=10**30), locales, st.booleans())
def test_parse_int_reads_format_number(number: int, locale: str, grouping: bool) -> None:
    assert parse_int(format_number(number, locale, grouping=grouping)) == number


@given(jalali_dates)
@example(jdatetime.date(1403, 12, 30))
@example(jdatetime.date(1300, 1, 1))
def test_numeric_date_round_trip(value: jdatetime.date) -> None:
    numeric = format_jalali_numeric(value)
    assert parse_jalali_date(numeric, TODAY) == value
    assert parse_jalali_date(to_persian_digits(numeric), TODAY) == value
    assert parse_jalali_date(numeric.replace("/", ""), TODAY) == value


@given(jalali_dates, locales)
def test_worded_date_round_trip(value: jdatetime.date, locale: str) -> None:
    text = format_jalali_date(value, locale)
    assert parse_jalali_date(text, TODAY) == value
    assert parse_jalali_date(to_persian_digits(text), TODAY) == value
    assert parse_jalali_date(to_ascii_digits(text), TODAY) == value


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2070, 1, 1)))
def test_gregorian_and_jalali_format_agree(value: datetime.date) -> None:
    jalali = jdatetime.date.fromgregorian(date=value)
    assert format_jalali_date(value, "fa") == format_jalali_date(jalali, "fa")


@given(st.text(string.digits, min_size=9, max_size=9), st.data())
def test_normalize_mobile_accepts_every_form(rest: str, data: st.DataObject) -> None:
    mobile = "09" + rest
    national = mobile[1:]
    forms = [
        mobile,
        national,
        "+98" + national,
        "98" + national,
        "0098" + national,
        "+98 0" + national,
        f"+98 ({national[:3]}) {national[3:6]}-{national[6:]}",
        f"{mobile[:4]} {mobile[4:7]} {mobile[7:]}",
        f"{mobile[:4]}-{mobile[4:7]}-{mobile[7:]}",
    ]
    form = data.draw(st.sampled_from(forms))
    assert normalize_mobile(form) == mobile
    assert normalize_mobile(to_persian_digits(form)) == mobile
    assert normalize_mobile(form.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))) == mobile


@given(st.text(string.digits, min_size=9, max_size=9))
def test_generated_national_id_is_valid(body: str) -> None:
    national_id = body + check_digit(body)
    assume(len(set(national_id)) > 1)
    assert normalize_national_id(national_id) == national_id
    assert normalize_national_id(to_persian_digits(national_id)) == national_id


@given(
    st.text(string.digits, min_size=9, max_size=9),
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_single_digit_change_is_caught(body: str, position: int, shift: int) -> None:
    national_id = body + check_digit(body)
    assume(len(set(national_id)) > 1)
    new_digit = str((int(national_id[position]) + shift) % 10)
    changed = national_id[:position] + new_digit + national_id[position + 1 :]
    if position == 9 or national_id[9] != "1":
        # The check digit maps remainders 0..10 to 0,1,9..1: only check digit 1
        # (remainders 1 and 10) is shared, so every other single change is caught.
        assert not is_valid_national_id(changed)
    else:
        assert is_valid_national_id(changed) == (check_digit(changed[:9]) == "1")


def _spacings(word: str) -> st.SearchStrategy[str]:
    """Spell *word* with random spaces/ZWNJ between letters and Arabic ي/ك look-alikes."""
    gaps = st.lists(st.sampled_from(["", " ", ZWNJ, "  ", TATWEEL]), min_size=len(word))
    swaps = {"ی": ["ی", "ي", "ى"], "ک": ["ک", "ك"]}

    def spell(parts: tuple[list[str], list[str]]) -> str:
        letters, between = parts
        return "".join(letter + gap for letter, gap in zip(letters, between, strict=False))

    letters = st.tuples(*(st.sampled_from(swaps.get(letter, [letter])) for letter in word))
    return st.tuples(letters.map(list), gaps).map(spell)


@given(
    st.text(PERSIAN_LETTERS, min_size=1, max_size=12).flatmap(
        lambda w: st.tuples(st.just(w), _spacings(w))
    )
)
def test_match_key_ignores_spacing_and_letter_forms(pair: tuple[str, str]) -> None:
    word, spelled = pair
    assert match_key(spelled) == match_key(word)


# ---------------------------------------------------------------------------
# Catalogs
# ---------------------------------------------------------------------------


def _msgids_in_module() -> set[str]:
    """Every literal passed to N_ in bot/text/persian.py and bot/text/jalali.py."""
    text = CHECKOUT / "bot" / "text"
    trees = [ast.parse((text / name).read_text(encoding="utf-8")) for name in TEXT_MODULES]
    return {
        node.args[0].value
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "N_"
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_the_catalogs_translate_every_message_of_this_module() -> None:
    msgids = _msgids_in_module()
    assert MSG_BAD_DATE in msgids
    fa, en = catalog("fa"), catalog("en")
    for msgid in msgids:
        assert en.get(msgid) == msgid
        assert fa.get(msgid), msgid
        assert _placeholders(fa[msgid]) == _placeholders(msgid), msgid
        assert not re.search(r"[0-9]", fa[msgid]), fa[msgid]
