"""/start (with deep links to a zone card or one answer) and /help."""

from __future__ import annotations

from telegram import Update

from bot.answer.build import zone_list
from bot.answer.render import esc
from bot.i18n import t
from bot.kb.models import Lang
from bot.telegram import callbacks
from bot.telegram.context import BotContext
from bot.telegram.handlers.ask import answer_text
from bot.telegram.handlers.browse import show_entry, show_zone
from bot.telegram.handlers.common import command_text, send_html, ui_lang
from bot.telegram.handlers.keyboards import single


def help_html(context: BotContext, lang: Lang) -> str:
    """What the bot knows, how to ask, and the commands."""
    about = t("help", lang, zones=zone_list(context.services.kb, lang))
    commands = t("commands_help", lang, bot=context.bot.username)
    return f"{esc(about)}\n\n{esc(commands)}"


async def on_start(update: Update, context: BotContext) -> None:
    """Welcome the user, open what a deep link names (`/start <payload>`), or answer a question."""
    chat = update.effective_chat
    if chat is None:
        return
    lang = await ui_lang(update, context)
    args = context.args or []
    link = callbacks.parse_payload(args[0], context.services.refs) if len(args) == 1 else None
    if link is not None and link.entry_id is not None:
        await show_entry(update, context, link.zone_id, link.entry_id, lang)
        return
    if link is not None:
        await show_zone(update, context, link.zone_id, lang)
        return
    if args and not (len(args) == 1 and callbacks.looks_like_link(args[0])):
        await answer_text(update, context, command_text(context))
        return
    if args:
        await send_html(context, chat.id, esc(t("link_invalid", lang)))
    welcome = f"<b>{esc(t('welcome', lang))}</b>\n\n{help_html(context, lang)}"
    await send_html(context, chat.id, welcome, single(t("button_zones", lang), callbacks.ZONES))


async def on_help(update: Update, context: BotContext) -> None:
    """Say what the bot knows and how to ask, or answer the question typed after /help."""
    if update.effective_chat is None:
        return
    if context.args:
        await answer_text(update, context, command_text(context))
        return
    lang = await ui_lang(update, context)
    await send_html(context, update.effective_chat.id, help_html(context, lang))
