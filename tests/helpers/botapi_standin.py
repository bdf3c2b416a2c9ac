"""A local stand-in for the Telegram Bot API on 127.0.0.1, strict where Telegram is strict.

It speaks plain HTTP/1.1 on an asyncio server in the caller's event loop, records every
call, plays the users (their messages, button presses and inline queries become updates
served by getUpdates or posted to the registered webhook) and can be scripted to fail:
429 with retry_after, 5xx, a dropped connection or a late answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from helpers.botapi_http import decode_params, error_body, read_request, response
from helpers.botapi_methods import BOT_ID, BOT_USERNAME, BotApiMethods
from helpers.botapi_rules import ApiError, entities_of

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "TEST_TOKEN",
    "ApiCall",
    "BotApiStandIn",
    "FakeChat",
    "FakeUser",
    "Fault",
]

TEST_TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"


@dataclass
class Fault:
    """A scripted failure for one call: an HTTP error, a dropped connection or a late answer."""

    status: int = 0  # 429 answers with retry_after; 5xx with a JSON error
    retry_after: int = 1
    drop: bool = False  # close the connection without answering, before doing the call
    delay: float = 0.0  # do the call, then answer this many seconds late
    description: str = ""  # Telegram's wording of the error, e.g. "Forbidden: bot was blocked..."


@dataclass
class ApiCall:
    """One call the bot made, with its decoded parameters and what the stand-in answered."""

    method: str
    params: dict[str, Any]
    at: float
    ok: bool = True
    error: str = ""
    result: Any = None
    content_type: str = ""  # how the parameters came: JSON, a form, or a query string


@dataclass
class FakeUser:
    """A Telegram user the stand-in plays."""

    id: int
    language_code: str | None = "en"
    first_name: str = "Tester"

    def to_dict(self) -> dict[str, Any]:
        """Return the user as the Bot API writes it."""
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user


@dataclass
class FakeChat:
    """A chat: private (id = the user's id) or a group (negative id)."""

    id: int
    type: str = "private"
    title: str = "Investors"

    def to_dict(self) -> dict[str, Any]:
        """Return the chat as the Bot API writes it."""
        chat: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type != "private":
            chat["title"] = self.title
        return chat


@dataclass
class _Scripted:
    """Faults waiting for a method: a queue first, then a random share of calls."""

    queue: list[Fault] = field(default_factory=list)
    rate: float = 0.0
    fault: Fault | None = None


class BotApiStandIn(BotApiMethods):
    """The Bot API for one bot on 127.0.0.1: records calls, plays users, injects faults."""

    def __init__(self, token: str = TEST_TOKEN, *, port: int = 0, seed: int = 7) -> None:
        self.token = token
        self._port = port
        self.calls: list[ApiCall] = []
        self.webhook: dict[str, Any] | None = None
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self._server: asyncio.Server | None = None
        self._updates: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()
        self._update_ids = itertools.count(1000)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._open_queries: set[str] = set()
        self._scripts: dict[str, _Scripted] = {}
        self._random = random.Random(seed)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._http = httpx.AsyncClient(timeout=30)

    # --- life cycle -------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        self._server = await asyncio.start_server(self._serve_connection, "127.0.0.1", self._port)

    async def stop(self) -> None:
        """Close the server, every open connection and pending webhook delivery."""
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._http.aclose()

    async def __aenter__(self) -> BotApiStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The port the stand-in listens on."""
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    @property
    def base_url(self) -> str:
        """What ZONEBOT_API_BASE_URL should be for a bot to talk to this stand-in."""
        return f"http://127.0.0.1:{self.port}/bot"

    # --- scripting faults ------------------------------------------------------------

    def fail_next(self, method: str, *faults: Fault) -> None:
        """Answer the next calls of `method` with these faults, one each, in order."""
        self._scripts.setdefault(method, _Scripted()).queue.extend(faults)

    def fail_share(self, method: str, rate: float, fault: Fault) -> None:
        """Answer a random share of the calls of `method` with `fault`."""
        script = self._scripts.setdefault(method, _Scripted())
        script.rate, script.fault = rate, fault

    def _fault_for(self, method: str) -> Fault | None:
        script = self._scripts.get(method)
        if script is None:
            return None
        if script.queue:
            return script.queue.pop(0)
        if script.fault is not None and self._random.random() < script.rate:
            return script.fault
        return None

    # --- playing the users -----------------------------------------------------------

    def send_text(self, user: FakeUser, text: str, **where: Any) -> dict[str, Any]:
        """Deliver a text message from `user` (`chat=`, `reply_to=` as in text_update)."""
        return self.push(self.text_update(user, text, **where))

    def text_update(
        self,
        user: FakeUser,
        text: str,
        *,
        chat: FakeChat | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Build, without delivering, the update of a text message from `user`."""
        message = self._user_message(user, chat, text=text)
        if entities := entities_of(text):
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return {"update_id": next(self._update_ids), "message": message}

    def send_sticker(self, user: FakeUser, *, chat: FakeChat | None = None) -> dict[str, Any]:
        """Deliver a sticker from `user`."""
        sticker = {
            "file_id": "CAACAgIAAxkBAAE",
            "file_unique_id": "AgADs",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self.push({"message": self._user_message(user, chat, sticker=sticker)})

    def edit_text(self, user: FakeUser, original: dict[str, Any], text: str) -> dict[str, Any]:
        """Deliver an edit of a message `user` sent before."""
        edited = {**original, "text": text, "edit_date": int(time.time())}
        return self.push({"edited_message": edited})

    def press(self, user: FakeUser, message: dict[str, Any], data: str) -> dict[str, Any]:
        """Deliver a press of the inline button with callback `data` on a bot's message."""
        query_id = str(next(self._update_ids))
        self._open_queries.add(query_id)
        query = {
            "id": query_id,
            "from": user.to_dict(),
            "message": message,
            "chat_instance": "42",
            "data": data,
        }
        return self.push({"callback_query": query})

    def inline_query(self, user: FakeUser, query: str) -> dict[str, Any]:
        """Deliver an inline query `@bot query` typed by `user`."""
        query_id = str(next(self._update_ids))
        self._open_queries.add(query_id)
        return self.push(
            {
                "inline_query": {
                    "id": query_id,
                    "from": user.to_dict(),
                    "query": query,
                    "offset": "",
                }
            }
        )

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates, or post it to the webhook when one is set."""
        update = {"update_id": next(self._update_ids), **update}  # a given update_id wins
        if self.webhook is not None:
            self._spawn(self._deliver_until_taken(update))
        else:
            self._updates.append(update)
            self._spawn(self._notify())
        return update

    async def deliver(
        self, update: dict[str, Any], *, secret: str | None = None
    ) -> httpx.Response:
        """Post an update to the webhook as Telegram does, with the registered secret."""
        assert self.webhook is not None, "no webhook is set"
        token = self.webhook.get("secret_token") if secret is None else secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": token} if token else {}
        return await self._http.post(self.webhook["url"], json=update, headers=headers)

    async def _deliver_until_taken(self, update: dict[str, Any]) -> None:
        """Post an update until the webhook answers 2xx, as Telegram retries (a few times)."""
        for _ in range(50):
            with contextlib.suppress(httpx.HTTPError):
                if (await self.deliver(update)).is_success:
                    return
            await asyncio.sleep(0.1)

    def _user_message(
        self, user: FakeUser, chat: FakeChat | None, **content: Any
    ) -> dict[str, Any]:
        chat = chat or FakeChat(user.id)
        self._chats[chat.id] = chat.to_dict()
        return {
            "message_id": self._next_message_id(chat.id),
            "date": int(time.time()),
            "chat": chat.to_dict(),
            "from": user.to_dict(),
            **content,
        }

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # --- reading what the bot did ----------------------------------------------------

    def mark(self) -> int:
        """Return a position in the call log, to wait for what comes after it."""
        return len(self.calls)

    def sent(self, *, chat_id: int | None = None, since: int = 0) -> list[ApiCall]:
        """Return the messages sent or edited successfully, to one chat or all."""
        return [
            c
            for c in self.calls[since:]
            if c.ok
            and c.method in ("sendMessage", "editMessageText")
            and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    async def wait_for(
        self,
        predicate: Callable[[ApiCall], bool],
        *,
        since: int = 0,
        count: int = 1,
        within: float = 30.0,
    ) -> list[ApiCall]:
        """Wait until `count` calls after `since` satisfy `predicate`; return them."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            found = [c for c in self.calls[since:] if predicate(c)]
            if len(found) >= count:
                return found
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                methods = [c.method for c in self.calls[since:]]
                msg = f"waited {within} s for {count} call(s); saw {len(found)} of {methods}"
                raise AssertionError(msg)
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), min(remaining, 0.5))

    async def reply(self, chat_id: int, *, since: int, within: float = 30.0) -> ApiCall:
        """Wait for the next message sent or edited in a chat after `since`."""
        calls = await self.wait_for(
            lambda c: (
                c.ok
                and c.method in ("sendMessage", "editMessageText")
                and c.params.get("chat_id") == chat_id
            ),
            since=since,
            within=within,
        )
        return calls[0]

    async def answered(self, method: str, *, since: int, within: float = 30.0) -> ApiCall:
        """Wait for the next successful call of `method` after `since`."""
        calls = await self.wait_for(
            lambda c: c.ok and c.method == method, since=since, within=within
        )
        return calls[0]

    # --- the HTTP server -------------------------------------------------------------

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            while request := await read_request(reader):
                status, body = await self._answer(*request)
                if status == 0:
                    break
                writer.write(response(status, body))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            # A cancelled connection is the stand-in stopping; end it quietly.
            pass
        finally:
            self._tasks.discard(task)
            writer.close()

    async def _answer(
        self, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, bytes]:
        """Route one request; status 0 means drop the connection without an answer."""
        path, _, query = target.partition("?")
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 404, error_body(ApiError(404, "Not Found"))
        method = path[len(prefix) :]
        content_type = headers.get("content-type", "")
        params = decode_params(query, content_type, body)
        call = ApiCall(method, params, time.monotonic(), content_type=content_type)
        fault = self._fault_for(method)
        if fault is not None and fault.drop:
            call.ok, call.error = False, "dropped"
            self._record(call)
            return 0, b""
        if fault is not None and fault.status:
            error = _fault_error(fault)
            call.ok, call.error = False, error.description
            self._record(call)
            return fault.status, error_body(error)
        try:
            call.result = await self._call(method, params)
        except ApiError as error:
            call.ok, call.error = False, error.description
            self._record(call)
            return error.code, error_body(error)
        self._record(call)
        if fault is not None and fault.delay:
            await asyncio.sleep(fault.delay)
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    def _record(self, call: ApiCall) -> None:
        self.calls.append(call)
        self._spawn(self._notify())

    async def _call(self, method: str, params: dict[str, Any]) -> Any:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        return await handler(params)

    # --- the Bot API methods ---------------------------------------------------------


def _fault_error(fault: Fault) -> ApiError:
    """The error Telegram would answer a scripted fault with."""
    if fault.status == 429:
        description = f"Too Many Requests: retry after {fault.retry_after}"
        return ApiError(429, description, retry_after=fault.retry_after)
    return ApiError(fault.status, fault.description or "Internal Server Error")
