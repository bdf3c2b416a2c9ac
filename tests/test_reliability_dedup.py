"""Promise 2: an update delivered twice has one effect; one user's updates go one at a time.

Delivered twice one after the other to one process: test_webhook.py
(test_the_same_update_delivered_twice_is_answered_once).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import httpx
from helpers.bot_harness import WEBHOOK_SECRET, free_port, running_bot, wait_healthy
from helpers.botapi_standin import BotApiStandIn, FakeUser, Fault
from helpers.reliability_harness import bot_environment, start_bot, stop

from bot.storage.store import Store
from bot.telegram.webhook import SECRET_HEADER

USER = FakeUser(401, "en")
QUESTIONS = (
    "What was Qingdao's biomedicine revenue in 2022?",
    "Does Taiyuan Zhongbei High-tech Zone subsidise relocation?",
    "/help",
)


def webhook_settings(port: int) -> dict[str, Any]:
    """Settings for webhook mode on `port` of 127.0.0.1."""
    return {
        "ZONEBOT_WEBHOOK_URL": f"http://127.0.0.1:{port}/tg/hook",
        "ZONEBOT_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "ZONEBOT_LISTEN_HOST": "127.0.0.1",
        "ZONEBOT_PORT": str(port),
    }


async def post(client: httpx.AsyncClient, port: int, update: dict[str, object]) -> int:
    """Post an update to the webhook on `port` as Telegram does; return the HTTP status."""
    response = await client.post(
        f"http://127.0.0.1:{port}/tg/hook", json=update, headers={SECRET_HEADER: WEBHOOK_SECRET}
    )
    return response.status_code


async def test_the_same_update_posted_twice_at_once_is_answered_once(tmp_path: Path) -> None:
    port = free_port()
    async with (
        running_bot(tmp_path, **webhook_settings(port)) as bot,
        httpx.AsyncClient() as client,
    ):
        since = bot.api.mark()
        update = bot.api.text_update(USER, QUESTIONS[0])
        statuses = await asyncio.gather(*(post(client, port, update) for _ in range(5)))
        assert statuses == [200] * 5
        await bot.ask(USER, "/help")  # handled after every copy: one user's updates go in order
        answers = [c for c in bot.api.sent(since=since) if "Source" in c.params["text"]]
        assert len(answers) == 1


async def test_the_same_update_twice_in_one_polling_batch_is_answered_once(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path) as bot:
        since = bot.api.mark()
        update = bot.api.text_update(USER, QUESTIONS[0])
        bot.api.push(update)
        bot.api.push(update)
        await bot.ask(USER, "/help")
        answers = [c for c in bot.api.sent(since=since) if "Source" in c.params["text"]]
        assert len(answers) == 1


async def test_the_same_update_posted_at_once_to_two_processes_on_one_postgresql_is_answered_once(
    postgres_url: str, tmp_path: Path
) -> None:
    ports = (free_port(), free_port())
    async with BotApiStandIn() as api, httpx.AsyncClient() as client:
        api.send_text(USER, "/start")  # opens the chat; with no webhook yet, nobody takes it
        processes = [
            await start_bot(
                bot_environment(api, postgres_url, **webhook_settings(port)),
                tmp_path / f"bot-{port}.log",
            )
            for port in ports
        ]
        try:
            await asyncio.gather(
                *(wait_healthy(f"http://127.0.0.1:{port}/healthz", 60) for port in ports)
            )
            since = api.mark()
            for question in QUESTIONS[:2]:
                update = api.text_update(USER, question)
                statuses = await asyncio.gather(*(post(client, p, update) for p in ports * 3))
                assert statuses == [200] * 6
            for port in ports:  # handled after everything posted to that process before
                check = api.mark()
                await post(client, port, api.text_update(USER, "/help"))
                await api.wait_for(lambda c: c.ok and "/contact" in c.params["text"], since=check)
            replies = [c.params["text"] for c in api.sent(chat_id=USER.id, since=since)]
            assert sum(reply.startswith("<b>Qingdao") for reply in replies) == 1
            assert sum(reply.startswith("<b>Taiyuan") for reply in replies) == 1
            assert len(replies) == len(QUESTIONS[:2]) + len(ports)
        finally:
            for process in processes:
                assert await stop(process) == 0


async def test_one_users_updates_are_handled_one_at_a_time_in_order(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        await bot.ask(USER, "/start")
        since = bot.api.mark()
        # The first reply waits out a 429; the later updates must wait for it, not overtake it.
        bot.api.fail_next("sendMessage", Fault(status=429, retry_after=1))
        for question in QUESTIONS:
            bot.api.send_text(USER, question)
        await bot.api.wait_for(
            lambda c: c.ok and c.params.get("chat_id") == USER.id, since=since, count=3
        )
        replies = [c.params["text"] for c in bot.api.sent(chat_id=USER.id, since=since)]
        assert next(c.ok for c in bot.api.calls[since:] if c.method == "sendMessage") is False
        assert "Qingdao" in replies[0]
        assert "Taiyuan" in replies[1]
        assert "/contact" in replies[2]


async def test_handled_update_ids_are_kept_at_least_24_hours(store: Store) -> None:
    now = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)
    ages = {1: dt.timedelta(hours=1), 2: dt.timedelta(hours=24), 3: dt.timedelta(hours=47)}
    expired = {4: dt.timedelta(hours=49)}
    for update_id, age in (ages | expired).items():
        assert await store.claim_update(update_id, now=now - age)
    await store.purge_expired(
        now,
        question_log_retention=dt.timedelta(days=1),
        lead_retention=dt.timedelta(days=1),
        lead_form_retention=dt.timedelta(days=1),
    )
    for update_id in ages:
        assert not await store.claim_update(update_id, now=now)
    for update_id in expired:
        assert await store.claim_update(update_id, now=now)
