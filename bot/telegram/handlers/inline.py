"""Inline mode: `@bot question` in any chat offers the best answers, each with its sources."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions, Update
from telegram.constants import ParseMode

from bot.answer.build import answer_entry, answer_question
from bot.answer.model import Answer
from bot.answer.render import render_answer_html, split_message
from bot.telegram.callbacks import entry_ref
from bot.telegram.context import BotContext, BotServices
from bot.telegram.handlers.common import ui_lang

MAX_RESULTS = 10
_DESCRIPTION_CHARS = 120


async def on_inline_query(update: Update, context: BotContext) -> None:
    """Answer an inline query with one article per answer worth sending."""
    query = update.inline_query
    if query is None:
        return
    services = context.services
    results: list[InlineQueryResultArticle] = []
    if query.query.strip():
        lang = await ui_lang(update, context)
        answer = answer_question(services.index, query.query, lang=lang)
        results = [_article(a) for a in offered_answers(services, answer)[:MAX_RESULTS]]
    await query.answer(results, cache_time=services.settings.inline_cache_seconds)


def offered_answers(services: BotServices, answer: Answer) -> list[Answer]:
    """Return the answers to offer: the answer, each zone's part of a list, or the candidates."""
    if answer.status == "no_match" and not answer.blocks:
        return []
    if answer.status != "clarify" and len(answer.blocks) <= 1:  # "the source does not give…"
        return [answer]
    if answer.status == "clarify":
        picks = [(s.zone_id, s.entry_id) for s in answer.suggestions]
    else:
        picks = [(b.zone_id, b.entry_id) for b in answer.blocks]
    found = (answer_entry(services.index, z, e, answer.lang) for z, e in picks if e is not None)
    return [one for one in found if one is not None]


def _article(answer: Answer) -> InlineQueryResultArticle:
    """One inline result: titled by what it answers, its text the rendered answer."""
    block = answer.blocks[0] if answer.blocks else None
    title = f"{block.zone_name} · {block.title}" if block else answer.intro.split("\n")[0]
    description = (block.text if block else answer.intro)[:_DESCRIPTION_CHARS]
    key = entry_ref(block.zone_id, block.entry_id) if block and len(answer.blocks) == 1 else "list"
    content = InputTextMessageContent(
        split_message(render_answer_html(answer))[0],
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    return InlineQueryResultArticle(key, title, content, description=description)
