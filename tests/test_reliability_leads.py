"""Promise 1: no acknowledged lead is lost and none is saved twice, though the bot is SIGKILLed.

The real bot process (`python -m bot run`, long polling against the Bot API stand-in) is
killed at random moments and started again while investors fill in the lead form. A lead
counts as acknowledged when the stand-in saw the bot tell the investor it was received.
ZONEBOT_SLOW_TESTS=1 runs 50 kills per backend instead of a handful.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import sqlite3
from pathlib import Path

import asyncpg
from helpers.botapi_standin import BotApiStandIn
from helpers.reliability_harness import (
    ADMIN,
    FINISH_WITHIN_SECONDS,
    acknowledged_leads,
    assert_every_acknowledged_lead_is_stored_once,
    bot_environment,
    kill,
    run_investors,
    start_bot,
    stop,
)
from sqlalchemy import make_url

SLOW = bool(os.environ.get("ZONEBOT_SLOW_TESTS"))
KILLS = 50 if SLOW else 3
# The bot is killed this long after it was started: sometimes while it starts, mostly later.
LIFETIME_SECONDS = (0.5, 3.5)


async def kill_loop(
    database_url: str, tmp_path: Path, *, kills: int, seed: int
) -> dict[int, set[int]]:
    """Run investors against a bot killed `kills` times; return the leads it acknowledged."""
    rng = random.Random(seed)
    log = tmp_path / "bot.log"
    async with BotApiStandIn() as api:
        api.send_text(ADMIN, "/start")  # so the admin's lead notices can be delivered
        environment = bot_environment(api, database_url)
        enough = asyncio.Event()
        investors = asyncio.create_task(run_investors(api, rng, enough))
        for _ in range(kills):
            process = await start_bot(environment, log)
            await asyncio.sleep(rng.uniform(*LIFETIME_SECONDS))
            await kill(process)
        enough.set()
        process = await start_bot(environment, log)
        try:
            await asyncio.wait_for(investors, FINISH_WITHIN_SECONDS)
        finally:
            investors.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await investors
            assert await stop(process) == 0, log.read_text()
        return acknowledged_leads(api)


def sqlite_checks_clean(database_url: str) -> None:
    path = make_url(database_url).database
    assert path is not None
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


async def postgres_checks_clean(database_url: str) -> None:
    """Every index of the bot's tables agrees with its table (amcheck), and keys are unique."""
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(False)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        checked = await connection.fetchval(
            "SELECT count(bt_index_check(i.indexrelid, true)) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND a.amname = 'btree'"
        )
        assert checked > 0
        duplicates = await connection.fetchval(
            "SELECT count(*) - count(DISTINCT idempotency_key) FROM leads"
        )
        assert duplicates == 0
    finally:
        await connection.close()


async def test_no_acknowledged_lead_is_lost_or_doubled_when_the_bot_is_killed_at_random(
    database_url: str, tmp_path: Path
) -> None:
    acknowledged = await kill_loop(database_url, tmp_path, kills=KILLS, seed=KILLS)
    assert len(acknowledged) > (KILLS // 5)
    await assert_every_acknowledged_lead_is_stored_once(database_url, acknowledged)
    if database_url.startswith("sqlite"):
        sqlite_checks_clean(database_url)
    else:
        await postgres_checks_clean(database_url)
