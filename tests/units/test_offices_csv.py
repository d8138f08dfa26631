"""Importing an office registry from CSV: every bad line reported, all or nothing."""

from __future__ import annotations

import jdatetime
import pytest

from bot.data import bundled_provinces
from bot.domain.offices_csv import (
    COLUMNS,
    CsvProblem,
    OfficeRow,
    OfficeStatus,
    match_province,
    parse_offices_csv,
    parse_status,
    sample_offices_text,
)
from bot.rules.routing import Province

TODAY = jdatetime.date(1404, 6, 15)
HEADER = ",".join(COLUMNS) + ",suspended_until\n"


@pytest.fixture(scope="module")
def provinces() -> tuple[Province, ...]:
    return bundled_provinces()


def line(
    code: str = "1001",
    name: str = "دفتر نمونه (آزمایشی)",
    province: str = "تهران",
    city: str = "تهران",
    address: str = "نشانی آزمایشی",
    phone: str = "021-0000-0000",
    manager_name: str = "مدیر نمونه",
    mobile: str = "09120000001",
    status: str = "active",
    until: str = "",
) -> str:
    fields = (code, name, province, city, address, phone, manager_name, mobile, status, until)
    return ",".join(fields) + "\n"


def parse(text: str, provinces: tuple[Province, ...]) -> tuple[list[OfficeRow], list[CsvProblem]]:
    return parse_offices_csv(text, provinces, TODAY)


def where(problems: list[CsvProblem]) -> list[tuple[int, str | None]]:
    return [(p.line, p.column) for p in problems]


# ---- a good file ----


def test_a_good_file(provinces: tuple[Province, ...]) -> None:
    text = (
        "\ufeff"
        + HEADER
        + line()
        + line(
            code=" ۱۰۰۲ ",
            name="دفتر  نمونه   دوم",
            province="اصفهان",
            city="كاشان",
            phone="(031) ۵۵۵۵ ۰۰۰۰",
            mobile="+98 912 000 0002",
            status="تعليق",
            until="۱۴۰۵/۰۱/۱۵",
        )
        + "\n"
        + line(code="ab12", province="Fars", phone="", status="Revoked")
    )
    rows, problems = parse(text, provinces)
    assert problems == []
    assert rows[0] == OfficeRow(
        code="1001",
        name="دفتر نمونه (آزمایشی)",
        province="tehran",
        city="تهران",
        address="نشانی آزمایشی",
        phone="02100000000",
        manager_name="مدیر نمونه",
        manager_mobile="09120000001",
        status=OfficeStatus.ACTIVE,
        suspended_until=None,
    )
    second = rows[1]
    assert (second.code, second.name, second.province, second.city) == (
        "1002",
        "دفتر نمونه دوم",
        "isfahan",
        "کاشان",
    )
    assert (second.phone, second.manager_mobile) == ("03155550000", "09120000002")
    assert second.status is OfficeStatus.SUSPENDED
    assert second.suspended_until == jdatetime.date(1405, 1, 15)
    third = rows[2]
    assert (third.code, third.province, third.phone, third.status) == (
        "AB12",
        "fars",
        "",
        OfficeStatus.REVOKED,
    )


def test_columns_in_any_order_and_suspended_until_optional(
    provinces: tuple[Province, ...],
) -> None:
    columns = list(reversed(COLUMNS))
    values = {
        "code": "7",
        "name": "دفتر",
        "province": "قم",
        "city": "قم",
        "address": "نشانی",
        "phone": "",
        "manager_name": "مدیر",
        "manager_mobile": "09120000007",
        "status": "closed",
    }
    text = ",".join(columns) + "\n" + ",".join(values[c] for c in columns) + "\n"
    rows, problems = parse(text, provinces)
    assert problems == []
    assert (rows[0].code, rows[0].province, rows[0].status) == ("7", "qom", OfficeStatus.CLOSED)


def test_a_quoted_field_may_hold_commas_and_line_breaks(provinces: tuple[Province, ...]) -> None:
    text = HEADER + line(address='"خیابان یک, کوچه دو\nپلاک ۳"') + line(code="1002", mobile="x")
    rows, problems = parse(text, provinces)
    assert rows == []
    assert where(problems) == [(4, "manager_mobile")]  # the quoted field spans lines 2 and 3


