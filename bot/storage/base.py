"""What every part of the store shares: transactions, dialect-neutral upserts, errors."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    ColumnElement,
    Engine,
    Executable,
    Insert,
    PoolProxiedConnection,
    Table,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage.db import (
    DATABASE_ERRORS,
    DURABLE_OPTION,
    WRITE_OPTION,
    create_sqlite_plain_engine,
    is_busy,
    is_unavailable,
    unavailable,
)
from bot.storage.questionlog import LoggedQuestion, Pending, RememberedZone, WriteBehind
from bot.storage.statements import Direct, Statements, ThroughSqlAlchemy
from bot.storage.tables import questions, users

T = TypeVar("T")
logger = logging.getLogger(__name__)
CHECKPOINT_EVERY = 200  # commits on the event loop's connection (a few pages each)


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
        self._durable_writer = engine.execution_options(
            **{WRITE_OPTION: True, DURABLE_OPTION: True}
        )
        # SQLite lets one transaction write at a time and makes the others sleep and poll for
        # the lock; this process's writers queue here instead. PostgreSQL writes concurrently.
        self._sqlite_writers = SqliteWriters() if engine.dialect.name == "sqlite" else None
        self._thread_engine = create_sqlite_plain_engine(engine, waits=True)
        self._loop_engine = create_sqlite_plain_engine(engine, waits=False)
        self._thread = ThreadPoolExecutor(1, "zonebot-sqlite") if self._thread_engine else None
        self._loop_connection: PoolProxiedConnection | None = None
        self._direct: Direct | None = None
        self._loop_commits = 0
        self._pending = WriteBehind(self._write_pending)
        self._add_questions = self._insert_many(questions, [questions.c.id])
        self._set_zones = self._insert_many(
            users,
            [users.c.user_id],
            ("context_zone_id", "context_set_at", "updated_at"),
            newer=users.c.context_set_at,
        )

    async def close(self) -> None:
        """Write the pending question log, then close every pooled connection."""
        await self._pending.close()
        if self._thread is not None:
            self._thread.shutdown()
        if self._loop_connection is not None:
            self._loop_connection.close()
            self._loop_connection = self._direct = None
        for plain in (self._thread_engine, self._loop_engine):
            if plain is not None:
                plain.dispose()
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
    async def _write(self, *, durable: bool = False) -> AsyncIterator[AsyncConnection]:
        """Open a transaction that commits at the end of the block, or rolls back on error.

        A `durable` one survives a power cut once committed (leads, erasures); the others
        survive a crash of the process, and on SQLite a power cut may undo the last of them.
        """
        engine = self._durable_writer if durable else self._writer
        async with self._sqlite_writers.hold() if self._sqlite_writers else _nothing():
            try:
                async with engine.begin() as connection:
                    yield connection
            except DATABASE_ERRORS as exc:
                if not is_unavailable(exc):
                    raise
                raise unavailable(exc) from exc

    async def _transact(
        self, body: Callable[[Statements], T], *, on_loop: bool = False, durable: bool = False
    ) -> T:
        """Run a writing transaction whole: it commits when `body` returns, else rolls back.

        On SQLite it runs in the database's own thread, crossing over once; `on_loop` runs it
        on the event loop instead, for a short transaction on a reply's path (a thread's
        wake-up costs more on a busy machine), unless another process holds the lock. On
        PostgreSQL `body` runs on the event loop, each statement awaited. Errors are those of
        `_write`.
        """
        writers, thread, thread_engine = self._sqlite_writers, self._thread, self._thread_engine
        if writers is None or thread is None or thread_engine is None or self._loop_engine is None:
            async with self._write(durable=durable) as connection:
                return await connection.run_sync(lambda sync: body(ThroughSqlAlchemy(sync)))
        options = {WRITE_OPTION: True, DURABLE_OPTION: durable}
        try:
            if on_loop and not durable:
                await writers.idle()
                with contextlib.suppress(OperationalError):  # busy: wait in the thread
                    return self._on_loop(body)
            async with writers.hold():
                return await asyncio.get_running_loop().run_in_executor(
                    thread,
                    functools.partial(
                        _run_transaction, thread_engine.execution_options(**options), body
                    ),
                )
        except DATABASE_ERRORS as exc:
            _count_error(exc)
            if not is_unavailable(exc):
                raise
            raise unavailable(exc) from exc

    def _on_loop(self, body: Callable[[Statements], T]) -> T:
        """Run a transaction on the event loop; raise OperationalError only when busy.

        It runs on SQLite's own driver (bot.storage.statements). Its connection never
        checkpoints, so every so many commits the thread does.
        """
        try:
            result = self._direct_statements().transaction(body)
        except OperationalError as exc:
            if is_busy(exc):
                raise
            raise unavailable(exc) from exc
        self._loop_commits += 1
        if self._loop_commits % CHECKPOINT_EVERY == 0 and self._thread is not None:
            self._thread.submit(self._checkpoint)
        return result

    def _direct_statements(self) -> Direct:
        """The event loop's connection, opened on first use and kept."""
        if self._direct is None:
            assert self._loop_engine is not None
            self._loop_connection = self._loop_engine.raw_connection()
            driver = self._loop_connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            self._direct = Direct(driver, self._loop_engine.dialect)
        return self._direct

    def _checkpoint(self) -> None:
        """Copy the write-ahead log into the database file as far as readers allow."""
        assert self._thread_engine is not None
        try:
            with self._thread_engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except DATABASE_ERRORS as exc:
            logger.warning("checkpoint of the write-ahead log failed: %s", unavailable(exc))

    async def _write_pending(
        self, asked: Sequence[LoggedQuestion], zones: Mapping[int, RememberedZone]
    ) -> None:
        """Write queued questions and remembered zones in one transaction."""
        await self._transact(self._pending_writer(Pending(list(asked), dict(zones))))

    def _pending_writer(self, pending: Pending) -> Callable[[Statements], None]:
        """Return the part of a transaction that writes what was pending.

        Writing a row twice is harmless: a question id already stored is skipped, and a zone
        replaces only one set earlier.
        """
        rows = [
            {
                "id": question.id,
                "user_id": question.user_id,
                "text": question.text,
                "language": question.answer.lang,
                "status": question.answer.status,
                "asked_at": question.asked_at,
                "zone_id": question.answer.zone_id,
                "entry_id": question.answer.entry_id,
                "score": question.answer.score,
                "kb_version": question.answer.kb_version or None,
            }
            for question in pending.questions
        ]
        places = [
            {
                "user_id": user_id,
                "context_zone_id": zone.zone_id,
                "context_set_at": zone.set_at,
                "updated_at": zone.set_at,
            }
            for user_id, zone in pending.zones.items()
        ]

        def write(statements: Statements) -> None:
            if rows:  # an id taken twice (a chance in millions) keeps the first question
                statements.many(self._add_questions, rows)
            if places:
                statements.many(self._set_zones, places)

        return write

    def _insert_many(
        self,
        table: Table,
        keys: Sequence[Column[Any]],
        update: Sequence[str] = (),
        *,
        newer: Column[Any] | None = None,
    ) -> Insert:
        """Build INSERT ... ON CONFLICT for many rows: set `update` from the new row, or skip.

        With `newer`, a stored row is updated only if that column is NULL or not later there.
        """
        if self._engine.dialect.name == "postgresql":
            statement: postgresql.Insert | sqlite.Insert = postgresql.insert(table)
        else:
            statement = sqlite.insert(table)
        if not update:
            return statement.on_conflict_do_nothing(index_elements=keys)
        new = statement.excluded
        where = None if newer is None else newer.is_(None) | (newer <= new[newer.name])
        return statement.on_conflict_do_update(
            index_elements=keys, set_={name: new[name] for name in update}, where=where
        )

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


class SqliteWriters:
    """This process's SQLite writers that wait (in a thread, through aiosqlite) queue on a lock.

    A transaction run on the event loop never waits inside: it starts whenever none of them
    holds the lock, however many wait, so updates do not queue behind one another.
    """

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """Hold the write lock for a transaction that awaits."""
        async with self._lock:
            self._idle.clear()
            try:
                yield
            finally:
                self._idle.set()

    async def idle(self) -> None:
        """Return once no waiting writer holds the lock (at once if none does)."""
        while self._lock.locked():
            await self._idle.wait()


@contextlib.asynccontextmanager
async def _nothing() -> AsyncIterator[None]:
    """Hold nothing: PostgreSQL needs no lock of this process's."""
    yield


def _run_transaction(engine: Engine, body: Callable[[Statements], T]) -> T:
    """Run `body` in one transaction of a plain engine (in the database's thread)."""
    with engine.begin() as connection:
        return body(ThroughSqlAlchemy(connection))
