"""A minimal SOCKS5 proxy on 127.0.0.1 (no authentication, CONNECT only) that counts tunnels."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import struct


class Socks5Proxy:
    """Tunnels each CONNECT to its target, as the proxies operators in mainland China use."""

    def __init__(self) -> None:
        self.tunnels: list[tuple[str, int]] = []
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> Socks5Proxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.close()

    @property
    def url(self) -> str:
        """What ZONEBOT_PROXY_URL should be to use this proxy."""
        assert self._server is not None
        return f"socks5://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            _version, methods = await reader.readexactly(2)
            await reader.readexactly(methods)
            writer.write(b"\x05\x00")  # no authentication
            _version, _command, _reserved, kind = await reader.readexactly(4)
            host = await self._address(reader, kind)
            (port,) = struct.unpack("!H", await reader.readexactly(2))
            target_reader, target_writer = await asyncio.open_connection(host, port)
            self.tunnels.append((host, port))
            writer.write(b"\x05\x00\x00\x01" + bytes(4) + bytes(2))
            await asyncio.gather(
                _pipe(reader, target_writer), _pipe(target_reader, writer), return_exceptions=True
            )
        except (asyncio.IncompleteReadError, OSError):
            pass
        finally:
            writer.close()

    @staticmethod
    async def _address(reader: asyncio.StreamReader, kind: int) -> str:
        if kind == 1:
            return str(ipaddress.IPv4Address(await reader.readexactly(4)))
        if kind == 4:
            return str(ipaddress.IPv6Address(await reader.readexactly(16)))
        (length,) = await reader.readexactly(1)
        return (await reader.readexactly(length)).decode()


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    try:
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()
    finally:
        with contextlib.suppress(OSError):
            sink.close()
