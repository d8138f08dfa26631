"""The coverage of directive 100/9970/9000 (1392/2/28): every article and note, and what of it
is applied, left out, or configured — checked against the published text and the code."""

from __future__ import annotations

import importlib.util
import re

import pytest

from bot.config import Settings
from bot.rules import EDITION_1392
from bot.rules.law_coverage import (
    ARTICLE_COUNT,
    ARTICLES,
    CONFIGURATION,
    DEFECTS,
    ENCODED,
    NOTE_COUNT,
    NOTES,
    OUT_OF_SCOPE,
    PROVISIONS,
    SETTINGS_NOT_LAW,
    SUPERSESSION,
    counts,
    notes_of,
    provision,
)
from bot.rules.violations import ARTICLE_12, ARTICLE_22, ARTICLE_24, ARTICLE_26, VIOLATIONS
from tests.shared import shared_file

TATWEEL = "\u0640"
PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
# An article's heading as printed: "ماده ۱۲-" or "ماده ۲:" (a reference, "ماده ۲ قانون", has none).
HEADING = re.compile(r"ماده\s*([۰-۹]+)\s*[-:]")
# A note's heading: "تبصره-", "تبصره:", "تبصره ۲-".
NOTE_HEADING = re.compile(r"تبصره\s*([۰-۹]*)\s*[-:]")


@pytest.fixture(scope="module")
def published() -> str:
    """The published Persian text as one line (tatweel, the justification stretch, removed)."""
    source = shared_file("directive", "directive-1392.fa.txt")
    flat = " ".join(line.strip() for line in source.read_text("utf-8").splitlines())
    return flat.replace(TATWEEL, "")


def printed_articles(published: str) -> list[tuple[str, list[str]]]:
    """Each article as printed, in order: its printed number and its notes' printed numbers."""
    headings = list(HEADING.finditer(published))
    bounds = [h.start() for h in headings[1:]] + [len(published)]
    return [
        (
            h.group(1).translate(PERSIAN_DIGITS),
            [
                n.group(1).translate(PERSIAN_DIGITS)
                for n in NOTE_HEADING.finditer(published, h.end(), end)
            ],
        )
        for h, end in zip(headings, bounds, strict=True)
    ]


def test_all_26_articles_are_listed_in_order() -> None:
    assert [article.id for article in ARTICLES] == [str(n) for n in range(1, 27)]
    assert len(ARTICLES) == ARTICLE_COUNT == 26


def test_the_9_notes_belong_to_their_articles() -> None:
    assert len(NOTES) == NOTE_COUNT == 9
    by_article = {a.article: [n.id for n in notes_of(a.article)] for a in ARTICLES}
    assert {k: v for k, v in by_article.items() if v} == {
        3: ["3.note"],
        5: ["5.note"],
        10: ["10.note"],
        13: ["13.note"],
        22: ["22.note1", "22.note2"],
        26: ["26.note1", "26.note2", "26.note3"],
    }
    assert [provision(i).note for i in ("5.note", "22.note2")] == ["note", "note 2"]
    assert provision("12").note is None


def test_the_articles_and_notes_are_those_of_the_published_text(published: str) -> None:
    printed = printed_articles(published)
    assert len(printed) == 26
    # The staffing article is printed as a second "2" and cited as 3.
    assert [number for number, _notes in printed][:4] == ["1", "2", "2", "4"]
    assert provision("3").printed == "۲"
    for article, (_number, printed_notes) in zip(ARTICLES, printed, strict=True):
        ours = [note.id.split(".")[1].removeprefix("note") for note in notes_of(article.article)]
        assert ours == printed_notes, article.id
    assert "این دستورالعمل در ۲۶ ماده و ۹ تبصره" in published


def test_every_provision_is_encoded_out_of_scope_or_configuration() -> None:
    tally = counts()
    assert set(tally) == {ENCODED, OUT_OF_SCOPE, CONFIGURATION}
    assert sum(tally.values()) == len(PROVISIONS) == 35
    for item in PROVISIONS.values():
        assert item.summary and item.why, item.id
        if item.treatment is ENCODED:
            assert item.where, f"{item.id} is encoded but names no module"
        if item.treatment is CONFIGURATION:
            assert item.settings, f"{item.id} is configuration but names no setting"
        if item.treatment is OUT_OF_SCOPE:
            assert not item.where and not item.settings, item.id


def test_every_module_named_exists() -> None:
    named = {m for p in PROVISIONS.values() for m in p.where} | {
        m for d in DEFECTS for m in d.where
    }
    assert "bot.rules.routing" in named
    missing = sorted(m for m in named if importlib.util.find_spec(m) is None)
    assert missing == []


def test_every_setting_named_is_a_setting_of_daftar() -> None:
    named = {s for p in PROVISIONS.values() for s in p.settings} | {
        s.setting for s in SETTINGS_NOT_LAW
    }
    assert {"association_provinces", "appeal_window_days"} <= named
    assert sorted(named - set(Settings.model_fields)) == []


def test_article_12_is_configuration_and_its_reading_is_said() -> None:
    route = provision("12")
    assert route.treatment is CONFIGURATION
    assert route.settings == ("association_provinces",)
    assert "bot.rules.routing" in route.where
    assert "nearest to the province's capital" in route.why and "reading" in route.why


def test_the_appeal_period_is_named_as_a_setting_of_article_24() -> None:
    appeal = provision("24")
    assert appeal.treatment is ENCODED
    assert appeal.settings == ("appeal_window_days", "appeals_board_may_raise_on_own_appeal")
    assert "sets no appeal deadline" in appeal.why
    # What the directive leaves open about the Appeals Board's ruling is a setting too.
    assert "heavier on the manager's own appeal: a setting" in appeal.why
    assert "bot.domain.finality" in provision("23").where


def test_what_the_rules_apply_is_never_marked_out_of_scope() -> None:
    cited = {c.article for c in EDITION_1392.conditions} | {v.article for v in VIOLATIONS.values()}
    cited |= {int(c.id) for c in (ARTICLE_12, ARTICLE_22, ARTICLE_24, ARTICLE_26)}
    assert cited >= {4, 5, 6, 7, 8, 12, 22, 24, 25, 26}
    assert [a for a in sorted(cited) if provision(str(a)).treatment is OUT_OF_SCOPE] == []


def test_every_defect_is_printed_so_and_cites_a_provision(published: str) -> None:
    for defect in DEFECTS:
        assert defect.printed in published, defect.printed
        article = defect.cites.split(".")[0]
        assert article in PROVISIONS, defect.cites
        assert defect.reading, defect.cites


def test_the_known_defects_of_the_rendering_are_all_listed() -> None:
    cited = {defect.cites for defect in DEFECTS}
    # directive-1392.en.md's list: two articles "2", two clauses "۳" in Art. 8, Art. 7's degree,
    # the missing number in Art. 13's note, "قدم نصب", the "با" of 5.1/6.1/7.1, "related" and
    # "relevant", the typos "تطیق", "مسعول", "انظامی", and the lost ZWNJ.
    assert cited >= {"3", "8.4", "7", "13.note", "25.1", "5.1", "6.1", "5.3", "11", "25.13", "25"}
    assert any("میگردد" in defect.printed for defect in DEFECTS)


def test_the_1401_regulation_caveat() -> None:
    assert "1401 regulation" in SUPERSESSION and "may supersede" in SUPERSESSION
