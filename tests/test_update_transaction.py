"""One transaction per update, and the question log written behind the reply: what still holds.

Run the same on SQLite and on PostgreSQL, except where SQLite's own locking is the subject.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from typing import Any

from sqlalchemy import event, func, make_url, select
from sqlalchemy.engine import Connection

from bot.answer.model import Answer
from bot.storage.db import DURABLE_OPTION
from bot.storage.records import NewLead
from bot.storage.store import Store, open_store
from bot.storage.tables import leads, questions

ALICE, BOB = 1001, 2002
WINDOW = dt.timedelta(minutes=1)


def answer(zone: str = "qingdao-hitech") -> Answer:
    """The core's answer to a question about a zone."""
    return Answer(
        question="",
        status="answer",
        lang="zh",
        score=90.0,
        zone_id=zone,
        entry_id="biomed",
        kb_version="kb-1",
    )


async def logged(store: Store) -> int:
    """Count the question rows in the database itself, not what the store has queued."""
    async with store._engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(questions)) or 0)


def since() -> dt.datetime:
    return dt.datetime.now(dt.UTC) - WINDOW


async def test_an_update_is_claimed_and_its_user_read_in_one_go(store: Store) -> None:
    await store.queue_question(ALICE, "青岛高新区生物医药营收", answer())
    store.remember_zone(ALICE, "qingdao-hitech")
    first = await store.start_update(900, ALICE, since=since())
    again = await store.start_update(900, ALICE, since=since())
    assert first is not None
    assert first.state is not None
    assert first.state.context_zone_id == "qingdao-hitech"
    assert first.recent_questions == 1
    assert again is None  # a repeated delivery is not handled twice


async def test_an_update_is_claimed_once_when_two_replicas_start_it_at_once(
    store: Store, database_url: str
) -> None:
    other_replica = await open_store(database_url)
    try:
        started = await asyncio.gather(
            *(
                replica.start_update(901, ALICE, since=since())
                for replica in [store, other_replica] * 10
            )
        )
    finally:
        await other_replica.close()
    assert sum(start is not None for start in started) == 1


async def test_a_queued_question_counts_for_the_rate_limit_before_it_is_written(
    store: Store,
) -> None:
    for _ in range(3):
        await store.queue_question(ALICE, "营收多少", answer())
    assert await logged(store) == 0
    assert await store.count_recent_questions(ALICE, since()) == 3
    assert await store.count_recent_questions(BOB, since()) == 0


async def test_closing_the_store_writes_every_queued_question_and_zone(
    database_url: str,
) -> None:
    store = await open_store(database_url)
    ids = [await store.queue_question(ALICE, f"问题 {n}", answer()) for n in range(5)]
    store.remember_zone(BOB, "luzhou-hitech")
    await store.close()  # what a clean stop (SIGTERM) does last

    reopened = await open_store(database_url)
    try:
        exported = await reopened.export_user(ALICE)
        zone = (await reopened.get_user(BOB)).context_zone_id
    finally:
        await reopened.close()
    assert [row["id"] for row in exported["questions"]] == ids
    assert zone == "luzhou-hitech"


async def test_a_queued_question_can_be_rated_at_once(store: Store) -> None:
    question_id = await store.queue_question(ALICE, "生物医药营收", answer())
    assert await store.record_feedback(ALICE, question_id, helpful=False)
    assert not await store.record_feedback(BOB, question_id, helpful=True)


async def test_forgetting_a_user_leaves_no_queued_question_to_come_back(store: Store) -> None:
    await store.queue_question(ALICE, "我的电话 13812345678", answer())
    store.remember_zone(ALICE, "qingdao-hitech")
    await store.forget_user(ALICE)
    await store.close()
    assert (await store.export_user(ALICE)) == {
        "user": None,
        "questions": [],
        "feedback": [],
        "leads": [],
    }


async def test_queued_questions_are_written_in_order_of_asking(store: Store) -> None:
    ids = [await store.queue_question(ALICE, f"问题 {n}", answer()) for n in range(20)]
    assert ids == sorted(ids)
    exported = await store.export_user(ALICE)
    assert [row["text"] for row in exported["questions"]] == [f"问题 {n}" for n in range(20)]


async def test_a_lead_is_saved_in_a_transaction_that_survives_a_power_cut(store: Store) -> None:
    durable: list[bool] = []

    def seen(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT INTO leads"):
            durable.append(bool(conn.get_execution_options().get(DURABLE_OPTION)))

    event.listen(store._engine.sync_engine, "before_cursor_execute", seen)
    lead = NewLead(
        user_id=ALICE,
        idempotency_key="form-1",
        language="en",
        company="Acme",
        industry="biomedicine",
        investment="USD 5 million",
        zones=("qingdao-hitech",),
        contact_method="email",
        contact_value="li.wei@acme-bio.example",
    )
    saved = await store.finish_lead(lead, admin_ids=())
    assert saved.created
    assert durable == [True]  # on SQLite: synchronous=FULL for it (tests/test_db.py)
    async with store._engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(leads)) == 1


async def test_an_update_waits_off_the_event_loop_while_another_process_holds_sqlite(
    sqlite_url: str,
) -> None:
    store = await open_store(sqlite_url)
    other_process = sqlite3.connect(make_url(sqlite_url).database or "", isolation_level=None)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    try:
        other_process.execute("BEGIN IMMEDIATE")  # holds SQLite's write lock
        ticking = asyncio.create_task(tick())
        starting = asyncio.create_task(store.start_update(902, ALICE, since=since()))
        await asyncio.sleep(0.3)
        assert not starting.done()  # it waits for the lock...
        assert ticks >= 5  # ...and the event loop goes on serving meanwhile
        other_process.execute("COMMIT")
        assert await starting is not None
        ticking.cancel()
    finally:
        other_process.close()
        await store.close()


async def test_the_next_updates_transaction_writes_what_earlier_ones_queued(
    store: Store, database_url: str
) -> None:
    await store.queue_question(ALICE, "营收多少", answer())
    store.remember_zone(ALICE, "luzhou-hitech")
    await store.start_update(903, BOB, since=since())  # anyone's update will do
    other_replica = await open_store(database_url)
    try:
        assert await other_replica.count_recent_questions(ALICE, since()) == 1
        assert (await other_replica.get_user(ALICE)).context_zone_id == "luzhou-hitech"
    finally:
        await other_replica.close()


async def test_a_zone_written_late_does_not_replace_one_set_after_it(store: Store) -> None:
    now = dt.datetime.now(dt.UTC)
    await store.set_context_zone(ALICE, "qingdao-hitech", now=now)
    await store.set_context_zone(ALICE, "luzhou-hitech", now=now - dt.timedelta(seconds=1))
    assert (await store.get_user(ALICE)).context_zone_id == "qingdao-hitech"
