"""The one clock: every part that stamps or compares times asks it, so all agree on UTC."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Return the current time, aware and in UTC."""
    return dt.datetime.now(dt.UTC)
