"""Fixtures: a real store (SQLite always; PostgreSQL where DAFTAR_TEST_POSTGRES_URL is set),
a fixed clock, and a sender that records what users would receive."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import App, build_registry, open_app
from bot.config import Settings
from bot.flows.registry import Registry
from bot.messages.replies import Reply
from storage.database import open_engine

POSTGRES_URL = os.environ.get("DAFTAR_TEST_POSTGRES_URL")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_report_header(config: pytest.Config) -> str:
    """Say which stores the run uses, so a skipped PostgreSQL is never silent."""
    if POSTGRES_URL:
        return f"stores: SQLite and PostgreSQL ({POSTGRES_URL})"
    return "stores: SQLite only (set DAFTAR_TEST_POSTGRES_URL to test PostgreSQL too)"


def _postgres_param() -> object:
    if POSTGRES_URL:
        return "postgres"
    if IN_CI:
        return pytest.param("postgres", marks=pytest.mark.xfail(strict=True, reason="CI needs it"))
    return pytest.param(
        "postgres",
        marks=pytest.mark.skip(reason="no PostgreSQL: set DAFTAR_TEST_POSTGRES_URL"),
    )


@pytest.fixture(params=["sqlite", _postgres_param()])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty store: an SQLite file, or a PostgreSQL database of its own."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
        return
    if not POSTGRES_URL:
        pytest.fail("CI must test PostgreSQL: DAFTAR_TEST_POSTGRES_URL is not set")
    name = f"daftar_test_{uuid.uuid4().hex[:12]}"
    admin = open_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _old_name = POSTGRES_URL.rpartition("/")
    yield f"{base}/{name}"
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    await admin.dispose()


class Clock:
    """A clock that moves only when told."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    """Noon in Tehran on 1403/08/15 (2024-11-05 08:30 UTC)."""
    return Clock(datetime(2024, 11, 5, 8, 30, tzinfo=UTC))


@pytest.fixture
def settings() -> Settings:
    """Defaults, without reading the developer's environment or .env."""
    return Settings(_env_file=None)  # type: ignore[call-arg]


class RecordingSender:
    """A transport that keeps what each chat received; it can be told to fail."""

    def __init__(self, platform: str = "test") -> None:
        self.platform = platform
        self.sent: list[tuple[int, Reply]] = []
        self.fail_with: Exception | None = None

    async def send(self, chat_id: int, reply: Reply) -> int:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append((chat_id, reply))
        return len(self.sent)

    async def download(self, file_id: str) -> bytes:
        return f"bytes of {file_id}".encode()

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [r.text for c, r in self.sent if chat_id is None or c == chat_id]


@pytest.fixture
def sender() -> RecordingSender:
    return RecordingSender()


@pytest.fixture
def registry() -> Registry:
    """The product's registry; tests may add flows of their own."""
    return build_registry()


@pytest.fixture
async def app(
    database_url: str, settings: Settings, clock: Clock, registry: Registry
) -> AsyncIterator[App]:
    """The engine on a fresh, migrated store."""
    opened = await open_app(settings, database_url, registry=registry, clock=clock, upgrade=True)
    yield opened
    await opened.close()


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No DAFTAR_ variable from the developer's shell leaks into a test."""
    for name in list(os.environ):
        if name.startswith("DAFTAR_") and name != "DAFTAR_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    yield
