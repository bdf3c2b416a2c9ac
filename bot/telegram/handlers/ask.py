"""Text questions: the core's answer with its sources, follow-ups kept to the zone asked about."""

from __future__ import annotations

import datetime as dt
import logging
import re
import time

from telegram import Message, Update
from telegram.constants import ChatType

from bot.answer.build import answer_question
from bot.answer.model import Answer
from bot.answer.render import esc, render_answer_html
from bot.clock import utc_now
from bot.errors import StorageUnavailableError
from bot.i18n import t
from bot.metrics import METRICS
from bot.telegram.context import BotContext, BotServices
from bot.telegram.handlers.common import first_read, menu_lang, send_html, stored_state, ui_lang
from bot.telegram.handlers.keyboards import answer_keyboard
from bot.telegram.ratelimit import QUESTION_WINDOW, OncePerWindow

logger = logging.getLogger(__name__)

_LIMIT_NOTICES_KEY = "question_limit_notices"


def addressed_text(message: Message, bot_id: int, bot_username: str) -> str | None:
    """Return the question in a message meant for the bot, mention removed; else None.

    In a private chat every message is meant for the bot; in a group only one that
    mentions it or replies to it.
    """
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mention = re.compile(rf"@{re.escape(bot_username)}\b", re.IGNORECASE)
    replied = message.reply_to_message
    to_bot = (
        replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    )
    if not to_bot and not mention.search(text):
        return None
    return mention.sub(" ", text).strip()


async def on_text(update: Update, context: BotContext) -> None:
    """Answer a question typed in a private chat, or addressed to the bot in a group."""
    message = update.effective_message
    question = addressed_text(message, context.bot.id, context.bot.username) if message else None
    if question is not None:
        await answer_text(update, context, question)


async def answer_text(update: Update, context: BotContext, question: str) -> None:
    """Answer a question read from a message (typed, or after a command), as the core does."""
    started = time.perf_counter()
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    services = context.services
    if await _over_question_limit(context, user.id):
        await _tell_over_limit(update, context, user.id)
        return
    state = await stored_state(update, context)  # read once: follow-up zone and language
    max_age = dt.timedelta(minutes=services.settings.context_max_age_minutes)
    zone = state.context_zone(utc_now(), max_age) if state else None
    answer = answer_question(
        services.index, question, context_zone=zone, lang=menu_lang(update, state)
    )
    # Both are written after the reply, in a batch; this process reads them back at once.
    question_id = await services.store.queue_question(user.id, question, answer)
    if answer.zone_id:
        remember_zone(services, user.id, answer.zone_id)
    await send_answer(context, message, answer, question_id=question_id)
    METRICS.record_question(answer.status, time.perf_counter() - started)


async def send_answer(
    context: BotContext, message: Message, answer: Answer, *, question_id: int | None
) -> None:
    """Reply with an answer, split when long, its buttons under the last part."""
    keyboard = answer_keyboard(
        context.services, answer, question_id=question_id, bot_username=context.bot.username
    )
    in_group = message.chat.type != ChatType.PRIVATE
    html = render_answer_html(answer)
    await send_html(
        context, message.chat_id, html, keyboard, reply_to=message if in_group else None
    )


async def on_other_message(update: Update, context: BotContext) -> None:
    """Tell a private chat that only text is read (stickers, photos, voice...)."""
    message = update.effective_message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    await message.reply_text(esc(t("non_text", await ui_lang(update, context))))


async def _over_question_limit(context: BotContext, user_id: int) -> bool:
    """Tell whether the user asked as many questions in the last minute as allowed.

    Questions are counted in the store, so the limit holds across replicas; the update's
    first transaction counted them already, unless the store was down then.
    """
    services = context.services
    started = first_read(context, user_id)
    if started is not None:
        asked = started.recent_questions
    else:
        try:
            asked = await services.store.count_recent_questions(
                user_id, utc_now() - QUESTION_WINDOW
            )
        except StorageUnavailableError:
            logger.warning("store unavailable; question answered without the rate limit")
            return False
    return asked >= services.settings.questions_per_minute


async def _tell_over_limit(update: Update, context: BotContext, user_id: int) -> None:
    """Say once a minute (per process) that questions are coming too fast; drop the rest."""
    told: OncePerWindow = context.bot_data.setdefault(
        _LIMIT_NOTICES_KEY, OncePerWindow(QUESTION_WINDOW.total_seconds())
    )
    message = update.effective_message
    if message is None or not told.first(user_id):
        return
    lang = await ui_lang(update, context)
    in_group = message.chat.type != ChatType.PRIVATE
    await send_html(
        context,
        message.chat_id,
        esc(t("question_rate_limited", lang)),
        reply_to=message if in_group else None,
    )


def remember_zone(services: BotServices, user_id: int, zone_id: str) -> None:
    """Keep the zone of the user's question for follow-ups (written after the reply)."""
    services.store.remember_zone(user_id, zone_id)
