"""End to end: editors save the knowledge base while the bot answers; admins hear of reloads."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from helpers.bot_harness import WEBHOOK_SECRET, RunningBot, free_port, running_bot
from helpers.botapi_standin import ApiCall, FakeUser
from helpers.kb_edits import (
    BROKEN_EDITS,
    NEW_FIGURE,
    OLD_FIGURE,
    QUESTION,
    REVENUE_ENTRY,
    ZONE_FILE,
    copy_knowledge,
    edit_figure,
    remove_most_zones,
)

from bot.answer.build import answer_question
from bot.answer.render import render_answer_html

ADMIN = FakeUser(900, "en")
VISITOR = FakeUser(901, "en")
SETTLE = 0.2
EDIT_SEEN_WITHIN = 10.0  # the promise: a valid edit is answered within 10 seconds


@pytest.fixture
def kb_root(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path / "knowledge")


def reload_settings(kb_root: Path) -> dict[str, object]:
    return {
        "ZONEBOT_KB_PATH": str(kb_root),
        "ZONEBOT_ADMIN_IDS": str(ADMIN.id),
        "ZONEBOT_RELOAD_SETTLE_SECONDS": SETTLE,
        "ZONEBOT_QUESTIONS_PER_MINUTE": 10_000,  # the same question is asked until it changes
    }


@pytest.fixture
async def bot(tmp_path: Path, kb_root: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(tmp_path, **reload_settings(kb_root)) as running:
        await running.ask(ADMIN, "/help")  # the admin's private chat exists from now on
        yield running


async def admin_notice(bot: RunningBot, since: int, *words: str) -> str:
    """The first notice to the admin after `since` that contains every word."""

    def matches(call: ApiCall) -> bool:
        return (
            call.ok
            and call.method == "sendMessage"
            and call.params.get("chat_id") == ADMIN.id
            and all(word in call.result["text"] for word in words)
        )

    calls = await bot.api.wait_for(matches, since=since, within=30)
    return str(calls[0].result["text"])


def admin_notices(bot: RunningBot, since: int) -> list[str]:
    return [str(call.result["text"]) for call in bot.api.sent(chat_id=ADMIN.id, since=since)]


async def test_a_saved_edit_is_answered_within_10_seconds_and_the_admin_told_what_changed(
    bot: RunningBot, kb_root: Path
) -> None:
    assert OLD_FIGURE in (await bot.ask(VISITOR, QUESTION)).result["text"]
    since = bot.api.mark()
    edit_figure(kb_root)
    deadline = asyncio.get_running_loop().time() + EDIT_SEEN_WITHIN
    while NEW_FIGURE not in (await bot.ask(VISITOR, QUESTION)).result["text"]:
        assert asyncio.get_running_loop().time() < deadline, "the edit was not answered in time"
        await asyncio.sleep(0.1)
    notice = await admin_notice(bot, since, "reloaded")
    assert f"Entries changed (1): {REVENUE_ENTRY}" in notice
    assert bot.services.kb.version in notice


async def test_each_broken_edit_is_refused_with_its_message_while_old_answers_keep_coming(
    bot: RunningBot, kb_root: Path
) -> None:
    served = bot.services.kb.version
    original = (kb_root / ZONE_FILE).read_bytes()
    for edit in BROKEN_EDITS:
        since = bot.api.mark()
        edit.apply(kb_root)
        notice = await admin_notice(bot, since, "refused")
        assert edit.message in notice, (edit.name, notice)
        assert f"still serving {served}" in notice
        assert OLD_FIGURE in (await bot.ask(VISITOR, QUESTION)).result["text"], edit.name
        (kb_root / ZONE_FILE).write_bytes(original)
    assert bot.services.kb.version == served


async def test_a_file_written_slowly_is_reloaded_once_complete_and_never_refused(
    bot: RunningBot, kb_root: Path
) -> None:
    complete_root = copy_knowledge(kb_root.parent / "complete")
    edit_figure(complete_root)
    complete = (complete_root / ZONE_FILE).read_bytes()
    since = bot.api.mark()
    with (kb_root / ZONE_FILE).open("wb") as file:
        for start in range(0, len(complete), 1000):
            file.write(complete[start : start + 1000])
            file.flush()
            await asyncio.sleep(SETTLE / 4)
    await admin_notice(bot, since, "reloaded")
    assert not [n for n in admin_notices(bot, since) if "refused" in n]
    assert NEW_FIGURE in (await bot.ask(VISITOR, QUESTION)).result["text"]


async def test_removing_most_zone_files_is_refused_until_an_admin_forces_it(
    bot: RunningBot, kb_root: Path
) -> None:
    since = bot.api.mark()
    removed = remove_most_zones(kb_root)
    notice = await admin_notice(bot, since, "refused")
    assert "3 of 5 zone files are gone at once" in notice
    assert len(bot.services.kb.zones) == 5
    entries = sum(len(bot.services.kb.zones[zone_id].entries) for zone_id in removed)
    since = bot.api.mark()
    bot.api.send_text(ADMIN, "/reload force")
    notice = await admin_notice(bot, since, "reloaded")
    assert "(forced)" in notice
    assert f"Entries removed ({entries}):" in notice
    assert len(bot.services.kb.zones) == 2


async def test_reload_on_command_says_nothing_changed_when_nothing_did(bot: RunningBot) -> None:
    since = bot.api.mark()
    reply = await bot.ask(ADMIN, "/reload")
    assert "unchanged on /reload" in reply.result["text"]
    assert bot.services.kb.version in reply.result["text"]
    assert len(admin_notices(bot, since)) == 1


async def test_reload_from_anyone_but_an_admin_is_ignored_as_an_unknown_command(
    bot: RunningBot,
) -> None:
    since = bot.api.mark()
    bot.api.send_text(VISITOR, "/reload force")
    check = await bot.ask(VISITOR, "/help")  # handled after anything /reload could cause
    assert [c.params["text"] for c in bot.api.sent(since=since)] == [check.params["text"]]


async def test_a_reload_racing_many_questions_gives_each_an_answer_from_one_version(
    bot: RunningBot, kb_root: Path
) -> None:
    users = [FakeUser(5000 + n, "en") for n in range(200)]
    old = render_answer_html(answer_question(bot.services.index, QUESTION, lang="en"))
    since = bot.api.mark()
    for user in users[:100]:
        bot.api.send_text(user, QUESTION)
    edit_figure(kb_root)
    bot.api.send_text(ADMIN, "/reload")
    for user in users[100:]:
        bot.api.send_text(user, QUESTION)
    await admin_notice(bot, since, "reloaded")
    new = render_answer_html(answer_question(bot.services.index, QUESTION, lang="en"))
    assert NEW_FIGURE in new

    ids = {user.id for user in users}
    replies = await bot.api.wait_for(
        lambda c: c.ok and c.method == "sendMessage" and c.params.get("chat_id") in ids,
        since=since,
        count=len(users),
        within=120,
    )
    assert len({c.params["chat_id"] for c in replies}) == len(users)
    assert {c.params["text"] for c in replies} <= {old, new}


async def test_healthz_and_healthcheck_show_the_version_served_not_a_refused_one(
    tmp_path: Path, kb_root: Path
) -> None:
    port = free_port()
    webhook = {
        "ZONEBOT_WEBHOOK_URL": f"http://127.0.0.1:{port}/tg/hook",
        "ZONEBOT_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "ZONEBOT_LISTEN_HOST": "127.0.0.1",
        "ZONEBOT_PORT": port,
    }
    async with running_bot(tmp_path, **reload_settings(kb_root), **webhook) as bot:
        await bot.ask(ADMIN, "/help")
        served = bot.services.kb.version
        since = bot.api.mark()
        BROKEN_EDITS[0].apply(kb_root)
        await admin_notice(bot, since, "refused")
        async with httpx.AsyncClient() as client:
            health = (await client.get(f"http://127.0.0.1:{port}/healthz")).json()
        assert health["kb_version"] == served
        env = {
            **os.environ,
            **{name: str(value) for name, value in webhook.items()},
            "ZONEBOT_KB_PATH": str(kb_root),
            "ZONEBOT_DATABASE_URL": bot.settings.database_url,
        }
        check = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "bot", "healthcheck"),
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
        )
        output, _ = await asyncio.wait_for(check.communicate(), 60)
    assert check.returncode == 0
    assert output.decode() == f"ok: knowledge base {served}, database answers\n"
