"""Load: questions from many users through the webhook of two `zonebot run` replicas.

Usage:
  .venv/bin/python benchmarks/load.py [--users 500] [--questions 2000] [--replicas 2]
  .venv/bin/python benchmarks/load.py --soak [--users 100000]   # memory over many users

Two replicas (separate processes, `python -m bot run` in webhook mode) share one throwaway
PostgreSQL database. The Bot API stand-in (tests/helpers/botapi_standin.py) runs here and answers
every call 50-300 ms late and 1% of sendMessage calls with 429 (retry_after 1). Each user
asks their questions one after another, each posted to the replicas in turn, as a load
balancer would. Every question is answered exactly once or it is counted as an error.
Reported: throughput, p50/p95/p99 time from the POST to the reply reaching the stand-in,
peak memory of each replica (VmHWM), and in the soak its memory as users go by.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import signal
import socket
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import asyncpg  # noqa: E402
import httpx  # noqa: E402
from helpers.botapi_standin import ApiCall, BotApiStandIn, FakeUser, Fault  # noqa: E402

from bot.answer.build import answer_question  # noqa: E402
from bot.answer.render import render_answer_html, split_message  # noqa: E402
from bot.kb.loader import load_knowledge_base  # noqa: E402
from bot.search.index import ZoneIndex, build_index  # noqa: E402

KB = ROOT / "knowledge"
SECRET = "load-test-secret"
SERVER = os.environ.get(
    "ZONEBOT_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REPLY_WITHIN = 120.0


class SlowStandIn(BotApiStandIn):
    """The stand-in with Telegram's latency, and a 429 for 1% of the messages sent."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed=seed)
        self._latency = random.Random(seed)
        self.replies: dict[int, list[ApiCall]] = defaultdict(list)
        self.arrived: dict[int, asyncio.Event] = defaultdict(asyncio.Event)
        self.refused_429 = 0

    def _fault_for(self, method: str) -> Fault | None:
        if method == "sendMessage" and self._latency.random() < 0.01:
            self.refused_429 += 1
            return Fault(status=429, retry_after=1)
        return Fault(delay=self._latency.uniform(0.05, 0.3))

    def _record(self, call: ApiCall) -> None:
        """Index replies by chat instead of notifying every waiter of every call."""
        if call.ok and call.method == "sendMessage":
            chat_id = call.params["chat_id"]
            self.replies[chat_id].append(call)
            self.arrived[chat_id].set()
        if call.method != "sendMessage":
            self.calls.append(call)  # kept for setWebhook; sent messages are in `replies`


def single_message_questions(index: ZoneIndex) -> list[str]:
    """Questions of the knowledge base answered in one message, whatever the zone asked before."""
    contexts = [None, *index.kb.zones]
    chosen = []
    for zone in index.kb.zones.values():
        for entry in zone.entries:
            for question in entry.questions.all():
                answers = [answer_question(index, question, context_zone=c) for c in contexts]
                if all(len(split_message(render_answer_html(a))) == 1 for a in answers):
                    chosen.append(question)
    return chosen


