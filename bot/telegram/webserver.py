"""The webhook's web server: uvicorn with connections bounded in the process itself.

uvicorn bounds idle keep-alive connections but has no deadline for receiving a request: a
client sending its headers a byte at a time, or opening a connection and sending nothing,
holds it forever. Each connection here must deliver a whole request within the read
timeout of opening (or of its previous response), and there are at most so many at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from collections.abc import Iterator

import uvicorn
from starlette.applications import Starlette
from uvicorn.protocols.http.h11_impl import H11Protocol

from bot.config import Settings
from bot.errors import ListenError


class _DeadlineProtocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection that is too slow to send a request."""

    read_timeout = 10.0  # set per server by `deadline_protocol`
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock for the first request."""
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        """Start the clock again for the next request on this connection."""
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clock."""
        if self._deadline is not None:
            self._deadline.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = self.loop.call_later(self.read_timeout, self._deadline_passed)

    def _deadline_passed(self) -> None:
        """Close the connection unless a whole request has arrived and is being answered."""
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete and not cycle.more_body:
            return
        if not self.transport.is_closing():
            self.transport.close()


def deadline_protocol(read_timeout: float) -> type[H11Protocol]:
    """Return the HTTP protocol class whose connections must send a request in `read_timeout`."""
    return type("DeadlineProtocol", (_DeadlineProtocol,), {"read_timeout": read_timeout})


class WebServer(uvicorn.Server):
    """uvicorn, leaving signals to `run`, which stops the bot and the server together."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Install no signal handlers."""
        yield


def build_web_server(web: Starlette, settings: Settings) -> WebServer:
    """Serve `web` on the configured address, with the configured bounds on connections."""
    config = uvicorn.Config(
        web,
        host=settings.listen_host,
        port=settings.port,
        log_config=None,
        lifespan="off",
        http=deadline_protocol(settings.webhook_read_timeout_seconds),
        limit_concurrency=settings.webhook_max_connections,
        timeout_keep_alive=settings.webhook_keep_alive_seconds,
    )
    return WebServer(config)


def listen(settings: Settings) -> socket.socket:
    """Bind the configured address before serving: a taken port is one line, not uvicorn's exit."""
    host, port = settings.listen_host, settings.port
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        msg = (
            f"cannot listen on {host}:{port} ({os.strerror(exc.errno) if exc.errno else exc}): "
            "stop what uses it, or set "
            "ZONEBOT_PORT or ZONEBOT_LISTEN_HOST"
        )
        raise ListenError(msg) from None


def start_web_server(web: Starlette, settings: Settings) -> tuple[WebServer, asyncio.Task[None]]:
    """Listen now (ListenError when the address is taken), then serve `web` in a task."""
    bound = listen(settings)
    server = build_web_server(web, settings)
    return server, asyncio.create_task(server.serve(sockets=[bound]))
