"""/lang: the language of menus and of replies to input without words of its own."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.answer.render import esc
from bot.i18n import t
from bot.kb.models import Lang
from bot.telegram import callbacks
from bot.telegram.arguments import language_named
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import command_text, send_html, ui_lang

_CHOICES: tuple[tuple[Lang, str], ...] = (("zh", "中文"), ("en", "English"))


async def on_lang(update: Update, context: BotContext) -> None:
    """Switch to the language named after /lang at once, or offer the languages as buttons."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    named = command_text(context)
    chosen = language_named(named) if named else None
    if chosen is not None:
        if user is not None:
            await context.services.store.set_language(user.id, chosen)
            await send_html(context, chat.id, esc(t("lang_set", chosen)))
        return
    buttons = [
        InlineKeyboardButton(label, callback_data=callbacks.set_language(lang))
        for lang, label in _CHOICES
    ]
    lang = await ui_lang(update, context)
    prompt = esc(t("lang_prompt", lang))
    if named:
        prompt = f"{esc(t('lang_unknown', lang, name=named))}\n{prompt}"
    await send_html(context, chat.id, prompt, InlineKeyboardMarkup([buttons]))


async def on_lang_button(update: Update, context: BotContext) -> None:
    """Keep the language chosen and confirm in it."""
    query, user = update.callback_query, update.effective_user
    action = callbacks.parse(query.data or "") if query else None
    if query is None or user is None or not isinstance(action, callbacks.SetLanguage):
        return
    await context.services.store.set_language(user.id, action.lang)
    await query.answer()
    await query.edit_message_text(esc(t("lang_set", action.lang)))