# ---- bad lines ----


def test_three_bad_lines_give_exactly_three_problems_and_no_rows(
    provinces: tuple[Province, ...],
) -> None:
    text = (
        HEADER
        + line(code="1001")
        + line(code="1002", province="آتلانتیس")  # line 3
        + line(code="1003")
        + line(code="1004", mobile="12345")  # line 5
        + line(code="1005", status="open")  # line 6
        + line(code="1006")
    )
    rows, problems = parse(text, provinces)
    assert rows == []
    assert where(problems) == [(3, "province"), (5, "manager_mobile"), (6, "status")]
    assert problems[0].params == {"value": "آتلانتیس"}
    assert problems[0].reason_msgid == "There is no province called {value}."
    assert problems[2].params == {"value": "open"}


def test_a_duplicate_code_is_a_problem_on_its_second_line(provinces: tuple[Province, ...]) -> None:
    text = HEADER + line(code="1001") + line(code="1002") + line(code="۱۰۰۱", mobile="09120000009")
    rows, problems = parse(text, provinces)
    assert rows == []
    assert where(problems) == [(4, "code")]
    assert problems[0].params == {"code": "1001", "first_line": 2}


def test_a_duplicate_code_is_found_even_on_a_line_with_other_problems(
    provinces: tuple[Province, ...],
) -> None:
    text = HEADER + line(code="A1") + line(code="a1", status="")
    _, problems = parse(text, provinces)
    assert where(problems) == [(3, "code"), (3, "status")]


def test_suspended_without_a_date(provinces: tuple[Province, ...]) -> None:
    rows, problems = parse(HEADER + line(status="suspended"), provinces)
    assert rows == []
    assert where(problems) == [(2, "suspended_until")]
    assert "suspended" in problems[0].reason_msgid


def test_suspended_without_the_column(provinces: tuple[Province, ...]) -> None:
    text = ",".join(COLUMNS) + "\n" + line(status="suspended").rsplit(",", 1)[0] + "\n"
    _, problems = parse(text, provinces)
    assert where(problems) == [(2, "suspended_until")]


def test_a_date_for_an_office_not_suspended(provinces: tuple[Province, ...]) -> None:
    _, problems = parse(HEADER + line(status="active", until="1405/01/01"), provinces)
    assert where(problems) == [(2, "suspended_until")]


def test_a_suspension_that_already_ended_or_a_bad_date(provinces: tuple[Province, ...]) -> None:
    text = (
        HEADER
        + line(code="1", status="suspended", until="1404/06/14")
        + line(code="2", status="suspended", until="1404/06/15")  # ends today: still suspended
        + line(code="3", status="suspended", until="1404/13/01")
    )
    _, problems = parse(text, provinces)
    assert where(problems) == [(2, "suspended_until"), (4, "suspended_until")]
    assert problems[0].params == {"date": jdatetime.date(1404, 6, 14)}
    assert problems[1].params == {"month": 13}


def test_every_bad_field_of_a_line_is_reported(provinces: tuple[Province, ...]) -> None:
    text = HEADER + line(
        code="۱۰-۰۱", name=" ", city="", address="", phone="abc", manager_name="", mobile=""
    )
    _, problems = parse(text, provinces)
    assert where(problems) == [
        (2, "code"),
        (2, "name"),
        (2, "city"),
        (2, "address"),
        (2, "phone"),
        (2, "manager_name"),
        (2, "manager_mobile"),
    ]


def test_a_line_with_the_wrong_number_of_fields(provinces: tuple[Province, ...]) -> None:
    _, problems = parse(HEADER + line() + "1002,دفتر,تهران\n", provinces)
    assert where(problems) == [(3, None)]
    assert problems[0].params == {"found": 3, "expected": 10}


# ---- the header ----


def test_header_problems(provinces: tuple[Province, ...]) -> None:
    text = "code,name,province,city,address,phone,manager_name,status,status,fax\n" + line()
    rows, problems = parse(text, provinces)
    assert rows == []
    assert where(problems) == [(1, "status"), (1, "fax"), (1, "manager_mobile")]
    assert [p.params["column"] for p in problems] == ["status", "fax", "manager_mobile"]


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff"])
def test_an_empty_file(provinces: tuple[Province, ...], text: str) -> None:
    rows, problems = parse(text, provinces)
    assert rows == [] and where(problems) == [(1, None)]


