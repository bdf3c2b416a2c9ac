"""Promise 9: SIGTERM ends `zonebot run` within 10 seconds, the work in hand finished first."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from helpers.bot_harness import (
    WEBHOOK_SECRET,
    free_port,
    run_environment,
    wait_healthy,
    zonebot_run,
)
from helpers.botapi_standin import BotApiStandIn, FakeUser, Fault

from bot.storage.store import open_store

GRACE_SECONDS = 10  # what `docker stop` waits before SIGKILL
QUESTION = "What was Qingdao's biomedicine revenue in 2022?"


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


async def test_sigterm_right_after_a_reply_still_logs_its_question(tmp_path: Path) -> None:
    user = FakeUser(93, "en")
    async with BotApiStandIn() as api, zonebot_run(run_environment(api, tmp_path)) as process:
        await api.wait_for(lambda c: c.method == "deleteWebhook", within=60)
        since = api.mark()
        api.send_text(user, QUESTION)
        await api.reply(user.id, since=since, within=60)
        process.send_signal(signal.SIGTERM)  # before the batched question log is due
        output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, output.decode()
    store = await open_store(f"sqlite:///{tmp_path / 'zonebot.db'}")
    try:
        exported = await store.export_user(user.id)
    finally:
        await store.close()
    assert [row["text"] for row in exported["questions"]] == [QUESTION]
    assert exported["user"]["context_zone_id"] is not None  # the zone for follow-ups, too
