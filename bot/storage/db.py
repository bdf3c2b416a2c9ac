"""The database connection: URL normalisation, engine setup and migrations under a lock."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy
from sqlalchemy import URL, Connection, Engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.errors import DatabaseUrlError, StorageUnavailableError

if TYPE_CHECKING:  # alembic costs ~80 ms to import; only migrations need it
    from alembic.config import Config

logger = logging.getLogger(__name__)

SETTING = "ZONEBOT_DATABASE_URL"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any fixed 64-bit number; every replica takes this PostgreSQL advisory lock to migrate.
MIGRATION_LOCK_KEY = 0x5A6F6E65426F74
BUSY_TIMEOUT_SECONDS = 5.0
MIGRATION_BUSY_TIMEOUT_SECONDS = 120.0
# Connection execution option: the transaction will write, so SQLite takes the lock up front.
WRITE_OPTION = "zonebot_write"
# Connection execution option: the transaction must survive a power cut once committed (a lead,
# an erasure), so SQLite syncs the write-ahead log at its commit.
DURABLE_OPTION = "zonebot_durable"
# SQLite's synchronous levels: NORMAL syncs the WAL only at checkpoints, FULL at every commit.
_SYNC_NORMAL, _SYNC_FULL = 1, 2
_SYNC_KEY = "zonebot_synchronous"

_SQLITE_NAMES = {"sqlite", "sqlite+aiosqlite", "sqlite+pysqlite"}
_POSTGRES_NAMES = {
    "postgres",
    "postgresql",
    "postgresql+asyncpg",
    "postgresql+psycopg",
    "postgresql+psycopg2",
}
_EXAMPLES = "sqlite:///./data/zonebot.db or postgresql://user@host:5432/dbname"
# What database access raises; `is_unavailable` tells which of these are not our bugs.
DATABASE_ERRORS = (DBAPIError, OSError)


def is_unavailable(exc: BaseException) -> bool:
    """Tell whether an error means the database is down, locked, full or restarting."""
    if isinstance(exc, OperationalError | InterfaceError | OSError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def unavailable(exc: BaseException, url: URL | None = None) -> StorageUnavailableError:
    """Describe a database failure in one line, without SQL, parameters or a password."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__]
    where = f" at {url.render_as_string(hide_password=True)}" if url is not None else ""
    return StorageUnavailableError(f"database unavailable{where}: {reason[0]}")


def normalise_database_url(database_url: str) -> URL:
    """Turn a plain or driver database URL into its async-driver form (aiosqlite, asyncpg)."""
    try:
        url = make_url(database_url.strip())
    except ArgumentError:
        msg = f"{SETTING} is not a database URL: write it like {_EXAMPLES}"
        raise DatabaseUrlError(msg) from None
    if url.drivername in _SQLITE_NAMES:
        if url.host or url.username or url.port:
            msg = f"{SETTING}: a SQLite URL names a file, with three slashes: sqlite:///path/to.db"
            raise DatabaseUrlError(msg)
        return url.set(drivername="sqlite+aiosqlite")
    if url.drivername in _POSTGRES_NAMES:
        if not url.database:
            msg = f"{SETTING}: name the database at the end, e.g. {_EXAMPLES.split(' or ')[1]}"
            raise DatabaseUrlError(msg)
        return url.set(drivername="postgresql+asyncpg")
    msg = f"{SETTING}: unsupported database {url.drivername!r}; use {_EXAMPLES}"
    raise DatabaseUrlError(msg)


def sqlite_file(url: URL) -> Path | None:
    """Return the file of a SQLite URL, or None for other databases and in-memory SQLite."""
    if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def create_engine(
    database_url: str, *, busy_timeout_seconds: float = BUSY_TIMEOUT_SECONDS
) -> AsyncEngine:
    """Create the async engine for a URL; a SQLite file's folder is created if missing.

    Statement parameters are left out of errors and logs: they hold leads' contact details.
    """
    url = normalise_database_url(database_url)
    path = sqlite_file(url)
    if url.drivername.startswith("sqlite"):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, hide_parameters=True)
        _configure_sqlite(engine.sync_engine, busy_timeout_seconds)
        return engine
    return create_async_engine(
        url,
        hide_parameters=True,
        pool_pre_ping=True,
        connect_args={"server_settings": {"timezone": "UTC", "application_name": "zonebot"}},
    )


