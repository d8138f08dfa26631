"""Articles 12 and 22–26 of directive 100/9970/9000 (1392/2/28), as cases of the law."""

from __future__ import annotations

import jdatetime
import pytest

from bot.rules.violations import (
    ANOTHER_MATTER,
    APPEALABLE,
    ARTICLE_12,
    ARTICLE_22,
    ARTICLE_23_OPENING,
    ARTICLE_24,
    ARTICLE_25_OPENING,
    ARTICLE_26,
    ARTICLE_26_NOTE_3_AS_EXTRACTED,
    ARTICLE_26_NOTES,
    CITIZEN_CHOICES,
    CITIZEN_CHOICES_BY_KEY,
    FINAL_AT_ONCE,
    SANCTIONS,
    UNCLASSIFIED,
    VIOLATIONS,
    WITHDRAWAL_EXPLANATION,
    EarlierSanction,
    EscalationRequired,
    appealable,
    check_escalation,
    escalation_floor,
    finality_msgid,
    is_final_at_once,
    previous_final,
)
from bot.text.i18n import translator
from tests.shared import shared_file

TATWEEL = "\u0640"


@pytest.fixture(scope="module")
def published() -> str:
    """The published Persian text as one line (tatweel, the justification stretch, removed)."""
    source = shared_file("directive", "directive-1392.fa.txt")
    flat = " ".join(line.strip() for line in source.read_text("utf-8").splitlines())
    return flat.replace(TATWEEL, "")


def day(year: int, month: int, day: int) -> jdatetime.date:
    return jdatetime.date(year, month, day)


# ---- Article 25: the catalogue ----


def test_article_25_has_fourteen_violations_in_order() -> None:
    assert list(VIOLATIONS) == [f"25.{n}" for n in range(1, 15)]
    for clause, violation in enumerate(VIOLATIONS.values(), 1):
        assert violation.id == f"25.{clause}"
        assert (violation.article, violation.clause) == (25, clause)
        assert violation.text and violation.name


def test_every_violation_is_the_published_text_word_for_word(published: str) -> None:
    for violation in VIOLATIONS.values():
        assert violation.text in published, violation.id
    assert ARTICLE_25_OPENING in published


def test_the_clauses_follow_their_printed_numbers_in_order(published: str) -> None:
    digits = "۰۱۲۳۴۵۶۷۸۹"
    start = published.index("ماده ۲۵-")
    position = start
    for violation in VIOLATIONS.values():
        number = "".join(digits[int(d)] for d in str(violation.clause))
        position = published.index(f"{number}- {violation.text}", position)
    assert position < published.index("ماده ۲۶-")


def test_25_1_keeps_the_typo_as_printed_and_is_read_as_failure_to_post() -> None:
    violation = VIOLATIONS["25.1"]
    assert violation.text.startswith("قدم نصب")
    assert violation.read_as.startswith("عدم نصب")
    assert violation.reading == "عدم نصب هزینه خدمات در محل مناسب"
    assert violation.notes and "عدم نصب" in violation.notes[0]


def test_other_typos_are_kept_and_read() -> None:
    assert "اکترونیک" in VIOLATIONS["25.7"].text
    assert "الکترونیک" in VIOLATIONS["25.7"].reading
    assert "مسعول" in VIOLATIONS["25.13"].text
    assert "مسئول" in VIOLATIONS["25.13"].reading
    assert VIOLATIONS["25.12"].reading == VIOLATIONS["25.12"].text
    assert "انظامی" in ARTICLE_25_OPENING


def test_violation_names_use_the_glossary() -> None:
    assert VIOLATIONS["25.6"].name == "Not giving clients a receipt for money paid"
    assert VIOLATIONS["25.10"].name == "Refusing to hand a copy to those legally entitled to it"
    assert VIOLATIONS["25.12"].name == "Charging more than the set fees"


# ---- what a citizen can witness ----

#: The clauses a client sees at the counter or in their own file, offered at once.
WITNESSED = ["25.1", "25.2", "25.4", "25.6", "25.8", "25.10", "25.12", "25.13"]
#: The office's duties to the Center, inspectors and accounts, and 25.14: under "More matters".
FURTHER = ["25.3", "25.5", "25.7", "25.9", "25.11", "25.14"]


def test_what_a_client_witnesses_is_offered_at_once_in_the_law_s_order() -> None:
    offered = [c.violation_id for c in CITIZEN_CHOICES if c.common and c.violation_id]
    assert offered == WITNESSED


def test_every_other_clause_is_reachable_under_more_matters() -> None:
    further = [c.violation_id for c in CITIZEN_CHOICES if not c.common]
    assert further == FURTHER
    assert sorted(WITNESSED + FURTHER, key=lambda v: int(v.split(".")[1])) == list(VIOLATIONS)


