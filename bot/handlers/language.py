"""/lang: the language of menus and of replies to input without words of its own."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import callbacks
from bot.context import BotContext
from bot.handlers.common import send_html, ui_lang
from bot.i18n import t
from bot.models import Lang
from bot.render import esc

_CHOICES: tuple[tuple[Lang, str], ...] = (("zh", "中文"), ("en", "English"))


async def on_lang(update: Update, context: BotContext) -> None:
    """Offer the languages as buttons."""
    if update.effective_chat is None:
        return
    buttons = [
        InlineKeyboardButton(label, callback_data=callbacks.set_language(lang))
        for lang, label in _CHOICES
    ]
    prompt = esc(t("lang_prompt", await ui_lang(update, context)))
    await send_html(context, update.effective_chat.id, prompt, InlineKeyboardMarkup([buttons]))


async def on_lang_button(update: Update, context: BotContext) -> None:
    """Keep the language chosen and confirm in it."""
    query, user = update.callback_query, update.effective_user
    action = callbacks.parse(query.data or "") if query else None
    if query is None or user is None or not isinstance(action, callbacks.SetLanguage):
        return
    await context.services.store.set_language(user.id, action.lang)
    await query.answer()
    await query.edit_message_text(esc(t("lang_set", action.lang)))
