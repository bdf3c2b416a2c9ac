"""Every Bot API call through Telegram's flood limits, retried when that is known to be safe."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from aiolimiter import AsyncLimiter
from telegram import Bot, InlineKeyboardMarkup
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

from bot.metrics import METRICS

logger = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
Callback = Callable[..., Coroutine[Any, Any, JSONResult]]

# Failures raised before the request left this machine: resending cannot duplicate anything.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Calls whose repetition has no visible effect; anything else that may have arrived is not
# resent (a second sendMessage would show the user the same message twice).
_REPEATABLE_PREFIXES = ("get", "set", "deleteWebhook")
_MAX_GROUP_LIMITERS = 512


def may_retry(exc: NetworkError, endpoint: str) -> bool:
    """Tell whether a failed call can be made again without risking a duplicate."""
    if isinstance(exc, BadRequest):
        return False  # the request itself is wrong; sending it again changes nothing
    cause = exc.__cause__
    if isinstance(cause, _NOT_SENT) or endpoint.startswith(_REPEATABLE_PREFIXES):
        return True
    # A timeout or a connection lost mid-call may come after delivery; a 5xx answer does not.
    return not isinstance(exc, TimedOut) and not isinstance(cause, httpx.HTTPError)


async def send_unread(
    bot: Bot, chat_id: int, text: str, reply_markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send a message as `Bot.send_message` sends it, without reading the sent message back.

    `send_message` turns the message Telegram returns into PTB's objects (0.3 to 0.5 ms for
    a reply with buttons and formatting), which no caller here reads. The call goes through
    PTB's own `_post` with the same parameters, so the bot's defaults (HTML, no link
    previews), flood control, retries and errors are the same.
    """
    await bot._post(
        "sendMessage",
        {
            "chat_id": chat_id,
            "text": text,
            "disable_notification": DEFAULT_NONE,
            "link_preview_options": DEFAULT_NONE,
            "parse_mode": DEFAULT_NONE,
            "protect_content": DEFAULT_NONE,
            "reply_markup": reply_markup,
        },
    )


class FloodControl(BaseRateLimiter[int]):
    """Keep within Telegram's flood limits; wait out 429s and retry transient failures."""

    def __init__(
        self,
        *,
        per_second: float,
        group_per_minute: float,
        max_retries: int,
        retry_delay: float,
    ) -> None:
        self._overall = AsyncLimiter(per_second, 1)
        self._group_per_minute = group_per_minute
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._max_retries = max_retries
        self._retry_delay = retry_delay

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        """Make one Bot API call within the limits, retrying up to the configured bound."""
        max_retries = self._max_retries if rate_limit_args is None else rate_limit_args
        for attempt in range(max_retries + 1):
            last = attempt == max_retries
            try:
                return await self._call(callback, args, kwargs, data.get("chat_id"))
            except RetryAfter as exc:
                if last:
                    logger.warning("%s: still flood-limited after %d retries", endpoint, attempt)
                    raise
                METRICS.record_retry(endpoint, "429")
                # The private field: the public one warns until PTB makes it a timedelta.
                await asyncio.sleep(exc._retry_after.total_seconds())
            except NetworkError as exc:
                if not may_retry(exc, endpoint):
                    raise
                if last:
                    logger.warning("%s: still failing after %d retries", endpoint, attempt)
                    raise
                logger.info("%s failed (%s), retrying", endpoint, exc)
                METRICS.record_retry(endpoint, "error")
                await asyncio.sleep(self._retry_delay * 2**attempt)
        msg = "unreachable: the last attempt returns or raises"
        raise AssertionError(msg)

    async def _call(
        self, callback: Callback, args: Any, kwargs: dict[str, Any], chat_id: object
    ) -> JSONResult:
        """Wait for the overall limit (and a group's) when the call sends to a chat."""
        if chat_id is None:
            return await callback(*args, **kwargs)
        if isinstance(chat_id, str) or (isinstance(chat_id, int) and chat_id < 0):
            await self._group(chat_id).acquire()
        await self._overall.acquire()
        return await callback(*args, **kwargs)

    def _group(self, chat_id: int | str) -> AsyncLimiter:
        if len(self._groups) > _MAX_GROUP_LIMITERS:
            idle = [key for key, lim in self._groups.items() if lim.has_capacity(lim.max_rate)]
            for key in idle:
                del self._groups[key]
        if chat_id not in self._groups:
            self._groups[chat_id] = AsyncLimiter(self._group_per_minute, 60)
        return self._groups[chat_id]
