"""The store an operator command runs on: the suite's one store, named as `daftar` reads it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import is_product_setting


@pytest.fixture
def url(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A fresh store at the newest revision, as after `daftar db upgrade` (SQLite, and
    PostgreSQL where the suite tests it), named by DAFTAR_DATABASE_URL; no other DAFTAR_ setting,
    no .env (the test's own folder is the working directory). A command refuses an SQLite file
    that does not exist (tests/operator_commands/test_store_selection.py) and upgrades only
    SQLite, so the store is migrated already."""
    for name in list(os.environ):
        if is_product_setting(name):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DAFTAR_DATABASE_URL", database_url)
    return database_url
