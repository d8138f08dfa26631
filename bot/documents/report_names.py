"""A report's period, scope and language as people read them, and its files' names.

period_text(t, period)  "Mehr 1403", "quarter 2 of 1403", "1 Mehr 1403 to 20 Mehr 1403"
scope_text(t, scope)    "the whole country", "the Offices' Association of Tehran"
file_stem(report)       "report-1403-07", "report-1403-q2-association-tehran"
"""

from __future__ import annotations

from typing import Final

from bot.data import bundled_provinces
from bot.domain.report_periods import shape
from bot.domain.reports import Period, Report, Scope
from bot.text.i18n import Translator
from bot.text.jalali import JALALI_MONTHS_EN, JALALI_MONTHS_FA, format_stored_date
from bot.text.markers import N_

#: The languages a report's files are written in, by locale.
LANGUAGE_NAMES: Final = {"fa": N_("Persian"), "en": N_("English")}


def period_text(t: Translator, period: Period) -> str:
    """*period* as a person names it: a month, a quarter, a year, or its first and last days."""
    found = shape(period)
    if found is None:
        return t(N_("{first} to {last}"), first=period.first, last=period.last)
    kind, year, number = found
    if kind == "month":
        months = JALALI_MONTHS_FA if t.locale == "fa" else JALALI_MONTHS_EN
        return t(N_("{month} {year}"), month=months[number - 1], year=year)
    if kind == "quarter":
        return t(N_("quarter {quarter} of {year}"), quarter=number, year=year)
    return t(N_("the year {year}"), year=year)


def province_label(t: Translator, key: str) -> str:
    """A province's name in the translator's language (its key, if it is unknown)."""
    found = next((p for p in bundled_provinces() if p.key == key), None)
    if found is None:
        return key
    return found.name_fa if t.locale == "fa" else found.name_en


def scope_text(t: Translator, scope: Scope) -> str:
    """*scope* as a person names it: the country, an Association (Art. 12), a province."""
    if scope.kind == "association" and scope.key:
        return t(
            N_("the Offices' Association of {province}"), province=province_label(t, scope.key)
        )
    if scope.kind == "province" and scope.key:
        return t(N_("the province of {province}"), province=province_label(t, scope.key))
    return t(N_("the whole country"))


def file_stem(report: Report) -> str:
    """The name its files are sent under, without the extension: ASCII, period then scope."""
    found = shape(report.period)
    if found is None:
        period = report.period
        first, last = (format_stored_date(d).replace("/", "-") for d in (period.first, period.last))
        stem = f"report-{first}-to-{last}"
    elif found[0] == "month":
        stem = f"report-{found[1]:04d}-{found[2]:02d}"
    elif found[0] == "quarter":
        stem = f"report-{found[1]:04d}-q{found[2]}"
    else:
        stem = f"report-{found[1]:04d}"
    scope = report.scope
    return stem if scope.key is None else f"{stem}-{scope.kind}-{scope.key.replace('_', '-')}"
