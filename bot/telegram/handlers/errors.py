"""The error handler: log what failed (without personal data) and apologise to the user."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.answer.render import esc
from bot.i18n import reply_language, t
from bot.telegram.context import BotContext

logger = logging.getLogger(__name__)


def _cannot_reach_user(error: Exception | None) -> bool:
    """Tell whether an apology would fail too, or might follow an answer that did arrive.

    A blocked bot cannot write; after a timeout or a lost connection the reply may have been
    delivered, and a 429 that outlasted the retries would hit the apology as well.
    """
    return isinstance(error, Forbidden | RetryAfter) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    )


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure with its traceback; tell the user, in their language, that it failed."""
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("handling update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or _cannot_reach_user(context.error):
        return
    user = update.effective_user
    text = t("error", reply_language(telegram_code=user.language_code if user else None))
    # The apology is best effort: whatever broke the handler may break it too.
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer(text)
    if update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, esc(text))
        except TelegramError as exc:
            logger.warning("could not apologise for update %s: %s", update_id, exc)
