"""The shared folder beside the checkout (tests/shared.py): found, named, and strict in CI.

A checkout without the folder skips the tests that read it, saying which file is missing; CI,
which always has the folder, fails them instead, so a lost folder is never a silent green run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared import (
    CHECKOUT,
    SHARED_DIR_VARIABLE,
    shared_dir,
    shared_file,
)

#: Tests that read the shared folder: the fake Bot API's documents, an end-to-end run (which
#: needs them too), and a bundled file compared with its shared original.
NEEDS_SHARED = (
    "tests/fakebotapi/test_fakebotapi.py::test_the_documents_are_looked_for_beside_the_repository",
    "tests/e2e/test_e2e_process.py::test_both_platforms_in_one_process_and_sigterm_stops_cleanly",
    "tests/law/test_tariff.py::test_the_bundled_file_is_the_shared_one",
)


def test_the_named_folder_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SHARED_DIR_VARIABLE, str(tmp_path))
    assert shared_dir() == tmp_path
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("a\n", encoding="utf-8")
    assert shared_file("data", "x.csv") == tmp_path / "data" / "x.csv"


def test_without_a_name_the_folder_is_beside_the_checkout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(SHARED_DIR_VARIABLE, raising=False)
    assert shared_dir() == CHECKOUT.parent / "shared"


def test_a_missing_file_skips_naming_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SHARED_DIR_VARIABLE, str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"tariff-1403\.csv") as skipped:
        shared_file("data", "tariff-1403.csv")
    assert str(tmp_path / "data" / "tariff-1403.csv") in str(skipped.value)


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_a_missing_file_fails_in_ci(
    ci: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SHARED_DIR_VARIABLE, str(tmp_path))
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match=r"tariff-1403\.csv"):
        shared_file("data", "tariff-1403.csv")


def run_without_shared(tmp_path: Path, *, ci: bool) -> subprocess.CompletedProcess[str]:
    """A pytest session over NEEDS_SHARED with the shared folder named as an empty directory."""
    empty = tmp_path / "empty-shared"
    empty.mkdir(exist_ok=True)
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"CI", "PYTEST_ADDOPTS", SHARED_DIR_VARIABLE}
    }
    environment.update({SHARED_DIR_VARIABLE: str(empty), "PYTHONPATH": str(CHECKOUT)})
    if ci:
        environment["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfEs", *NEEDS_SHARED],
        cwd=CHECKOUT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_in_ci_a_missing_shared_folder_fails_the_tests_that_need_it(tmp_path: Path) -> None:
    result = run_without_shared(tmp_path, ci=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # A test fails; one whose fixture asks for the folder (every end-to-end test) errors.
    reported = [line for line in output.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    for test in NEEDS_SHARED:
        assert any(line.split()[1] == test for line in reported), output
    assert " passed" not in output and " skipped" not in output, output
    assert "the shared Bot API documents are absent" in output, output
    assert "telegram-bot-api-10.1.json" in output, output
    assert str(tmp_path / "empty-shared" / "data" / "tariff-1403.csv") in output, output


def test_elsewhere_a_missing_shared_folder_skips_them_saying_why(tmp_path: Path) -> None:
    result = run_without_shared(tmp_path, ci=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"{len(NEEDS_SHARED)} skipped" in output, output
    assert " passed" not in output and " failed" not in output, output
    assert "the shared Bot API documents are absent" in output, output
    assert str(tmp_path / "empty-shared" / "data" / "tariff-1403.csv") in output, output
