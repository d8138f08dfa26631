"""Which Association serves a province (Article 12): its own, or the nearest one.

Article 12: the Judiciary forms Associations in Tehran and, as needed, in other provincial
capitals; "until a province has an Association, the offices of that province are handled by the
Association nearest to that province". Nearest is measured here between the provinces' capitals
(an Association sits in a capital), by great-circle distance.

    >>> provinces = load_provinces(
    ...     "key,province_fa,province_en,capital_fa,capital_en,lat,lon\\n"
    ...     "tehran,تهران,Tehran,تهران,Tehran,35.69,51.39\\n"
    ...     "qom,قم,Qom,قم,Qom,34.64,50.88\\n"
    ... )
    >>> nearest_association("qom", {"tehran"}, provinces)
    'tehran'

Pure: the CSV text comes in as an argument (the bundled file is `bot/data/provinces.csv`).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from bot.rules.violations import ARTICLE_12

__all__ = [
    "ARTICLE_12",
    "EARTH_RADIUS_KM",
    "PROVINCES_HEADER",
    "Province",
    "distance_km",
    "load_provinces",
    "nearest_association",
]

EARTH_RADIUS_KM: Final = 6371.0
PROVINCES_HEADER: Final = (
    "key",
    "province_fa",
    "province_en",
    "capital_fa",
    "capital_en",
    "lat",
    "lon",
)


@dataclass(frozen=True)
class Province:
    """One of Iran's provinces and its capital, where an Association would sit."""

    key: str  # e.g. "razavi_khorasan"
    name_fa: str
    name_en: str
    capital_fa: str
    capital_en: str
    lat: float  # the capital's latitude, degrees north
    lon: float  # the capital's longitude, degrees east


def _coordinate(text: str, low: float, high: float, what: str, line: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"line {line}: {what} {text!r} is not a number") from None
    if not (math.isfinite(value) and low <= value <= high):
        raise ValueError(f"line {line}: {what} {value} is out of range")
    return value


def load_provinces(text: str) -> tuple[Province, ...]:
    """Parse the provinces CSV (header `PROVINCES_HEADER`); ValueError names the bad line."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(rows, None)
    if header is None or tuple(cell.strip() for cell in header) != PROVINCES_HEADER:
        raise ValueError(f"line 1: the header must be {','.join(PROVINCES_HEADER)}")
    provinces: list[Province] = []
    seen: set[str] = set()
    line = 1
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(PROVINCES_HEADER):
            raise ValueError(f"line {line}: {len(row)} fields, expected {len(PROVINCES_HEADER)}")
        key, name_fa, name_en, capital_fa, capital_en, lat, lon = (cell.strip() for cell in row)
        if not all((key, name_fa, name_en, capital_fa, capital_en)):
            raise ValueError(f"line {line}: a name is empty")
        if key in seen:
            raise ValueError(f"line {line}: the key {key!r} appears twice")
        seen.add(key)
        provinces.append(
            Province(
                key=key,
                name_fa=name_fa,
                name_en=name_en,
                capital_fa=capital_fa,
                capital_en=capital_en,
                lat=_coordinate(lat, -90.0, 90.0, "latitude", line),
                lon=_coordinate(lon, -180.0, 180.0, "longitude", line),
            )
        )
    if not provinces:
        raise ValueError("no provinces in the file")
    return tuple(provinces)


def distance_km(a: Province, b: Province) -> float:
    """The great-circle distance between two provinces' capitals (haversine, R = 6371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearest_association(
    province_key: str, with_association: Collection[str], provinces: Sequence[Province]
) -> str:
    """The key of the province whose Association serves *province_key* (Art. 12).

    A province with its own Association is served by it; any other by the Association whose
    capital is nearest to its capital, equal distances going to the smaller key so that the
    answer never depends on the order of *with_association*. ValueError when
    *with_association* is empty, or when it or *province_key* names an unknown province.
    """
    by_key = {p.key: p for p in provinces}
    if province_key not in by_key:
        raise ValueError(f"unknown province {province_key!r}")
    if not with_association:
        raise ValueError("no province has an Association")
    unknown = sorted(set(with_association) - by_key.keys())
    if unknown:
        raise ValueError(f"unknown provinces with an Association: {', '.join(unknown)}")
    if province_key in with_association:
        return province_key
    home = by_key[province_key]
    return min(sorted(with_association), key=lambda key: distance_km(home, by_key[key]))
