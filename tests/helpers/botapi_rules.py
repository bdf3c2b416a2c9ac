"""What Telegram refuses, checked as strictly as Telegram does: HTML, lengths, buttons."""

from __future__ import annotations

import html
import re
from typing import Any

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
_PLAIN_RE = re.compile(r"[^<&]+")  # text between tags and entities, copied in one step


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
            plain = _PLAIN_RE.match(text, pos)
            assert plain is not None  # text[pos] is neither "<" nor "&"
            out.append(plain.group())
            pos = plain.end()
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
