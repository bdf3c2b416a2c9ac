"""Logging setup: one stdout handler whose filter keeps secrets and contact details out."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote

from bot.privacy import mask_personal_data

REDACTED = "[redacted]"
# Any bot token, not only ours: a log line may quote a token from a misconfigured URL.
TOKEN_RE = re.compile(r"\d{3,}(?::|%3A)[A-Za-z0-9_-]{30,}")
# Libraries that log full request URLs (which carry the token) at INFO or DEBUG.
_CHATTY_LOGGERS = ("httpx", "httpcore", "uvicorn.access")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Replace secrets and contact details in a record before any handler writes it.

    Libraries log at DEBUG what the bot sends and receives (a lead's phone in an update, an
    admin notice's text in sendMessage's parameters, SQL parameters), so every line is masked.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        variants = {form for secret in secrets if secret for form in (secret, quote(secret))}
        self._secrets = sorted(variants, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """Return `text` with secrets, token-shaped text, phones and e-mails replaced."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return mask_personal_data(TOKEN_RE.sub(REDACTED, text))

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place; never drop it."""
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class _ZonebotHandler(logging.StreamHandler[TextIO]):
    """The handler configure_logging installs, told apart so a second call replaces it."""


def configure_logging(
    level: str, *, secrets: Iterable[str] = (), stream: TextIO | None = None
) -> None:
    """Send every log record to stdout at `level`, with `secrets` redacted from each."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _ZonebotHandler)]:
        root.removeHandler(old)
    handler = _ZonebotHandler(stream or sys.stdout)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter(secrets))
    root.addHandler(handler)
    root.setLevel(level)
    for name in _CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
