"""Health and metrics in both modes, counted from real Bot API calls to the stand-in."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from helpers.bot_harness import (
    RunningBot,
    free_port,
    run_environment,
    running_bot,
    wait_healthy,
    webhook_settings,
    zonebot_run,
)
from helpers.botapi_standin import TEST_TOKEN, BotApiStandIn, FakeUser, Fault
from helpers.metrics_text import sample
from helpers.notice_leads import ADMINS, kb, lead

from bot.config import Settings
from bot.errors import StorageUnavailableError
from bot.leads.notices import run_notices
from bot.metrics import METRICS
from bot.storage.db import create_engine
from bot.storage.store import Store
from bot.telegram.app import POLL_TIMEOUT_SECONDS
from bot.telegram.healthprobe import health_url

USER = FakeUser(961, "en")
ROOT = Path(__file__).resolve().parent.parent


def polling_health_settings(**overrides: object) -> dict[str, object]:
    """Settings that poll and serve /healthz and /metrics on a free local port."""
    return {
        "ZONEBOT_HEALTH_SERVER": True,
        "ZONEBOT_LISTEN_HOST": "127.0.0.1",
        "ZONEBOT_PORT": free_port(),
        **overrides,
    }


def scraped() -> str:
    return METRICS.exposition().decode()


async def wait_until(check: Callable[[], object], within: float = 30.0) -> None:
    """Wait until `check()` is true (a condition, never a duration, is what tests wait on)."""
    deadline = asyncio.get_running_loop().time() + within
    while not check():
        assert asyncio.get_running_loop().time() < deadline, "the condition never came true"
        await asyncio.sleep(0.02)


async def health_status(bot: RunningBot) -> tuple[int, dict[str, object]]:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{bot.settings.port}/healthz")
    return response.status_code, response.json()


async def wait_for_status(bot: RunningBot, wanted: int, within: float = 90.0) -> dict[str, object]:
    deadline = asyncio.get_running_loop().time() + within
    while True:
        status, body = await health_status(bot)
        if status == wanted:
            return body
        assert asyncio.get_running_loop().time() < deadline, f"/healthz stayed {status}: {body}"
        await asyncio.sleep(0.05)


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn(TEST_TOKEN) as standin:
        yield standin


async def test_a_polling_bot_serves_healthz_and_metrics_when_the_health_server_is_on(
    tmp_path: Path, api: BotApiStandIn
) -> None:
    async with running_bot(tmp_path, api=api, **polling_health_settings()) as bot:
        await wait_healthy(f"http://127.0.0.1:{bot.settings.port}/healthz")
        await bot.ask(USER, "What was Qingdao's biomedicine revenue in 2022?")
        status, body = await health_status(bot)
        async with httpx.AsyncClient() as client:
            metrics = await client.get(f"http://127.0.0.1:{bot.settings.port}/metrics")
    assert status == 200
    assert body["status"] == "ok"
    assert body["kb_version"] == bot.services.kb.version
    assert metrics.status_code == 200
    assert sample(metrics.text, "zonebot_bot_api_calls_total", method="getUpdates", outcome="ok")
    assert sample(metrics.text, "zonebot_bot_api_calls_total", method="sendMessage", outcome="ok")
    assert sample(
        metrics.text, "zonebot_bot_api_last_success_timestamp_seconds", method="getUpdates"
    )


async def test_a_polling_bot_is_unhealthy_while_getupdates_fails_and_healthy_once_it_answers(
    tmp_path: Path, api: BotApiStandIn
) -> None:
    # Above the 10 s a long poll may stay open, so only failures make the bot silent.
    settings = polling_health_settings(ZONEBOT_HEALTH_MAX_SILENCE_SECONDS=POLL_TIMEOUT_SECONDS + 2)
    async with running_bot(tmp_path, api=api, **settings) as bot:
        await wait_for_status(bot, 200)
        api.fail_share("getUpdates", 1.0, Fault(status=502))
        await bot.ask(USER, "Taiyuan relocation?")  # ends the long poll under way
        stale = await wait_for_status(bot, 503)
        api.fail_share("getUpdates", 0.0, Fault())
        await wait_for_status(bot, 200)
    assert stale["status"] == "telegram silent"
    assert isinstance(stale["telegram_silence_seconds"], float)
    assert stale["telegram_silence_seconds"] >= POLL_TIMEOUT_SECONDS + 2


async def test_a_quiet_webhook_bot_stays_healthy_by_its_heartbeat_until_telegram_fails(
    tmp_path: Path, api: BotApiStandIn
) -> None:
    settings = {**webhook_settings(), "ZONEBOT_HEALTH_MAX_SILENCE_SECONDS": 2.0}
    async with running_bot(tmp_path, api=api, **settings) as bot:
        # Five heartbeats, one each quarter of the allowed silence: past it, without updates.
        await api.wait_for(lambda c: c.ok and c.method == "getWebhookInfo", count=5)
        status, body = await health_status(bot)
        assert status == 200, body
        api.fail_share("getWebhookInfo", 1.0, Fault(status=500))
        await wait_for_status(bot, 503)
        api.fail_share("getWebhookInfo", 0.0, Fault())
        await wait_for_status(bot, 200)


async def test_bot_api_calls_are_counted_by_method_and_outcome_and_retries_by_reason(
    tmp_path: Path, api: BotApiStandIn
) -> None:
    settings = {**webhook_settings(), "ZONEBOT_HEALTH_MAX_SILENCE_SECONDS": 0.4}
    async with running_bot(tmp_path, api=api, **settings) as bot:
        before = scraped()
        api.fail_next("sendMessage", Fault(status=429, retry_after=1), Fault(status=502))
        api.fail_next("getWebhookInfo", Fault(drop=True))
        await bot.ask(USER, "What was Qingdao's biomedicine revenue in 2022?")
        await wait_until(
            lambda: (
                sample(
                    scraped(), "zonebot_bot_api_calls_total", method="getWebhookInfo", outcome="ok"
                )
                > sample(
                    before, "zonebot_bot_api_calls_total", method="getWebhookInfo", outcome="ok"
                )
            )
        )
        after = scraped()

    def delta(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    calls = "zonebot_bot_api_calls_total"
    assert delta(calls, method="sendMessage", outcome="429") == 1
    assert delta(calls, method="sendMessage", outcome="5xx") == 1
    assert delta(calls, method="sendMessage", outcome="ok") == 1
    assert delta(calls, method="getWebhookInfo", outcome="network") == 1
    retries = "zonebot_bot_api_retries_total"
    assert delta(retries, method="sendMessage", reason="429") == 1
    assert delta(retries, method="sendMessage", reason="error") == 1
    assert delta(retries, method="getWebhookInfo", reason="error") == 1


async def test_a_database_that_does_not_answer_is_counted_as_unavailable() -> None:
    store = Store(create_engine(f"postgresql://postgres@127.0.0.1:{free_port()}/test"))
    before = scraped()
    with pytest.raises(StorageUnavailableError):
        await store.ping()
    await store.close()
    kind = {"kind": "unavailable"}
    errors = "zonebot_database_errors_total"
    assert sample(scraped(), errors, **kind) - sample(before, errors, **kind) == 1


async def test_pending_lead_notices_and_failed_sends_are_shown(store: Store) -> None:
    await store.finish_lead(lead(), admin_ids=ADMINS)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        ZONEBOT_ADMIN_IDS=",".join(str(a) for a in ADMINS),
        ZONEBOT_NOTICE_POLL_SECONDS=0.02,
        ZONEBOT_NOTICE_RETRY_SECONDS=60,
    )
    failures = "zonebot_lead_notice_failures_total"
    before = sample(scraped(), failures)

    async def blocked(chat_id: int, html: str) -> None:
        msg = "Forbidden: bot was blocked by the user"
        raise RuntimeError(msg)

    stop = asyncio.Event()
    loop = asyncio.create_task(run_notices(store, settings, blocked, kb, stop))
    await wait_until(lambda: sample(scraped(), failures) - before == len(ADMINS))
    await wait_until(lambda: sample(scraped(), "zonebot_lead_notices_pending") == len(ADMINS))
    stop.set()
    await asyncio.wait_for(loop, 30)


def test_the_probe_asks_the_loopback_when_the_bot_listens_on_every_address() -> None:
    assert health_url({"ZONEBOT_LISTEN_HOST": "0.0.0.0", "ZONEBOT_PORT": "9"}) == (
        "http://127.0.0.1:9/healthz"
    )
    assert health_url({"ZONEBOT_LISTEN_HOST": "::1"}) == "http://[::1]:8080/healthz"


def test_the_probe_imports_nothing_beyond_the_standard_library() -> None:
    code = "import sys, bot.telegram.healthprobe; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    assert not loaded & {"telegram", "pydantic", "starlette", "httpx", "sqlalchemy", "yaml"}


async def test_a_taken_port_stops_the_bot_with_one_line_naming_it_and_exit_1(
    tmp_path: Path, api: BotApiStandIn
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = str(taken.getsockname()[1])
        env = run_environment(
            api,
            tmp_path,
            ZONEBOT_HEALTH_SERVER="true",
            ZONEBOT_LISTEN_HOST="127.0.0.1",
            ZONEBOT_PORT=port,
        )
        async with zonebot_run(env) as bot:
            output, _ = await asyncio.wait_for(bot.communicate(), 60)
    assert bot.returncode == 1
    text = output.decode()
    [error] = [line for line in text.splitlines() if " ERROR " in line]
    assert f"cannot listen on 127.0.0.1:{port} (Address already in use)" in error
    assert "Traceback" not in text
