"""For the reliability tests: the bot as a real process, and investors filling in the lead form.

An investor behaves as a person would: answers whatever step the bot last asked, and when the
bot stays silent (it was killed, or the database was away) does it again, either as the same
update (a Telegram retry) or as a new message (the person resending).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import signal
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.i18n import t
from bot.storage.store import open_store
from bot.storage.tables import lead_notifications, leads, users
from helpers.bot_harness import button_data, run_environment, start_zonebot
from helpers.botapi_standin import ApiCall, BotApiStandIn, FakeUser

ADMIN = FakeUser(900, "en")
RECEIVED_RE = re.compile(r"received \(no\. (\d+)\)")
_QUESTION_RE = re.compile(r"Question (\d) of 5")
_ANSWERS = {1: "Acme Biotech", 2: "biomedicine", 3: "USD 5 million"}
INVESTORS_AT_ONCE = 4
FINISH_WITHIN_SECONDS = 60.0


def bot_environment(api: BotApiStandIn, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a bot process talking to `api`, with leads from any investor."""
    return run_environment(
        api,
        Path(),  # the database is named here, not in a folder
        ZONEBOT_DATABASE_URL=database_url,
        ZONEBOT_SEND_RETRY_DELAY_SECONDS="0.05",
        ZONEBOT_ADMIN_IDS=str(ADMIN.id),
        ZONEBOT_LEADS_PER_DAY="1000",
        **settings,
    )


