"""Promise 6: the bot survives database faults, and never says "received" for a lead not saved.

PostgreSQL restarted under the bot (a cluster of the test's own, so the shared server is left
alone), SQLite locked by another writer past the busy timeout, and SQLite on a full disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import random
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.bot_harness import RunningBot, running_bot
from helpers.botapi_standin import FakeUser
from helpers.lead_form import fill_form_until_contact
from helpers.pgcluster import throwaway_cluster
from helpers.reliability_harness import (
    ADMIN,
    FINISH_WITHIN_SECONDS,
    RECEIVED_RE,
    acknowledged_leads,
    assert_every_acknowledged_lead_is_stored_once,
    contact_of,
    run_investors,
)

from bot.i18n import t
from bot.storage.db import create_engine, upgrade_database
from bot.storage.store import Store
from bot.telegram import runner

INVESTOR = FakeUser(501, "en")
FORM_ANSWERS = ("Acme Biotech", "biomedicine", "USD 5 million")
QUESTION = "What was Qingdao's biomedicine revenue in 2022?"
SHORT_BUSY_TIMEOUT_SECONDS = 0.3
RESTARTS = 2


async def reach_contact_step(bot: RunningBot) -> None:
    await fill_form_until_contact(bot, INVESTOR, "en", FORM_ANSWERS, "Qingdao")


async def leave_contact(bot: RunningBot) -> str:
    """Send the investor's contact at the last step; return the bot's reply."""
    return str((await bot.ask(INVESTOR, contact_of(INVESTOR))).params["text"])


async def test_postgresql_restarted_under_the_bot_loses_no_lead_and_says_try_again_meanwhile(
    tmp_path: Path,
) -> None:
    with throwaway_cluster() as cluster:
        async with running_bot(tmp_path, ZONEBOT_DATABASE_URL=cluster.url) as bot:
            await reach_contact_step(bot)
            cluster.stop()
            assert await leave_contact(bot) == t("lead_save_failed", "en")
            answer = await bot.ask(INVESTOR, QUESTION)  # the knowledge base is in memory
            assert answer.params["text"].startswith("<b>Qingdao")
            cluster.start()
            received = await leave_contact(bot)
            assert RECEIVED_RE.search(received)
            [lead] = await bot.services.store.list_leads()
            assert lead.contact_value == contact_of(INVESTOR)
        sent = [c.params["text"] for c in bot.api.sent(chat_id=INVESTOR.id)]
        assert sum(bool(RECEIVED_RE.search(text)) for text in sent) == 1
        assert not [text for text in sent if "Traceback" in text]


async def test_leads_keep_coming_while_postgresql_restarts_and_none_acknowledged_is_lost(
    tmp_path: Path,
) -> None:
    with throwaway_cluster() as cluster:
        settings = {"ZONEBOT_DATABASE_URL": cluster.url, "ZONEBOT_ADMIN_IDS": str(ADMIN.id)}
        async with running_bot(tmp_path, **settings) as bot:
            enough = asyncio.Event()
            investors = asyncio.create_task(run_investors(bot.api, random.Random(6), enough))
            for _ in range(RESTARTS):
                await asyncio.sleep(1.0)
                cluster.stop()
                await asyncio.sleep(0.5)
                cluster.start()
            enough.set()
            await asyncio.wait_for(investors, FINISH_WITHIN_SECONDS)
        acknowledged = acknowledged_leads(bot.api)
        assert acknowledged
        await assert_every_acknowledged_lead_is_stored_once(cluster.url, acknowledged)


@contextlib.contextmanager
def write_lock(database: Path) -> Iterator[None]:
    """Hold SQLite's write lock from another connection for the block."""
    with contextlib.closing(sqlite3.connect(database, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        yield
        holder.execute("ROLLBACK")


async def test_sqlite_locked_past_the_busy_timeout_asks_to_retry_and_saves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def open_store_waiting_briefly(database_url: str) -> Store:
        # The real busy timeout (5 s) would make the test slow; the behaviour is the same.
        await upgrade_database(database_url)
        engine = create_engine(database_url, busy_timeout_seconds=SHORT_BUSY_TIMEOUT_SECONDS)
        return Store(engine)

    monkeypatch.setattr(runner, "open_store", open_store_waiting_briefly)
    async with running_bot(tmp_path) as bot:
        await reach_contact_step(bot)
        with write_lock(tmp_path / "zonebot.db"):
            assert await leave_contact(bot) == t("lead_save_failed", "en")
            assert await bot.services.store.list_leads() == []
        assert RECEIVED_RE.search(await leave_contact(bot))
        assert len(await bot.services.store.list_leads()) == 1


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """Mount a 4 MB tmpfs at `folder`; skip where mounting is not allowed."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=False)


def fill_disk(folder: Path) -> Path:
    """Write a file until the disk is full; return it, to free the space by deleting it."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as output:
        try:
            while True:
                output.write(b"\0" * 4096)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
    return filler


async def test_sqlite_on_a_full_disk_asks_to_retry_and_saves_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        database = disk / "zonebot.db"
        async with running_bot(tmp_path, ZONEBOT_DATABASE_URL=f"sqlite:///{database}") as bot:
            await reach_contact_step(bot)
            with contextlib.closing(sqlite3.connect(database)) as connection:
                # An emptied write-ahead log must grow for the next write, and cannot.
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            filler = fill_disk(disk)
            assert await leave_contact(bot) == t("lead_save_failed", "en")
            filler.unlink()
            assert RECEIVED_RE.search(await leave_contact(bot))
            assert len(await bot.services.store.list_leads()) == 1
