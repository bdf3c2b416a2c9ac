"""Plain HTTP/1.1 framing for the stand-in: read a request, write a JSON response."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import parse_qsl

from helpers.botapi_rules import ApiError

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


async def read_request(reader: asyncio.StreamReader) -> tuple[str, dict[str, str], bytes] | None:
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


def decode_params(query: str, content_type: str, body: bytes) -> dict[str, Any]:
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


def error_body(error: ApiError) -> bytes:
    payload: dict[str, Any] = {
        "ok": False,
        "error_code": error.code,
        "description": error.description,
    }
    if error.parameters:
        payload["parameters"] = error.parameters
    return json.dumps(payload).encode()


def response(status: int, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body
