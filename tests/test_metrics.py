"""Prometheus metrics: counted as the bot works, served as text at /metrics in webhook mode."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from helpers.bot_harness import RunningBot, running_bot, webhook_settings
from helpers.botapi_standin import FakeUser
from helpers.metrics_text import sample

from bot.metrics import METRICS, BotMetrics, count_error

ADMIN = FakeUser(950, "en")
USER = FakeUser(951, "en")


def test_a_question_is_counted_by_status_and_timed() -> None:
    metrics = BotMetrics()
    metrics.record_question("answer", 0.2)
    metrics.record_question("no_match", 3.0)
    text = metrics.exposition().decode()
    assert sample(text, "zonebot_questions_total", status="answer") == 1
    assert sample(text, "zonebot_questions_total", status="no_match") == 1
    assert sample(text, "zonebot_answer_seconds_count") == 2
    assert sample(text, "zonebot_answer_seconds_bucket", le="0.25") == 1


def test_the_knowledge_base_served_is_shown_with_its_load_time() -> None:
    metrics = BotMetrics()
    metrics.record_knowledge_base("abc123", 0.4, 58)
    metrics.record_knowledge_base("def456", 0.3, 59)
    text = metrics.exposition().decode()
    assert sample(text, "zonebot_knowledge_base_info", version="def456") == 1
    assert sample(text, "zonebot_knowledge_base_info", version="abc123") == 0
    assert sample(text, "zonebot_knowledge_base_load_seconds") == 0.3
    assert sample(text, "zonebot_knowledge_base_entries") == 59
    assert sample(text, "zonebot_knowledge_base_loaded_timestamp_seconds") > 0


def test_leads_and_reloads_are_counted() -> None:
    metrics = BotMetrics()
    metrics.record_lead()
    metrics.record_reload("refused")
    text = metrics.exposition().decode()
    assert sample(text, "zonebot_leads_total") == 1
    assert sample(text, "zonebot_reloads_total", outcome="refused") == 1


def test_a_failed_update_is_counted_by_the_error_handler() -> None:
    before = sample(METRICS.exposition().decode(), "zonebot_errors_total")
    asyncio.run(count_error(None, None))
    assert sample(METRICS.exposition().decode(), "zonebot_errors_total") == before + 1


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(
        tmp_path,
        ZONEBOT_ADMIN_IDS=str(ADMIN.id),
        **webhook_settings(),
    ) as running:
        yield running


async def scrape(bot: RunningBot) -> str:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{bot.settings.port}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return response.text


async def test_metrics_beside_healthz_count_the_questions_asked(bot: RunningBot) -> None:
    before = await scrape(bot)
    for question in ("What was Qingdao's biomedicine revenue in 2022?", "Taiyuan relocation?"):
        await bot.ask(USER, question)
    await bot.ask(USER, "What is the weather on Mars?")
    await bot.ask(ADMIN, "/reload")
    after = await scrape(bot)

    def delta(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert delta("zonebot_questions_total", status="answer") == 2
    assert delta("zonebot_questions_total", status="no_match") == 1
    assert delta("zonebot_answer_seconds_count") == 3
    assert delta("zonebot_reloads_total", outcome="unchanged") == 1
    assert sample(after, "zonebot_knowledge_base_info", version=bot.services.kb.version) == 1
    assert sample(after, "zonebot_knowledge_base_load_seconds") > 0
    assert sample(after, "process_resident_memory_bytes") > 0
