"""Article 12: a province without an Association is served by the nearest one."""

from __future__ import annotations

import math

import pytest

from bot.data import read_text
from bot.rules.routing import (
    ARTICLE_12,
    Province,
    distance_km,
    load_provinces,
    nearest_association,
)
from tests.shared import shared_file

HEADER = "key,province_fa,province_en,capital_fa,capital_en,lat,lon\n"


@pytest.fixture(scope="module")
def provinces() -> tuple[Province, ...]:
    return load_provinces(read_text("provinces.csv"))


def by_key(provinces: tuple[Province, ...]) -> dict[str, Province]:
    return {p.key: p for p in provinces}


def cosine_law_km(a: Province, b: Province) -> float:
    """The same distance by the spherical law of cosines, computed independently."""
    lat1, lon1, lat2, lon2 = (math.radians(x) for x in (a.lat, a.lon, b.lat, b.lon))
    cos_angle = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(
        lon2 - lon1
    )
    return 6371 * math.acos(min(1.0, cos_angle))


def test_the_31_provinces_load(provinces: tuple[Province, ...]) -> None:
    assert len(provinces) == 31
    assert len({p.key for p in provinces}) == 31
    tehran = by_key(provinces)["tehran"]
    assert (tehran.name_fa, tehran.name_en, tehran.capital_en) == ("تهران", "Tehran", "Tehran")
    assert (tehran.lat, tehran.lon) == (35.69, 51.39)
    assert by_key(provinces)["razavi_khorasan"].capital_fa == "مشهد"
    for province in provinces:
        assert 25 < province.lat < 40 and 44 < province.lon < 64, province.key


def test_the_bundled_file_is_the_shared_one() -> None:
    assert read_text("provinces.csv").startswith(HEADER)
    shared = shared_file("data", "provinces.csv")
    assert read_text("provinces.csv") == shared.read_text("utf-8")


def test_distances_by_hand(provinces: tuple[Province, ...]) -> None:
    p = by_key(provinces)
    # Tehran–Qom about 126 km, Tehran–Mashhad about 742 km, Birjand–Mashhad about 383 km.
    assert distance_km(p["tehran"], p["qom"]) == pytest.approx(125.6, abs=0.5)
    assert distance_km(p["tehran"], p["razavi_khorasan"]) == pytest.approx(742.4, abs=0.5)
    assert distance_km(p["south_khorasan"], p["razavi_khorasan"]) == pytest.approx(383.1, abs=0.5)
    for a in provinces:
        assert distance_km(a, a) == 0
        for b in provinces[:5]:
            assert distance_km(a, b) == pytest.approx(cosine_law_km(a, b), abs=0.01)
            assert distance_km(a, b) == pytest.approx(distance_km(b, a))


def test_a_province_with_an_association_is_served_by_it(provinces: tuple[Province, ...]) -> None:
    with_association = {"tehran", "razavi_khorasan"}
    assert nearest_association("tehran", with_association, provinces) == "tehran"
    assert nearest_association("razavi_khorasan", with_association, provinces) == "razavi_khorasan"
    # Even when another Association's capital would be nearer (Qom to Tehran).
    assert nearest_association("qom", {"qom", "tehran"}, provinces) == "qom"


def test_qom_goes_to_tehran_and_south_khorasan_to_razavi_khorasan(
    provinces: tuple[Province, ...],
) -> None:
    with_association = {"tehran", "razavi_khorasan"}
    assert nearest_association("qom", with_association, provinces) == "tehran"
    assert nearest_association("south_khorasan", with_association, provinces) == "razavi_khorasan"
    assert nearest_association("north_khorasan", with_association, provinces) == "razavi_khorasan"
    # Golestan: Gorgan–Tehran about 302 km, Gorgan–Mashhad about 466 km.
    assert nearest_association("golestan", with_association, provinces) == "tehran"


def test_only_tehran_serves_everyone(provinces: tuple[Province, ...]) -> None:
    for province in provinces:
        assert nearest_association(province.key, ["tehran"], provinces) == "tehran"


def test_the_answer_is_the_nearest_capital(provinces: tuple[Province, ...]) -> None:
    p = by_key(provinces)
    with_association = {"tehran", "fars", "east_azarbaijan", "razavi_khorasan", "khuzestan"}
    for province in provinces:
        chosen = nearest_association(province.key, with_association, provinces)
        best = min(distance_km(province, p[key]) for key in with_association)
        if province.key not in with_association:
            assert distance_km(province, p[chosen]) == best


def test_ties_go_to_the_smaller_key_whatever_the_order() -> None:
    provinces = load_provinces(
        HEADER + "home,خانه,Home,خانه,Home,0,0\n"
        "b_east,شرق,East,شرق,East,0,1\n"
        "a_west,غرب,West,غرب,West,0,-1\n"
    )
    assert nearest_association("home", ["b_east", "a_west"], provinces) == "a_west"
    assert nearest_association("home", ["a_west", "b_east"], provinces) == "a_west"
    assert nearest_association("home", ("b_east",), provinces) == "b_east"


def test_errors(provinces: tuple[Province, ...]) -> None:
    with pytest.raises(ValueError, match="no province"):
        nearest_association("qom", set(), provinces)
    with pytest.raises(ValueError, match="atlantis"):
        nearest_association("qom", {"tehran", "atlantis"}, provinces)
    with pytest.raises(ValueError, match="atlantis"):
        nearest_association("atlantis", {"tehran"}, provinces)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "line 1"),
        ("key,name\n", "line 1"),
        (HEADER, "no provinces"),
        (HEADER + "x,ا,X,ا,X,35\n", "line 2"),
        (HEADER + "x,ا,X,ا,X,north,50\n", "line 2: latitude"),
        (HEADER + "x,ا,X,ا,X,35,500\n", "line 2: longitude"),
        (HEADER + "x,ا,X,ا,X,35,50\nx,ب,Y,ب,Y,36,51\n", "line 3: the key 'x' appears twice"),
        (HEADER + "x,,X,ا,X,35,50\n", "line 2: a name is empty"),
    ],
)
def test_a_bad_provinces_file_names_its_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_provinces(text)


def test_article_12_is_cited() -> None:
    assert ARTICLE_12.id == "12"
    assert "تا زمانی که در استانی کانون تشکیل نشده باشد" in ARTICLE_12.text
