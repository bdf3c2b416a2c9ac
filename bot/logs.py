"""Logging setup: one stdout handler whose filter keeps secrets and contact details out.

Lines are text, or with ZONEBOT_LOG_FORMAT=json one JSON object each, for log shippers.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Iterable
from typing import Literal, TextIO
from urllib.parse import quote

from bot.personal_data import mask_personal_data

REDACTED = "[redacted]"
TEXT_MASK = "'[text]'"
MAX_LOG_CHARS = 8192  # of a record's message: an update's text is 4,096 at most
# Any bot token, not only ours: a log line may quote a token from a misconfigured URL.
TOKEN_RE = re.compile(r"\d{3,}(?::|%3A)[A-Za-z0-9_-]{30,}")
# A quoted value in the reprs libraries log (text='...', 'text': '...', f('...', '...')); a
# dict's key, followed by a colon, is kept. Users' texts, names and SQL parameters are values.
_QUOTED_VALUE_RE = re.compile(
    r"""([=(\[]|[,:] ?)(?:'(?:[^'\\\n]|\\.)*+'|"(?:[^"\\\n]|\\.)*+")(?!\s*:)"""
)
_OWN_LOGGER = "bot"
# Libraries that log full request URLs (which carry the token) at INFO or DEBUG.
_CHATTY_LOGGERS = ("httpx", "httpcore", "uvicorn.access")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Replace secrets and contact details in a record before any handler writes it.

    Libraries log at DEBUG what the bot sends and receives (a lead's phone in an update, an
    admin notice's text in sendMessage's parameters, SQL parameters), so every line is masked,
    and the quoted values in libraries' lines (a company name, a user's first name) are
    replaced whole. A message is cut at MAX_LOG_CHARS, which bounds the cost of masking it.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        variants = {form for secret in secrets if secret for form in (secret, quote(secret))}
        self._secrets = sorted(variants, key=len, reverse=True)

    def redact(self, text: str, *, library: bool = False) -> str:
        """Return `text` with secrets, token-shaped text and contact details replaced.

        In a library's line (`library`), every quoted value is replaced as well.
        """
        if len(text) > MAX_LOG_CHARS:
            text = f"{text[:MAX_LOG_CHARS]} [{len(text) - MAX_LOG_CHARS} characters not logged]"
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        text = TOKEN_RE.sub(REDACTED, text)
        if library:
            text = _QUOTED_VALUE_RE.sub(rf"\1{TEXT_MASK}", text)
        return mask_personal_data(text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place; never drop it."""
        library = record.name != _OWN_LOGGER and not record.name.startswith(f"{_OWN_LOGGER}.")
        record.msg = self.redact(record.getMessage(), library=library)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, and exception."""

    def format(self, record: logging.LogRecord) -> str:
        """Write the record, already redacted by RedactingFilter, as one line of JSON."""
        line: dict[str, str] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:  # formatted and redacted by RedactingFilter
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = record.stack_info
        return json.dumps(line, ensure_ascii=False)


class _ZonebotHandler(logging.StreamHandler[TextIO]):
    """The handler configure_logging installs, told apart so a second call replaces it."""


def configure_logging(
    level: str,
    *,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
    fmt: Literal["text", "json"] = "text",
) -> None:
    """Send every log record to stdout at `level`, as text or JSON, `secrets` redacted."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _ZonebotHandler)]:
        root.removeHandler(old)
    handler = _ZonebotHandler(stream or sys.stdout)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter(secrets))
    root.addHandler(handler)
    root.setLevel(level)
    for name in _CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
