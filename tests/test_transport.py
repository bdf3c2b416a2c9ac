"""Bot API connections on the bot's transport: kept, limited and dropped as httpx does."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from helpers.botapi_http import read_request
from helpers.botapi_standin import TEST_TOKEN, BotApiStandIn

from bot.telegram.apicalls import CountingRequest
from bot.telegram.transport import BotApiTransport


class Server:
    """A local HTTP server answering "ok", counting connections; it may hang up after a reply."""

    def __init__(self, *, hang_up: bool = False, delay: float = 0.0) -> None:
        self.hang_up = hang_up
        self.delay = delay
        self.connections = 0
        self.open = 0
        self.most_open = 0
        self.url = ""

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        try:
            while await read_request(reader):
                await asyncio.sleep(self.delay)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
                if self.hang_up:
                    break
        finally:
            self.open -= 1
            writer.close()

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Server]:
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
        async with server:
            yield self


def client(max_connections: int = 8) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=max_connections)
    return httpx.AsyncClient(transport=BotApiTransport(limits))


async def test_calls_reuse_a_kept_connection() -> None:
    async with Server().running() as server, client() as http:
        for _ in range(5):
            assert (await http.get(server.url)).text == "ok"
    assert server.connections == 1


async def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    async with Server(hang_up=True).running() as server, client() as http:
        for _ in range(3):
            assert (await http.get(server.url)).text == "ok"
            await asyncio.sleep(0.05)  # the hang-up reaches the idle connection
    assert server.connections == 3


async def test_no_more_connections_are_opened_than_the_pool_allows() -> None:
    async with Server(delay=0.05).running() as server, client(max_connections=2) as http:
        replies = await asyncio.gather(*(http.get(server.url) for _ in range(6)))
    assert [r.text for r in replies] == ["ok"] * 6
    assert server.most_open == 2


async def test_the_bot_calls_the_api_through_its_transport_without_a_proxy() -> None:
    request = CountingRequest(4)
    assert isinstance(request._client._transport, BotApiTransport)
    async with BotApiStandIn(TEST_TOKEN) as api:
        await request.initialize()
        status, _ = await request.do_request(f"{api.base_url}{TEST_TOKEN}/getMe", "POST")
        await request.shutdown()
    assert status == 200


@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "ALL_PROXY"])
def test_a_proxy_set_in_the_environment_is_still_used(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "http://127.0.0.1:9")
    request = CountingRequest(4)
    assert not isinstance(request._client._transport, BotApiTransport)
    assert any(mount is not None for mount in request._client._mounts.values())


def test_a_proxy_given_or_socket_options_keep_httpx_s_own_transport() -> None:
    for request in (
        CountingRequest(4, proxy="http://127.0.0.1:9"),
        CountingRequest(4, socket_options=[(6, 1, 1)]),  # TCP_NODELAY
    ):
        assert not isinstance(request._client._transport, BotApiTransport)
