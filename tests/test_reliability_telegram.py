"""Promise 5: Telegram's faults are survived, each scripted in the Bot API stand-in.

The real bot (PTB, HTTP, SQLite) answers users while the stand-in answers 429, 5xx, drops
the connection, answers after the client gave up, refuses getUpdates with 409, refuses the
token with 401, or says a user blocked the bot (403).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from helpers.bot_harness import RunningBot, run_environment, running_bot, zonebot_run
from helpers.botapi_standin import ApiCall, BotApiStandIn, FakeUser, Fault

USER = FakeUser(501, "en")
OTHER = FakeUser(502, "zh")
QUESTION = "What was Qingdao's biomedicine revenue in 2022?"
REFUSED_TOKEN = "Telegram refused TELEGRAM_BOT_TOKEN"
CONFLICT = Fault(
    status=409,
    description="Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
)
BLOCKED = Fault(status=403, description="Forbidden: bot was blocked by the user")
REVOKED = Fault(status=401, description="Unauthorized")


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(tmp_path, ZONEBOT_TELEGRAM_TIMEOUT_SECONDS=1) as running:
        yield running


def sends_to(bot: RunningBot, user: FakeUser, since: int) -> list[ApiCall]:
    """Every sendMessage attempt to a user's chat, answered or not."""
    return [
        c
        for c in bot.api.calls[since:]
        if c.method == "sendMessage" and c.params.get("chat_id") == user.id
    ]


async def question_then_help(bot: RunningBot, user: FakeUser) -> list[ApiCall]:
    """Ask the question, then /help; return the attempts to answer the question.

    One user's updates are handled in order, so once /help is answered the question's
    handler has finished, whatever happened to its reply.
    """
    since = bot.api.mark()
    bot.api.send_text(user, QUESTION)
    bot.api.send_text(user, "/help")
    [helped] = await bot.api.wait_for(
        lambda c: c.ok and c.params.get("chat_id") == user.id and "/zones" in c.params["text"],
        since=since,
    )
    return [c for c in sends_to(bot, user, since) if c is not helped]


async def test_a_429_is_waited_out_and_the_answer_arrives_once(bot: RunningBot) -> None:
    bot.api.fail_next("sendMessage", Fault(status=429, retry_after=1))
    attempts = await question_then_help(bot, USER)
    assert [c.error or "ok" for c in attempts] == ["Too Many Requests: retry after 1", "ok"]
    assert "Qingdao" in attempts[-1].params["text"]


async def test_5xx_answers_are_retried_and_the_answer_arrives_once(bot: RunningBot) -> None:
    bot.api.fail_next("sendMessage", Fault(status=500), Fault(status=502))
    attempts = await question_then_help(bot, USER)
    assert [c.ok for c in attempts] == [False, False, True]


async def test_a_dropped_connection_is_not_resent_blindly_and_the_bot_goes_on(
    bot: RunningBot,
) -> None:
    bot.api.fail_next("sendMessage", Fault(drop=True))
    attempts = await question_then_help(bot, USER)
    assert [c.error for c in attempts] == ["dropped"]  # it may have arrived: not sent again
    assert "Qingdao" in (await bot.ask(USER, QUESTION)).params["text"]


async def test_a_timeout_after_telegram_took_the_message_sends_no_duplicate(
    bot: RunningBot,
) -> None:
    bot.api.fail_next("sendMessage", Fault(delay=2.5))  # the bot gives up after 1 s
    attempts = await question_then_help(bot, USER)
    assert [c.ok for c in attempts] == [True]  # delivered once; no retry, no apology
    assert "Qingdao" in attempts[0].params["text"]


async def test_a_user_who_blocked_the_bot_is_not_retried_and_others_are_answered(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.api.fail_next("sendMessage", BLOCKED)
    since = bot.api.mark()
    bot.api.send_text(USER, QUESTION)
    await bot.api.wait_for(lambda c: c.error.startswith("Forbidden"), since=since)
    assert "Qingdao" in (await bot.ask(OTHER, QUESTION)).params["text"]
    assert "Qingdao" in (await bot.ask(USER, QUESTION)).params["text"]  # unblocked later
    blocked = [c for c in sends_to(bot, USER, since) if not c.ok]
    assert len(blocked) == 1  # neither retried nor followed by an apology
    assert "bot was blocked by the user" in caplog.text


async def test_409_from_a_second_poller_is_logged_plainly_and_polling_resumes(
    bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    bot.api.fail_next("getUpdates", CONFLICT, CONFLICT)
    first = await bot.ask(USER, QUESTION)  # taken by the long poll already open
    assert "Qingdao" in first.params["text"]
    since = bot.api.mark()
    await bot.api.wait_for(lambda c: c.error.startswith("Conflict"), count=2)
    reply = await bot.ask(OTHER, "/help")  # taken once the other poller has gone
    assert reply.ok
    assert "another process takes this bot's updates" in caplog.text
    assert bot.api.calls[since:]  # polling went on after the conflicts


async def test_a_revoked_token_at_start_exits_1_at_once_without_printing_it(
    tmp_path: Path,
) -> None:
    async with BotApiStandIn() as api:
        api.fail_share("getMe", 1.0, REVOKED)
        async with zonebot_run(run_environment(api, tmp_path)) as process:
            output, _ = await asyncio.wait_for(process.communicate(), 60)
    log = output.decode()
    assert process.returncode == 1, log
    assert REFUSED_TOKEN in log
    assert api.token.split(":")[1] not in log
    assert [c.method for c in api.calls] == ["getMe"]  # no retry loop


async def test_a_token_revoked_while_polling_ends_the_process_with_a_clear_error(
    tmp_path: Path,
) -> None:
    async with BotApiStandIn() as api, zonebot_run(run_environment(api, tmp_path)) as process:
        await api.wait_for(lambda c: c.method == "deleteWebhook", within=60)
        api.fail_share("getUpdates", 1.0, REVOKED)
        since = api.mark()
        api.send_text(USER, QUESTION)  # ends the open long poll; the next one is refused
        output, _ = await asyncio.wait_for(process.communicate(), 60)
    log = output.decode()
    assert process.returncode == 1, log
    assert REFUSED_TOKEN in log
    assert api.token.split(":")[1] not in log
    refused = [c for c in api.calls[since:] if c.method == "getUpdates" and not c.ok]
    assert len(refused) == 1  # no retry loop
