"""A local stand-in for the Telegram Bot API on 127.0.0.1, strict where Telegram is strict.

It speaks plain HTTP/1.1 on an asyncio server in the caller's event loop, records every
call, plays the users (their messages, button presses and inline queries become updates
served by getUpdates or posted to the registered webhook) and can be scripted to fail:
429 with retry_after, 5xx, a dropped connection or a late answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

TEST_TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"
BOT_USERNAME = "zonebot_test_bot"
BOT_ID = 123456789
MAX_TEXT = 4096
MAX_CALLBACK_BYTES = 64

_ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}
_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))?)*)\s*>"
)
_ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_INT_PARAMS = {
    "chat_id",
    "message_id",
    "offset",
    "limit",
    "timeout",
    "cache_time",
    "max_connections",
    "user_id",
}
_JSON_PARAMS = {
    "reply_markup",
    "link_preview_options",
    "results",
    "commands",
    "scope",
    "allowed_updates",
    "entities",
    "reply_parameters",
    "button",
}
_BOOL_PARAMS = {"show_alert", "is_personal", "drop_pending_updates", "disable_notification"}


class ApiError(Exception):
    """A refusal the stand-in answers with, as Telegram words it."""

    def __init__(self, code: int, description: str, **parameters: Any) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def bad_request(detail: str) -> ApiError:
    """Build a 400 with Telegram's "Bad Request: ..." wording."""
    return ApiError(400, f"Bad Request: {detail}")


def html_to_text(text: str) -> str:
    """Parse Telegram HTML as Telegram does and return the plain text, or raise a 400."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "<":
            match = _TAG_RE.match(text, pos)
            name = match.group(2).lower() if match else ""
            if match is None or name not in _ALLOWED_TAGS:
                offset = len(text[:pos].encode())
                raise bad_request(
                    f'can\'t parse entities: Unsupported start tag "{name}" at '
                    f"byte offset {offset}"
                )
            if match.group(1):
                if not stack or stack.pop() != name:
                    raise bad_request(f'can\'t parse entities: Unmatched end tag "{name}"')
            else:
                stack.append(name)
            pos = match.end()
        elif char == "&":
            match = _ENTITY_RE.match(text, pos)
            if match is None:
                raise bad_request("can't parse entities: Character '&' is reserved")
            out.append(html.unescape(match.group()))
            pos = match.end()
        else:
            out.append(char)
            pos += 1
    if stack:
        raise bad_request(
            f"can't parse entities: Can't find end tag corresponding to \"{stack[-1]}\""
        )
    return "".join(out)


def checked_text(params: dict[str, Any], key: str = "text") -> str:
    """Return the plain text of a message parameter after Telegram's checks."""
    raw = params.get(key)
    if not isinstance(raw, str):
        raise bad_request("message text is empty")
    plain = html_to_text(raw) if str(params.get("parse_mode", "")).upper() == "HTML" else raw
    if not plain.strip():
        raise bad_request("message text is empty")
    if len(plain) > MAX_TEXT:
        raise bad_request("message is too long")
    return plain


def check_markup(markup: Any) -> None:
    """Refuse an inline keyboard Telegram would refuse."""
    if markup is None:
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise bad_request("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_BYTES:
                raise bad_request("BUTTON_DATA_INVALID")
            url = button.get("url")
            if url is not None and not url.startswith(("https://", "http://", "tg://")):
                raise bad_request("inline keyboard button URL is invalid")


def utf16_len(text: str) -> int:
    """Count UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def entities_of(text: str) -> list[dict[str, Any]]:
    """Find the bot commands and mentions Telegram would mark in a user's text."""
    found = []
    for match in re.finditer(r"(?<![\w/@])(/[A-Za-z0-9_]{1,32}(?:@\w+)?|@\w{5,32})", text):
        kind = "bot_command" if match.group().startswith("/") else "mention"
        if kind == "bot_command" and match.start() != 0:
            continue
        found.append(
            {
                "type": kind,
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group()),
            }
        )
    return found


@dataclass
class Fault:
    """A scripted failure for one call: an HTTP error, a dropped connection or a late answer."""

    status: int = 0  # 429 answers with retry_after; 5xx with a JSON error
    retry_after: int = 1
    drop: bool = False  # close the connection without answering, before doing the call
    delay: float = 0.0  # do the call, then answer this many seconds late


@dataclass
class ApiCall:
    """One call the bot made, with its decoded parameters and what the stand-in answered."""

    method: str
    params: dict[str, Any]
    at: float
    ok: bool = True
    error: str = ""
    result: Any = None


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