def test_a_header_without_offices(provinces: tuple[Province, ...]) -> None:
    rows, problems = parse(HEADER + "\n", provinces)
    assert rows == [] and where(problems) == [(1, None)]


# ---- provinces and statuses ----


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("خراسان رضوي", "razavi_khorasan"),  # Arabic yeh
        ("خراسان\u200cرضوی", "razavi_khorasan"),  # ZWNJ
        ("  خراسان   رضوی ", "razavi_khorasan"),  # spaces
        ("خراسانرضوی", "razavi_khorasan"),
        ("استان خراسان رضوی", "razavi_khorasan"),
        ("استان‌فارس", "fars"),
        ("كرمانشاه", "kermanshah"),  # Arabic kaf
        ("كرمان", "kerman"),
        ("اذربایجان شرقی", "east_azarbaijan"),  # ا for آ
        ("چهار محال و بختیاری", "chaharmahal_bakhtiari"),
        ("kohgiluyeh_boyerahmad", "kohgiluyeh_boyerahmad"),
        ("Razavi Khorasan", "razavi_khorasan"),
        ("Tehran Province", "tehran"),
        ("east azerbaijan", "east_azarbaijan"),
    ],
)
def test_province_spellings(provinces: tuple[Province, ...], text: str, key: str) -> None:
    assert match_province(text, provinces) == key
    rows, problems = parse(HEADER + line(province=text), provinces)
    assert problems == []
    assert rows[0].province == key


@pytest.mark.parametrize("text", ["", "استان", "خراسان", "Atlantis"])
def test_unknown_provinces(provinces: tuple[Province, ...], text: str) -> None:
    assert match_province(text, provinces) is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("active", OfficeStatus.ACTIVE),
        (" ACTIVE ", OfficeStatus.ACTIVE),
        ("فعال", OfficeStatus.ACTIVE),
        ("تعلیق", OfficeStatus.SUSPENDED),
        ("لغو", OfficeStatus.REVOKED),
        ("تعطیل", OfficeStatus.CLOSED),
        ("تعطيل", OfficeStatus.CLOSED),
        ("closed", OfficeStatus.CLOSED),
    ],
)
def test_statuses(text: str, status: OfficeStatus) -> None:
    assert parse_status(text) is status


@pytest.mark.parametrize("text", ["open", "معلق", "باز", ""])
def test_other_status_words_are_refused(text: str) -> None:
    assert parse_status(text) is None


# ---- the sample ----


def test_the_sample_registry_parses(provinces: tuple[Province, ...]) -> None:
    rows, problems = parse(sample_offices_text(), provinces)
    assert problems == []
    assert 8 <= len(rows) <= 12
    assert 4 <= len({row.province for row in rows}) <= 5
    assert len({row.code for row in rows}) == len(rows)
    statuses = [row.status for row in rows]
    assert statuses.count(OfficeStatus.SUSPENDED) == 1
    assert statuses.count(OfficeStatus.REVOKED) == 1
    suspended = next(row for row in rows if row.status is OfficeStatus.SUSPENDED)
    assert suspended.suspended_until is not None
    for row in rows:
        assert "آزمایشی" in row.name and "آزمایشی" in row.address
        assert row.manager_mobile.startswith("0912000")


def test_the_managers_national_id_is_optional_checked_and_any_digits(
    provinces: tuple[Province, ...],
) -> None:
    header = HEADER.rstrip("\n") + ",manager_national_id\n"
    text = header + line("1001").rstrip("\n") + ",۰۴۹۹۳۷۰۸۹۹\n" + line("1002").rstrip("\n") + ",\n"
    rows, problems = parse(text, provinces)
    assert problems == []
    assert [row.manager_national_id for row in rows] == ["0499370899", None]
    # Without the column every row has none.
    rows, _ = parse(HEADER + line("1001"), provinces)
    assert rows[0].manager_national_id is None
    bad = header + line("1001").rstrip("\n") + ",0499370898\n"
    rows, problems = parse(bad, provinces)
    assert rows == []
    assert [(p.line, p.column, p.reason_msgid) for p in problems] == [
        (2, "manager_national_id", "That national ID is not valid: please check the digits.")
    ]