def create_sqlite_plain_engine(engine: AsyncEngine, *, waits: bool) -> Engine | None:
    """Return a plain engine on the same SQLite file, for transactions run whole at once.

    Through aiosqlite every statement crosses between threads several times; a plain engine
    runs a transaction in one go, in a worker thread or on the event loop. One that does not
    `waits` fails at once when another process holds the write lock, and leaves checkpoints
    (which sync the file) to the others: it is the one run on the event loop. None for
    PostgreSQL and in-memory SQLite.
    """
    if sqlite_file(engine.url) is None:
        return None
    sync = sqlalchemy.create_engine(
        engine.url.set(drivername="sqlite+pysqlite"),
        hide_parameters=True,
        pool_size=1,
        connect_args={"check_same_thread": False},  # closed by the event loop's thread
    )
    _configure_sqlite(sync, BUSY_TIMEOUT_SECONDS if waits else 0, checkpoints=waits)
    return sync


def is_busy(exc: BaseException) -> bool:
    """Tell whether SQLite refused because another connection holds the lock."""
    code = getattr(getattr(exc, "orig", None), "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_BUSY


def _configure_sqlite(
    engine: Engine, busy_timeout_seconds: float, *, checkpoints: bool = True
) -> None:
    """Make SQLite safe and strict, and let SQLAlchemy say when transactions begin.

    WAL with synchronous=NORMAL never corrupts the file and keeps every commit through a crash
    of the process; a power cut may undo the last commits before it, except those made with
    `DURABLE_OPTION`, which sync the log (docs/throughput.md).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # sqlite3's own transaction handling skips BEGIN before SELECT and DDL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_seconds * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {_SYNC_NORMAL}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not checkpoints:
            cursor.execute("PRAGMA wal_autocheckpoint = 0")
        cursor.close()
        record.info[_SYNC_KEY] = _SYNC_NORMAL

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock at BEGIN, where the busy timeout applies, instead of
        # failing later when a read transaction tries to become a write one.
        options = conn.get_execution_options()
        wanted = _SYNC_FULL if options.get(DURABLE_OPTION, False) else _SYNC_NORMAL
        info = conn.connection.info  # the pooled connection's own, kept while it lives
        if info.get(_SYNC_KEY) != wanted:
            conn.exec_driver_sql(f"PRAGMA synchronous = {wanted}")
            info[_SYNC_KEY] = wanted
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITE_OPTION, False) else "BEGIN")


def _alembic_config(connection: Connection | None = None) -> Config:
    """Build Alembic's configuration in code, so no alembic.ini has to ship."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Return the newest migration's revision id."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _upgrade_locked(connection: Connection) -> None:
    """Migrate to the newest revision in one transaction that holds the migration lock."""
    with connection.execution_options(**{WRITE_OPTION: True, DURABLE_OPTION: True}).begin():
        if connection.dialect.name == "postgresql":
            # Released at commit or rollback, so a crashed migration cannot leave it held.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        from alembic import command

        command.upgrade(_alembic_config(connection), "head")


@contextlib.asynccontextmanager
async def _sqlite_migration_lock(url: URL) -> AsyncIterator[None]:
    """Hold a lock file beside the SQLite file, so only one process migrates at a time.

    SQLite's busy timeout does not cover a second connection opening the file while the first
    turns on WAL, so the lock has to be taken before connecting at all.
    """
    path = sqlite_file(url)
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + MIGRATION_BUSY_TIMEOUT_SECONDS
    with path.with_name(f"{path.name}.migrate-lock").open("a") as lock_file:
        while True:
            try:
                fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    msg = f"another process has been migrating {path} for too long"
                    raise TimeoutError(msg) from None
                await asyncio.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)


async def upgrade_database(database_url: str) -> None:
    """Apply every pending migration; concurrent callers wait for one another."""
    url = normalise_database_url(database_url)
    try:
        async with _sqlite_migration_lock(url):
            engine = create_engine(
                database_url, busy_timeout_seconds=MIGRATION_BUSY_TIMEOUT_SECONDS
            )
            try:
                async with engine.connect() as connection:
                    await connection.run_sync(_upgrade_locked)
            finally:
                await engine.dispose()
    except DATABASE_ERRORS as exc:
        # At start-up any database error (no such database, wrong password) stops the bot.
        raise unavailable(exc, url) from exc
    logger.info("database schema at revision %s", head_revision())
