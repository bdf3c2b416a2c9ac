"""What every part of the store shares: transactions, dialect-neutral upserts, errors."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Column, ColumnElement, Executable, Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.db import DATABASE_ERRORS, WRITE_OPTION, is_unavailable, unavailable


def storable(text: str) -> str:
    """Drop what no backend can keep alike: NUL (PostgreSQL refuses it) and lone surrogates."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _count_error(exc: BaseException) -> None:
    """Count a failed transaction in /metrics (imported here: CLI commands never serve it)."""
    from bot.metrics import METRICS

    METRICS.record_database_error(unavailable=is_unavailable(exc))


class StoreBase:
    """An engine whose transactions fail as `StorageUnavailableError` when it is down."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})

    async def close(self) -> None:
        """Close every pooled connection."""
        await self._engine.dispose()

    async def ping(self) -> None:
        """Run a trivial query, so a health check knows the database answers."""
        async with self._read() as connection:
            await connection.execute(select(1))

    @contextlib.asynccontextmanager
    async def _read(self) -> AsyncIterator[AsyncConnection]:
        """Open a transaction for reading."""
        try:
            async with self._engine.connect() as connection:
                yield connection
        except DATABASE_ERRORS as exc:
            _count_error(exc)
            if not is_unavailable(exc):
                raise
            raise unavailable(exc) from exc

    @contextlib.asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncConnection]:
        """Open a transaction that commits at the end of the block, or rolls back on error."""
        try:
            async with self._writer.begin() as connection:
                yield connection
        except DATABASE_ERRORS as exc:
            _count_error(exc)
            if not is_unavailable(exc):
                raise
            raise unavailable(exc) from exc

    def _insert(
        self,
        table: Table,
        values: Mapping[str, Any],
        keys: Sequence[Column[Any]],
        on_conflict_set: Mapping[str, Any] | None = None,
    ) -> Executable:
        """Build INSERT ... ON CONFLICT (keys) DO UPDATE, or DO NOTHING without a SET."""
        if self._engine.dialect.name == "postgresql":
            statement: postgresql.Insert | sqlite.Insert = postgresql.insert(table)
        else:
            statement = sqlite.insert(table)
        statement = statement.values(dict(values))
        if on_conflict_set is None:
            return statement.on_conflict_do_nothing(index_elements=keys)
        return statement.on_conflict_do_update(index_elements=keys, set_=dict(on_conflict_set))

    async def _count(self, table: Table, *conditions: ColumnElement[bool]) -> int:
        """Count the rows of a table that meet every condition."""
        async with self._read() as connection:
            count = await connection.scalar(
                select(func.count()).select_from(table).where(*conditions)
            )
        return int(count or 0)
