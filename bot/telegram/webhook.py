"""Webhook mode's HTTP side: Telegram's POSTs at the webhook path; /healthz and /metrics."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.errors import BadUpdateError, BodyTooLargeError
from bot.telegram.health import Health, health_routes

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# An update with a 4,096-character message, a reply and entities is tens of kilobytes, and is
# nested about ten levels deep; anything far beyond is refused before it is parsed or handled.
MAX_BODY_BYTES = 1 << 20
MAX_NESTING = 64
INT64 = range(-(2**63), 2**63)  # every id Telegram sends fits; the database keeps no more

UpdateSink = Callable[[dict[str, Any]], Awaitable[None]]


class _Shape(BaseModel):
    """What the bot reads of an update, with the types it needs; anything else may be there."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class _Chat(_Shape):
    id: StrictInt
    type: StrictStr


class _User(_Shape):
    id: StrictInt


class _Message(_Shape):
    message_id: StrictInt
    date: StrictInt
    chat: _Chat
    sender: _User | None = Field(default=None, alias="from")
    text: StrictStr | None = None


class _CallbackQuery(_Shape):
    id: StrictStr
    sender: _User = Field(alias="from")
    data: StrictStr | None = None
    message: dict[str, Any] | None = None


class _InlineQuery(_Shape):
    id: StrictStr
    sender: _User = Field(alias="from")
    query: StrictStr
    offset: StrictStr


class _Update(_Shape):
    update_id: StrictInt
    message: _Message | None = None
    edited_message: _Message | None = None
    callback_query: _CallbackQuery | None = None
    inline_query: _InlineQuery | None = None


def unreadable(data: object, max_depth: int = MAX_NESTING) -> bool:
    """Tell whether parsed JSON nests deeper than `max_depth` or holds an int beyond 64 bits."""
    level: list[tuple[object, int]] = [(data, 1)]
    while level:
        value, depth = level.pop()
        if isinstance(value, int) and value not in INT64:
            return True
        if isinstance(value, dict | list):
            if depth > max_depth:
                return True
            children = value.values() if isinstance(value, dict) else value
            level.extend((child, depth + 1) for child in children)
    return False


def check_update(data: object) -> dict[str, Any]:
    """Return parsed JSON that has an update's shape; raise BadUpdateError for anything else."""
    if not isinstance(data, dict) or unreadable(data):
        raise BadUpdateError
    try:
        _Update.model_validate(data)
    except ValidationError:
        raise BadUpdateError from None
    return data


async def read_limited(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """Read a body, refusing it as soon as it is larger than `limit` (whatever it declares)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLargeError
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLargeError
    return bytes(body)


def webhook_path(url: str) -> str:
    """Return the path a webhook URL points at (https://bot.example.com/tg/hook -> /tg/hook)."""
    return urlsplit(url).path or "/"


def build_webhook_app(
    *,
    path: str,
    secret: str,
    on_update: UpdateSink,
    health: Callable[[], Health],
) -> Starlette:
    """Build the web app: updates go to `on_update` only with the right secret header."""
    expected = secret.encode()

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode("latin-1")
        if not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        try:
            await on_update(check_update(json.loads(await read_limited(request))))
        except BodyTooLargeError:
            logger.warning("webhook: a body over %d bytes was refused", MAX_BODY_BYTES)
            return Response(status_code=413)
        except (ValueError, RecursionError):
            logger.warning("webhook: a body that is not an update was refused")
            return Response(status_code=400)
        return Response(status_code=200)

    return Starlette(routes=[Route(path, receive, methods=["POST"]), *health_routes(health)])
