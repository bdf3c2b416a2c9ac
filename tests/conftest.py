"""Shared fixtures. Storage: a SQLite file in tmp_path, and a throwaway PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from helpers.bot_harness import RunningBot, running_bot, webhook_settings
from sqlalchemy import URL, make_url

from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_knowledge_base
from bot.search.index import ZoneIndex, build_index
from bot.storage.store import Store, open_store

TEST_DATABASE_ENV = "ZONEBOT_TEST_DATABASE_URL"
DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
BACKEND_FIXTURES = {"sqlite": "sqlite_url", "postgresql": "postgres_url"}


def _dsn(url: URL) -> str:
    """Write a URL as the plain postgresql:// DSN asyncpg takes."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def _run_sql(url: URL, *statements: str) -> None:
    """Run statements one by one, outside a transaction, on a fresh connection."""
    connection = await asyncpg.connect(_dsn(url), timeout=10)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def postgres_server() -> URL:
    """The PostgreSQL server of $ZONEBOT_TEST_DATABASE_URL; skip without one, fail under CI."""
    url = make_url(os.environ.get(TEST_DATABASE_ENV, DEFAULT_TEST_DATABASE_URL))
    try:
        asyncio.run(_run_sql(url, "SELECT 1"))
    except (OSError, asyncpg.PostgresError) as exc:
        reason = (
            f"PostgreSQL is not reachable at {url.render_as_string(hide_password=True)} "
            f"({exc}); start it or set {TEST_DATABASE_ENV}"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI=true requires the PostgreSQL cases to run")
        pytest.skip(reason)
    return url


@pytest.fixture(scope="session")
def postgres_database(postgres_server: URL) -> Iterator[URL]:
    """A database `zonebot_test_<random>` for this test run, dropped at its end."""
    name = f"zonebot_test_{secrets.token_hex(6)}"
    asyncio.run(_run_sql(postgres_server, f'CREATE DATABASE "{name}"'))
    yield postgres_server.set(database=name)
    asyncio.run(_run_sql(postgres_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def postgres_url(postgres_database: URL) -> str:
    """The run's PostgreSQL database, emptied for this test."""
    asyncio.run(_run_sql(postgres_database, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public"))
    return postgres_database.render_as_string(hide_password=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in a folder that does not exist yet."""
    return f"sqlite:///{tmp_path / 'data' / 'zonebot.db'}"


@pytest.fixture(params=list(BACKEND_FIXTURES))
def database_url(request: pytest.FixtureRequest) -> str:
    """An empty database, once on SQLite and once on PostgreSQL."""
    return str(request.getfixturevalue(BACKEND_FIXTURES[request.param]))


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    """A store on an empty, freshly migrated database of each backend."""
    opened = await open_store(database_url)
    yield opened
    await opened.close()


@pytest.fixture
async def webhook_bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    """The real bot in webhook mode against the Bot API stand-in, stopped after the test."""
    async with running_bot(tmp_path, **webhook_settings()) as running:
        yield running


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per module; modules may define their own."""
    if not any((KNOWLEDGE / "zones").glob("*.yaml")):
        pytest.skip("knowledge/zones is empty")
    return load_knowledge_base(KNOWLEDGE)


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> ZoneIndex:
    """The module's knowledge base (the shipped one unless a module defines `kb`), indexed."""
    return build_index(kb)
