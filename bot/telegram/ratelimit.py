"""Bounded memory of whom the bot told recently: a flood gets one polite notice, not one each."""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict

QUESTION_WINDOW = dt.timedelta(minutes=1)  # the per-user question limit counts over this


class OncePerWindow:
    """Say yes to a key at most once per window; remembers at most `max_keys` keys."""

    def __init__(self, window_seconds: float, max_keys: int = 10_000) -> None:
        self._window = window_seconds
        self._max_keys = max_keys
        self._told: OrderedDict[int, float] = OrderedDict()  # oldest first

    def __len__(self) -> int:
        return len(self._told)

    def first(self, key: int, now: float | None = None) -> bool:
        """Return True if `key` was not told within the window, and remember it as told now."""
        now = time.monotonic() if now is None else now
        while self._told and next(iter(self._told.values())) <= now - self._window:
            self._told.popitem(last=False)
        if key in self._told:
            return False
        self._told[key] = now
        if len(self._told) > self._max_keys:
            self._told.popitem(last=False)
        return True
