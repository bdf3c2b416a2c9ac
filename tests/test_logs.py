"""Log redaction: the bot token never reaches a log line, even with every logger at DEBUG."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from bot_harness import running_bot
from botapi_standin import TEST_TOKEN, FakeUser

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
