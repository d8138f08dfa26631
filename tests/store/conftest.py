"""The store tests' sessions: on the suite's fresh, migrated store (SQLite, and PostgreSQL where
the suite tests it)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.database import open_engine, session_factory


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    db = open_engine(database_url)
    yield session_factory(db)
    await db.dispose()
