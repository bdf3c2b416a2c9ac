"""Filling in the lead form of a running bot as an investor would, and an admin's notices."""

from __future__ import annotations

from bot.i18n import t
from bot.kb.models import Lang
from helpers.bot_harness import RunningBot, button_data
from helpers.botapi_standin import ApiCall, FakeUser

ADMIN = FakeUser(900, "en")
FAST_NOTICES = {"ZONEBOT_NOTICE_POLL_SECONDS": 0.1, "ZONEBOT_NOTICE_RETRY_SECONDS": 0.1}


async def press(bot: RunningBot, user: FakeUser, message: ApiCall, label: str) -> ApiCall:
    """Press the button labelled `label` and return the bot's next message to the user."""
    since = await bot.press(user, message, button_data(message, label))
    return await bot.api.reply(user.id, since=since)


async def toggle(bot: RunningBot, user: FakeUser, message: ApiCall, label: str) -> None:
    """Press a zone button and wait until its tick is shown."""
    since = await bot.press(user, message, button_data(message, label))
    await bot.api.answered("editMessageReplyMarkup", since=since)


async def fill_form_until_contact(
    bot: RunningBot, user: FakeUser, lang: Lang, answers: tuple[str, str, str], zone: str
) -> ApiCall:
    """Go through consent, company, industry, investment and zones; return the contact step."""
    consent = await bot.ask(user, "/contact")
    await press(bot, user, consent, t("button_agree", lang))
    await bot.ask(user, answers[0])
    await bot.ask(user, answers[1])
    zones = await bot.ask(user, answers[2])
    await toggle(bot, user, zones, zone)
    return await press(bot, user, zones, t("button_done", lang))


async def admin_notice(bot: RunningBot, admin: FakeUser, text: str) -> ApiCall:
    """Wait for the lead notice mentioning `text` to reach an admin's private chat."""
    [notice] = await bot.api.wait_for(
        lambda c: (
            c.ok
            and c.method == "sendMessage"
            and c.params.get("chat_id") == admin.id
            and text in c.params["text"]
        )
    )
    return notice
