"""Two `zonebot run` replicas in webhook mode on one PostgreSQL: either continues any conversation.

The test plays the reverse proxy in front of them: each update goes to the replica it
chooses, with the webhook's secret header, as compose's proxy would forward Telegram's POSTs.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers.bot_harness import ROOT, WEBHOOK_SECRET, button_data, free_port, wait_healthy
from helpers.botapi_standin import BOT_USERNAME, ApiCall, BotApiStandIn, FakeUser
from helpers.reliability_harness import ADMIN, bot_environment, start_bot, stop

from bot.i18n import t
from bot.storage.store import open_store
from bot.telegram.webhook import SECRET_HEADER

KNOWLEDGE = ROOT / "knowledge"
WEBHOOK_URL = "https://bot.example/tg/hook"
REPLICAS = 2
START_WITHIN_SECONDS = 60.0
USER = FakeUser(501, "en")
EMAIL = "li.wei@acme-bio.example"
QUESTION = "What was Qingdao's biomedicine revenue in 2022?"
THANKS_RE = re.compile(r"received \(no\. (\d+)\)")


@dataclass
class Replicas:
    """The replicas' ports, the stand-in they talk to, and the proxy's HTTP client."""

    api: BotApiStandIn
    ports: list[int]
    client: httpx.AsyncClient

    async def post(self, replica: int, update: dict[str, Any]) -> int:
        """Forward an update to one replica; return the log position from before it."""
        since = self.api.mark()
        response = await self.client.post(
            f"http://127.0.0.1:{self.ports[replica]}/tg/hook",
            json=update,
            headers={SECRET_HEADER: WEBHOOK_SECRET},
        )
        assert response.status_code == 200
        return since

    async def say(self, replica: int, text: str) -> ApiCall:
        """Send a text to one replica; return the bot's reply to the user."""
        since = await self.post(replica, self.api.text_update(USER, text))
        return await self.api.reply(USER.id, since=since)

    async def press(self, replica: int, message: ApiCall, label: str) -> int:
        """Press a button of a bot's message, delivered to one replica; return the position."""
        update = self.api.press(USER, message.result, button_data(message, label))
        return await self.post(replica, update)

    async def press_for_reply(self, replica: int, message: ApiCall, label: str) -> ApiCall:
        """Press a button through one replica; return the bot's next message to the user."""
        since = await self.press(replica, message, label)
        return await self.api.reply(USER.id, since=since)


@pytest.fixture
async def replicas(postgres_url: str, tmp_path: Path) -> AsyncIterator[Replicas]:
    """Two bot processes on the test's PostgreSQL database, each on its own port."""
    ports = [free_port() for _ in range(REPLICAS)]
    async with BotApiStandIn() as api, httpx.AsyncClient(timeout=30) as client:
        for user in (USER, ADMIN):  # Telegram knows their chats; nobody receives these
            api.text_update(user, "/start")
        logs = [tmp_path / f"replica-{i}.log" for i in range(REPLICAS)]
        processes = []
        try:
            for port, log in zip(ports, logs, strict=True):
                environment = bot_environment(
                    api,
                    postgres_url,
                    ZONEBOT_KB_PATH=str(KNOWLEDGE),
                    ZONEBOT_WEBHOOK_URL=WEBHOOK_URL,
                    ZONEBOT_WEBHOOK_SECRET=WEBHOOK_SECRET,
                    ZONEBOT_LISTEN_HOST="127.0.0.1",
                    ZONEBOT_PORT=str(port),
                )
                processes.append(await start_bot(environment, log))
            await asyncio.gather(
                *(
                    wait_healthy(f"http://127.0.0.1:{port}/healthz", START_WITHIN_SECONDS)
                    for port in ports
                )
            )
            registered = await api.wait_for(lambda c: c.method == "setWebhook", count=REPLICAS)
            assert {c.params["url"] for c in registered} == {WEBHOOK_URL}
            # The registered URL stands for the proxy, which is this test: the stand-in must not
            # post updates there itself, so it forgets the webhook and the test forwards them.
            api.webhook = None
            yield Replicas(api, ports, client)
        finally:
            codes = []
            for process in processes:
                with contextlib.suppress(TimeoutError):
                    codes.append(await stop(process))
            assert codes == [0] * len(processes), [log.read_text() for log in logs]


async def test_a_contact_form_alternating_between_replicas_saves_one_complete_lead(
    replicas: Replicas, postgres_url: str
) -> None:
    since = replicas.api.mark()
    consent = await replicas.say(0, "/contact")
    company = await replicas.press_for_reply(1, consent, "I agree")
    assert "Question 1 of 5" in company.params["text"]
    await replicas.say(0, "Acme Biotech")
    await replicas.say(1, "biomedicine")
    zones = await replicas.say(0, "USD 20 million")
    ticked = await replicas.press(1, zones, "Qingdao High-tech Zone")
    await replicas.api.answered("editMessageReplyMarkup", since=ticked)
    contact = await replicas.press_for_reply(0, zones, "Done")
    assert "Question 5 of 5" in contact.params["text"]
    thanks = await replicas.say(1, EMAIL)
    nothing_open = await replicas.say(0, "/cancel")  # the bot, too, sees no form open

    found = THANKS_RE.search(thanks.params["text"])
    assert found is not None, thanks.params["text"]
    sent = [c.params["text"] for c in replicas.api.sent(chat_id=USER.id, since=since)]
    assert sum(bool(THANKS_RE.search(text)) for text in sent) == 1
    assert nothing_open.params["text"] == t("lead_nothing_to_cancel", "en")
    store = await open_store(postgres_url)
    try:
        [lead] = await store.list_leads()
        draft = (await store.get_user(USER.id)).lead_form
    finally:
        await store.close()
    assert lead.id == int(found[1])
    assert (lead.user_id, lead.company, lead.industry, lead.investment) == (
        USER.id,
        "Acme Biotech",
        "biomedicine",
        "USD 20 million",
    )
    assert lead.zones == ("qingdao-hitech",)
    assert (lead.contact_method, lead.contact_value) == ("email", EMAIL)
    assert draft is None


async def test_the_same_update_posted_to_both_replicas_is_answered_once(
    replicas: Replicas,
) -> None:
    since = replicas.api.mark()
    update = replicas.api.text_update(USER, QUESTION)
    await asyncio.gather(*(replicas.post(replica, update) for replica in range(REPLICAS)))
    for replica in range(REPLICAS):  # each replica handles one user's updates in order
        check = await replicas.post(replica, replicas.api.text_update(USER, "/help"))
        await replicas.api.wait_for(
            lambda c: (
                c.ok and c.params.get("chat_id") == USER.id and BOT_USERNAME in c.params["text"]
            ),
            since=check,
        )
    sent = [c.params["text"] for c in replicas.api.sent(chat_id=USER.id, since=since)]
    assert sum("Source" in text for text in sent) == 1  # the answer cites; /help does not
    assert len(sent) == 1 + REPLICAS
