"""Promise 4: no input breaks the bot or produces a message Telegram refuses.

Hypothesis properties of the matcher, renderer and splitter are in test_properties.py; this
module adds the whole path at Telegram's real limit (long answers split into messages the
stand-in's Telegram rules accept) and the real bot under hostile input: odd texts, forged
button data, huge or deeply nested webhook bodies, and long messages beside other chats.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import random
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from helpers.answer_strategies import PROPERTIES, answers
from helpers.bot_harness import (
    WEBHOOK_SECRET,
    RunningBot,
    button_data,
    buttons,
    running_bot,
)
from helpers.botapi_rules import MAX_TEXT, checked_text
from helpers.botapi_standin import ApiCall, FakeUser
from helpers.telegram_html import telegram_html_problems
from hypothesis import given
from hypothesis import strategies as st

from bot.answer.build import answer_question
from bot.answer.model import Answer
from bot.answer.render import render_answer_html, split_message
from bot.search.index import ZoneIndex
from bot.telegram.webhook import MAX_BODY_BYTES, MAX_NESTING, SECRET_HEADER

QUESTION = "What was Qingdao's biomedicine revenue in 2022?"
HOSTILE_TEXTS = (
    "\x00\x01\x07\x1b[31m\x7f",
    "\ud83d lone surrogate \udc00",
    "\u202eevil\u202c \u200b\u200d\ufeff",
    "<b>unclosed <i>&amp &lt; & <script>alert(1)</script>",
    "🙂🚀👨‍👩‍👧‍👦" * 500,
    "ＡＢＣ１２３，。！？" * 400,
    "泸州高新区营业收入" * 455,
    "/start " + "x" * 4000,
    "a" * MAX_TEXT,
    "Z̸̛̲͎a̵l̶g̷o̴" * 300,
)
long_texts = st.text(min_size=500, max_size=6000)
# st.text() leaves out lone surrogates, which Telegram's JSON can carry ("\ud83d").
any_code_points = st.text(st.characters(categories=("Cs", "L", "N", "P", "S", "Z", "C")))


@PROPERTIES
@given(question=any_code_points)
def test_any_code_point_even_a_lone_surrogate_gets_a_valid_answer(
    index: ZoneIndex, question: str
) -> None:
    assert telegram_html_problems(render_answer_html(answer_question(index, question))) == []


def with_long_texts(answer: Answer, texts: list[str]) -> Answer:
    """The answer with its blocks' texts replaced by long ones."""
    blocks = tuple(
        dataclasses.replace(block, text=text)
        for block, text in zip(answer.blocks, texts, strict=False)
    )
    return dataclasses.replace(answer, blocks=blocks)


@PROPERTIES
@given(
    answer=answers.filter(lambda a: a.blocks), texts=st.lists(long_texts, min_size=1, max_size=3)
)
def test_a_long_answer_is_split_into_messages_telegram_accepts(
    answer: Answer, texts: list[str]
) -> None:
    for chunk in split_message(render_answer_html(with_long_texts(answer, texts))):
        checked_text({"text": chunk, "parse_mode": "HTML"})  # raises what Telegram would say


def refusals(bot: RunningBot, since: int = 0) -> list[ApiCall]:
    """Calls the stand-in refused as Telegram would (a bad message, a bad button...)."""
    return [c for c in bot.api.calls[since:] if not c.ok]


async def test_hostile_texts_each_get_a_reply_telegram_accepts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with running_bot(tmp_path) as bot:  # by getUpdates: JSON escapes lone surrogates
        await ask_each(bot, HOSTILE_TEXTS)
    assert "failed" not in caplog.text


async def ask_each(bot: RunningBot, texts: tuple[str, ...]) -> None:
    """Send each text from its own user; every reply must be one Telegram accepts."""
    users = [FakeUser(4000 + n, "en") for n in range(len(texts))]
    for user, text in zip(users, texts, strict=True):
        reply = await bot.ask(user, text)
        assert reply.ok
    assert refusals(bot) == []


def forgeries(real: list[str], seed: int = 5) -> list[str]:
    """Button data a modified client could send: mutations of real data and plain junk."""
    rng = random.Random(seed)
    made = ["", "admin:export", "lead:fy", "lead:x:0:0", "f:1:1", "f:-1:0", "e:../../etc"]
    made += ["zl" * 32, "é" * 32, "\x00", "e:" + "f" * 62, "lead:" + "9" * 59]
    for data in real:
        made += [data[:-1], data + "0", data.replace("0", "1"), data[::-1], data.upper()]
    alphabet = "abcdefz0123456789:._-/\\%é中"
    made += ["".join(rng.choices(alphabet, k=rng.randint(1, 30))) for _ in range(20)]
    return [d for d in made if len(d.encode()) <= 64]


