"""What several handlers share: the asker's language, the zone list, sending long replies."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType

from bot.answer.render import esc, split_message
from bot.errors import StorageUnavailableError
from bot.i18n import reply_language, t
from bot.kb.models import Lang
from bot.storage.records import UpdateStart, UserState
from bot.telegram.context import BotContext
from bot.telegram.sending import send_unread

logger = logging.getLogger(__name__)


def first_read(context: BotContext, user_id: int) -> UpdateStart | None:
    """Return what the update's first transaction read about this user, if it did."""
    started = context.started
    if started is None or started.state is None or started.state.user_id != user_id:
        return None
    return started


async def stored_state(update: Update, context: BotContext) -> UserState | None:
    """Return what is kept about the asker; None without a user or while the store is down.

    The update's first transaction read it already, unless the store was down then.
    """
    user = update.effective_user
    if user is None:
        return None
    started = first_read(context, user.id)
    if started is not None:
        return started.state
    try:
        return await context.services.store.get_user(user.id)
    except StorageUnavailableError:
        logger.warning("store unavailable; answering without the user's language and context")
        return None


def menu_lang(update: Update, state: UserState | None) -> Lang:
    """The language for menus: the user's /lang choice, else their Telegram language."""
    user = update.effective_user
    return reply_language(
        chosen=state.language if state else None,
        telegram_code=user.language_code if user else None,
    )


async def ui_lang(update: Update, context: BotContext) -> Lang:
    """Return the language for menus, reading the user's choice from the store."""
    return menu_lang(update, await stored_state(update, context))


async def send_html(
    context: BotContext,
    chat_id: int,
    html: str,
    keyboard: InlineKeyboardMarkup | None = None,
    *,
    reply_to: Message | None = None,
) -> None:
    """Send HTML split at paragraph boundaries, the keyboard under the last part."""
    chunks = split_message(html)
    for number, chunk in enumerate(chunks, 1):
        markup = keyboard if number == len(chunks) else None
        if reply_to is not None and number == 1:
            await reply_to.reply_html(chunk, reply_markup=markup)
        else:
            await send_unread(context.bot, chat_id, chunk, markup)


async def private_or_say(update: Update, context: BotContext, lang: Lang) -> bool:
    """Tell whether the chat is private; in a group, ask the user to write privately."""
    chat = update.effective_chat
    if chat is None:
        return False
    if chat.type != ChatType.PRIVATE:
        await send_html(context, chat.id, esc(t("lead_private_only", lang)))
        return False
    return True


def command_text(context: BotContext) -> str:
    """The words typed after a command, one space apart ("" for none)."""
    return " ".join(context.args or [])
