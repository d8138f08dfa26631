"""The fee tariff (Art. 9(c)) and whether a client paid more than the fee (Art. 25.12)."""

from __future__ import annotations

import jdatetime
import pytest

from bot.domain.tariff import (
    Tariff,
    TariffError,
    TariffItem,
    Unit,
    bundled_tariffs,
    compare,
    load_tariff,
    tariff_for,
    tariff_from_record,
    tariff_record,
)
from bot.text.persian import match_key
from tests.shared import shared_file

HEADER = "item,service_fa,service_en,rials,unit\n"


@pytest.fixture(scope="module")
def tariff() -> Tariff:
    return bundled_tariffs()[1403]


def test_the_1403_file_loads(tariff: Tariff) -> None:
    assert tariff.year == 1403
    assert [i.item for i in tariff.items] == list(range(1, 20))  # item 20 was left out
    first = tariff.item(1)
    assert (first.service_fa, first.rials, first.unit) == ("تنظیم اظهارنامه", 630_000, Unit.EACH)
    assert tariff.item(7).unit is Unit.PER_PERSON
    assert tariff.item(8).unit is Unit.PER_PAGE
    assert tariff.item(11).unit is Unit.PER_SHEET
    with pytest.raises(KeyError):
        tariff.item(20)


def test_the_bundled_file_is_the_shared_one(tariff: Tariff) -> None:
    # The same figures and names; the Persian names with the half-spaces (ZWNJ) and joined words
    # that Persian writes, where the shared copy has plain spaces.
    shared = load_tariff(shared_file("data", "tariff-1403.csv").read_text("utf-8"), 1403)
    assert [(i.item, i.service_en, i.rials, i.unit) for i in tariff.items] == [
        (i.item, i.service_en, i.rials, i.unit) for i in shared.items
    ]
    assert [match_key(i.service_fa) for i in tariff.items] == [
        match_key(i.service_fa) for i in shared.items
    ]
    assert tariff.item(13).service_fa == "اطلاع\u200cرسانی وضعیت پرونده"
    assert "سپرده\u200cهای قضایی" in tariff.item(10).service_fa
    assert "ذی\u200cسمت" in tariff.item(7).service_fa
    assert tariff.item(12).service_fa.startswith("پیگیری اظهارنامه")
    for item in tariff.items:
        for unjoined in ("اطلاع رسانی", "اظهار نامه", " های ", "ذی سمت"):
            assert unjoined not in item.service_fa, (item.item, unjoined)


def test_the_bundled_tariff_says_where_its_figures_come_from(tariff: Tariff) -> None:
    # shared/data/README.md: republished on websitevakil.ir, a secondary source.
    assert "websitevakil.ir" in shared_file("data", "README.md").read_text("utf-8")
    assert (tariff.source, tariff.official, tariff.imported_at) == ("websitevakil.ir", False, None)


def test_a_tariff_survives_its_record(tariff: Tariff) -> None:
    assert tariff_from_record(tariff_record(tariff)) == tariff


def test_as_announced_items_have_no_amount(tariff: Tariff) -> None:
    announced = {i.item for i in tariff.items if i.as_announced}
    assert announced == {9, 11, 19}
    assert tariff.item(9).unit is Unit.PER_PAGE
    assert tariff.item(19).unit is Unit.PER_PERSON


def test_units_found_in_the_file(tariff: Tariff) -> None:
    assert {i.unit for i in tariff.items} == set(Unit)


def test_only_1403_is_bundled() -> None:
    assert set(bundled_tariffs()) == {1403}


# ---- comparing ----


def test_paid_in_rials_more_than_the_fee(tariff: Tariff) -> None:
    result = compare(tariff.item(1), units=1, paid=700_000, currency="rial")
    assert (result.fee_rials, result.paid_rials, result.difference_rials) == (
        630_000,
        700_000,
        70_000,
    )
    assert result.comparable and result.overcharged and not result.per_unit


def test_paid_in_tomans_is_ten_rials_each(tariff: Tariff) -> None:
    result = compare(tariff.item(1), units=1, paid=63_000, currency="toman")
    assert result.paid_rials == 630_000
    assert result.difference_rials == 0
    assert not result.overcharged


def test_paid_less_than_the_fee_is_a_negative_difference(tariff: Tariff) -> None:
    result = compare(tariff.item(6), units=1, paid=30_000, currency="toman")
    assert result.difference_rials == 300_000 - 335_000
    assert not result.overcharged


def test_a_fee_each_counts_the_services(tariff: Tariff) -> None:
    # Two declarations drafted (630,000 rials each) for 1,260,000 rials: not more than the fee.
    result = compare(tariff.item(1), units=2, paid=1_260_000, currency="rial")
    assert (result.fee_rials, result.difference_rials) == (1_260_000, 0)
    assert not result.overcharged