async def test_forged_button_data_is_answered_touches_no_one_else_and_breaks_nothing(
    webhook_bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    user, victim = FakeUser(4101, "en"), FakeUser(4102, "en")
    victims_answer = await webhook_bot.ask(victim, QUESTION)
    reply = await webhook_bot.ask(user, QUESTION)
    real = [b["callback_data"] for b in buttons(reply) if "callback_data" in b]
    real.append(button_data(victims_answer, "👎"))
    forged = forgeries(real)
    since = webhook_bot.api.mark()
    for data in forged:
        webhook_bot.api.press(user, reply.result, data)
    await webhook_bot.api.wait_for(
        lambda c: c.method == "answerCallbackQuery", since=since, count=len(forged)
    )
    assert "handling update" not in caplog.text  # no handler failed
    assert refusals(webhook_bot, since) == []
    exported = await webhook_bot.services.store.export_user(victim.id)
    assert exported["feedback"] == []  # another user's 👎 could not be pressed for them
    assert await webhook_bot.services.store.list_leads() == []
    assert (await webhook_bot.ask(user, "/help")).ok


async def post(bot: RunningBot, body: object, **headers: str) -> httpx.Response:
    url = bot.api.webhook["url"] if bot.api.webhook else ""
    async with httpx.AsyncClient() as client:
        return await client.post(
            url, content=body, headers={SECRET_HEADER: WEBHOOK_SECRET, **headers}
        )


async def test_huge_webhook_bodies_get_413_and_deep_ones_400_without_being_handled(
    webhook_bot: RunningBot,
) -> None:
    user = FakeUser(4201, "en")
    update = webhook_bot.api.text_update(user, QUESTION)
    padded = {**update, "padding": "x" * MAX_BODY_BYTES}

    def chunks() -> AsyncIterator[bytes]:
        async def generate() -> AsyncIterator[bytes]:
            body = json.dumps(padded).encode()
            for start in range(0, len(body), 65536):
                yield body[start : start + 65536]

        return generate()

    deep: object = {"update_id": 1}
    for _ in range(MAX_NESTING + 1):
        deep = {"a": deep}
    nested = {**update, "update_id": update["update_id"] + 1, "x": deep}
    since = webhook_bot.api.mark()
    assert (await post(webhook_bot, json.dumps(padded).encode())).status_code == 413
    assert (await post(webhook_bot, chunks())).status_code == 413  # no Content-Length to trust
    assert (await post(webhook_bot, json.dumps(nested).encode())).status_code == 400
    check = await webhook_bot.ask(user, "/help")
    assert [c.params["text"] for c in webhook_bot.api.sent(since=since)] == [check.params["text"]]


async def test_long_messages_from_one_user_do_not_hold_up_another(
    webhook_bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    talker, other = FakeUser(4301, "en"), FakeUser(4302, "zh")
    long_question = (QUESTION + " ") * (MAX_TEXT // (len(QUESTION) + 1))
    since = webhook_bot.api.mark()
    for _ in range(10):
        webhook_bot.api.send_text(talker, long_question)
    answer = await webhook_bot.ask(other, "太原中北高新区搬迁补贴多少")
    answered = await webhook_bot.api.wait_for(
        lambda c: c.ok and c.params.get("chat_id") == talker.id, since=since, count=10
    )
    assert "来源" in answer.result["text"]
    assert answer.at < answered[-1].at  # answered while the long ones were still coming
    assert all("Qingdao" in c.params["text"] for c in answered)


# Texts that cost a quadratic mask most: digit runs, long words, separated digits, "a@" runs.
FLOOD_TEXTS = (
    "1" * MAX_TEXT,
    "supercalifragilistic" * (MAX_TEXT // 20),
    "1-" * (MAX_TEXT // 2),
    "a." * (MAX_TEXT // 2),
    "+1" * (MAX_TEXT // 2),
    "a@" * (MAX_TEXT // 2),
    ("青岛Qingdao高新区12 " * MAX_TEXT)[:MAX_TEXT],
)


async def test_a_flood_of_long_adversarial_messages_does_not_hold_up_another_user(
    webhook_bot: RunningBot,
) -> None:
    flooders = [FakeUser(4400 + n, "en") for n in range(10)]
    other = FakeUser(4499, "zh")
    since = webhook_bot.api.mark()
    for round_ in range(20):  # twenty each, within the per-minute limit
        for number, flooder in enumerate(flooders):
            webhook_bot.api.send_text(flooder, FLOOD_TEXTS[(round_ + number) % len(FLOOD_TEXTS)])
    flood_ids = {flooder.id for flooder in flooders}
    await webhook_bot.api.wait_for(  # the flood is being worked through
        lambda c: c.ok and c.params.get("chat_id") in flood_ids, since=since, count=20, within=300
    )
    asked = asyncio.get_running_loop().time()
    answer = await webhook_bot.ask(other, "太原中北高新区搬迁补贴多少")
    waited = asyncio.get_running_loop().time() - asked
    replies = await webhook_bot.api.wait_for(
        lambda c: c.ok and c.params.get("chat_id") in flood_ids, since=since, count=200, within=300
    )
    assert "来源" in answer.result["text"]
    assert answer.at < replies[-1].at  # answered while the flood was still being worked through
    assert waited < 10, f"another user waited {waited:.1f} s behind the flood"


async def test_a_webhook_update_with_a_huge_text_holds_up_neither_healthz_nor_other_chats(
    webhook_bot: RunningBot,
) -> None:
    talker, other = FakeUser(4501, "en"), FakeUser(4502, "zh")
    since = webhook_bot.api.mark()
    huge = webhook_bot.api.text_update(
        talker, "1" * (MAX_BODY_BYTES - 4096)
    )  # just under the limit
    assert (await webhook_bot.api.deliver(huge)).status_code == 200
    async with httpx.AsyncClient(timeout=5) as client:
        health = await client.get(f"http://127.0.0.1:{webhook_bot.settings.port}/healthz")
    assert health.status_code == 200
    answer = await webhook_bot.ask(other, "太原中北高新区搬迁补贴多少")
    assert "来源" in answer.result["text"]
    await webhook_bot.api.reply(talker.id, since=since)  # the huge one is answered too
    [logged] = (await webhook_bot.services.store.export_user(talker.id))["questions"]
    assert len(logged["text"]) <= MAX_TEXT
