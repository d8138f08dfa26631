"""The store an operator command runs on: the suite's one store, named as `daftar` reads it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage.database import migrate, open_engine
from tests.conftest import is_product_setting


@pytest.fixture
async def url(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A fresh store (SQLite, and PostgreSQL where the suite tests it) named by
    DAFTAR_DATABASE_URL; no other DAFTAR_ setting, no .env (the test's own folder is the working
    directory). A sync test may ask for it: its commands run their own event loops."""
    for name in list(os.environ):
        if is_product_setting(name):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DAFTAR_DATABASE_URL", database_url)
    # The store exists, as after `daftar db upgrade`: a command refuses an SQLite file that
    # does not (tests/operator_commands/test_store_selection.py), and upgrades only SQLite.
    db = open_engine(database_url)
    try:
        await migrate(db)
    finally:
        await db.dispose()
    return database_url