def test_per_page_fees_count_the_pages(tariff: Tariff) -> None:
    attachment = tariff.item(8)  # 70,000 rials a page
    result = compare(attachment, units=5, paid=35_000, currency="toman")
    assert result.per_unit
    assert result.fee_rials == 350_000
    assert result.difference_rials == 0
    more = compare(attachment, units=5, paid=400_000, currency="rial")
    assert more.difference_rials == 50_000 and more.overcharged


def test_per_person_fees_count_the_persons(tariff: Tariff) -> None:
    result = compare(tariff.item(7), units=3, paid=250_000, currency="rial")
    assert result.per_unit
    assert (result.fee_rials, result.difference_rials) == (210_000, 40_000)


def test_as_announced_cannot_be_compared(tariff: Tariff) -> None:
    result = compare(tariff.item(9), units=2, paid=100_000, currency="toman")
    assert not result.comparable
    assert result.fee_rials is None and result.difference_rials is None
    assert result.paid_rials == 1_000_000
    assert not result.overcharged
    assert result.per_unit


@pytest.mark.parametrize("units", [0, -1])
def test_units_must_be_at_least_one(tariff: Tariff, units: int) -> None:
    with pytest.raises(ValueError, match="units"):
        compare(tariff.item(1), units=units, paid=1, currency="rial")


def test_a_negative_payment_or_an_unknown_currency_is_refused(tariff: Tariff) -> None:
    with pytest.raises(ValueError):
        compare(tariff.item(1), units=1, paid=-5, currency="rial")
    with pytest.raises(ValueError, match="currency"):
        compare(tariff.item(1), units=1, paid=5, currency="dollar")  # type: ignore[arg-type]


# ---- the year ----


def test_the_tariff_of_the_incidents_year(tariff: Tariff) -> None:
    tariffs = {1403: tariff}
    assert tariff_for(jdatetime.date(1403, 1, 1), tariffs) is tariff
    assert tariff_for(jdatetime.date(1403, 12, 30), tariffs) is tariff


def test_an_incident_in_1402_with_only_1403_loaded_has_no_tariff(tariff: Tariff) -> None:
    assert tariff_for(jdatetime.date(1402, 12, 29), {1403: tariff}) is None
    assert tariff_for(jdatetime.date(1404, 1, 1), {1403: tariff}) is None


# ---- loading ----


def test_a_minimal_tariff_with_persian_digits_and_grouped_amounts() -> None:
    text = HEADER + '۱,خدمت,Service,"1,250,000",each\n\n2,دیگر,Other,,per person\n'
    loaded = load_tariff(text, 1404, "روزنامه رسمی", official=True)
    assert (loaded.year, loaded.source, loaded.official) == (1404, "روزنامه رسمی", True)
    assert loaded.items == (
        TariffItem(1, "خدمت", "Service", 1_250_000, Unit.EACH),
        TariffItem(2, "دیگر", "Other", None, Unit.PER_PERSON),
    )


def test_a_bom_is_ignored() -> None:
    assert load_tariff("\ufeff" + HEADER + "1,خدمت,Service,0,each\n", 1403).items[0].rials == 0


def test_every_bad_line_is_reported() -> None:
    text = (
        HEADER
        + "1,خدمت,Service,100,each\n"
        + "1,تکرار,Again,100,each\n"  # line 3: duplicate item
        + "x,خدمت,Service,100,each\n"  # line 4: item number
        + "4,خدمت,Service,-100,each\n"  # line 5: negative
        + "5,خدمت,Service,abc,each\n"  # line 6: not a number
        + "6,خدمت,Service,100,per hour\n"  # line 7: unknown unit
        + "7,خدمت,Service,100,per page (tariff announced by the responsible bodies)\n"  # line 8
        + "8,خدمت,Service,100\n"  # line 9: fields
        + "9,,Service,100,each\n"  # line 10: no name
    )
    with pytest.raises(TariffError) as raised:
        load_tariff(text, 1403)
    lines = [problem.split(":")[0] for problem in raised.value.problems]
    assert lines == [f"line {n}" for n in range(3, 11)]
    assert "already appears on line 2" in raised.value.problems[0]
    assert "per hour" in raised.value.problems[4]


def test_every_problem_of_a_line_is_reported() -> None:
    with pytest.raises(TariffError) as raised:
        load_tariff(HEADER + "0,,Service,abc,per hour\n", 1404)
    assert raised.value.problems == (
        "line 2: the item number '0' is not a positive number",
        "line 2: the service has no name in Persian and in English",
        "line 2: the amount 'abc' is not a whole number of rials",
        "line 2: unknown unit 'per hour' (known: each, per page, per person, per sheet)",
    )


@pytest.mark.parametrize("text", ["", "item,service,rials\n1,a,1\n", HEADER])
def test_a_bad_header_or_an_empty_tariff_is_refused(text: str) -> None:
    with pytest.raises(TariffError):
        load_tariff(text, 1403)
