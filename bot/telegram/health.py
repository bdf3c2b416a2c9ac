"""/healthz and /metrics in either mode: healthy while Telegram has answered recently."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.config import Settings
from bot.metrics import CONTENT_TYPE, METRICS
from bot.telegram.webserver import start_web_server

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
POLLING_METHOD = "getUpdates"
# A quiet webhook bot asks Telegram something this many times per allowed silence.
HEARTBEATS_PER_SILENCE = 4


@dataclass(frozen=True)
class Health:
    """What /healthz answers: 200 with `details` when healthy, else 503."""

    healthy: bool
    details: dict[str, object]


@dataclass
class Watchdog:
    """Judge the bot alive while a call of `method` succeeded within `max_silence` seconds.

    Polling watches getUpdates (it returns at least every poll timeout); a webhook bot
    watches any Bot API call, and `keep_in_touch` makes one when the bot is quiet.
    """

    method: str
    max_silence: float
    since: float = field(default_factory=time.monotonic)

    def silence(self) -> float:
        """Seconds since the watched call last succeeded, or since watching began."""
        last = METRICS.last_success(self.method)
        reference = self.since if last is None else max(last, self.since)
        return time.monotonic() - reference

    def health(self, kb_version: str) -> Health:
        """Tell whether the bot is alive, with the knowledge base it serves."""
        silence = self.silence()
        healthy = silence <= self.max_silence
        return Health(
            healthy,
            {
                "status": "ok" if healthy else "telegram silent",
                "kb_version": kb_version,
                "telegram_silence_seconds": round(silence, 1),
                "max_silence_seconds": self.max_silence,
            },
        )


def health_routes(health: Callable[[], Health]) -> list[Route]:
    """The routes /healthz and /metrics, served in either mode."""

    async def healthz(_: Request) -> Response:
        report = health()
        return JSONResponse(report.details, status_code=200 if report.healthy else 503)

    async def metrics(_: Request) -> Response:
        return Response(METRICS.exposition(), media_type=CONTENT_TYPE)

    return [
        Route(HEALTH_PATH, healthz, methods=["GET"]),
        Route(METRICS_PATH, metrics, methods=["GET"]),
    ]


async def keep_in_touch(
    call: Callable[[], Awaitable[object]], max_silence: float, stop: asyncio.Event
) -> None:
    """Make a harmless Bot API call now and then until `stop`, so silence means trouble."""
    interval = max_silence / HEARTBEATS_PER_SILENCE
    while not stop.is_set():
        try:
            await call()
        except Exception as exc:  # counted by bot/telegram/apicalls.py; /healthz shows the silence
            logger.warning("Telegram did not answer the health heartbeat (%s)", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)


@contextlib.asynccontextmanager
async def serving_health(settings: Settings, health: Callable[[], Health]) -> AsyncIterator[None]:
    """Serve /healthz and /metrics alone (polling mode) while the block runs."""
    server, serving = start_web_server(Starlette(routes=health_routes(health)), settings)
    try:
        yield
    finally:
        server.should_exit = True
        await serving
