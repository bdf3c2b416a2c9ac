"""The update's statements run on SQLite's own driver read and write what SQLAlchemy does."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import Iterator

import pytest
import sqlalchemy
from sqlalchemy import Column, Integer, MetaData, Table, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError

from bot.storage.db import is_busy, upgrade_database
from bot.storage.statements import Direct, Statements, ThroughSqlAlchemy
from bot.storage.store import STATE_AND_COUNT
from bot.storage.tables import processed_updates, questions, users

NOW = dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC)
ZONE = {
    "user_id": 7,
    "language": "zh",
    "context_zone_id": "qingdao-hitech",
    "context_set_at": NOW,
    "lead_form": {"step": "company", "answers": {}, "form_id": "f1"},
    "lead_form_updated_at": NOW,
    "updated_at": NOW,
}
ASKED = [
    {
        "id": n,
        "user_id": 7,
        "asked_at": NOW - dt.timedelta(seconds=n * 20),
        "language": "zh",
        "text": f"问题 {n}",
        "status": "answer",
    }
    for n in range(1, 5)
]


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[sqlalchemy.Engine]:
    """A plain engine on a migrated SQLite file."""
    asyncio.run(upgrade_database(sqlite_url))
    plain = sqlalchemy.create_engine(sqlite_url.replace("sqlite:", "sqlite+pysqlite:"))
    yield plain
    plain.dispose()


def _direct(engine: sqlalchemy.Engine) -> tuple[Direct, sqlite3.Connection]:
    connection = sqlite3.connect(engine.url.database or "", isolation_level=None, timeout=0)
    return Direct(connection, engine.dialect), connection


def _write_and_read(statements: Statements) -> object:
    statements.many(sqlite.insert(users), [ZONE])
    statements.many(sqlite.insert(questions), ASKED)
    claimed = statements.rowcount(
        sqlite.insert(processed_updates).on_conflict_do_nothing(),
        {"update_id": 1, "claimed_at": NOW},
    )
    return claimed, statements.first(
        STATE_AND_COUNT, {"user_id": 7, "since": NOW - dt.timedelta(minutes=1)}
    )


def test_the_driver_writes_and_reads_back_what_sqlalchemy_does(engine: sqlalchemy.Engine) -> None:
    direct, connection = _direct(engine)
    try:
        through_driver = direct.transaction(_write_and_read)
        with engine.connect() as read:
            stored = [dict(row._mapping) for row in read.execute(select(questions))]
            user = dict(read.execute(select(users)).one()._mapping)
        connection.execute("DELETE FROM users")
        connection.execute("DELETE FROM questions")
        connection.execute("DELETE FROM processed_updates")
        with engine.begin() as write:
            through_sqlalchemy = _write_and_read(ThroughSqlAlchemy(write))
    finally:
        connection.close()
    assert through_driver == through_sqlalchemy
    assert through_driver == (1, {"recent": 3, **ZONE})  # 20, 40 and 60 seconds ago
    assert user == ZONE  # times aware and in UTC, the form as JSON, as SQLAlchemy reads them
    assert [row["asked_at"] for row in stored] == [row["asked_at"] for row in ASKED]


def test_a_failed_statement_rolls_the_transaction_back_and_fails_as_sqlalchemy_fails(
    engine: sqlalchemy.Engine,
) -> None:
    direct, connection = _direct(engine)
    claim = insert(processed_updates)

    def claim_twice(statements: Statements) -> None:
        statements.rowcount(claim, {"update_id": 1, "claimed_at": NOW})
        statements.rowcount(claim, {"update_id": 1, "claimed_at": NOW})

    def naive_time(statements: Statements) -> None:
        statements.rowcount(claim, {"update_id": 2, "claimed_at": NOW.replace(tzinfo=None)})

    try:
        with pytest.raises(IntegrityError):
            direct.transaction(claim_twice)
        with pytest.raises(StatementError, match="naive datetime"):
            direct.transaction(naive_time)
        assert not connection.in_transaction
        assert connection.execute("SELECT count(*) FROM processed_updates").fetchone() == (0,)
    finally:
        connection.close()


def test_a_locked_database_fails_at_once_as_busy(engine: sqlalchemy.Engine) -> None:
    direct, connection = _direct(engine)
    other_process = sqlite3.connect(engine.url.database or "", isolation_level=None)
    try:
        other_process.execute("BEGIN IMMEDIATE")
        with pytest.raises(OperationalError) as failed:
            direct.transaction(lambda statements: None)
        assert is_busy(failed.value)
    finally:
        other_process.close()
        connection.close()


def test_a_statement_needing_values_computed_when_it_runs_is_refused(
    engine: sqlalchemy.Engine,
) -> None:
    stamped = Table(
        "stamped",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("n", Integer, default=1),
    )
    direct, connection = _direct(engine)
    try:
        with pytest.raises(ValueError, match="computed when it runs"):
            direct.transaction(lambda statements: statements.rowcount(insert(stamped), {"id": 1}))
    finally:
        connection.close()
