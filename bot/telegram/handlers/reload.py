"""/reload for admins, and the notice every admin gets of every reload, automatic or not."""

from __future__ import annotations

import logging

from telegram import Bot, Update
from telegram.error import TelegramError

from bot.answer.render import esc, split_message
from bot.errors import StorageUnavailableError
from bot.i18n import reply_language, t
from bot.kb.models import Lang
from bot.reloader import KnowledgeReloader, ReloadResult
from bot.telegram.context import RELOADER_KEY, BotContext, BotServices
from bot.telegram.handlers.admin import is_admin

logger = logging.getLogger(__name__)

LISTED_PER_KIND = 15  # entry ids or problems shown in a notice; the rest are counted


async def on_reload(update: Update, context: BotContext) -> None:
    """Reload the knowledge base now; `/reload force` accepts an edit that removes most of it."""
    if not is_admin(update, context):
        return
    reloader: KnowledgeReloader = context.bot_data[RELOADER_KEY]
    await reloader.reload(force=context.args == ["force"], trigger="command")


async def notify_admins(bot: Bot, services: BotServices, result: ReloadResult) -> None:
    """Tell each admin what a reload changed, or what to fix; a no-op save stays quiet."""
    if result.outcome == "unchanged" and result.trigger == "watch":
        return
    for admin_id in sorted(services.settings.admin_ids):
        lang = await _admin_lang(services, admin_id)
        try:
            for chunk in split_message(reload_notice_html(result, lang)):
                await bot.send_message(admin_id, chunk)
        except TelegramError as exc:
            logger.warning("an admin could not be told about a reload: %s", exc)


def reload_notice_html(result: ReloadResult, lang: Lang) -> str:
    """The notice of one reload, in Telegram HTML."""
    cause = t(f"reload_by_{result.trigger}", lang)
    if result.outcome == "refused":
        lines = [t("reload_refused", lang, version=result.old_version, cause=cause)]
        errors = tuple(str(problem) for problem in result.errors)
        lines += [f"<code>{esc(error)}</code>" for error in _shown(errors)]
        lines += _more(len(result.errors), lang)
        lines.append(esc(t("reload_refused_hint", lang)))
        return "\n".join(lines)
    if result.outcome == "unchanged":
        return esc(t("reload_unchanged", lang, version=result.old_version, cause=cause))
    heading = t("reload_done", lang, old=result.old_version, new=result.new_version, cause=cause)
    lines = [esc(heading + (t("reload_forced", lang) if result.forced else ""))]
    changes = result.changes
    for kind, keys in (
        ("added", changes.added),
        ("changed", changes.changed),
        ("removed", changes.removed),
    ):
        if keys:
            shown = ", ".join(_shown(keys))
            lines.append(f"{esc(t(f'reload_{kind}', lang, count=len(keys)))} {esc(shown)}")
            lines += _more(len(keys), lang)
    if not any((changes.added, changes.changed, changes.removed)):
        lines.append(esc(t("reload_no_entry_changed", lang)))
    return "\n".join(lines)


def _shown(items: tuple[str, ...]) -> tuple[str, ...]:
    return items[:LISTED_PER_KIND]


def _more(count: int, lang: Lang) -> list[str]:
    hidden = count - LISTED_PER_KIND
    return [esc(t("reload_more", lang, count=hidden))] if hidden > 0 else []


async def _admin_lang(services: BotServices, admin_id: int) -> Lang:
    """The admin's language, as reply_language rules; the store being down counts as no choice."""
    try:
        chosen = await services.store.get_language(admin_id)
    except StorageUnavailableError:
        chosen = None
    return reply_language(chosen=chosen)
