"""Flood control and retries, through a real ExtBot talking HTTP to the Bot API stand-in."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
from helpers.bot_harness import free_port
from helpers.botapi_standin import TEST_TOKEN, BotApiStandIn, FakeUser, Fault
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import Defaults, ExtBot

from bot.telegram.apicalls import CountingRequest
from bot.telegram.app import NoLinkPreviews
from bot.telegram.sending import FloodControl, may_retry, send_unread

USER = FakeUser(7, "en")


def make_bot(
    api_base: str,
    *,
    max_retries: int = 3,
    timeout: float = 5.0,
    defaults: Defaults | None = None,
) -> ExtBot[int]:
    limiter = FloodControl(
        per_second=100, group_per_minute=20, max_retries=max_retries, retry_delay=0.05
    )
    request = CountingRequest(read_timeout=timeout, connect_timeout=timeout)
    return ExtBot(
        TEST_TOKEN, base_url=api_base, rate_limiter=limiter, request=request, defaults=defaults
    )


@pytest.fixture(autouse=True)
def timedelta_durations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta durations, as the application does."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def api() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn() as standin:
        standin.send_text(USER, "hello")  # Telegram knows the chat once the user wrote
        yield standin


def attempts(api: BotApiStandIn) -> list[str]:
    return [c.error or "ok" for c in api.calls if c.method == "sendMessage"]


async def test_a_message_goes_as_json_with_its_keyboard_as_an_object(api: BotApiStandIn) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Zones", callback_data="zones")]])
    async with make_bot(api.base_url) as bot:
        sent = await bot.send_message(USER.id, "<b>太原</b> & more", reply_markup=keyboard)
    call = next(c for c in api.calls if c.method == "sendMessage")
    assert call.content_type == "application/json"
    assert call.params["chat_id"] == USER.id
    assert call.params["text"] == "<b>太原</b> & more"
    assert call.params["reply_markup"] == keyboard.to_dict()
    assert sent.reply_markup == keyboard


async def test_a_message_sent_unread_goes_exactly_as_send_message_sends_it(
    api: BotApiStandIn,
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Zones", callback_data="zones")]])
    defaults = Defaults(parse_mode=ParseMode.HTML, link_preview_options=NoLinkPreviews())
    async with make_bot(api.base_url, defaults=defaults) as bot:
        for markup in (keyboard, None):
            await bot.send_message(USER.id, "<b>太原</b> &amp; more", reply_markup=markup)
            await send_unread(bot, USER.id, "<b>太原</b> &amp; more", markup)
    calls = [c for c in api.calls if c.method == "sendMessage"]
    assert len(calls) == 4
    for by_ptb, unread in (calls[:2], calls[2:]):
        assert unread.content_type == by_ptb.content_type == "application/json"
        assert json.dumps(unread.params) == json.dumps(by_ptb.params)  # keys in the same order
    assert calls[0].params["parse_mode"] == "HTML"
    assert calls[0].params["link_preview_options"] == {"is_disabled": True}


async def test_a_message_sent_unread_keeps_flood_control_and_errors(api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", Fault(status=429, retry_after=1), Fault(status=500))
    async with make_bot(api.base_url) as bot:
        await send_unread(bot, USER.id, "hi")
        with pytest.raises(BadRequest):
            await send_unread(bot, USER.id, "")
    assert attempts(api)[:3] == [
        "Too Many Requests: retry after 1",
        "Internal Server Error",
        "ok",
    ]


async def test_a_429_waits_retry_after_and_retries(api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", Fault(status=429, retry_after=1))
    async with make_bot(api.base_url) as bot:
        started = asyncio.get_running_loop().time()
        await bot.send_message(USER.id, "hi")
        waited = asyncio.get_running_loop().time() - started
    assert attempts(api) == ["Too Many Requests: retry after 1", "ok"]
    assert waited >= 1.0  # it waited as Telegram asked, not a timing target


async def test_429s_beyond_the_bound_are_logged_and_given_up(
    api: BotApiStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    api.fail_next("sendMessage", *[Fault(status=429, retry_after=1)] * 2)
    async with make_bot(api.base_url, max_retries=1) as bot:
        with pytest.raises(RetryAfter):
            await bot.send_message(USER.id, "hi")
    assert len(attempts(api)) == 2
    assert "still flood-limited after 1 retries" in caplog.text


async def test_a_5xx_is_retried(api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", Fault(status=500), Fault(status=502))
    async with make_bot(api.base_url) as bot:
        await bot.send_message(USER.id, "hi")
    assert attempts(api) == ["Internal Server Error", "Internal Server Error", "ok"]


async def test_a_refused_connection_is_retried_until_the_api_answers() -> None:
    port = free_port()
    later = BotApiStandIn(port=port)

    async def start_later() -> None:
        await asyncio.sleep(0.3)
        await later.start()
        later.send_text(USER, "hello")

    starter = asyncio.create_task(start_later())
    async with make_bot(f"http://127.0.0.1:{port}/bot", max_retries=6) as bot:
        await bot.send_message(USER.id, "hi")
    await starter
    await later.stop()
    assert attempts(later) == ["ok"]


async def test_a_timeout_after_delivery_is_not_resent(api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", Fault(delay=1.5))
    async with make_bot(api.base_url, timeout=0.5) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(USER.id, "hi")
    assert attempts(api) == ["ok"]  # delivered once, never twice


async def test_a_dropped_connection_does_not_resend_a_message(api: BotApiStandIn) -> None:
    api.fail_next("sendMessage", Fault(drop=True))
    async with make_bot(api.base_url) as bot:
        with pytest.raises(NetworkError):
            await bot.send_message(USER.id, "hi")
    assert attempts(api) == ["dropped"]


async def test_a_dropped_connection_retries_a_call_that_can_be_repeated(
    api: BotApiStandIn,
) -> None:
    api.fail_next("setMyCommands", Fault(drop=True))
    async with make_bot(api.base_url) as bot:
        assert await bot.set_my_commands([("help", "Help")])
    assert [c.error or "ok" for c in api.calls if c.method == "setMyCommands"] == ["dropped", "ok"]


async def test_a_bad_request_is_not_retried(api: BotApiStandIn) -> None:
    async with make_bot(api.base_url) as bot:
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(USER.id, "a < b", parse_mode="HTML")
    assert len(attempts(api)) == 1


@pytest.mark.parametrize(
    ("error", "endpoint", "expected"),
    [
        (BadRequest("Bad Request: message is too long"), "sendMessage", False),
        (NetworkError("Internal Server Error"), "sendMessage", True),
        (TimedOut(), "sendMessage", False),
        (TimedOut(), "getMe", True),
        (TimedOut(), "answerCallbackQuery", False),
    ],
)
def test_may_retry_only_what_cannot_duplicate_a_message(
    error: NetworkError, endpoint: str, expected: bool
) -> None:
    assert may_retry(error, endpoint) is expected


def test_a_connect_error_may_always_be_retried() -> None:
    error = NetworkError("httpx.ConnectError: refused")
    error.__cause__ = httpx.ConnectError("refused")
    assert may_retry(error, "sendMessage")
