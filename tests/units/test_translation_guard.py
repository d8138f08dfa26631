"""The guard in tests/conftest.py: a test fails when the translator fell back to an English id.

Without it, a Persian chat test that asserts only digits, a code or an English fragment passes
while the user would read the untranslated English id.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.text.i18n import translator
from tests.conftest import MISSING_TRANSLATIONS
from tests.shared import CHECKOUT
from tests.support import ENGLISH_ONLY, PLEASE_SEND_A_FILE, Pet

UNTRANSLATED = "An id that no catalog holds"


def test_the_test_wizards_texts_are_english_only_on_purpose() -> None:
    assert {Pet.title, "Which animal?", "Dog", "Does it need walks?", PLEASE_SEND_A_FILE} <= (
        ENGLISH_ONLY
    )


def test_a_fallback_is_seen_and_english_only_texts_are_let_through(
    request: pytest.FixtureRequest,
) -> None:
    guard = request.node.stash[MISSING_TRANSLATIONS]  # this very test's guard
    fa = translator("fa")
    assert fa(Pet.title) == Pet.title
    assert guard.missing == []
    assert fa(UNTRANSLATED) == UNTRANSLATED
    assert guard.missing == [("fa", UNTRANSLATED)]
    assert UNTRANSLATED in guard.describe()
    guard.missing.clear()  # the fallback above was made on purpose


def test_a_persian_test_passing_on_the_english_id_fails(tmp_path: Path) -> None:
    (tmp_path / "test_fallback.py").write_text(
        "from bot.text.i18n import translator\n\n\n"
        "def test_a_code_in_a_persian_reply() -> None:\n"
        f"    reply = translator('fa')({UNTRANSLATED + ': {code}'!r}, code='4827305160')\n"
        "    assert '۴۸۲۷۳۰۵۱۶۰' in reply  # holds on the English id too\n",
        encoding="utf-8",
    )
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    environment["PYTHONPATH"] = str(CHECKOUT)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 failed" in output, output
    assert "the translator fell back to the English id" in output, output
    assert UNTRANSLATED in output, output
