"""Admin commands (/leads, /gaps, /stats): only listed user ids, only in private chats."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.context import BotContext


def is_admin(update: Update, context: BotContext) -> bool:
    """Tell whether the update comes from a listed admin in a private chat.

    To anyone else an admin command must behave as an unknown command, which the bot
    leaves unanswered: a handler that gets False returns without a word.
    """
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE:
        return False
    return user.id in context.services.settings.admin_ids
