"""The typed context every handler gets: the knowledge base served, the store, the settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from bot.kb.knowledge import KnowledgeBase
from bot.search.index import ZoneIndex
from bot.storage.records import UpdateStart
from bot.storage.store import Store
from bot.telegram.callbacks import RefTable

SERVICES_KEY = "services"
RELOADER_KEY = "reloader"


@dataclass
class BotServices:
    """What handlers share; a reload swaps `index` in one assignment."""

    index: ZoneIndex
    store: Store
    settings: Settings
    _refs: RefTable | None = field(default=None, repr=False)

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base being served."""
        return self.index.kb

    @property
    def refs(self) -> RefTable:
        """The button codes of the knowledge base being served, built once per version."""
        if self._refs is None or self._refs.kb is not self.kb:
            self._refs = RefTable(self.kb)
        return self._refs


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[str, Any]]):
    """CallbackContext with the bot's services one attribute away.

    One context serves every handler of an update; `started` is what the update's first
    transaction read (bot.telegram.handlers.guard), so handlers need not read the store again.
    """

    started: UpdateStart | None = None

    @property
    def services(self) -> BotServices:
        """The services the application was built with."""
        services = self.bot_data[SERVICES_KEY]
        if not isinstance(services, BotServices):
            msg = "the application was built without BotServices"
            raise TypeError(msg)
        return services
