"""Before any handler: edited messages are ignored and repeated deliveries are dropped."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.errors import StorageUnavailableError
from bot.webhook import INT64

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
        first = await context.services.store.claim_update(update.update_id)
    except StorageUnavailableError:
        logger.warning(
            "store unavailable; update %s handled without the repeat check", update.update_id
        )
        return
    if not first:
        logger.info("update %s was delivered again; skipped", update.update_id)
        raise ApplicationHandlerStop
