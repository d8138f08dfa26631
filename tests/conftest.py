"""Fixtures: a real store (SQLite always; PostgreSQL where DAFTAR_TEST_POSTGRES_URL is set),
Redis where DAFTAR_TEST_REDIS_URL is set (for the shared rate limit), a fixed clock, and a
sender that records what users would receive; and a guard that fails a test whose code asked the
translator for an id no catalog translates (the reply would silently be the English id)."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Generator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NoReturn

import pytest

from bot.app import App, build_registry, open_app
from bot.config import Settings
from bot.flows.registry import Registry
from bot.messages.replies import Reply
from bot.text import i18n
from tests.shared import SHARED_DIR_VARIABLE, in_ci, shared_dir
from tests.stores import PostgresStores, SqliteStores
from tests.support import ENGLISH_ONLY

POSTGRES_URL = os.environ.get("DAFTAR_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("DAFTAR_TEST_REDIS_URL")


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Say which stores and which shared folder the run uses, so neither is skipped silently."""
    if POSTGRES_URL:
        stores = f"stores: SQLite and PostgreSQL ({POSTGRES_URL})"
    else:
        stores = "stores: SQLite only (set DAFTAR_TEST_POSTGRES_URL to test PostgreSQL too)"
    folder = shared_dir()
    found = "found" if folder.is_dir() else f"absent; set {SHARED_DIR_VARIABLE} to name it"
    redis = REDIS_URL or "none (set DAFTAR_TEST_REDIS_URL to test the Redis rate limit)"
    return [stores, f"redis: {redis}", f"shared folder: {folder} ({found})"]


def _postgres_param() -> object:
    if POSTGRES_URL:
        return "postgres"
    if in_ci():
        return pytest.param("postgres", marks=pytest.mark.xfail(strict=True, reason="CI needs it"))
    return pytest.param(
        "postgres",
        marks=pytest.mark.skip(reason="no PostgreSQL: set DAFTAR_TEST_POSTGRES_URL"),
    )


def needed(reason: str) -> NoReturn:
    """Skip the calling test, *reason* printed; in CI (which has PostgreSQL and Redis) fail it."""
    if in_ci():
        pytest.fail(f"{reason} (CI must run this test)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def redis_url() -> str:
    """Redis's URL (DAFTAR_TEST_REDIS_URL): without it the test skips, and in CI fails. Tests
    share the server: each keeps to keys of its own (a bot id or prefix of its own)."""
    if not REDIS_URL:
        needed("no Redis: set DAFTAR_TEST_REDIS_URL")
    return REDIS_URL


@pytest.fixture
async def postgres_url(postgres_stores: PostgresStores | None) -> AsyncIterator[str]:
    """A fresh, migrated PostgreSQL database of its own, for a test on PostgreSQL alone: without
    DAFTAR_TEST_POSTGRES_URL the test skips, and in CI fails."""
    if postgres_stores is None:
        needed("no PostgreSQL: set DAFTAR_TEST_POSTGRES_URL")
    url = await postgres_stores.new()
    yield url
    postgres_stores.drop(url)


@pytest.fixture(scope="session")
def sqlite_stores(tmp_path_factory: pytest.TempPathFactory) -> SqliteStores:
    return SqliteStores(tmp_path_factory.mktemp("stores"))


@pytest.fixture(scope="session")
def postgres_stores() -> Iterator[PostgresStores | None]:
    stores = PostgresStores(POSTGRES_URL) if POSTGRES_URL else None
    yield stores
    if stores is not None:
        stores.close()


async def _store(
    request: pytest.FixtureRequest, tmp_path: Path, *, empty: bool
) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_stores").new(tmp_path / "test.db", empty=empty)
        return
    stores: PostgresStores | None = request.getfixturevalue("postgres_stores")
    if stores is None:
        pytest.fail("CI must test PostgreSQL: DAFTAR_TEST_POSTGRES_URL is not set")
    url = await stores.new(empty=empty)
    yield url
    stores.drop(url)


@pytest.fixture(params=["sqlite", _postgres_param()])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh store at the newest revision, as after `daftar db upgrade`: an SQLite file, or a
    PostgreSQL database of its own (each a copy of one migrated store: tests/stores.py)."""
    async for url in _store(request, tmp_path, empty=False):
        yield url


@pytest.fixture(params=["sqlite", _postgres_param()])
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh store with no schema at all, for the migrations' own tests."""
    async for url in _store(request, tmp_path, empty=True):
        yield url


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
        if is_product_setting(name):
            monkeypatch.delenv(name)
    yield


def is_product_setting(name: str) -> bool:
    """Whether *name* is a DAFTAR_ variable the product reads, not one of the suite's own
    (DAFTAR_TEST_POSTGRES_URL, DAFTAR_SHARED_DIR)."""
    return name.startswith("DAFTAR_") and not name.startswith(("DAFTAR_TEST_", SHARED_DIR_VARIABLE))


class MissingTranslations(logging.Handler):
    """Keeps the translator's warnings of an id without a translation (its one kind of
    warning), except for the tests' own English-only texts (tests/support.py)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: list[tuple[str, str]] = []
        self.reported = False

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        locale, message = (str(args[0]), str(args[1])) if len(args) == 2 else ("?", str(record.msg))
        if message not in ENGLISH_ONLY:
            self.missing.append((locale, message))

    def describe(self) -> str:
        shown = sorted(set(self.missing))
        return (
            "the translator fell back to the English id (no translation in the catalog), so a "
            f"reply was not in its locale: {shown}; add the ids to the catalogs "
            "(`make catalogs`), or mark a test's own text with tests.support.english_only"
        )


MISSING_TRANSLATIONS = pytest.StashKey[MissingTranslations]()


@pytest.fixture(autouse=True)
def _every_message_translated(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test (see pytest_runtest_call) when the translator had no translation for an id."""
    handler = MissingTranslations()
    request.node.stash[MISSING_TRANSLATIONS] = handler
    i18n.logger.addHandler(handler)
    try:
        yield
    finally:
        i18n.logger.removeHandler(handler)
    if handler.missing and not handler.reported:
        pytest.fail(handler.describe(), pytrace=False)  # a fallback during teardown


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """A test that passed fails when an id fell back during its setup or its body."""
    result = yield
    handler = item.stash.get(MISSING_TRANSLATIONS, None)
    if handler is not None and handler.missing:
        handler.reported = True
        pytest.fail(handler.describe(), pytrace=False)
    return result
