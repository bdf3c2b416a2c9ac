"""Promise 9: SIGTERM ends `zonebot run` within 10 seconds, the work in hand finished first."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from bot_harness import TEST_KB, WEBHOOK_SECRET, free_port, wait_healthy
from botapi_standin import BotApiStandIn, FakeUser, Fault

ROOT = Path(__file__).resolve().parent.parent
GRACE_SECONDS = 10  # what `docker stop` waits before SIGKILL
QUESTION = "What was Qingdao's biomedicine revenue in 2022?"


def run_environment(api: BotApiStandIn, tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment of a `zonebot run` talking to `api`, none of the caller's bot settings."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ZONEBOT_") and name != "TELEGRAM_BOT_TOKEN"
    }
    return {
        **inherited,
        "TELEGRAM_BOT_TOKEN": api.token,
        "ZONEBOT_API_BASE_URL": api.base_url,
        "ZONEBOT_KB_PATH": str(TEST_KB),
        "ZONEBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'zonebot.db'}",
        "ZONEBOT_LOG_LEVEL": "INFO",
        **settings,
    }


@contextlib.asynccontextmanager
async def zonebot_run(env: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    """Start `python -m bot run` with `env`; kill it if the block leaves it running."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_sigterm_in_webhook_mode_finishes_the_reply_in_hand_within_10_seconds(
    tmp_path: Path,
) -> None:
    user, other = FakeUser(91, "en"), FakeUser(92, "zh")
    port = free_port()
    async with BotApiStandIn() as api:
        env = run_environment(
            api,
            tmp_path,
            ZONEBOT_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
            ZONEBOT_WEBHOOK_SECRET=WEBHOOK_SECRET,
            ZONEBOT_LISTEN_HOST="127.0.0.1",
            ZONEBOT_PORT=str(port),
        )
        async with zonebot_run(env) as process:
            await api.wait_for(lambda c: c.method == "setWebhook", within=60)
            await wait_healthy(f"http://127.0.0.1:{port}/healthz", within=60)
            # Both replies are slow to be accepted: the handlers are still at work on SIGTERM.
            api.fail_next("sendMessage", Fault(delay=3.0), Fault(delay=3.0))
            asked = [api.text_update(user, QUESTION), api.text_update(other, "/help")]
            for update in asked:
                assert (await api.deliver(update)).status_code == 200
            await api.wait_for(lambda c: c.method == "sendMessage", count=2, within=60)
            started = asyncio.get_running_loop().time()
            process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), 60)
            took = asyncio.get_running_loop().time() - started
    log = output.decode()
    assert process.returncode == 0, log
    assert took < GRACE_SECONDS, log
    replies = {c.params["chat_id"]: c for c in api.sent()}
    assert set(replies) == {user.id, other.id}
    assert "Qingdao" in replies[user.id].params["text"]
    assert "Traceback" not in log
    assert "stopped" in log


async def test_sigterm_when_idle_exits_at_once(tmp_path: Path) -> None:
    async with BotApiStandIn() as api, zonebot_run(run_environment(api, tmp_path)) as process:
        await api.wait_for(lambda c: c.method == "deleteWebhook", within=60)
        await asyncio.sleep(0.5)  # getUpdates follows deleteWebhook: a long poll is open
        started = asyncio.get_running_loop().time()
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), 60)
        took = asyncio.get_running_loop().time() - started
    assert process.returncode == 0, output.decode()
    assert took < GRACE_SECONDS  # the open long poll does not hold the stop up
