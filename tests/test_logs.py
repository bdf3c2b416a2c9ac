"""Log redaction: the bot token never reaches a log line, even with every logger at DEBUG."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.bot_harness import run_environment, running_bot, zonebot_run
from helpers.botapi_standin import TEST_TOKEN, BotApiStandIn, FakeUser

from bot.logs import REDACTED, RedactingFilter, configure_logging

SECRET = TEST_TOKEN.split(":")[1]


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Put the root logger back as it was, so other tests do not log at DEBUG."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_the_token_is_redacted_from_messages_arguments_and_exceptions() -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=[TEST_TOKEN], stream=stream)
    log = logging.getLogger("telegram.test")
    log.debug("Set Bot API URL: https://api.telegram.org/bot%s", TEST_TOKEN)
    try:
        raise ValueError(f"failed at /bot{TEST_TOKEN}/getMe")
    except ValueError:
        log.exception("request failed")
    written = stream.getvalue()
    assert SECRET not in written
    assert written.count(REDACTED) == 2


def test_any_token_shaped_text_is_redacted_even_when_not_configured() -> None:
    other = "987654321:ZZyyXXwwVVuuTTssRRqqPPooNNmmLLkkJJi"
    assert RedactingFilter().redact(f"url /bot{other}/x") == f"url /bot{REDACTED}/x"
    assert RedactingFilter().redact("987654321%3AZZyyXXwwVVuuTTssRRqqPPooNNmmLLkk") == REDACTED


def test_httpx_request_lines_are_silenced() -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot1:x/getMe")
    assert stream.getvalue() == ""


async def test_a_whole_session_at_debug_never_logs_the_token(tmp_path: Path) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=[TEST_TOKEN], stream=stream)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    async with running_bot(tmp_path) as bot:
        await bot.ask(FakeUser(5, "en"), "What was Qingdao's biomedicine revenue in 2022?")
    written = stream.getvalue()
    assert "sendMessage" in written  # the session was logged at DEBUG
    assert SECRET not in written


def test_json_lines_carry_level_logger_and_message_with_secrets_and_phones_redacted() -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=[TEST_TOKEN], stream=stream, fmt="json")
    log = logging.getLogger("bot.test")
    log.info("lead from %s via https://api.telegram.org/bot%s", "+86 139 8765 4321", TEST_TOKEN)
    try:
        raise ValueError(f"failed at /bot{TEST_TOKEN}/getMe for 13987654321")
    except ValueError:
        log.exception("request failed")
    every = [json.loads(line) for line in stream.getvalue().splitlines()]
    # a thread of an earlier test's database connection may still log at DEBUG meanwhile
    lines = [line for line in every if line["logger"] == "bot.test"]
    assert [(line["level"], line["logger"]) for line in lines] == [
        ("INFO", "bot.test"),
        ("ERROR", "bot.test"),
    ]
    assert lines[0]["message"].startswith("lead from ")
    assert lines[0]["time"].endswith("+00:00")
    assert "ValueError" in lines[1]["exception"]
    written = stream.getvalue()
    assert SECRET not in written
    assert "8765" not in written
    assert written.count(REDACTED) == 2


async def test_zonebot_run_with_json_logs_writes_only_json_lines_without_the_token(
    tmp_path: Path,
) -> None:
    async with BotApiStandIn(TEST_TOKEN) as api:
        env = run_environment(api, tmp_path, ZONEBOT_LOG_FORMAT="json", ZONEBOT_LOG_LEVEL="DEBUG")
        async with zonebot_run(env) as bot:
            since = api.mark()
            await api.wait_for(lambda call: call.method == "getUpdates", since=since)
            bot.terminate()
            output, _ = await asyncio.wait_for(bot.communicate(), 60)
    text = output.decode()
    lines = [json.loads(line) for line in text.splitlines()]
    assert any(
        line["message"].startswith("bot ") and "is ready" in line["message"] for line in lines
    )
    assert SECRET not in text
