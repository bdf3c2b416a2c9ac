"""The python-telegram-bot Application: settings, flood control, handlers, command menus."""

from __future__ import annotations

import logging
import os
from typing import Any

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

from bot.config import Settings
from bot.i18n import t
from bot.kb.models import LANGS, Lang
from bot.reloader import KnowledgeReloader, ReloadResult
from bot.telegram.apicalls import CountingRequest
from bot.telegram.context import RELOADER_KEY, SERVICES_KEY, BotContext, BotServices
from bot.telegram.handlers import register
from bot.telegram.handlers.reload import notify_admins
from bot.telegram.sending import FloodControl
from bot.telegram.sequencing import PerUserSequentialProcessor

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = ("message", "callback_query", "inline_query")
COMMANDS = ("start", "help", "zones", "compare", "sources", "contact", "privacy", "lang")
# Long polling holds one request open this long; its read timeout must exceed it.
POLL_TIMEOUT_SECONDS = 10

ZonebotApplication = Application[Any, BotContext, Any, Any, Any, Any]


class NoLinkPreviews(LinkPreviewOptions):
    """Link previews off, in JSON made once: PTB turns this default into JSON for each message."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(is_disabled=True)

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        """What PTB's own LinkPreviewOptions(is_disabled=True) gives."""
        return {"is_disabled": True}


def command_menu(lang: Lang) -> list[BotCommand]:
    """The commands Telegram lists in its menu, described in `lang`."""
    return [BotCommand(name, t(f"cmd_{name}", lang)) for name in COMMANDS]


async def _post_init(app: ZonebotApplication) -> None:
    """Set the command menu in each language (English for every other language)."""
    for lang in LANGS:
        await app.bot.set_my_commands(command_menu(lang), language_code=lang)
    await app.bot.set_my_commands(command_menu("en"))
    logger.info("bot %s is ready", app.bot.username)


def _request(settings: Settings, *, pool: int, extra_read: float = 0) -> CountingRequest:
    timeout = settings.telegram_timeout_seconds
    return CountingRequest(
        connection_pool_size=pool,
        read_timeout=timeout + extra_read,
        write_timeout=timeout,
        connect_timeout=timeout,
        pool_timeout=timeout,
        proxy=settings.proxy_url,
    )


def _reloader(app: ZonebotApplication, services: BotServices) -> KnowledgeReloader:
    """A reloader of the served knowledge base that tells the admins of every reload."""

    async def notify(result: ReloadResult) -> None:
        await notify_admins(app.bot, services, result)

    return KnowledgeReloader(
        services.settings.kb_path,
        services,
        settle_seconds=services.settings.reload_settle_seconds,
        on_result=notify,
    )


def build_application(
    settings: Settings, services: BotServices, *, polling: bool = True
) -> ZonebotApplication:
    """Build the bot: HTML replies without link previews, flood control, every handler."""
    if settings.telegram_bot_token is None:
        msg = "build_application needs TELEGRAM_BOT_TOKEN"
        raise ValueError(msg)
    # Opt in to PTB 23's timedelta durations now; without it every 429 warns.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    workers = settings.concurrent_updates
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.api_base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=NoLinkPreviews(),
            )
        )
        .concurrent_updates(PerUserSequentialProcessor(workers))
        .rate_limiter(
            FloodControl(
                per_second=settings.send_per_second,
                group_per_minute=settings.send_group_per_minute,
                max_retries=settings.send_max_retries,
                retry_delay=settings.send_retry_delay_seconds,
            )
        )
        .context_types(ContextTypes(context=BotContext))
        .request(_request(settings, pool=workers + 8))
        .get_updates_request(_request(settings, pool=1, extra_read=POLL_TIMEOUT_SECONDS))
        .post_init(_post_init)
    )
    if not polling:
        builder = builder.updater(None)
    app: ZonebotApplication = builder.build()
    app.bot_data[SERVICES_KEY] = services
    app.bot_data[RELOADER_KEY] = _reloader(app, services)
    register(app)
    return app
