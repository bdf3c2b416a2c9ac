"""Promise 8: abuse is contained: per-user question limits (across replicas), the webhook
secret compared in constant time.

The lead limit is shown in test_e2e_leads.py (test_leads_over_the_daily_limit_are_refused)
and admin commands answering only listed ids in private chats in test_e2e_admin.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import itertools
from pathlib import Path

import pytest
from helpers.bot_harness import WEBHOOK_SECRET, RunningBot, running_bot, webhook_settings
from helpers.botapi_standin import ApiCall, BotApiStandIn, FakeUser

from bot.clock import utc_now
from bot.i18n import t
from bot.telegram.ratelimit import OncePerWindow

FLOODER = FakeUser(801, "en")
ZH_FLOODER = FakeUser(802, "zh-hans")
NEIGHBOUR = FakeUser(803, "en")
QUESTIONS = (
    "What was Qingdao's biomedicine revenue in 2022?",
    "How long does it take to settle in Taiyuan Zhongbei High-tech Zone?",
    "Does Taiyuan Zhongbei High-tech Zone subsidise relocation?",
    "What was Qingdao's biomedicine revenue in 2021?",
    "Qingdao High-tech Zone biomedicine policy",
)
LIMIT = 3
# One sequence for every stand-in: replicas share one record of the update ids handled.
UPDATE_IDS = itertools.count(10_000_000)


async def texts_until_help(bot: RunningBot, user: FakeUser, *texts: str) -> list[str]:
    """Send `texts` then /help; return what the bot sent the user meanwhile, /help's reply last.

    One user's updates are handled in order, so once /help is answered every text was too.
    """
    since = bot.api.mark()
    for text in (*texts, "/help"):
        bot.api.push({**bot.api.text_update(user, text), "update_id": next(UPDATE_IDS)})
    await bot.api.wait_for(
        lambda c: c.ok and c.params.get("chat_id") == user.id and "/zones" in c.params["text"],
        since=since,
    )
    return [c.params["text"] for c in bot.api.sent(chat_id=user.id, since=since)]


async def asked_in_the_last_minute(bot: RunningBot, user: FakeUser) -> int:
    since = utc_now() - dt.timedelta(minutes=1)
    return await bot.services.store.count_recent_questions(user.id, since)


async def test_questions_over_the_limit_get_one_polite_notice_and_are_not_answered(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, ZONEBOT_QUESTIONS_PER_MINUTE=LIMIT) as bot:
        replies = await texts_until_help(bot, FLOODER, *QUESTIONS)
        assert len(replies) == LIMIT + 2  # three answers, one notice, /help
        assert all("Source" in reply for reply in replies[:LIMIT])
        assert replies[LIMIT] == t("question_rate_limited", "en")
        assert await asked_in_the_last_minute(bot, FLOODER) == LIMIT  # the rest never read
        other = await bot.ask(NEIGHBOUR, QUESTIONS[0])
        assert "Source" in other.params["text"]


async def test_the_notice_is_in_the_users_language(tmp_path: Path) -> None:
    async with running_bot(tmp_path, ZONEBOT_QUESTIONS_PER_MINUTE=1) as bot:
        replies = await texts_until_help(bot, ZH_FLOODER, "太原中北高新区搬迁补贴多少", "面积多大")
        assert replies[1] == t("question_rate_limited", "zh")


async def test_the_question_limit_counts_questions_asked_of_every_replica(
    tmp_path: Path, postgres_url: str
) -> None:
    async with contextlib.AsyncExitStack() as stack:
        replicas: list[RunningBot] = []
        for name in ("a", "b"):
            api = await stack.enter_async_context(BotApiStandIn())
            folder = tmp_path / name
            folder.mkdir()
            replicas.append(
                await stack.enter_async_context(
                    running_bot(
                        folder,
                        api=api,
                        ZONEBOT_DATABASE_URL=postgres_url,
                        ZONEBOT_QUESTIONS_PER_MINUTE=LIMIT,
                    )
                )
            )
        first, second = replicas
        assert len(await texts_until_help(first, FLOODER, *QUESTIONS[:2])) == 3
        refused = await texts_until_help(second, FLOODER, *QUESTIONS[2:4])
        assert "Source" in refused[0]
        assert refused[1] == t("question_rate_limited", "en")


def test_a_notice_is_given_once_per_window_and_memory_stays_bounded() -> None:
    told = OncePerWindow(60, max_keys=1000)
    assert told.first(1, now=0.0)
    assert not told.first(1, now=59.0)
    assert told.first(1, now=60.5)
    for user_id in range(100_000):
        told.first(user_id, now=100.0)
    assert len(told) == 1000


async def test_the_webhook_secret_is_compared_in_constant_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    constant_time = hmac.compare_digest

    def recording(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return constant_time(given, expected)

    monkeypatch.setattr(hmac, "compare_digest", recording)
    async with running_bot(
        tmp_path,
        **webhook_settings(),
    ) as bot:
        update = bot.api.text_update(FLOODER, QUESTIONS[0])
        refused = await bot.api.deliver(update, secret="guessed-secret")
        reply: ApiCall = await bot.ask(FLOODER, QUESTIONS[1])
    assert refused.status_code == 403
    assert reply.ok
    assert (b"guessed-secret", WEBHOOK_SECRET.encode()) in compared
    assert (WEBHOOK_SECRET.encode(), WEBHOOK_SECRET.encode()) in compared
