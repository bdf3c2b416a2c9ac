"""Admin commands (/leads, /gaps, /stats): only listed user ids, only in private chats."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.constants import ChatType

from bot.answer.render import esc
from bot.clock import utc_now
from bot.leads.export import format_leads
from bot.quality.gaps import format_report, group_questions
from bot.storage.records import Stats
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import send_html

RECENT_LEADS = 20
REPORT_PERIOD = dt.timedelta(days=7)


def is_admin(update: Update, context: BotContext) -> bool:
    """Tell whether the update comes from a listed admin in a private chat.

    To anyone else an admin command must behave as an unknown command, which the bot
    leaves unanswered: a handler that gets False returns without a word.
    """
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE:
        return False
    return user.id in context.services.settings.admin_ids


async def on_leads(update: Update, context: BotContext) -> None:
    """/leads: the recent leads with how far their admin notices got."""
    if not is_admin(update, context) or update.effective_chat is None:
        return
    leads = await context.services.store.list_leads(limit=RECENT_LEADS)
    await send_html(context, update.effective_chat.id, esc(format_leads(leads)))


async def on_gaps(update: Update, context: BotContext) -> None:
    """/gaps: what people asked in the last week that got no answer, a question back, or 👎."""
    if not is_admin(update, context) or update.effective_chat is None:
        return
    since = utc_now() - REPORT_PERIOD
    groups = group_questions(await context.services.store.gap_questions(since))
    heading = f"Gaps since {since:%Y-%m-%d %H:%M} UTC"
    await send_html(
        context, update.effective_chat.id, esc(f"{heading}\n\n{format_report(groups)}")
    )


async def on_stats(update: Update, context: BotContext) -> None:
    """/stats: the last week's questions, answers, feedback and leads, and the version served."""
    if not is_admin(update, context) or update.effective_chat is None:
        return
    stats = await context.services.store.stats(utc_now() - REPORT_PERIOD)
    text = format_stats(stats, kb_version=context.services.kb.version)
    await send_html(context, update.effective_chat.id, esc(text))


def format_stats(stats: Stats, *, kb_version: str) -> str:
    """Write usage figures as plain text, one paragraph per subject."""
    per_day = "\n".join(f"  {day:%Y-%m-%d}  {count}" for day, count in stats.per_day)
    statuses = ", ".join(f"{status} {n}" for status, n in sorted(stats.by_status.items()))
    top = "\n".join(f"  {n}×  {zone}/{entry}" for zone, entry, n in stats.top_entries)
    return "\n\n".join(
        [
            f"Since {stats.since:%Y-%m-%d %H:%M} UTC\nKnowledge base version: {kb_version}",
            f"Questions: {stats.questions} from {stats.users} users "
            f"(answered {stats.answered_share:.0%}; {statuses or 'none'})",
            f"Per day:\n{per_day or '  none'}",
            f"Top entries:\n{top or '  none'}",
            f"Feedback: 👍 {stats.helpful}, 👎 {stats.unhelpful}",
            f"Leads: {stats.leads} (admin notices pending: {stats.notifications_pending})",
        ]
    )
