"""/privacy, /mydata and /forget: what is kept and why, all of it shown, all of it deleted."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.answer.render import esc
from bot.i18n import t
from bot.kb.models import Lang
from bot.leads import form as leadform
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import private_or_say, send_html, ui_lang


async def on_privacy(update: Update, context: BotContext) -> None:
    """Say what is kept, why, and for how long."""
    if update.effective_chat is None:
        return
    settings = context.services.settings
    text = t(
        "privacy_text",
        await ui_lang(update, context),
        question_days=settings.question_log_retention_days,
        lead_days=settings.lead_retention_days,
        form_hours=settings.lead_form_retention_hours,
    )
    await send_html(context, update.effective_chat.id, esc(text))


async def on_mydata(update: Update, context: BotContext) -> None:
    """Show the user everything kept about them, split into messages Telegram accepts."""
    user = update.effective_user
    lang = await ui_lang(update, context)
    if user is None or not await private_or_say(update, context, lang):
        return
    data = await context.services.store.export_user(user.id)
    await send_html(context, user.id, esc(format_user_data(data, lang)))


def format_user_data(data: dict[str, Any], lang: Lang) -> str:
    """Write `Store.export_user`'s data as plain text, one paragraph per part."""
    user, asked, rated, leads = data["user"], data["questions"], data["feedback"], data["leads"]
    if not (user or asked or rated or leads):
        return t("mydata_empty", lang)
    parts = [t("mydata_heading", lang)]
    if user:
        lines = [t("mydata_settings", lang)]
        if user["language"]:
            lines.append(f"• {t('mydata_language', lang)}: {user['language']}")
        if user["context_zone_id"]:
            lines.append(f"• {t('mydata_zone', lang)}: {user['context_zone_id']}")
        if user["lead_form"]:
            form = user["lead_form"]
            answers = ", ".join(f"{key}: {value}" for key, value in form["answers"].items())
            lines.append(f"• {t('mydata_form', lang, step=form['step'])}: {answers}")
        parts.append("\n".join(lines))
    if asked:
        parts.append(
            "\n".join(
                [t("mydata_questions", lang, count=len(asked))]
                + [f"• {q['asked_at'][:16]}  {q['text']}  ({q['status']})" for q in asked]
            )
        )
    if rated:
        parts.append(
            "\n".join(
                [t("mydata_feedback", lang, count=len(rated))]
                + [f"• #{f['question_id']}: {'👍' if f['helpful'] else '👎'}" for f in rated]
            )
        )
    for lead in leads:
        fields = ("company", "industry", "investment", "zones", "contact_value")
        lines = [f"{t('mydata_leads', lang, count=len(leads))} #{lead['id']} {lead['created_at']}"]
        lines += [f"• {key}: {_value(lead[key])}" for key in fields]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _value(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


async def on_forget(update: Update, context: BotContext) -> None:
    """Ask for confirmation before deleting everything kept about the user."""
    user = update.effective_user
    lang = await ui_lang(update, context)
    if user is None or not await private_or_say(update, context, lang):
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("button_forget_yes", lang),
                    callback_data=leadform.forget_button(confirm=True),
                ),
                InlineKeyboardButton(
                    t("button_forget_no", lang),
                    callback_data=leadform.forget_button(confirm=False),
                ),
            ]
        ]
    )
    await send_html(context, user.id, esc(t("forget_confirm", lang)), keyboard)


async def on_forget_button(update: Update, context: BotContext) -> None:
    """Delete every row about the user when confirmed, and say so."""
    query, user = update.callback_query, update.effective_user
    pressed = leadform.parse_button(query.data or "") if query else None
    if query is None or user is None or pressed is None:
        return
    lang = await ui_lang(update, context)  # read before the language choice is deleted
    await query.answer()
    if pressed.kind == "forget":
        count = await context.services.store.forget_user(user.id)
        text = t("forget_done", lang, count=count)
    else:
        text = t("forget_kept", lang)
    if isinstance(query.message, Message):
        await query.edit_message_text(esc(text))
