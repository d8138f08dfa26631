"""The law's text as shown to people: the zero-width non-joiners the extraction lost, restored."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.config import Settings
from bot.notices.managers import render
from bot.rules.directive_1392_fa import ARTICLE_OPENINGS, CLAUSES
from bot.rules.law_text import RESTORED, ZWNJ, shown
from bot.rules.violations import VIOLATIONS
from bot.text.i18n import translator
from storage.models import Notice
from tests.shared import shared_file

#: Words of the directive that start like a verb's «می» but are whole words: no ZWNJ in them.
NOT_A_PREFIX = {"میان", "میزان"}


def _directive_words() -> set[str]:
    text = shared_file("directive", "directive-1392.fa.txt").read_text("utf-8")
    return set(re.findall(r"\w+", text))


def test_the_published_forms_get_their_zwnj_back() -> None:
    assert shown("رشتههای مرتبط") == f"رشته{ZWNJ}های مرتبط"
    assert shown("دریافت وجه بیشتر از هزینههای تعیین شده.") == (
        f"دریافت وجه بیشتر از هزینه{ZWNJ}های تعیین شده."
    )
    assert shown("ممنوع میباشد:") == f"ممنوع می{ZWNJ}باشد:"
    assert shown("نظامنامهها، آییننامههای") == (f"نظام{ZWNJ}نامه{ZWNJ}ها، آیین{ZWNJ}نامه{ZWNJ}های")


def test_only_whole_words_change_and_nothing_but_a_zwnj_is_added() -> None:
    assert shown("میزان و میان") == "میزان و میان"
    assert shown("رشتههایی") == "رشتههایی"  # not a known form: left as printed
    for clause in CLAUSES:
        assert shown(clause.text).replace(ZWNJ, "") == clause.text, clause.id
    assert shown(f"رشته{ZWNJ}های") == f"رشته{ZWNJ}های"  # already right: unchanged


def test_every_form_of_the_directive_that_lost_its_zwnj_is_known() -> None:
    words = _directive_words()
    lost = {
        w for w in words if "هه" in w or (w.startswith(("می", "نمی")) and w not in NOT_A_PREFIX)
    }
    lost |= {"تماموقت", "ثبتنام", "جابهجایی", "نزدیکترین"} & words
    assert lost <= set(RESTORED), sorted(lost - set(RESTORED))
    # …and every known form is a word the directive prints.
    assert set(RESTORED) <= words, sorted(set(RESTORED) - words)


def test_the_quoted_texts_show_no_form_without_its_zwnj() -> None:
    texts = [c.text for c in CLAUSES] + list(ARTICLE_OPENINGS.values())
    texts += [v.text for v in VIOLATIONS.values()]
    for text in texts:
        assert not set(re.findall(r"\w+", shown(text))) & set(RESTORED), text


def test_a_managers_decision_notice_quotes_article_25_with_its_zwnj() -> None:
    notice = Notice(
        manager_id=1,
        office_code="1001",
        kind="decision",
        subject_id=1,
        content={"office_name": "دفتر", "violations": ["25.12"], "sanction": 1, "months": None},
        created_at=datetime.now(UTC),
        reminders=0,
    )
    body = render(translator("fa"), notice, Settings(_env_file=None))  # type: ignore[call-arg]
    assert f"دریافت وجه بیشتر از هزینه{ZWNJ}های تعیین شده." in body
    assert "هزینههای" not in body


def test_a_managers_decision_notice_quotes_a_misprinted_clause_as_read() -> None:
    # 25.1 prints "قدم نصب" ("a step of posting"); the law means "عدم نصب" (failing to post),
    # as the Board's file and the Appeals Board's file show it (bot/rules/law_readings).
    notice = Notice(
        manager_id=1,
        office_code="1001",
        kind="decision",
        subject_id=1,
        content={"office_name": "دفتر", "violations": ["25.1"], "sanction": 5, "months": 3},
        created_at=datetime.now(UTC),
        reminders=0,
    )
    body = render(translator("fa"), notice, Settings(_env_file=None))  # type: ignore[call-arg]
    assert "• بند ۱ ماده ۲۵: عدم نصب هزینه خدمات در محل مناسب" in body.split("\n")
    assert "قدم نصب" not in body