class BotApiStandIn:
    """The Bot API for one bot on 127.0.0.1: records calls, plays users, injects faults."""

    def __init__(self, token: str = TEST_TOKEN, *, seed: int = 7) -> None:
        self.token = token
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
        self._server = await asyncio.start_server(self._serve_connection, "127.0.0.1", 0)

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

    def send_text(
        self,
        user: FakeUser,
        text: str,
        *,
        chat: FakeChat | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Deliver a text message from `user`, with the entities Telegram would mark."""
        message = self._user_message(user, chat, text=text)
        if entities := entities_of(text):
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return self.push({"message": message})

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
        update = {"update_id": next(self._update_ids), **update}
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
            while request := await _read_request(reader):
                status, body = await self._answer(*request)
                if status == 0:
                    break
                writer.write(_response(status, body))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
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
            return 404, _error_body(ApiError(404, "Not Found"))
        method = path[len(prefix) :]
        params = _decode(query, headers.get("content-type", ""), body)
        fault = self._fault_for(method)
        if fault is not None and fault.drop:
            return 0, b""
        if fault is not None and fault.status:
            error = _fault_error(fault)
            self._record(
                ApiCall(method, params, time.monotonic(), ok=False, error=error.description)
            )
            return fault.status, _error_body(error)
        call = ApiCall(method, params, time.monotonic())
        try:
            call.result = await self._call(method, params)
        except ApiError as error:
            call.ok, call.error = False, error.description
            self._record(call)
            return error.code, _error_body(error)
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

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "ZoneBot",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        async with self._changed:
            while not self._updates and time.monotonic() < deadline:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
        return self._updates[: int(params.get("limit") or 100)]

    async def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        url = params.get("url", "")
        if not url:
            self.webhook = None
            return True
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad_request("secret token contains unallowed characters")
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "allowed_updates": params.get("allowed_updates"),
        }
        return True

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[params.get("language_code") or ""] = commands
        return True

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat = self._chats.get(params.get("chat_id"))  # type: ignore[arg-type]
        if chat is None:
            raise bad_request("chat not found")
        plain = checked_text(params)
        check_markup(params.get("reply_markup"))
        message = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "ZoneBot",
                "username": BOT_USERNAME,
            },
            "text": plain,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        message = self._messages.get((params.get("chat_id"), params.get("message_id")))  # type: ignore[arg-type]
        if message is None:
            raise bad_request("message to edit not found")
        plain = checked_text(params)
        markup = params.get("reply_markup")
        check_markup(markup)
        if plain == message["text"] and markup == message.get("reply_markup"):
            raise bad_request(
                "message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup "
                "of the message"
            )
        message.update(text=plain, reply_markup=markup, edit_date=int(time.time()))
        return message

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        message = self._messages.get((params.get("chat_id"), params.get("message_id")))  # type: ignore[arg-type]
        if message is None:
            raise bad_request("message to edit not found")
        markup = params.get("reply_markup")
        check_markup(markup)
        if markup == message.get("reply_markup"):
            raise bad_request("message is not modified")
        message["reply_markup"] = markup
        return message

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        self._close_query(params.get("callback_query_id"))
        if len(params.get("text") or "") > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        return True

    async def _api_answerInlineQuery(self, params: dict[str, Any]) -> Any:
        self._close_query(params.get("inline_query_id"))
        results = params.get("results") or []
        if len(results) > 50:
            raise bad_request("RESULTS_TOO_MUCH")
        if len({r.get("id") for r in results}) != len(results):
            raise bad_request("RESULT_ID_DUPLICATE")
        for result in results:
            if not 1 <= len(str(result.get("id", "")).encode()) <= 64:
                raise bad_request("RESULT_ID_INVALID")
            if not result.get("title"):
                raise bad_request("RESULT_TITLE_EMPTY")
            checked_text(result.get("input_message_content") or {}, "message_text")
            check_markup(result.get("reply_markup"))
        return True

    async def _api_setChatMenuButton(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    def _close_query(self, query_id: Any) -> None:
        if query_id not in self._open_queries:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self._open_queries.discard(query_id)


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, dict[str, str], bytes] | None:
    """Read one HTTP/1.1 request; None when the client closed the connection."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    target = lines[0].split(" ")[1]
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return target, headers, body


def _decode(query: str, content_type: str, body: bytes) -> dict[str, Any]:
    """Decode parameters the way the Bot API accepts them: query string, form or JSON."""
    if content_type.startswith("application/json"):
        return dict(json.loads(body or b"{}"))
    raw = dict(parse_qsl(query)) | dict(parse_qsl(body.decode()))
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _JSON_PARAMS:
            params[key] = json.loads(value)
        elif key in _INT_PARAMS:
            params[key] = int(value) if re.fullmatch(r"-?\d+", value) else value
        elif key in _BOOL_PARAMS:
            params[key] = value.lower() == "true"
        else:
            params[key] = value
    return params


def _fault_error(fault: Fault) -> ApiError:
    """The error Telegram would answer a scripted fault with."""
    if fault.status == 429:
        description = f"Too Many Requests: retry after {fault.retry_after}"
        return ApiError(429, description, retry_after=fault.retry_after)
    return ApiError(fault.status, "Internal Server Error")


def _error_body(error: ApiError) -> bytes:
    payload: dict[str, Any] = {
        "ok": False,
        "error_code": error.code,
        "description": error.description,
    }
    if error.parameters:
        payload["parameters"] = error.parameters
    return json.dumps(payload).encode()


def _response(status: int, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def webhook_path(url: str) -> str:
    """Return the path part of a webhook URL."""
    return urlsplit(url).path
