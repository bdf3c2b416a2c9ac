"""The real bot (real PTB, real HTTP, a real SQLite store) run against the Bot API stand-in."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bot.config import Settings
from bot.telegram.context import BotServices
from bot.telegram.runner import open_services, serve
from helpers.botapi_standin import TEST_TOKEN, ApiCall, BotApiStandIn, FakeChat, FakeUser

ROOT = Path(__file__).resolve().parents[2]
TEST_KB = Path(__file__).resolve().parents[1] / "data" / "kb"
WEBHOOK_SECRET = "s3cret-Token_for-tests"


def run_environment(api: BotApiStandIn, tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment of a `zonebot run` talking to `api`, none of the caller's bot settings."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("ZONEBOT_") and name != "TELEGRAM_BOT_TOKEN"
    }
    return {
        **inherited,
        "TELEGRAM_BOT_TOKEN": api.token,
        "ZONEBOT_API_BASE_URL": api.base_url,
        "ZONEBOT_KB_PATH": str(TEST_KB),
        "ZONEBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'zonebot.db'}",
        "ZONEBOT_LOG_LEVEL": "INFO",
        **settings,
    }


async def start_zonebot(
    env: dict[str, str], stdout: Any = asyncio.subprocess.PIPE
) -> asyncio.subprocess.Process:
    """Start `python -m bot run` with `env`, its standard error joined to `stdout`."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=ROOT,
        stdout=stdout, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip


@contextlib.asynccontextmanager
async def zonebot_run(env: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    """Start `python -m bot run` with `env`; kill it if the block leaves it running."""
    process = await start_zonebot(env)
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def free_port() -> int:
    """Return a TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_settings() -> dict[str, Any]:
    """Settings that serve the bot by webhook at /hook on a free local port."""
    port = free_port()
    return {
        "ZONEBOT_WEBHOOK_URL": f"http://127.0.0.1:{port}/hook",
        "ZONEBOT_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "ZONEBOT_LISTEN_HOST": "127.0.0.1",
        "ZONEBOT_PORT": port,
    }


def bot_settings(api: BotApiStandIn, tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a bot talking to `api`, with its database in `tmp_path`."""
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": api.token,
        "ZONEBOT_API_BASE_URL": api.base_url,
        "ZONEBOT_KB_PATH": str(TEST_KB),
        "ZONEBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'zonebot.db'}",
        "ZONEBOT_SEND_RETRY_DELAY_SECONDS": 0.05,
    }
    return Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg]


@dataclass
class RunningBot:
    """A bot being served, the stand-in it talks to, and its services."""

    api: BotApiStandIn
    settings: Settings
    services: BotServices
    stop: asyncio.Event
    task: asyncio.Task[None]

    async def ask(self, user: FakeUser, text: str, *, chat: FakeChat | None = None) -> ApiCall:
        """Send a text as `user` and return the bot's first reply in that chat."""
        since = self.api.mark()
        self.api.send_text(user, text, chat=chat)
        return await self.api.reply((chat or FakeChat(user.id)).id, since=since)

    async def press(self, user: FakeUser, reply: ApiCall, data: str) -> int:
        """Press a button of a bot's message; return the log position before the press."""
        since = self.api.mark()
        self.api.press(user, reply.result, data)
        return since


def buttons(call: ApiCall) -> list[dict[str, Any]]:
    """Every inline button of a sent message, in order."""
    markup = call.params.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def button_data(call: ApiCall, label: str) -> str:
    """The callback data of the button whose text contains `label`."""
    for button in buttons(call):
        if label in button["text"] and "callback_data" in button:
            return str(button["callback_data"])
    texts = [b["text"] for b in buttons(call)]
    msg = f"no button {label!r} among {texts}"
    raise AssertionError(msg)


async def wait_healthy(url: str, within: float = 30.0) -> None:
    """Wait until `url` answers 200."""
    deadline = asyncio.get_running_loop().time() + within
    async with httpx.AsyncClient() as client:
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get(url)).status_code == 200:
                    return
            if asyncio.get_running_loop().time() > deadline:
                msg = f"{url} did not answer within {within} s"
                raise AssertionError(msg)
            await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def running_bot(
    tmp_path: Path, *, api: BotApiStandIn | None = None, **overrides: Any
) -> AsyncIterator[RunningBot]:
    """Serve the bot against a stand-in until the block ends, then stop it as SIGTERM does."""
    async with contextlib.AsyncExitStack() as stack:
        if api is None:
            api = await stack.enter_async_context(BotApiStandIn(TEST_TOKEN))
        settings = bot_settings(api, tmp_path, **overrides)
        services = await open_services(settings)
        stack.push_async_callback(services.store.close)
        stop = asyncio.Event()
        since = api.mark()
        task = asyncio.create_task(serve(settings, services, stop))
        ready = "setWebhook" if settings.webhook_url else "deleteWebhook"
        await api.wait_for(lambda c: c.method == ready or task.done(), since=since)
        if task.done():
            task.result()
        if settings.webhook_url:
            await wait_healthy(f"http://127.0.0.1:{settings.port}/healthz")
        try:
            yield RunningBot(api, settings, services, stop, task)
        finally:
            stop.set()
            await asyncio.wait_for(task, 60)