@dataclass
class Replica:
    """One `zonebot run` process and its webhook."""

    process: asyncio.subprocess.Process
    url: str
    log: Path
    rss_mb: list[float] = field(default_factory=list)

    def status(self, key: str) -> float:
        """A memory figure of /proc/<pid>/status in MB (VmRSS now, VmHWM the peak)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        return 0.0


@contextlib.asynccontextmanager
async def throwaway_database() -> AsyncIterator[str]:
    """A new PostgreSQL database on the test server, dropped afterwards."""
    name = f"zonebot_load_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(SERVER)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def free_port() -> int:
    """A port of 127.0.0.1 nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def replicas(
    api: SlowStandIn, database_url: str, count: int, folder: Path, extra: dict[str, str]
) -> AsyncIterator[list[Replica]]:
    """Start `count` replicas in webhook mode; SIGTERM them at the end."""
    started: list[Replica] = []
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("ZONEBOT_")}
    try:
        for number in range(count):
            port = free_port()
            url = f"http://127.0.0.1:{port}/hook"
            env = {
                **inherited,
                "TELEGRAM_BOT_TOKEN": api.token,
                "ZONEBOT_API_BASE_URL": api.base_url,
                "ZONEBOT_KB_PATH": str(KB),
                "ZONEBOT_DATABASE_URL": database_url,
                "ZONEBOT_WEBHOOK_URL": url,
                "ZONEBOT_WEBHOOK_SECRET": SECRET,
                "ZONEBOT_LISTEN_HOST": "127.0.0.1",
                "ZONEBOT_PORT": str(port),
                "ZONEBOT_LOG_LEVEL": "WARNING",
                # Every simulated user may hold a connection to one replica at once; Telegram
                # itself opens at most 100, which the default limit (200) is sized for.
                "ZONEBOT_WEBHOOK_MAX_CONNECTIONS": "2000",
                **extra,
            }
            log = folder / f"replica{number}.log"
            with log.open("wb") as output:
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot", "run", env=env, cwd=ROOT, stdout=output,
                    stderr=asyncio.subprocess.STDOUT,
                )  # fmt: skip
            started.append(Replica(process, url, log))
            await wait_healthy(f"http://127.0.0.1:{port}/healthz", process)
        yield started
    finally:
        for replica in started:
            with contextlib.suppress(ProcessLookupError):
                replica.process.send_signal(signal.SIGTERM)
        for replica in started:
            await asyncio.wait_for(replica.process.wait(), 30)


async def wait_healthy(url: str, process: asyncio.subprocess.Process) -> None:
    """Wait until a replica answers its health check (it fails fast if it exits)."""
    async with httpx.AsyncClient() as client:
        for _ in range(600):
            if process.returncode is not None:
                msg = f"a replica exited with {process.returncode}"
                raise RuntimeError(msg)
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).status_code == 200:
                    return
            await asyncio.sleep(0.1)
    msg = f"{url} did not answer within 60 s"
    raise RuntimeError(msg)


@dataclass
class Tally:
    """What the driver saw."""

    latencies: list[float] = field(default_factory=list)
    refused_posts: int = 0
    unanswered: int = 0


async def deliver(client: httpx.AsyncClient, url: str, update: dict[str, Any]) -> bool:
    """Post an update as Telegram does: again when the connection fails (the bot de-duplicates)."""
    for _ in range(3):
        with contextlib.suppress(httpx.TransportError):
            response = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            )
            return response.status_code == 200
    return False


async def ask_all(
    api: SlowStandIn,
    targets: list[Replica],
    user: FakeUser,
    questions: list[str],
    client: httpx.AsyncClient,
    tally: Tally,
    turn: list[int],
) -> None:
    """Ask a user's questions one after another, each to the next replica in turn."""
    for question in questions:
        update = api.text_update(user, question)
        target = targets[turn[0] % len(targets)]
        turn[0] += 1
        waiting = len(api.replies[user.id])
        api.arrived[user.id].clear()
        started = time.monotonic()
        if not await deliver(client, target.url, update):
            tally.refused_posts += 1
            continue
        deadline = started + REPLY_WITHIN
        while len(api.replies[user.id]) <= waiting and time.monotonic() < deadline:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(api.arrived[user.id].wait(), deadline - time.monotonic())
            api.arrived[user.id].clear()
        if len(api.replies[user.id]) <= waiting:
            tally.unanswered += 1
            continue
        tally.latencies.append((api.replies[user.id][waiting].at - started) * 1000)


async def sample_memory(running: list[Replica], stop: asyncio.Event) -> None:
    """Record each replica's RSS once a second."""
    while not stop.is_set():
        for replica in running:
            with contextlib.suppress(OSError):
                replica.rss_mb.append(replica.status("VmRSS"))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)


