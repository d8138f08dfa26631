"""Tests for bot.text.jalali's stored form, month lengths and typed dates (day first, Gregorian),
and the JalaliDate column type."""

from __future__ import annotations

import datetime

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from bot.domain.eligibility_answers import AnswerError, parse_fact
from bot.text.i18n import translator
from bot.text.jalali import (
    GREGORIAN_DATE,
    GregorianDateError,
    JalaliDateError,
    add_jalali_months,
    days_in_month,
    format_stored_date,
    parse_jalali_date,
    parse_stored_date,
)
from storage.types import JalaliDate

# Gregorian 622 to 2600: Jalali years 1 to 1979, all zero-padded to four digits.
DAYS = st.dates(datetime.date(622, 3, 22), datetime.date(2600, 1, 1)).map(
    lambda day: jdatetime.date.fromgregorian(date=day)
)
DIALECTS = [sqlite.dialect(), postgresql.dialect()]  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("year", range(1300, 1501))
def test_days_in_month_is_the_last_day_jdatetime_accepts(year: int) -> None:
    for month in range(1, 13):
        last = days_in_month(year, month)
        jdatetime.date(year, month, last)
        with pytest.raises(ValueError):
            jdatetime.date(year, month, last + 1)


def test_esfand_has_a_leap_day_in_leap_years_only() -> None:
    assert days_in_month(1403, 12) == 30
    assert days_in_month(1402, 12) == 29


def test_add_jalali_months_clamps_to_a_shorter_month() -> None:
    assert add_jalali_months(jdatetime.date(1403, 12, 30), 12) == jdatetime.date(1404, 12, 29)


@given(DAYS)
def test_a_stored_date_reads_back_as_itself(day: jdatetime.date) -> None:
    assert parse_stored_date(format_stored_date(day)) == day


@pytest.mark.parametrize(
    "text", ["1403/8/15", "۱۴۰۳/۰۸/۱۵", "14030815", "1403-08-15", "امروز", " 1403/08/15"]
)
def test_the_stored_form_is_the_only_one_read_back(text: str) -> None:
    # Each of these is fine typed by a person (or nearly so), never in the store.
    with pytest.raises(ValueError):
        parse_stored_date(text)


def test_an_impossible_stored_date_is_an_error() -> None:
    with pytest.raises(ValueError):
        parse_stored_date("1402/12/30")


@pytest.mark.parametrize("dialect", DIALECTS)
@given(day=DAYS)
def test_the_column_type_writes_the_stored_form(dialect: object, day: jdatetime.date) -> None:
    column = JalaliDate()
    written = column.process_bind_param(day, dialect)  # type: ignore[arg-type]
    assert written == format_stored_date(day)
    assert column.process_result_value(written, dialect) == day  # type: ignore[arg-type]


def test_the_column_type_keeps_none_and_refuses_text() -> None:
    column, dialect = JalaliDate(), sqlite.dialect()  # type: ignore[no-untyped-call]
    assert column.process_bind_param(None, dialect) is None
    assert column.process_result_value(None, dialect) is None
    with pytest.raises(TypeError):
        column.process_bind_param("1403/08/15", dialect)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        column.process_result_value("1403/8/15", dialect)


def test_a_stored_answer_is_read_in_the_stored_form_only() -> None:
    assert parse_fact("birth_date", "1370/06/15", today=None) == jdatetime.date(1370, 6, 15)
    with pytest.raises(AnswerError):
        parse_fact("birth_date", "امروز", today=None)
    # What a person types is still read leniently against the day given.
    today = jdatetime.date(1403, 8, 15)
    assert parse_fact("birth_date", "امروز", today=today) == today
    assert parse_jalali_date("۱۵ آبان ۱۴۰۳", today) == today


# ---- typed dates: day first, and Gregorian dates ----

TODAY = jdatetime.date(1403, 8, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/5/1403", (1403, 5, 12)),
        ("۱۲/۵/۱۴۰۳", (1403, 5, 12)),
        ("12-05-1403", (1403, 5, 12)),
        ("5/12/1403", (1403, 12, 5)),
        ("1403/5/12", (1403, 5, 12)),
    ],
)
def test_a_date_with_the_year_last_is_read_day_first(
    text: str, expected: tuple[int, int, int]
) -> None:
    assert parse_jalali_date(text, TODAY) == jdatetime.date(*expected)


def test_a_day_first_date_is_checked_like_any_other() -> None:
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("31/7/1403", TODAY)
    assert caught.value.message == "That month has only {days} day in {year}."
    assert caught.value.params["days"] == 30


def test_a_two_digit_year_still_asks_for_the_year_in_full() -> None:
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("12/5/03", TODAY)
    assert caught.value.message == "Please write the year in full, for example {example}."


@pytest.mark.parametrize("text", ["2024-08-02", "2024/8/2", "02/08/2024", "20240802", "۲۰۲۴-۰۸-۰۲"])
def test_a_gregorian_date_is_named_as_one_with_the_same_jalali_day(text: str) -> None:
    with pytest.raises(GregorianDateError) as caught:
        parse_jalali_date(text, TODAY)
    error = caught.value
    assert error.jalali == jdatetime.date(1403, 5, 12)
    assert error.message == GREGORIAN_DATE
    assert translator("en")(error.message, **error.params) == (
        "That looks like a Gregorian date. Please give the Jalali date, for example 1403/05/12."
    )
    assert translator("fa")(error.message, **error.params) == (
        "این تاریخ میلادی به نظر می‌رسد. لطفاً تاریخ شمسی را بنویسید، برای نمونه ۱۴۰۳/۰۵/۱۲."
    )


def test_a_gregorian_year_with_an_impossible_day_still_asks_for_a_jalali_date() -> None:
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("2023/02/30", TODAY)
    assert not isinstance(caught.value, GregorianDateError)
    assert caught.value.message == GREGORIAN_DATE
    assert caught.value.params == {"example": "1403/08/15"}  # today, in the Jalali calendar


def test_a_jalali_month_name_with_a_gregorian_year_is_not_converted() -> None:
    # "12 Mordad 2024" mixes the calendars: the month is Jalali, so the year is the mistake.
    with pytest.raises(JalaliDateError) as caught:
        parse_jalali_date("12 مرداد 2024", TODAY)
    assert not isinstance(caught.value, GregorianDateError)
    assert caught.value.message == "Please check the year: {year}."
