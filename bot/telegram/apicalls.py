"""Bot API requests sent as JSON, each counted by method and outcome (/healthz and /metrics)."""

from __future__ import annotations

import functools
import json
import urllib.request
from typing import TYPE_CHECKING, Any

import httpx
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.metrics import METRICS, call_outcome
from bot.telegram.transport import BotApiTransport

if TYPE_CHECKING:
    from telegram._utils.types import ODVInput


_JSON_HEADERS = httpx.Headers(
    {"User-Agent": HTTPXRequest.USER_AGENT, "Content-Type": "application/json"}
)


class CountingRequest(HTTPXRequest):
    """PTB's HTTP client, counting each call once per attempt: ok, 429, 5xx, 4xx or network.

    A call without files is sent as one JSON body, which the Bot API takes as it takes a form:
    PTB's form encoding escapes every byte of a reply's text in Python, several times the work.
    Without a proxy, the connections are httpx's own on a cheaper idle check (`transport`).
    """

    def __init__(
        self, connection_pool_size: int = 1, *, proxy: str | None = None, **kwargs: Any
    ) -> None:
        transport = None
        # A proxy (given, or in the variables httpx reads) or socket options: httpx's own.
        if proxy is None and not kwargs.get("socket_options") and not urllib.request.getproxies():
            transport = BotApiTransport(httpx.Limits(max_connections=connection_pool_size))
        super().__init__(
            connection_pool_size,
            proxy=proxy,
            httpx_kwargs=None if transport is None else {"transport": transport},
            **kwargs,
        )

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make the call; the Bot API method is the URL's last part (the token is never kept)."""
        endpoint = url.rsplit("/", 1)[-1]
        timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        try:
            if request_data is None or request_data.contains_files:
                status, payload = await super().do_request(url, method, request_data, *timeouts)
            else:
                status, payload = await self._send_json(url, method, request_data, *timeouts)
        except TelegramError:  # PTB's NetworkError or TimedOut: no answer came
            METRICS.record_api_call(endpoint, "network")
            raise
        METRICS.record_api_call(endpoint, call_outcome(status))
        return status, payload

    async def _send_json(
        self,
        url: str,
        method: str,
        request_data: RequestData,
        read_timeout: ODVInput[float],
        write_timeout: ODVInput[float],
        connect_timeout: ODVInput[float],
        pool_timeout: ODVInput[float],
    ) -> tuple[int, bytes]:
        """Send the parameters as JSON, with PTB's timeouts and errors (HTTPXRequest's own)."""
        client = self._client
        if client.is_closed:
            msg = "This HTTPXRequest is not initialized!"
            raise RuntimeError(msg)
        default = client.timeout
        timeout = httpx.Timeout(
            connect=_given(connect_timeout, default.connect),
            read=_given(read_timeout, default.read),
            write=_given(write_timeout, default.write),
            pool=_given(pool_timeout, default.pool),
        )
        try:
            response = await client.request(
                method=method,
                url=_parsed(url),
                headers=_JSON_HEADERS,
                timeout=timeout,
                content=json.dumps(request_data.parameters).encode(),
            )
        except httpx.TimeoutException as err:
            if isinstance(err, httpx.PoolTimeout):
                msg = (
                    "Pool timeout: All connections in the connection pool are occupied. Request"
                    " was *not* sent to Telegram. Consider adjusting the connection pool size or"
                    " the pool timeout."
                )
                raise TimedOut(msg) from err
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{type(err).__name__}: {err}") from err
        return response.status_code, response.content


@functools.lru_cache(maxsize=64)
def _parsed(url: str) -> httpx.URL:
    """A Bot API method's URL, parsed once: httpx parses a URL given as text for each call."""
    return httpx.URL(url)


def _given(value: ODVInput[float], default: float | None) -> float | None:
    """A timeout passed for the call, else the client's."""
    return default if isinstance(value, DefaultValue) else value