def test_each_clause_is_one_choice_and_each_choice_one_clause_or_none() -> None:
    clauses = [c.violation_id for c in CITIZEN_CHOICES if c.violation_id is not None]
    assert len(clauses) == len(set(clauses)) == 14
    for choice in CITIZEN_CHOICES:
        if choice.violation_id is not None:
            assert choice.violation is VIOLATIONS[choice.violation_id]


def test_another_matter_is_unclassified_and_never_clause_14() -> None:
    another = CITIZEN_CHOICES_BY_KEY[ANOTHER_MATTER]
    assert another.common and another.violation_id is None and another.violation is None
    assert "Association" in another.label_msgid
    assert CITIZEN_CHOICES_BY_KEY["rules_not_followed"].violation_id == "25.14"
    assert UNCLASSIFIED == "unclassified"


def test_citizen_choices_are_plain_words_in_both_languages() -> None:
    labels = [c.label_msgid for c in CITIZEN_CHOICES]
    assert len(set(labels)) == len(labels)
    persian = translator("fa")
    for choice in CITIZEN_CHOICES:
        label = choice.label_msgid
        assert label and "Article" not in label and "25." not in label
        shown = persian(label)
        assert shown != label and "ماده" not in shown
        assert translator("en")(label) == label
    assert CITIZEN_CHOICES_BY_KEY["overcharged"].violation is VIOLATIONS["25.12"]
    assert persian(CITIZEN_CHOICES_BY_KEY[ANOTHER_MATTER].label_msgid) == (
        "موضوعی دیگر (کانون آن را دسته‌بندی می‌کند)"
    )


# ---- Articles 23 and 24: sanctions, finality, appeal ----


def test_article_23_has_six_sanctions_in_rising_order(published: str) -> None:
    assert list(SANCTIONS) == [1, 2, 3, 4, 5, 6]
    digits = "۰۱۲۳۴۵۶"
    position = published.index("ماده ۲۳-")
    for degree, sanction in SANCTIONS.items():
        assert sanction.degree == degree
        assert sanction.id == f"23.{degree}"
        position = published.index(f"{digits[degree]}- {sanction.text_fa}", position)
    assert position < published.index("ماده ۲۴-")
    assert ARTICLE_23_OPENING in published


def test_sanction_names_use_the_glossary() -> None:
    assert SANCTIONS[1].name_msgid == "Verbal warning"
    assert SANCTIONS[4].name_msgid == "Reprimand published on the Center's website"
    assert SANCTIONS[6].name_msgid == "Permanent revocation of the licence"


def test_only_a_suspension_has_a_duration_of_three_months_to_two_years() -> None:
    suspension = SANCTIONS[5]
    assert (suspension.min_months, suspension.max_months) == (3, 24)
    assert suspension.months_allowed(3) and suspension.months_allowed(24)
    assert not suspension.months_allowed(2)
    assert not suspension.months_allowed(25)
    assert not suspension.months_allowed(None)
    for degree in (1, 2, 3, 4, 6):
        assert SANCTIONS[degree].min_months is None
        assert SANCTIONS[degree].months_allowed(None)
        assert not SANCTIONS[degree].months_allowed(6)


@pytest.mark.parametrize("degree", [1, 2, 3, 4])
def test_sanctions_1_to_4_are_final_at_once(degree: int) -> None:
    assert is_final_at_once(degree)
    assert not appealable(degree)
    assert SANCTIONS[degree].final_at_once
    assert finality_msgid(degree) == FINAL_AT_ONCE


@pytest.mark.parametrize("degree", [5, 6])
def test_sanctions_5_and_6_are_appealable(degree: int) -> None:
    assert not is_final_at_once(degree)
    assert appealable(degree)
    assert SANCTIONS[degree].appealable
    assert finality_msgid(degree) == APPEALABLE
    assert "Head of the Center" in APPEALABLE


@pytest.mark.parametrize("degree", [0, 7, -1])
def test_there_is_no_sanction_of_another_degree(degree: int) -> None:
    with pytest.raises(ValueError):
        is_final_at_once(degree)
    with pytest.raises(ValueError):
        appealable(degree)


# ---- Article 26 note 3: the repeat offender ----


def test_earlier_degree_2_final_before_the_new_violation_requires_at_least_3() -> None:
    earlier = [EarlierSanction(2, final_on=day(1403, 1, 10))]
    assert escalation_floor(earlier, committed_on=day(1403, 5, 1)) == 2
    with pytest.raises(EscalationRequired) as raised:
        check_escalation(2, earlier, committed_on=day(1403, 5, 1))
    error = raised.value
    assert (error.minimum_degree, error.earlier_degree, error.new_degree) == (3, 2, 2)
    assert error.citation == "26.note3"
    assert error.params["minimum_degree"] == 3
    assert "{minimum_degree}" in error.message
    with pytest.raises(EscalationRequired):
        check_escalation(1, earlier, committed_on=day(1403, 5, 1))
    check_escalation(3, earlier, committed_on=day(1403, 5, 1))
    check_escalation(6, earlier, committed_on=day(1403, 5, 1))


