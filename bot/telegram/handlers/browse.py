"""Browsing: /zones, zone cards and topics, entry buttons, /compare and /sources."""

from __future__ import annotations

from typing import TypeVar

from telegram import InlineKeyboardButton, Update

from bot.answer.build import answer_entry
from bot.answer.render import esc
from bot.answer.views import (
    comparison,
    sources_view,
    topic_view,
    zone_card,
    zones_view,
)
from bot.i18n import list_separator, t
from bot.kb.models import Lang
from bot.telegram import callbacks
from bot.telegram.arguments import NamedZones, zones_named
from bot.telegram.context import BotContext
from bot.telegram.handlers.ask import remember_zone, send_answer
from bot.telegram.handlers.common import command_text, send_html, ui_lang
from bot.telegram.handlers.keyboards import choices_keyboard, contact_rows, single, zone_picker

ActionT = TypeVar("ActionT")


async def on_zones(update: Update, context: BotContext) -> None:
    """Open the cards of the zones named after /zones, or list the zones as buttons."""
    chat = update.effective_chat
    if chat is None:
        return
    lang = await ui_lang(update, context)
    named = zones_named(context.services.index.finder, command_text(context))
    if named.unknown or not named.zone_ids:
        view = zones_view(context.services.kb, lang)
        html = f"{_not_found(named, lang)}{view.html}"
        await send_html(context, chat.id, html, choices_keyboard(view.choices))
    for zone_id in named.zone_ids:
        await show_zone(update, context, zone_id, lang)


def _not_found(named: NamedZones, lang: Lang) -> str:
    """Say which names match no zone (escaped HTML ending in a blank line), or nothing."""
    if not named.unknown:
        return ""
    names = list_separator(lang).join(f"“{name}”" for name in named.unknown)
    return esc(t("zone_not_found", lang, names=names)) + "\n\n"


async def show_zone(update: Update, context: BotContext, zone_id: str, lang: Lang) -> None:
    """Send a zone card: summary, industries, sources, a button per topic, compare, contact."""
    if update.effective_chat is None:
        return
    view = zone_card(context.services.kb, zone_id, lang)
    extra: list[list[InlineKeyboardButton]] = []
    if len(context.services.kb.zones) > 1:
        compare = InlineKeyboardButton(
            t("button_compare", lang), callback_data=callbacks.compare(zone_id)
        )
        extra.append([compare])
    extra += contact_rows(zone_id, lang)
    keyboard = choices_keyboard(view.choices, extra, per_row=2)
    await send_html(context, update.effective_chat.id, view.html, keyboard)


async def show_entry(
    update: Update, context: BotContext, zone_id: str, entry_id: str, lang: Lang
) -> None:
    """Send one entry's answer, as a question about it would get it."""
    message = update.effective_message
    answer = answer_entry(context.services.index, zone_id, entry_id, lang)
    if message is None or answer is None:
        return
    if update.effective_user is not None:
        remember_zone(context.services, update.effective_user.id, zone_id)
    await send_answer(context, message, answer, question_id=None)


async def _pressed(update: Update, kind: type[ActionT]) -> ActionT | None:
    """Acknowledge a button press and return its action, when it is of `kind`."""
    query = update.callback_query
    if query is None:
        return None
    await query.answer()
    action = callbacks.parse(query.data or "")
    return action if isinstance(action, kind) else None


async def _say(update: Update, context: BotContext, text: str, lang: Lang) -> None:
    """Tell the user something went out of date, with a way back to the zone list."""
    if update.effective_chat is not None:
        keyboard = single(t("button_zones", lang), callbacks.ZONES)
        await send_html(context, update.effective_chat.id, esc(text), keyboard)


async def _zone_or_say(update: Update, context: BotContext, ref: str, lang: Lang) -> str | None:
    """Return the zone a button's code names, or say it is gone and return None."""
    zone_id = context.services.refs.zone(ref)
    if zone_id is None:
        await _say(update, context, t("zone_gone", lang), lang)
    return zone_id


async def on_zone_button(update: Update, context: BotContext) -> None:
    """Open the zone card a button names, or say the zone is gone."""
    action = await _pressed(update, callbacks.OpenZone)
    if action is None:
        return
    lang = await ui_lang(update, context)
    zone_id = await _zone_or_say(update, context, action.ref, lang)
    if zone_id is not None:
        await show_zone(update, context, zone_id, lang)


