"""👍/👎 on an answer: kept with the question it answered, then the buttons go away."""

from __future__ import annotations

from telegram import Message, Update

from bot.i18n import t
from bot.telegram import callbacks
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import ui_lang
from bot.telegram.handlers.keyboards import without_feedback


async def on_feedback(update: Update, context: BotContext) -> None:
    """Record the rating; thank the user, or say the button is not valid."""
    query, user = update.callback_query, update.effective_user
    action = callbacks.parse(query.data or "") if query else None
    if query is None or user is None or not isinstance(action, callbacks.Feedback):
        return
    lang = await ui_lang(update, context)
    kept = await context.services.store.record_feedback(
        user.id, action.question_id, helpful=action.helpful
    )
    await query.answer(t("feedback_thanks" if kept else "button_invalid", lang))
    if kept and isinstance(query.message, Message):
        await query.edit_message_reply_markup(without_feedback(query.message.reply_markup))