async def start_bot(environment: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    """Start `python -m bot run`, its output appended to `log`."""
    with log.open("ab") as output:
        return await start_zonebot(environment, stdout=output)


async def kill(process: asyncio.subprocess.Process) -> None:
    """SIGKILL the process, by its own pid, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    await process.wait()


async def stop(process: asyncio.subprocess.Process, within: float = 30.0) -> int:
    """SIGTERM the process and return its exit code (SIGKILL if it does not stop in time)."""
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        return await asyncio.wait_for(process.wait(), within)
    except TimeoutError:
        await kill(process)
        raise


def acknowledged_leads(api: BotApiStandIn) -> dict[int, set[int]]:
    """Map each chat to the lead numbers the bot told it were received."""
    told: dict[int, set[int]] = {}
    for call in api.sent():
        if found := RECEIVED_RE.search(call.params.get("text", "")):
            told.setdefault(call.params["chat_id"], set()).add(int(found[1]))
    return told


def contact_of(user: FakeUser) -> str:
    """The e-mail address an investor leaves: one per investor, to find their lead by."""
    return f"investor{user.id}@example.com"


@dataclass
class _Step:
    """What the investor does next, and what to do instead if a button was already used."""

    text: str | None = None
    button: str | None = None
    on: ApiCall | None = None
    if_stale: str | None = None  # the step after the button's, to answer if it was used


_STALE = object()  # a pressed button the bot calls stale: its step was taken already


@dataclass
class Investor:
    """One person filling in the lead form once, through kills and outages."""

    api: BotApiStandIn
    user: FakeUser
    rng: random.Random
    patience: float = 1.0
    max_actions: int = 40
    lead_number: int | None = field(default=None, init=False)
    gave_up: bool = field(default=False, init=False)

    async def fill_in(self) -> None:
        """Go from /contact to "received", or give up when the bot no longer shows the form."""
        step = _Step(text="/contact")
        last_update: dict[str, Any] | None = None
        for _ in range(self.max_actions):
            since = self.api.mark()
            if last_update is not None and self.rng.random() < 0.5:
                update = self.api.push(last_update)  # Telegram delivering it again
            else:
                update = self._act(step)
            reply = await self._reply(update, since)
            if reply is None:
                last_update = update
                continue
            last_update = None
            if reply is _STALE:
                step = _Step(text=step.if_stale)
                continue
            assert isinstance(reply, ApiCall)
            following = self._next_step(reply, step)
            if following is None:
                return
            step = following
        self.gave_up = True

    def _act(self, step: _Step) -> dict[str, Any]:
        if step.button is not None and step.on is not None:
            return self.api.press(self.user, step.on.result, button_data(step.on, step.button))
        assert step.text is not None
        return self.api.send_text(self.user, step.text)

    async def _reply(self, update: dict[str, Any], since: int) -> ApiCall | object | None:
        """The bot's message to the investor, `_STALE` for a used button, None for silence."""
        query_id = update.get("callback_query", {}).get("id")
        try:
            calls = await self.api.wait_for(
                lambda c: (
                    c.ok
                    and (
                        (c.method == "sendMessage" and c.params.get("chat_id") == self.user.id)
                        or (
                            c.method == "answerCallbackQuery"
                            and c.params.get("callback_query_id") == query_id
                            and c.params.get("text") == t("lead_stale", "en")
                        )
                    )
                ),
                since=since,
                within=self.patience,
            )
        except AssertionError:
            return None
        return _STALE if calls[0].method == "answerCallbackQuery" else calls[0]

    def _next_step(self, reply: ApiCall, previous: _Step) -> _Step | None:
        """Answer what the bot asked; None once the lead was received or the form is gone."""
        text = reply.params["text"]
        if found := RECEIVED_RE.search(text):
            self.lead_number = int(found[1])
            return None
        if text in (t("lead_save_failed", "en"), t("error", "en")):
            return previous
        if "I agree" in str(reply.params.get("reply_markup")):
            return _Step(button="I agree", on=reply, if_stale=_ANSWERS[1])
        question = _QUESTION_RE.search(text)
        if question is None:
            return None  # the form was finished (unacknowledged) or dropped
        number = int(question[1])
        if number == 4:
            return _Step(button="Not sure yet", on=reply, if_stale=contact_of(self.user))
        return _Step(text=_ANSWERS.get(number, contact_of(self.user)))


async def run_investors(api: BotApiStandIn, rng: random.Random, enough: asyncio.Event) -> None:
    """Keep a few investors filling in the form until `enough` is set and they are done."""
    user_ids = iter(range(10_000, 1_000_000))
    running: set[asyncio.Task[None]] = set()
    while not enough.is_set() or running:
        while not enough.is_set() and len(running) < INVESTORS_AT_ONCE:
            investor = Investor(api, FakeUser(next(user_ids)), random.Random(rng.random()))
            running.add(asyncio.create_task(investor.fill_in()))
        finished, running = await asyncio.wait(
            running, timeout=0.2, return_when=asyncio.FIRST_COMPLETED
        )
        for task in finished:
            task.result()


async def assert_every_acknowledged_lead_is_stored_once(
    database_url: str, acknowledged: dict[int, set[int]]
) -> None:
    """Each acknowledged lead is stored for its investor; no investor has two leads."""
    store = await open_store(database_url)
    try:
        stored = {lead.id: lead for lead in await store.list_leads()}
        async with store._engine.connect() as connection:
            keys = set((await connection.scalars(select(leads.c.idempotency_key))).all())
            forms = (await connection.scalars(select(users.c.lead_form))).all()
            notices = Counter(
                (await connection.scalars(select(lead_notifications.c.lead_id))).all()
            )
    finally:
        await store.close()
    acknowledged.pop(ADMIN.id, None)
    for chat_id, numbers in acknowledged.items():
        assert len(numbers) == 1, (chat_id, numbers)
        lead = stored[numbers.pop()]
        assert (lead.user_id, lead.contact_value) == (chat_id, contact_of(FakeUser(chat_id)))
    per_investor = Counter(lead.user_id for lead in stored.values())
    assert per_investor.most_common(1)[0][1] == 1
    # Saving a lead, queueing its notice and closing its form are one transaction.
    assert all(notices[lead_id] == 1 for lead_id in stored)
    assert not [form for form in forms if form and form["form_id"] in keys]
