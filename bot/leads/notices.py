"""Lead notices to admins, retried until delivered, and the periodic purge of old data.

Every replica runs this loop; the store's claims make each notice go out from one of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Collection

from bot.answer.render import esc
from bot.clock import utc_now
from bot.config import Settings
from bot.errors import StorageUnavailableError
from bot.i18n import reply_language, t
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Lang
from bot.metrics import METRICS
from bot.personal_data import mask_personal_data, neutralise_controls
from bot.storage.records import Lead
from bot.storage.store import Store

logger = logging.getLogger(__name__)

SendHtml = Callable[[int, str], Awaitable[object]]
CLAIM_LEASE = dt.timedelta(minutes=2)  # a sender that crashed mid-send frees its notices then
MAX_RETRY_DELAY = dt.timedelta(hours=1)
PURGE_INTERVAL = dt.timedelta(hours=1)


def retry_delay(attempt: int, first_delay: float) -> dt.timedelta:
    """Wait longer after each failed attempt (doubling), up to an hour."""
    seconds = first_delay * 2 ** min(attempt - 1, 20)
    return min(dt.timedelta(seconds=seconds), MAX_RETRY_DELAY)


def notice_html(lead: Lead, kb: KnowledgeBase, lang: Lang) -> str:
    """Write the admin's notice of a lead, in Telegram HTML."""
    zones = [kb.zones[z].name.best(lang) if z in kb.zones else z for z in lead.zones]
    method = t(f"contact_method_{lead.contact_method}", lang)
    rows = [
        ("notice_company", lead.company),
        ("notice_industry", lead.industry),
        ("notice_investment", lead.investment),
        ("notice_zones", ", ".join(zones) or t("notice_zones_unsure", lang)),
        ("notice_contact", f"{lead.contact_value} ({method})"),
        ("notice_received", f"{lead.created_at:%Y-%m-%d %H:%M} UTC"),
    ]
    lines = [f"<b>{esc(t('notice_heading', lang, number=lead.id))}</b>"]
    lines += [f"{esc(t(key, lang))}: {esc(neutralise_controls(value))}" for key, value in rows]
    lines.append(
        f'{esc(t("notice_user", lang))}: <a href="tg://user?id={lead.user_id}">{lead.user_id}</a>'
    )
    return "\n".join(lines)


async def deliver_due_notices(
    store: Store,
    send: SendHtml,
    kb: KnowledgeBase,
    *,
    admin_ids: Collection[int],
    first_retry_delay: float,
) -> int:
    """Send every notice that is due to a current admin; record each outcome. Return how many went.

    A notice queued for someone no longer in `admin_ids` is dropped unsent: a lead's contact
    details go only to the people who are admins now.
    """
    delivered = 0
    for notice in await store.claim_due_notifications(retry_after=CLAIM_LEASE):
        lead = notice.lead
        if notice.admin_id not in admin_ids:
            await store.drop_notification(lead.id, notice.admin_id)
            logger.warning(
                "notice of lead %s to %s dropped: no longer an admin", lead.id, notice.admin_id
            )
            continue
        try:
            chosen = await store.get_language(notice.admin_id)
            lang = reply_language(chosen=chosen, given=lead.language)
            await send(notice.admin_id, notice_html(lead, kb, lang))
        except Exception as exc:  # whatever failed, the notice must stay queued and visible
            METRICS.notice_failures.inc()
            error = mask_personal_data(f"{type(exc).__name__}: {exc}")
            delay = retry_delay(notice.attempt, first_retry_delay)
            logger.warning(
                "notice of lead %s to admin %s failed (attempt %s, next in %s): %s",
                lead.id,
                notice.admin_id,
                notice.attempt,
                delay,
                error,
            )
            await store.mark_notification_failed(
                lead.id, notice.admin_id, error, retry_after=delay
            )
            continue
        await store.mark_notification_sent(lead.id, notice.admin_id)
        logger.info("notice of lead %s delivered to admin %s", lead.id, notice.admin_id)
        delivered += 1
    return delivered


async def purge_expired(store: Store, settings: Settings) -> None:
    """Delete question logs, leads and unfinished forms past the retention settings."""
    counts = await store.purge_expired(
        utc_now(),
        question_log_retention=dt.timedelta(days=settings.question_log_retention_days),
        lead_retention=dt.timedelta(days=settings.lead_retention_days),
        lead_form_retention=dt.timedelta(hours=settings.lead_form_retention_hours),
    )
    logger.info("retention purge: %s", counts)


async def run_notices(
    store: Store,
    settings: Settings,
    send: SendHtml,
    kb: Callable[[], KnowledgeBase],
    stop: asyncio.Event,
) -> None:
    """Deliver due notices every few seconds and purge hourly, until `stop` is set."""
    next_purge = utc_now()
    while not stop.is_set():
        try:
            if utc_now() >= next_purge:
                next_purge = utc_now() + PURGE_INTERVAL
                await purge_expired(store, settings)
            await deliver_due_notices(
                store,
                send,
                kb(),
                admin_ids=settings.admin_ids,
                first_retry_delay=settings.notice_retry_seconds,
            )
            METRICS.notices_pending.set(await store.count_pending_notifications())
        except StorageUnavailableError:
            logger.warning("store unavailable; lead notices wait for the next round")
        except Exception:  # the loop outlives any one failure; the next round tries again
            logger.exception("lead notice round failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), settings.notice_poll_seconds)