def test_a_violation_committed_before_the_earlier_ruling_became_final_sets_no_floor() -> None:
    earlier = [EarlierSanction(3, final_on=day(1403, 6, 1))]
    assert escalation_floor(earlier, committed_on=day(1403, 5, 31)) is None
    check_escalation(1, earlier, committed_on=day(1403, 5, 31))


def test_a_violation_on_the_day_the_ruling_became_final_sets_no_floor() -> None:
    earlier = [EarlierSanction(3, final_on=day(1403, 6, 1))]
    assert escalation_floor(earlier, committed_on=day(1403, 6, 1)) is None
    assert escalation_floor(earlier, committed_on=day(1403, 6, 2)) == 3


def test_a_ruling_not_yet_final_sets_no_floor() -> None:
    earlier = [EarlierSanction(4, final_on=None)]
    assert escalation_floor(earlier, committed_on=day(1404, 1, 1)) is None


@pytest.mark.parametrize("degree", [5, 6])
def test_earlier_sanctions_5_and_6_are_not_counted_by_note_3(degree: int) -> None:
    earlier = [EarlierSanction(degree, final_on=day(1402, 1, 1))]
    assert escalation_floor(earlier, committed_on=day(1403, 1, 1)) is None
    check_escalation(1, earlier, committed_on=day(1403, 1, 1))


def test_26_note3_the_previous_ruling_counts_not_the_highest() -> None:
    # "بالاتر از حکم قبلی": higher than the previous ruling, the one final most recently
    # before the new violation (a degree 3 earlier does not lift the floor above 2).
    earlier = [
        EarlierSanction(1, final_on=day(1401, 1, 1)),
        EarlierSanction(3, final_on=day(1402, 1, 1)),
        EarlierSanction(2, final_on=day(1402, 6, 1)),
        EarlierSanction(4, final_on=day(1403, 9, 1)),  # final after the new violation
        EarlierSanction(5, final_on=day(1402, 7, 1)),  # not a sanction of rows 1 to 4
    ]
    assert escalation_floor(earlier, committed_on=day(1403, 1, 1)) == 2
    assert previous_final(earlier, committed_on=day(1403, 1, 1)) == earlier[2]
    with pytest.raises(EscalationRequired) as raised:
        check_escalation(2, earlier, committed_on=day(1403, 1, 1))
    assert raised.value.minimum_degree == 3
    check_escalation(3, earlier, committed_on=day(1403, 1, 1))
    assert escalation_floor(earlier, committed_on=day(1402, 3, 1)) == 3


def test_after_a_final_degree_4_only_suspension_or_revocation_remains() -> None:
    earlier = [EarlierSanction(4, final_on=day(1402, 1, 1))]
    with pytest.raises(EscalationRequired) as raised:
        check_escalation(4, earlier, committed_on=day(1403, 1, 1))
    assert raised.value.minimum_degree == 5
    check_escalation(5, earlier, committed_on=day(1403, 1, 1))


def test_no_earlier_sanction_no_floor() -> None:
    assert escalation_floor([], committed_on=day(1403, 1, 1)) is None
    check_escalation(1, [], committed_on=day(1403, 1, 1))


def test_escalation_refuses_an_unknown_degree() -> None:
    with pytest.raises(ValueError):
        check_escalation(7, [], committed_on=day(1403, 1, 1))
    with pytest.raises(ValueError):
        escalation_floor([EarlierSanction(0, final_on=day(1402, 1, 1))], day(1403, 1, 1))


# ---- the other texts ----


def test_articles_12_22_24_26_and_notes_1_2_are_the_published_text(published: str) -> None:
    for clause in (ARTICLE_12, ARTICLE_22, ARTICLE_24, ARTICLE_26, *ARTICLE_26_NOTES.values()):
        if clause.id == "26.note3":
            continue
        assert clause.text in published, clause.id
    assert "نزدیکترین کانون" in ARTICLE_12.text


def test_note_3_is_the_extracted_words_in_reading_order(published: str) -> None:
    assert ARTICLE_26_NOTE_3_AS_EXTRACTED in published
    tanvin = "\u064b"

    def words(text: str) -> list[str]:
        return sorted(w for w in text.replace(tanvin, "").split() if w)

    assert words(ARTICLE_26_NOTES[3].text) == words(ARTICLE_26_NOTE_3_AS_EXTRACTED)
    assert ARTICLE_26_NOTES[3].text.startswith("در صورتی که مدیر دفتر")
    assert "پس از قطعیت حکم مجدداً مرتکب تخلف گردد" in ARTICLE_26_NOTES[3].text


def test_note_2_explains_withdrawal_to_the_complainant() -> None:
    assert [note.id for note in ARTICLE_26_NOTES.values()] == ["26.note1", "26.note2", "26.note3"]
    assert "استرداد شکایت" in ARTICLE_26_NOTES[2].text
    assert "does not stop" in WITHDRAWAL_EXPLANATION
    assert "mitigates" in WITHDRAWAL_EXPLANATION
