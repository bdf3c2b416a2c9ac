"""End to end: /leads, /gaps and /stats answer listed admins in private chats, nobody else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from helpers.bot_harness import RunningBot, running_bot
from helpers.botapi_standin import FakeChat, FakeUser

ADMIN = FakeUser(900, "en")
INVESTOR = FakeUser(202, "en-US")
GROUP = FakeChat(-700, "supergroup")
ADMIN_COMMANDS = ("/leads", "/gaps", "/stats")


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(tmp_path, ZONEBOT_ADMIN_IDS=str(ADMIN.id)) as running:
        yield running


async def replies_before_help(
    bot: RunningBot, user: FakeUser, command: str, chat: FakeChat | None = None
) -> list[str]:
    """Send `command` then /help; return every text the bot sent in the chat meanwhile.

    One user's updates are handled in order, so once /help is answered, the command was too.
    """
    chat_id = (chat or FakeChat(user.id)).id
    since = bot.api.mark()
    bot.api.send_text(user, command, chat=chat)
    await bot.ask(user, "/help", chat=chat)
    return [c.params["text"] for c in bot.api.sent(chat_id=chat_id, since=since)]


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
async def test_an_admin_command_is_an_unknown_command_to_anyone_else(
    bot: RunningBot, command: str
) -> None:
    unknown = await replies_before_help(bot, INVESTOR, "/no_such_command")
    assert await replies_before_help(bot, INVESTOR, command) == unknown
    assert len(unknown) == 1  # the /help answer alone


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
async def test_an_admin_command_in_a_group_is_unknown_even_from_an_admin(
    bot: RunningBot, command: str
) -> None:
    unknown = await replies_before_help(bot, ADMIN, "/no_such_command", GROUP)
    assert await replies_before_help(bot, ADMIN, command, GROUP) == unknown


async def test_leads_says_when_there_are_none(bot: RunningBot) -> None:
    empty = await bot.ask(ADMIN, "/leads")
    assert empty.params["text"] == "No leads in this period."


async def test_gaps_groups_the_weeks_unanswered_questions(bot: RunningBot) -> None:
    for _ in range(2):
        await bot.ask(INVESTOR, "Do you sell submarines to Atlantis?")
    report = await bot.ask(ADMIN, "/gaps")
    assert "Gaps since" in report.params["text"]
    assert "2× Do you sell submarines to Atlantis?" in report.params["text"]


async def test_stats_shows_questions_answers_leads_and_the_version_served(
    bot: RunningBot,
) -> None:
    await bot.ask(INVESTOR, "What was Qingdao's biomedicine revenue in 2022?")
    await bot.ask(INVESTOR, "Do you sell submarines to Atlantis?")
    stats = (await bot.ask(ADMIN, "/stats")).params["text"]
    assert f"Knowledge base version: {bot.services.kb.version}" in stats
    assert "Questions: 2 from 1 users (answered 50%" in stats
    assert "1×  qingdao-hitech/" in stats
    assert "Leads: 0" in stats
