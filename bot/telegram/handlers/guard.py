"""Before any handler: edited messages are ignored and repeated deliveries are dropped.

The claim of the update and the read of its user's state are one transaction, the only one on
the path of a question's reply (docs/throughput.md).
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.clock import utc_now
from bot.errors import StorageUnavailableError
from bot.telegram.context import BotContext
from bot.telegram.ratelimit import QUESTION_WINDOW
from bot.telegram.webhook import INT64

logger = logging.getLogger(__name__)


async def skip_edits_and_repeats(update: Update, context: BotContext) -> None:
    """Stop an edit, or an update already handled (Telegram redelivers), from going further."""
    if update.edited_message is not None or update.edited_channel_post is not None:
        raise ApplicationHandlerStop
    user = update.effective_user
    if update.update_id not in INT64 or (user is not None and user.id not in INT64):
        logger.warning("an update with an id beyond 64 bits was skipped")
        raise ApplicationHandlerStop
    try:
        started = await context.services.store.start_update(
            update.update_id, user.id if user else None, since=utc_now() - QUESTION_WINDOW
        )
    except StorageUnavailableError:
        logger.warning(
            "store unavailable; update %s handled without the repeat check", update.update_id
        )
        return
    if started is None:
        logger.info("update %s was delivered again; skipped", update.update_id)
        raise ApplicationHandlerStop
    context.started = started
