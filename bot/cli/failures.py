"""What the command line prints when a command fails: one line naming the cause and the fix."""

from __future__ import annotations

import os

import httpx
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError
from telegram.error import NetworkError

from bot.config import describe_settings_error
from bot.errors import DatabaseUrlError, StorageUnavailableError
from bot.storage.db import unavailable

EXIT_FAILED = 1
EXIT_SETTINGS = 2
NETWORK_CHECKS = "check the network, DNS, firewall and ZONEBOT_PROXY_URL"
DEBUG_HINT = "run `zonebot --debug ...` for the traceback"


def wants_traceback(debug_flag: bool) -> bool:
    """Tell whether a failure should show its traceback: `--debug` or ZONEBOT_LOG_LEVEL=DEBUG."""
    return debug_flag or os.environ.get("ZONEBOT_LOG_LEVEL", "").strip().upper() == "DEBUG"


def describe_failure(error: Exception) -> tuple[str, int]:
    """Return the one line to print for a failed command, and its exit code."""
    if isinstance(error, ValidationError):
        return describe_settings_error(error), EXIT_SETTINGS
    if isinstance(error, DatabaseUrlError | StorageUnavailableError):
        return _one_line(str(error)), EXIT_FAILED
    if isinstance(error, DBAPIError):
        return _one_line(str(unavailable(error))), EXIT_FAILED
    if isinstance(error, PermissionError):
        where = f" on {error.filename}" if error.filename else ""
        return f"permission denied{where}: check its owner and mode", EXIT_FAILED
    if isinstance(error, httpx.HTTPError | NetworkError | ConnectionError | TimeoutError):
        cause = _one_line(f"{type(error).__name__}: {error}")
        message = (
            f"network error ({cause}): check the network, DNS, firewall and ZONEBOT_PROXY_URL"
        )
        return message, EXIT_FAILED
    if isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror or type(error).__name__}{where}", EXIT_FAILED
    return f"{_one_line(f'{type(error).__name__}: {error}')} ({DEBUG_HINT})", EXIT_FAILED


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else text.strip()
