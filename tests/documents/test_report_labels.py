"""bot/documents/report_labels.py: every figure a report can hold has a label in both locales,
named as the rules name the thing (Art. 25's clauses, Art. 23's degrees, the provinces); every
section's article is cited; values are shown in the locale's digits."""

from __future__ import annotations

import pytest

from bot.data import bundled_provinces
from bot.documents.report_labels import (
    SECTION_ARTICLES,
    SECTION_TITLES,
    figure_label,
    scope_label,
    section_article,
    shown_value,
)
from bot.domain.reports import Scope
from bot.rules.inspection_checklist import CHECKLIST, RESULTS
from bot.rules.violations import SANCTIONS, VIOLATIONS
from bot.text.i18n import translator
from storage.statuses import AppealRuling, ComplaintStatus, DecisionStatus
from tests.documents.support import ARTICLES, figures


def every_key() -> list[tuple[str, str]]:
    """(section, key) of every figure the domain can count, whatever the store holds."""
    keys = [(section, key) for section, counted in figures().items() for key in counted]
    keys += [("complaints", f"by_status.{s}") for s in ComplaintStatus]
    keys += [("complaints", f"by_clause.{v}") for v in VIOLATIONS]
    keys += [("complaints", f"by_province.{p.key}") for p in bundled_provinces()]
    keys += [("inspections", f"findings.{v}") for v in VIOLATIONS]
    keys += [("inspections", f"by_kind.{kind}") for kind in ("periodic", "ad_hoc")]
    keys += [("inspections", f"checklist.{i.id}.{r}") for i in CHECKLIST for r in RESULTS]
    keys += [("discipline", f"cases.by_source.{s}") for s in ("complaints", "inspection")]
    keys += [("discipline", f"rulings.by_degree.{d}") for d in SANCTIONS]
    keys += [("discipline", f"rulings.by_status.{s}") for s in DecisionStatus]
    keys += [("discipline", f"appeals.by_ruling.{r}") for r in [*AppealRuling, "pending"]]
    return keys


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_every_figure_has_a_label_of_its_own(locale: str) -> None:
    t = translator(locale)
    labels = {(section, key): figure_label(section, key, t) for section, key in every_key()}
    unnamed = [key for (_, key), label in labels.items() if label in ("", key, t.value(key))]
    assert unnamed == []
    for section in {section for section, _ in labels}:
        mine = [label for (s, _), label in labels.items() if s == section]
        assert len(set(mine)) == len(mine), section  # no two figures read alike (in a CSV)


def test_labels_name_what_the_rules_name() -> None:
    fa, en = translator("fa"), translator("en")
    assert figure_label("complaints", "by_clause.25.12", en) == (
        "Article 25, clause 12: Charging more than the set fees"
    )
    assert figure_label("complaints", "by_clause.25.12", fa) == (
        "بند ۱۲ ماده‌ی ۲۵: دریافت وجه بیشتر از هزینه‌های تعیین‌شده"
    )
    assert figure_label("discipline", "rulings.by_degree.5", en).startswith(
        "Article 23, degree 5: Temporary suspension of the licence"
    )
    assert figure_label("complaints", "by_province.razavi_khorasan", fa) == "خراسان رضوی"
    assert figure_label("inspections", "checklist.3.clerks.not_met", en) == (
        "At least two clerical staff: not met on the visit"
    )
    assert figure_label("offices", "decided.1001", fa) == "دفتر ۱۰۰۱"
    assert figure_label("complaints", "by_status.decided", en) == "Decided"
    assert figure_label("service_targets", "decision.median_days", en) == (
        "From filing to decision or dismissal: Median, in days"
    )
    under = figure_label("service_targets", "decision.median_days", en, under_heading=True)
    assert under == "Median, in days"  # its heading says the rest
    assert figure_label("complaints", "by_clause.25.99", en) == "25.99"  # unknown: as it is


@pytest.mark.parametrize("locale", ["fa", "en"])
def test_every_section_has_a_title_and_its_article_cited(locale: str) -> None:
    t = translator(locale)
    assert set(SECTION_TITLES) == set(ARTICLES)
    assert set(SECTION_ARTICLES) == set(ARTICLES.values())
    for article in ARTICLES.values():
        assert section_article(article, t) == t(SECTION_ARTICLES[article])
    assert section_article("15(e)", translator("fa")) == "بند هـ ماده‌ی ۱۵"


def test_a_scope_is_named_in_the_locale() -> None:
    fa, en = translator("fa"), translator("en")
    assert scope_label(Scope("national", None, None), fa) == "سراسر کشور"
    association = Scope("association", "razavi_khorasan", ("razavi_khorasan",))
    assert scope_label(association, en) == "the Offices' Association of Razavi Khorasan"
    assert scope_label(Scope("province", "tehran", ("tehran",)), fa) == "استان: تهران"


@pytest.mark.parametrize(
    ("value", "fa", "en"),
    [
        (12, "۱۲", "12"),
        (12_345, "۱۲٬۳۴۵", "12,345"),
        (3.5, "۳٫۵۰", "3.50"),
        (0.0, "۰٫۰۰", "0.00"),
        (None, "—", "—"),
    ],
)
def test_a_value_is_shown_in_the_locale_digits(value: float | None, fa: str, en: str) -> None:
    assert (shown_value(value, "fa"), shown_value(value, "en")) == (fa, en)
