"""Every Bot API request counted by method and outcome, which /healthz and /metrics read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.error import TelegramError
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.metrics import METRICS, call_outcome

if TYPE_CHECKING:
    from telegram._utils.types import ODVInput


class CountingRequest(HTTPXRequest):
    """PTB's HTTP client, counting each call once per attempt: ok, 429, 5xx, 4xx or network."""

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
        try:
            status, payload = await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout,
                pool_timeout,
            )  # fmt: skip
        except TelegramError:  # PTB's NetworkError or TimedOut: no answer came
            METRICS.record_api_call(endpoint, "network")
            raise
        METRICS.record_api_call(endpoint, call_outcome(status))
        return status, payload
