"""The database layer: URLs people write, SQLite settings, and migrations under a lock."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import asyncpg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, make_url

from bot.answer.model import Answer
from bot.cli.commands import main
from bot.errors import DatabaseUrlError, StorageUnavailableError
from bot.storage.db import (
    MIGRATION_LOCK_KEY,
    _alembic_config,
    create_engine,
    head_revision,
    normalise_database_url,
    upgrade_database,
)
from bot.storage.store import open_store
from bot.storage.tables import metadata

UNREACHABLE_POSTGRES = "postgresql://zonebot:s3cret@127.0.0.1:9/zonebot"


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("sqlite:///./data/zonebot.db", "sqlite+aiosqlite:///./data/zonebot.db"),
        (
            "sqlite:////var/lib/zonebot/zonebot.db",
            "sqlite+aiosqlite:////var/lib/zonebot/zonebot.db",
        ),
        ("sqlite+aiosqlite:///bot.db", "sqlite+aiosqlite:///bot.db"),
        ("sqlite+pysqlite:///bot.db", "sqlite+aiosqlite:///bot.db"),
        ("sqlite://", "sqlite+aiosqlite://"),
        ("  sqlite:///bot.db\n", "sqlite+aiosqlite:///bot.db"),
        ("postgresql://user@db:5432/zonebot", "postgresql+asyncpg://user@db:5432/zonebot"),
        ("postgres://user:pw@db/zonebot", "postgresql+asyncpg://user:pw@db/zonebot"),
        ("postgresql+asyncpg://user@db/zonebot", "postgresql+asyncpg://user@db/zonebot"),
        ("postgresql+psycopg2://user@db/zonebot", "postgresql+asyncpg://user@db/zonebot"),
        (
            "postgresql://user@db/zonebot?sslmode=require",
            "postgresql+asyncpg://user@db/zonebot?sslmode=require",
        ),
    ],
)
def test_database_url_is_normalised_to_its_async_driver(written: str, normalised: str) -> None:
    url = normalise_database_url(written)
    assert url.render_as_string(hide_password=False) == normalised


@pytest.mark.parametrize(
    "written",
    [
        "",
        "not a url",
        "mysql://user@db/zonebot",
        "http://example.com/db",
        "postgresql://user@db:5432",
        "sqlite://somehost/bot.db",
    ],
)
def test_bad_database_url_is_one_line_naming_the_setting(written: str) -> None:
    with pytest.raises(DatabaseUrlError) as caught:
        normalise_database_url(written)
    message = str(caught.value)
    assert message.startswith("ZONEBOT_DATABASE_URL")
    assert "\n" not in message


async def test_sqlite_file_and_its_folder_are_created_on_first_start(tmp_path: Path) -> None:
    database = tmp_path / "nested" / "data" / "zonebot.db"
    await upgrade_database(f"sqlite:///{database}")
    assert database.is_file()


async def test_sqlite_connections_use_the_write_ahead_log_and_are_strict(sqlite_url: str) -> None:
    await upgrade_database(sqlite_url)
    engine = create_engine(sqlite_url)
    try:
        async with engine.connect() as connection:
            pragmas = {
                name: (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
    finally:
        await engine.dispose()
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 1,  # NORMAL: a power cut may undo the last commits, never corrupt
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


async def test_sqlite_syncs_the_log_at_the_commit_of_leads_and_erasures_only(
    sqlite_url: str,
) -> None:
    store = await open_store(sqlite_url)
    try:
        levels = []
        for durable in (True, False, True):
            async with store._write(durable=durable) as connection:
                levels.append((await connection.exec_driver_sql("PRAGMA synchronous")).scalar())
    finally:
        await store.close()
    assert levels == [2, 1, 2]  # FULL for a durable transaction, NORMAL for the others


def _upgrade_to(connection: Connection, revision: str) -> None:
    with connection.begin():
        command.upgrade(_alembic_config(connection), revision)


async def test_questions_logged_before_the_64_bit_ids_keep_their_ids_and_feedback(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_upgrade_to, "0001")
            await connection.exec_driver_sql(
                "INSERT INTO questions (id, user_id, asked_at, language, text, status) "
                "VALUES (7, 1, '2026-12-01 08:00:00', 'zh', 'old', 'answer')"
            )
            await connection.exec_driver_sql(
                "INSERT INTO feedback (user_id, question_id, helpful, updated_at) "
                "VALUES (1, 7, false, '2026-12-01 08:00:00')"
            )
            await connection.commit()
    finally:
        await engine.dispose()
    store = await open_store(database_url)  # upgrades to the newest revision
    try:
        new_id = await store.log_question(
            1, "new", Answer(question="", status="no_match", lang="zh", score=0.0)
        )
        exported = await store.export_user(1)
    finally:
        await store.close()
    assert [row["id"] for row in exported["questions"]] == [7, new_id]
    assert new_id > 2**31  # beyond the old 32-bit ids
    assert [row["question_id"] for row in exported["feedback"]] == [7]


def _schema_state(connection: Connection) -> tuple[set[str], str | None, list[object]]:
    """Return the tables, the recorded revision and any difference from bot.storage.tables."""
    tables = set(inspect(connection).get_table_names())
    revision = MigrationContext.configure(connection).get_current_revision()
    differences = compare_metadata(
        MigrationContext.configure(connection, opts={"compare_type": True}), metadata
    )
    return tables, revision, differences


async def _inspect(database_url: str) -> tuple[set[str], str | None, list[object]]:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_schema_state)
    finally:
        await engine.dispose()


async def test_migrations_build_the_declared_schema_from_empty(database_url: str) -> None:
    await upgrade_database(database_url)
    tables, revision, differences = await _inspect(database_url)
    assert tables == {*metadata.tables, "alembic_version"}
    assert revision == head_revision()
    assert differences == []


async def test_upgrading_an_up_to_date_database_changes_nothing(database_url: str) -> None:
    await upgrade_database(database_url)
    await upgrade_database(database_url)
    _, revision, differences = await _inspect(database_url)
    assert revision == head_revision()
    assert differences == []


async def test_concurrent_upgrades_of_a_fresh_database_all_succeed(database_url: str) -> None:
    """Replicas starting together each run the upgrade; the lock makes them take turns."""
    await asyncio.gather(*(upgrade_database(database_url) for _ in range(4)))
    tables, revision, _ = await _inspect(database_url)
    assert revision == head_revision()
    assert set(metadata.tables) <= tables


async def test_postgres_upgrades_wait_for_the_migration_lock(postgres_url: str) -> None:
    """Two upgrades queue behind whoever holds the lock, then both succeed."""
    dsn = make_url(postgres_url).set(drivername="postgresql").render_as_string(False)
    holder = await asyncpg.connect(dsn)
    try:
        await holder.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK_KEY)
        upgrades = [asyncio.create_task(upgrade_database(postgres_url)) for _ in range(2)]
        waiting_sql = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        for _ in range(1200):  # a minute at most
            if await holder.fetchval(waiting_sql) == 2:
                break
            await asyncio.sleep(0.05)
        else:
            pytest.fail("the two upgrades never queued for the migration lock")
        assert not any(task.done() for task in upgrades)
        await holder.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK_KEY)
        await asyncio.gather(*upgrades)
        tables = await holder.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    finally:
        await holder.close()
    assert {row["tablename"] for row in tables} == {*metadata.tables, "alembic_version"}


async def test_upgrade_of_an_unreachable_database_is_one_line_without_password() -> None:
    with pytest.raises(StorageUnavailableError) as caught:
        await upgrade_database(UNREACHABLE_POSTGRES)
    message = str(caught.value)
    assert message.startswith("database unavailable at postgresql+asyncpg://zonebot:***@")
    assert "s3cret" not in message
    assert "\n" not in message


def test_cli_db_upgrade_exits_0_and_names_the_revision(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade", "--database-url", database_url]) == 0
    assert capsys.readouterr().out == f"database schema at revision {head_revision()}\n"


def test_cli_db_upgrade_uses_the_setting_and_its_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZONEBOT_DATABASE_URL", raising=False)
    assert main(["db", "upgrade"]) == 0
    assert (tmp_path / "data" / "zonebot.db").is_file()


async def _log_old_question(database_url: str) -> None:
    store = await open_store(database_url)
    try:
        long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
        result = Answer(question="q", status="no_match", lang="zh", score=0.0)
        await store.log_question(7, "很久以前的问题", result, asked_at=long_ago)
        await store.log_question(7, "今天的问题", result)
    finally:
        await store.close()


def test_cli_db_purge_deletes_what_is_past_the_retention_settings(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZONEBOT_QUESTION_LOG_RETENTION_DAYS", "180")
    asyncio.run(_log_old_question(sqlite_url))
    assert main(["db", "purge", "--database-url", sqlite_url]) == 0
    assert capsys.readouterr().out.startswith("deleted 1 question(s), 0 lead(s)")


@pytest.mark.parametrize("url", ["mysql://user@db/zonebot", UNREACHABLE_POSTGRES])
def test_cli_db_upgrade_exits_1_with_one_line_when_the_database_is_unusable(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade", "--database-url", url]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "s3cret" not in captured.err


def test_schema_keeps_no_names_of_users() -> None:
    """Telegram user ids only: no column for a user's name or username."""
    columns = {column.name for table in metadata.sorted_tables for column in table.columns}
    assert not {"name", "first_name", "last_name", "username"} & columns
    assert "user_id" in {column.name for column in metadata.tables["questions"].columns}