def by_tenth(samples: list[float]) -> list[float]:
    """The samples at the start of each tenth of the run, and the last one."""
    picked = [samples[len(samples) * i // 10] for i in range(10)] + [samples[-1]]
    return [round(value, 1) for value in picked]


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run the load and return its figures."""
    pool = single_message_questions(build_index(load_knowledge_base(KB)))
    per_user = max(1, args.questions // args.users)
    rng = random.Random(args.seed)
    users = [FakeUser(1_000_000 + n, rng.choice(["zh", "en"])) for n in range(args.users)]
    plan = {u.id: rng.sample(pool, min(per_user, len(pool))) for u in users}
    extra = {
        "ZONEBOT_SEND_PER_SECOND": str(args.send_per_second),
        "ZONEBOT_CONCURRENT_UPDATES": str(args.workers),
    }
    async with SlowStandIn(args.seed) as api, throwaway_database() as database_url:
        with tempfile.TemporaryDirectory() as tmp:
            async with replicas(api, database_url, args.replicas, Path(tmp), extra) as running:
                tally, turn, stop = Tally(), [0], asyncio.Event()
                sampler = asyncio.create_task(sample_memory(running, stop))
                limit = asyncio.Semaphore(args.concurrency)
                limits = httpx.Limits(max_connections=args.concurrency)
                started = time.monotonic()
                async with httpx.AsyncClient(timeout=60, limits=limits) as client:

                    async def one(user: FakeUser) -> None:
                        async with limit:
                            await ask_all(api, running, user, plan[user.id], client, tally, turn)

                    await asyncio.gather(*(one(u) for u in users))
                elapsed = time.monotonic() - started
                await asyncio.sleep(2)  # time for a late duplicate to show
                stop.set()
                await sampler
                peaks = [r.status("VmHWM") for r in running]
                logs = [r.log for r in running]
            errors_logged = sum(log.read_text().count(" ERROR ") for log in logs)
    asked = sum(len(q) for q in plan.values())
    twice = sum(max(0, len(api.replies[u]) - len(q)) for u, q in plan.items())
    return {
        "replicas": args.replicas,
        "users": args.users,
        "questions": asked,
        "answered": len(tally.latencies),
        "unanswered": tally.unanswered,
        "answered_twice": twice,
        "refused_posts": tally.refused_posts,
        "telegram_429s": api.refused_429,
        "errors_logged": errors_logged,
        "seconds": round(elapsed, 1),
        "questions_per_second": round(asked / elapsed, 1),
        "p50_ms": round(statistics.median(tally.latencies), 1) if tally.latencies else 0.0,
        "p95_ms": round(percentile(tally.latencies, 0.95), 1),
        "p99_ms": round(percentile(tally.latencies, 0.99), 1),
        "peak_rss_mb": [round(p, 1) for p in peaks],
        "rss_mb_by_tenth": [
            [
                round(r.rss_mb[min(len(r.rss_mb) - 1, len(r.rss_mb) * i // 10)], 1)
                for i in range(10)
            ]
            + [round(r.rss_mb[-1], 1)]
            for r in running
            if r.rss_mb
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=None)
    parser.add_argument("--questions", type=int, default=None)
    parser.add_argument("--soak", action="store_true", help="100,000 users, one question each")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--workers", type=int, default=24, help="ZONEBOT_CONCURRENT_UPDATES")
    parser.add_argument("--send-per-second", type=float, default=30.0)
    parser.add_argument("--concurrency", type=int, default=500, help="users asking at once")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    default_users = 100_000 if args.soak else 500
    args.users = args.users or default_users
    args.questions = args.questions or (args.users if args.soak else 2000)
    figures = asyncio.run(run(args))
    if args.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name:>22}: {value}")
    failed = figures["unanswered"] or figures["answered_twice"] or figures["refused_posts"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
