"""Logged questions and remembered zones, written in batches after the replies they belong to.

A reply waits for no write of its own: its question gets an id at once (for its 👍/👎), and
what is pending is written by the next update's transaction or, when none comes, by a flush
within `FLUSH_DELAY_SECONDS`, many updates in one transaction. A crash loses at most what is
pending; a clean stop flushes it first.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.exc import StatementError

from bot.answer.model import Answer
from bot.errors import StorageUnavailableError

logger = logging.getLogger(__name__)

FLUSH_DELAY_SECONDS = 0.5  # under the one second of questions a crash may lose
MAX_PENDING_QUESTIONS = 10_000  # while the database is down; the oldest go first beyond it
_ID_EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
_RANDOM_BITS = 22  # with 41 bits of milliseconds: 63 bits, ordered by time, to year 2094


@dataclass(frozen=True)
class LoggedQuestion:
    """A question and its answer, waiting to be written to the log."""

    id: int
    user_id: int
    text: str  # contact details masked already
    answer: Answer
    asked_at: dt.datetime


@dataclass(frozen=True)
class RememberedZone:
    """The zone a user's follow-up questions refer to, and when it was set."""

    zone_id: str | None
    set_at: dt.datetime


Writer = Callable[[Sequence[LoggedQuestion], Mapping[int, RememberedZone]], Awaitable[None]]


@dataclass(frozen=True)
class Pending:
    """What was pending at one moment, to be written in one transaction."""

    questions: list[LoggedQuestion]
    zones: dict[int, RememberedZone]

    def __bool__(self) -> bool:
        return bool(self.questions or self.zones)


class WriteBehind:
    """What is pending, readable by this process, written by one flush at a time."""

    def __init__(self, write: Writer, *, delay_seconds: float = FLUSH_DELAY_SECONDS) -> None:
        self._write = write
        self._delay = delay_seconds
        self._questions: list[LoggedQuestion] = []
        self._asked = Counter[int]()  # pending questions per user
        self._zones: dict[int, RememberedZone] = {}
        self._flushing = asyncio.Lock()
        self._timer: asyncio.Task[None] | None = None
        self._last_id = 0

    def new_id(self, asked_at: dt.datetime) -> int:
        """Return a question id: in order of asking here, and one no other replica picks.

        The time of asking in milliseconds, then random bits; never below an id given before.
        """
        millis = max(int((asked_at - _ID_EPOCH).total_seconds() * 1000), 0)
        candidate = (millis << _RANDOM_BITS) | secrets.randbits(_RANDOM_BITS)
        self._last_id = max(candidate, self._last_id + 1)
        return self._last_id

    def add_question(self, question: LoggedQuestion) -> None:
        """Queue a question for the log."""
        if len(self._questions) >= MAX_PENDING_QUESTIONS:
            dropped = self._questions.pop(0)
            self._asked[dropped.user_id] -= 1
            logger.warning("question log backlog full; the oldest pending question was dropped")
        self._questions.append(question)
        self._asked[question.user_id] += 1
        self._schedule()

    def add_zone(self, user_id: int, zone: RememberedZone) -> None:
        """Queue the zone a user's follow-ups refer to."""
        self._zones[user_id] = zone
        self._schedule()

    def pending_questions(self, user_id: int) -> int:
        """Count a user's questions not written yet (all asked within the last seconds)."""
        return self._asked.get(user_id, 0)

    def pending_zone(self, user_id: int) -> RememberedZone | None:
        """Return the zone queued for a user, if one is not written yet."""
        return self._zones.get(user_id)

    def snapshot(self) -> Pending:
        """Return what is pending now, for a transaction to write (then call `written`)."""
        return Pending(list(self._questions), dict(self._zones))

    def written(self, pending: Pending) -> None:
        """Drop what a transaction wrote, keeping what was queued meanwhile."""
        written = {question.id for question in pending.questions}
        if written:
            self._questions = [q for q in self._questions if q.id not in written]
            self._asked = Counter(question.user_id for question in self._questions)
        for user_id, zone in pending.zones.items():
            if self._zones.get(user_id) is zone:
                del self._zones[user_id]

    async def flush(self) -> None:
        """Write everything pending now.

        Raise `StorageUnavailableError` and keep it all while the database is down. Rows the
        database refuses are dropped before the error is raised: kept, they would block the
        log for good.
        """
        async with self._flushing:
            pending = self.snapshot()
            if not pending:
                return
            try:
                await self._write(pending.questions, pending.zones)
            except StatementError:
                self.written(pending)
                raise
            self.written(pending)

    async def close(self) -> None:
        """Stop the timer and write what is pending; say how much is lost if it cannot be."""
        if self._timer is not None:
            self._timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._timer
        pending = len(self._questions)
        try:
            await self.flush()
        except (StorageUnavailableError, StatementError) as exc:
            logger.warning("%d logged questions were lost at shutdown: %s", pending, exc)

    def _schedule(self) -> None:
        """Start the timer of the next flush unless one is running."""
        if self._timer is None or self._timer.done():
            self._timer = asyncio.get_running_loop().create_task(self._flush_later())

    async def _flush_later(self) -> None:
        """Flush after the delay; while the store is down, try again after another."""
        while True:
            await asyncio.sleep(self._delay)
            try:
                await self.flush()
            except StorageUnavailableError:
                logger.warning("store unavailable; %d logged questions wait", len(self._questions))
                continue
            except StatementError:
                logger.exception("the database refused logged questions; they were dropped")
            if not self._questions and not self._zones:
                return