async def on_topic_button(update: Update, context: BotContext) -> None:
    """List a zone's entries on the topic a button names."""
    action = await _pressed(update, callbacks.OpenTopic)
    if action is None or update.effective_chat is None:
        return
    lang = await ui_lang(update, context)
    zone_id = await _zone_or_say(update, context, action.ref, lang)
    if zone_id is not None:
        view = topic_view(context.services.kb, zone_id, action.topic, lang)
        keyboard = choices_keyboard(view.choices)
        await send_html(context, update.effective_chat.id, view.html, keyboard)


async def on_entry_button(update: Update, context: BotContext) -> None:
    """Open the entry a button names; say so when it changed since, or is gone."""
    action = await _pressed(update, callbacks.OpenEntry)
    if action is None or update.effective_chat is None:
        return
    lang = await ui_lang(update, context)
    found = context.services.refs.entry(action)
    if found.status == "gone":
        await _say(update, context, t("entry_gone", lang), lang)
        return
    if found.status == "changed":
        await send_html(context, update.effective_chat.id, esc(t("entry_changed", lang)))
    await show_entry(update, context, found.zone_id, found.entry_id, lang)


async def on_simple_button(update: Update, context: BotContext) -> None:
    """Show the zone list again, or answer "none of these" with how to ask better."""
    action = await _pressed(update, callbacks.Simple)
    if action is None or update.effective_chat is None:
        return
    if action.name == callbacks.ZONES:
        await on_zones(update, context)
        return
    lang = await ui_lang(update, context)
    await _say(update, context, t("none_of_these", lang), lang)


async def on_compare(update: Update, context: BotContext) -> None:
    """Compare the two zones named after /compare, or ask for the zones not named yet."""
    if update.effective_chat is None:
        return
    lang = await ui_lang(update, context)
    kb, chat_id = context.services.kb, update.effective_chat.id
    if len(kb.zones) < 2:
        await send_html(context, chat_id, esc(t("compare_need_two", lang)))
        return
    named = zones_named(context.services.index.finder, command_text(context))
    if len(named.zone_ids) >= 2:
        first, second = named.zone_ids[:2]
        html = _not_found(named, lang) + comparison(kb, first, second, lang)
        await send_html(context, chat_id, html)
    elif len(named.zone_ids) == 1:
        await _offer_second(update, context, named.zone_ids[0], lang, _not_found(named, lang))
    else:
        keyboard = zone_picker(kb, list(kb.zones), callbacks.compare, lang)
        prompt = _not_found(named, lang) + esc(t("compare_pick_first", lang))
        await send_html(context, chat_id, prompt, keyboard)


async def _offer_second(
    update: Update, context: BotContext, first: str, lang: Lang, before: str = ""
) -> None:
    """Ask which zone to compare `first` with, after `before` (escaped HTML)."""
    if update.effective_chat is None:
        return
    kb = context.services.kb
    others = [z for z in kb.zones if z != first]
    keyboard = zone_picker(kb, others, lambda z: callbacks.compare(first, z), lang)
    prompt = before + esc(t("compare_pick_second", lang, zone=kb.zones[first].name.best(lang)))
    await send_html(context, update.effective_chat.id, prompt, keyboard)


async def on_compare_button(update: Update, context: BotContext) -> None:
    """Take the first zone and offer the second, or compare the two picked."""
    action = await _pressed(update, callbacks.Compare)
    if action is None or update.effective_chat is None:
        return
    lang = await ui_lang(update, context)
    kb, refs, chat_id = context.services.kb, context.services.refs, update.effective_chat.id
    first = refs.zone(action.first)
    second = refs.zone(action.second) if action.second else None
    if first is None or (action.second and second is None):
        await _say(update, context, t("zone_gone", lang), lang)
    elif second is None:
        await _offer_second(update, context, first, lang)
    else:
        await send_html(context, chat_id, comparison(kb, first, second, lang))


async def on_sources(update: Update, context: BotContext) -> None:
    """List the documents the answers cite."""
    if update.effective_chat is None:
        return
    html = sources_view(context.services.kb, await ui_lang(update, context))
    await send_html(context, update.effective_chat.id, html)


async def on_unknown_button(update: Update, context: BotContext) -> None:
    """Answer a button this bot did not make, and do nothing else."""
    if update.callback_query is not None:
        await update.callback_query.answer(t("button_invalid", await ui_lang(update, context)))
