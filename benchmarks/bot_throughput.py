"""Throughput and reply latency of the bot beside a minimal echo bot, on the same Bot API stand-in.

Usage: .venv/bin/python benchmarks/bot_throughput.py [--questions 300] [--burst 1000]

Both bots run in this process against the local stand-in (tests/botapi_standin.py), with
python-telegram-bot, real HTTP on 127.0.0.1 and, for ZoneBot, its SQLite store and the
knowledge base in ./knowledge. Latency: from the update being available to getUpdates to
the reply reaching the stand-in, one question at a time. Throughput: a burst of questions
from 100 users at once, until every one is answered, with the process's CPU time per update
(the stand-in's share included, alike for both bots), which a busy machine disturbs less than
the rate. Targets: the bot's own work adds under 3 ms to the median reply over the echo bot,
and it handles at least 300 updates/s (docs/throughput.md).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from botapi_standin import TEST_TOKEN, BotApiStandIn, FakeUser  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.runner import open_services, serve  # noqa: E402

QUESTIONS = [
    "太原中北高新区搬迁补贴多少？",
    "What was Luzhou High-tech Zone's revenue in 2022?",
    "青海零碳产业园规划面积多大",
    "Qingdao High-tech Zone biomedicine revenue",
    "安阳光电产业园投资多少",
    "那研发奖励呢？",
]
TARGET_MS = 3.0
TARGET_RATE = 300.0


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the text received: all a bot can do with no work of its own."""
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text[:4000])


@asynccontextmanager
async def echo_bot(api: BotApiStandIn, workers: int) -> AsyncIterator[None]:
    """Run the minimal echo bot against `api`."""
    app: Application = (  # type: ignore[type-arg]
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .concurrent_updates(workers)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=10)
        yield
        await app.updater.stop()
        await app.stop()


@asynccontextmanager
async def zonebot(api: BotApiStandIn, workers: int) -> AsyncIterator[None]:
    """Run ZoneBot against `api`, with flood limits lifted so Telegram's pace is not measured."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            TELEGRAM_BOT_TOKEN=api.token,
            ZONEBOT_API_BASE_URL=api.base_url,
            ZONEBOT_KB_PATH=str(ROOT / "knowledge"),
            ZONEBOT_LOG_LEVEL="WARNING",
            ZONEBOT_DATABASE_URL=f"sqlite:///{tmp}/bench.db",
            ZONEBOT_SEND_PER_SECOND=100_000,
            ZONEBOT_QUESTIONS_PER_MINUTE=100_000,  # a few users ask hundreds of questions
            ZONEBOT_CONCURRENT_UPDATES=workers,
        )
        services = await open_services(settings)
        stop = asyncio.Event()
        task = asyncio.create_task(serve(settings, services, stop))
        await api.wait_for(lambda c: c.method == "deleteWebhook", within=60)
        yield
        stop.set()
        await task
        await services.store.close()


async def one_at_a_time(api: BotApiStandIn, questions: int) -> list[float]:
    """Reply latencies in ms, each question sent once the previous one is answered."""
    latencies = []
    for n in range(questions):
        user = FakeUser(1 + n % 20, "zh")
        since = api.mark()
        started = time.monotonic()
        api.send_text(user, QUESTIONS[n % len(QUESTIONS)])
        reply = await api.reply(user.id, since=since, within=60)
        latencies.append((reply.at - started) * 1000)
    return latencies


async def burst(api: BotApiStandIn, size: int) -> tuple[float, float]:
    """Updates handled per second, and CPU ms per update, for `size` questions sent at once."""
    since = api.mark()
    started, cpu = time.monotonic(), time.process_time()
    for n in range(size):
        api.send_text(FakeUser(1000 + n % 100, "en"), QUESTIONS[n % len(QUESTIONS)])
    replies = await api.wait_for(
        lambda c: c.ok and c.method == "sendMessage", since=since, count=size, within=600
    )
    cpu_ms = (time.process_time() - cpu) * 1000 / size
    return size / (max(c.at for c in replies) - started), cpu_ms


async def measure(
    runner: Callable[[BotApiStandIn, int], object], questions: int, size: int, workers: int
) -> tuple[float, float, float, float]:
    """Return (median ms, p95 ms, updates per second, CPU ms per update) for one bot."""
    async with BotApiStandIn(TEST_TOKEN) as api, runner(api, workers):  # type: ignore[attr-defined]
        await one_at_a_time(api, 20)  # warm up: connections, caches, first SQLite writes
        latencies = await one_at_a_time(api, questions)
        rate, cpu_ms = await burst(api, size)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    return statistics.median(latencies), p95, rate, cpu_ms


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=24)
    args = parser.parse_args()
    rows = {
        "echo bot": await measure(echo_bot, args.questions, args.burst, args.workers),
        "zonebot": await measure(zonebot, args.questions, args.burst, args.workers),
    }
    print(f"{'bot':<10} {'median ms':>10} {'p95 ms':>8} {'updates/s':>10} {'CPU ms/update':>14}")
    for name, (median, p95, rate, cpu_ms) in rows.items():
        print(f"{name:<10} {median:>10.2f} {p95:>8.2f} {rate:>10.1f} {cpu_ms:>14.2f}")
    zone, echo_row = rows["zonebot"], rows["echo bot"]
    added = zone[0] - echo_row[0]
    latency_met = added < TARGET_MS
    rate_met = zone[2] >= TARGET_RATE
    print(
        f"median latency ratio zonebot/echo: {zone[0] / echo_row[0]:.2f}x; added by the bot: "
        f"{added:.2f} ms (target < {TARGET_MS:.0f} ms: {'met' if latency_met else 'NOT met'})"
    )
    print(
        f"throughput ratio zonebot/echo: {zone[2] / echo_row[2]:.2f}; CPU per update "
        f"{zone[3] / echo_row[3]:.2f}x the echo bot's; {zone[2]:.0f} updates/s "
        f"(target >= {TARGET_RATE:.0f}: {'met' if rate_met else 'NOT met'})"
    )
    return 0 if latency_met and rate_met else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
