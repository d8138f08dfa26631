"""How a disciplinary command reaches the store: a write settles in its transaction, a read.

`write` runs the command's work and then `settle` (windows closed, suspensions and revocations
applied, suspensions ended) in one transaction, so every write command says what settling did;
a refusal of the domain rolls both back and becomes `BadInput` naming the option as typed.
`read` runs a query in a session of its own. Both upgrade an embedded SQLite store first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.domain.refusals import DisciplineError, RepeatOffence
from bot.domain.settlement import settle
from bot.operator.common import BadInput, with_store

_T = TypeVar("_T")


@dataclass(frozen=True)
class Done:
    """A write command's result, and what settling did after it."""

    value: Any
    settled: list[str]


def write(
    settings: Settings,
    now: datetime,
    fields: dict[str, str],
    work: Callable[[AsyncSession], Awaitable[Any]],
) -> Done:
    """Run *work* and `settle` in one transaction; a refusal rolls everything back.

    A `DisciplineError` becomes BadInput with the field as the operator typed it (*fields*).
    """

    async def _run(sessions: async_sessionmaker[AsyncSession]) -> Done:
        try:
            async with sessions() as session, session.begin():
                value = await work(session)
                settled = await settle(session, settings, now)
                return Done(value, settled)
        except RepeatOffence as refused:
            raise BadInput(
                f"--sanction: {refused.explain()} Note 3 is mandatory: no one departs from it."
            ) from None
        except DisciplineError as refused:
            raise BadInput(
                f"{fields.get(refused.field, refused.field)}: {refused.message}"
            ) from None

    return asyncio.run(with_store(settings, _run))


def read(settings: Settings, work: Callable[[AsyncSession], Awaitable[_T]]) -> _T:
    """Run *work* in a session of its own (nothing written) and return what it found."""

    async def _run(sessions: async_sessionmaker[AsyncSession]) -> _T:
        async with sessions() as session:
            return await work(session)

    return asyncio.run(with_store(settings, _run))
