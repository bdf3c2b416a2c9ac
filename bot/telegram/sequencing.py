"""Updates handled concurrently across users, but one at a time and in order for each user."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates waiting for their user's turn still count against the framework's semaphore, so
# it is set far above the number actually worked on at once, which `workers` bounds.
_IN_HAND_PER_WORKER = 64


class PerUserSequentialProcessor(BaseUpdateProcessor):
    """Process up to `workers` updates at once, never two of the same user at the same time."""

    def __init__(self, workers: int) -> None:
        super().__init__(max_concurrent_updates=workers * _IN_HAND_PER_WORKER)
        self._workers = asyncio.BoundedSemaphore(workers)
        self._turns: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this user's earlier updates, then for a free worker, then process."""
        user_id = _user_id(update)
        if user_id is None:
            async with self._workers:
                await coroutine
            return
        lock = self._join(user_id)
        try:
            async with lock, self._workers:
                await coroutine
        finally:
            self._leave(user_id)

    def _join(self, user_id: int) -> asyncio.Lock:
        """Return the user's lock, counting this update among those that use it."""
        lock, users = self._turns.get(user_id, (asyncio.Lock(), 0))
        self._turns[user_id] = (lock, users + 1)
        return lock

    def _leave(self, user_id: int) -> None:
        """Forget the user's lock once no update of theirs is in hand."""
        lock, users = self._turns[user_id]
        if users == 1:
            del self._turns[user_id]
        else:
            self._turns[user_id] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _user_id(update: object) -> int | None:
    """Return the id of the user an update comes from, when it has one."""
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None
