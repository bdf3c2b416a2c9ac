"""Webhook mode end to end: Telegram's POSTs reach the bot only with the secret header."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers.bot_harness import WEBHOOK_SECRET, RunningBot, running_bot, webhook_settings
from helpers.botapi_standin import FakeUser

from bot.telegram.app import ALLOWED_UPDATES
from bot.telegram.webhook import SECRET_HEADER, webhook_path

USER = FakeUser(301, "en")
QUESTION = "What was Qingdao's biomedicine revenue in 2022?"


def test_webhook_path_is_the_path_of_the_url() -> None:
    assert webhook_path("https://bot.example.com/tg/hook") == "/tg/hook"
    assert webhook_path("https://bot.example.com") == "/"


async def test_the_webhook_is_registered_with_the_secret_and_allowed_updates(
    webhook_bot: RunningBot,
) -> None:
    assert webhook_bot.api.webhook == {
        "url": webhook_bot.settings.webhook_url,
        "secret_token": WEBHOOK_SECRET,
        "allowed_updates": list(ALLOWED_UPDATES),
    }


async def test_an_update_with_the_secret_is_answered(webhook_bot: RunningBot) -> None:
    reply = await webhook_bot.ask(USER, QUESTION)
    assert "Qingdao" in reply.params["text"]


@pytest.mark.parametrize("secret", ["", "wrong-secret", WEBHOOK_SECRET[:-1]])
async def test_an_update_without_the_right_secret_gets_403_and_is_not_processed(
    webhook_bot: RunningBot, secret: str
) -> None:
    since = webhook_bot.api.mark()
    update = webhook_bot.api.text_update(USER, QUESTION)
    response = await webhook_bot.api.deliver(update, secret=secret)
    assert response.status_code == 403
    check = await webhook_bot.ask(
        USER, "/help"
    )  # handled after anything the refused one could cause
    assert [c.params["text"] for c in webhook_bot.api.sent(since=since)] == [check.params["text"]]


async def test_the_same_update_delivered_twice_is_answered_once(webhook_bot: RunningBot) -> None:
    since = webhook_bot.api.mark()
    update = webhook_bot.api.text_update(USER, QUESTION)
    first, second = await webhook_bot.api.deliver(update), await webhook_bot.api.deliver(update)
    assert (first.status_code, second.status_code) == (200, 200)
    await webhook_bot.api.reply(USER.id, since=since)
    await webhook_bot.ask(USER, "/help")
    answers = [c for c in webhook_bot.api.sent(since=since) if "Source" in c.params["text"]]
    assert len(answers) == 1


async def test_a_body_that_is_not_an_update_gets_400(webhook_bot: RunningBot) -> None:
    url = webhook_bot.api.webhook["url"] if webhook_bot.api.webhook else ""
    headers = {SECRET_HEADER: WEBHOOK_SECRET, "Content-Type": "application/json; charset=utf-8"}
    async with httpx.AsyncClient() as client:
        for body in (b"{not json", b"[1, 2]", b'{"update_id": "x"}', b"[" * 100_000):
            response = await client.post(url, content=body, headers=headers)
            assert response.status_code == 400


async def test_healthz_answers_with_the_knowledge_base_version(webhook_bot: RunningBot) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{webhook_bot.settings.port}/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["kb_version"]) == ("ok", webhook_bot.services.kb.version)
    assert body["telegram_silence_seconds"] <= body["max_silence_seconds"]


def _malformed_updates(good: dict[str, Any]) -> list[dict[str, Any]]:
    message = good["message"]
    return [
        {**good, "message": "not an object"},
        {**good, "message": [message]},
        {**good, "message": 7},
        {**good, "message": {**message, "chat": None}},
        {**good, "message": {**message, "text": 42}},
        {**good, "message": {**message, "from": "someone"}},
        {**good, "callback_query": "data"},
        {**good, "inline_query": {"id": "1"}},
        {**good, "update_id": 2**63},
        {**good, "message": {**message, "from": {**message["from"], "id": 2**64}}},
        {**good, "message": {**message, "chat": {**message["chat"], "id": -(2**63) - 1}}},
        {**good, "message": {**message, "reply_to_message": {"from": {"id": 10**30}}}},
    ]


async def test_any_malformed_update_shape_or_id_beyond_64_bits_gets_400(
    webhook_bot: RunningBot,
) -> None:
    since = webhook_bot.api.mark()
    good = webhook_bot.api.text_update(USER, QUESTION)
    for body in _malformed_updates(good):
        response = await webhook_bot.api.deliver(body)
        assert response.status_code == 400, body
    check = await webhook_bot.ask(
        USER, "/help"
    )  # the bot still answers, and answered nothing else
    assert [c.params["text"] for c in webhook_bot.api.sent(since=since)] == [check.params["text"]]


async def _open(
    port: int, first_bytes: bytes
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(first_bytes)
    await writer.drain()
    return reader, writer


async def _closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    try:
        return await asyncio.wait_for(reader.read(), within) is not None
    except ConnectionError:
        return True


async def test_slow_and_silent_connections_are_closed_after_the_read_timeout(
    tmp_path: Path,
) -> None:
    limits = {
        "ZONEBOT_WEBHOOK_READ_TIMEOUT_SECONDS": 1,
        "ZONEBOT_WEBHOOK_KEEP_ALIVE_SECONDS": 1,
        "ZONEBOT_WEBHOOK_MAX_CONNECTIONS": 50,
    }
    async with running_bot(tmp_path, **webhook_settings(), **limits) as bot:
        port = bot.settings.port
        half_sent = b"POST /hook HTTP/1.1\r\nHost: bot\r\nContent-Length: 10\r\n"
        held = [await _open(port, b"") for _ in range(100)]
        held += [await _open(port, half_sent) for _ in range(100)]
        held += [await _open(port, half_sent + b"\r\n{") for _ in range(50)]  # body cut short
        closed = await asyncio.gather(*(_closed_by_server(r, within=30) for r, _ in held))
        assert all(closed)
        for _, writer in held:
            writer.close()
        reply = await bot.ask(USER, QUESTION)  # and the bot still serves Telegram
    assert "Qingdao" in reply.params["text"]


async def test_connections_beyond_the_limit_get_503_until_some_close(tmp_path: Path) -> None:
    limits = {"ZONEBOT_WEBHOOK_MAX_CONNECTIONS": 5, "ZONEBOT_WEBHOOK_READ_TIMEOUT_SECONDS": 60}
    async with running_bot(tmp_path, **webhook_settings(), **limits) as bot:
        health = f"http://127.0.0.1:{bot.settings.port}/healthz"
        held = [await _open(bot.settings.port, b"") for _ in range(5)]
        async with httpx.AsyncClient() as client:
            assert (await client.get(health)).status_code == 503
            for _, writer in held:
                writer.close()
                await writer.wait_closed()
            await asyncio.sleep(0.5)
            assert (await client.get(health)).status_code == 200
