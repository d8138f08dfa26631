"""The migration stairway: every revision upgrades, downgrades and upgrades again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from storage.database import alembic_config, migrate, open_engine
from storage.models import Base


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


async def test_every_revision_goes_up_and_down(empty_database_url: str) -> None:
    engine = open_engine(empty_database_url)
    try:
        steps = revisions()
        assert steps[0] == "0001"
        previous = "base"
        for revision in steps:
            await migrate(engine, revision)
            await migrate(engine, previous, down=True)
            await migrate(engine, revision)
            previous = revision
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert {"identities", "conversations", "processed_updates", "outbox", "buttons"} <= tables
        await migrate(engine, "base", down=True)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert tables <= {"alembic_version"}
    finally:
        await engine.dispose()


async def test_the_models_match_the_newest_revision(empty_database_url: str) -> None:
    engine = open_engine(empty_database_url)
    try:
        await migrate(engine)

        def differences(connection: Connection) -> list[object]:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))

        async with engine.connect() as connection:
            assert await connection.run_sync(differences) == []
    finally:
        await engine.dispose()
