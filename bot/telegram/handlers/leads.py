"""/contact and the "Contact the zone" button: the lead form, a step at a time, kept in the store.

Typed answers reach this module before the question handler, so they are never answered or
logged as questions. No answer of the form is ever logged.
"""

from __future__ import annotations

import datetime as dt
import logging

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.answer.build import zone_name
from bot.answer.render import esc
from bot.clock import utc_now
from bot.errors import StorageUnavailableError
from bot.i18n import t
from bot.kb.models import Lang
from bot.leads import form as leadform
from bot.metrics import METRICS
from bot.storage.records import LeadForm, UserState
from bot.telegram.context import BotContext, BotServices
from bot.telegram.handlers.common import first_read, private_or_say, send_html, ui_lang

logger = logging.getLogger(__name__)

CHOSEN_MARK = "✓ "


def _private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


async def _user_state(update: Update, context: BotContext, user_id: int) -> UserState:
    """Return the user's state as the update's first transaction read it, else from the store.

    Unlike `stored_state`, raise `StorageUnavailableError`: a form step must not be guessed.
    """
    started = first_read(context, user_id)
    if started is not None and started.state is not None:
        return started.state
    return await context.services.store.get_user(user_id)


async def _over_limit(services: BotServices, user_id: int) -> bool:
    """Tell whether the user has left as many leads in a day as the settings allow."""
    since = utc_now() - dt.timedelta(days=1)
    return (
        await services.store.count_recent_leads(user_id, since) >= services.settings.leads_per_day
    )


def step_view(
    services: BotServices, form: LeadForm, lang: Lang
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Return the text asking the form's current step, and its buttons."""
    settings = services.settings
    if form.step == "consent":
        text = t(
            "lead_consent",
            lang,
            lead_days=settings.lead_retention_days,
            form_hours=settings.lead_form_retention_hours,
        )
        row = [
            _button(t("button_agree", lang), leadform.button("agree", form)),
            _button(t("button_decline", lang), leadform.button("decline", form)),
        ]
        return esc(text), InlineKeyboardMarkup([row])
    number = leadform.step_number(form)
    text = esc(t(f"lead_q_{form.step}", lang, number=number, total=leadform.QUESTION_COUNT))
    if form.step == "investment":
        undecided = _button(t("button_undecided", lang), leadform.button("undecided", form))
        return text, InlineKeyboardMarkup([[undecided]])
    if form.step == "zones":
        return text, zones_keyboard(services, form, lang)
    return text, None


def zones_keyboard(services: BotServices, form: LeadForm, lang: Lang) -> InlineKeyboardMarkup:
    """A button per zone served (ticked when chosen), then "not sure yet" and "done"."""
    chosen = leadform.selected_zones(form)
    rows = [
        [
            _button(
                (CHOSEN_MARK if zone_id in chosen else "") + zone_name(zone, lang),
                leadform.button("toggle", form, zone_id),
            )
        ]
        for zone_id, zone in services.kb.zones.items()
    ]
    rows.append(
        [
            _button(t("button_not_sure", lang), leadform.button("not_sure", form)),
            _button(t("button_done", lang), leadform.button("done", form)),
        ]
    )
    return InlineKeyboardMarkup(rows)


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


async def _ask(
    context: BotContext, chat_id: int, form: LeadForm, lang: Lang, *, hint: str | None = None
) -> None:
    """Send the current step's question, after a hint when the last answer was refused."""
    text, keyboard = step_view(context.services, form, lang)
    if hint is not None:
        text = f"{esc(t(hint, lang))}\n\n{text}"
    await send_html(context, chat_id, text, keyboard)


async def open_lead_form(update: Update, context: BotContext, zone_id: str | None = None) -> None:
    """Start a new form at its consent step, unless the user is over the daily limit."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    lang = await ui_lang(update, context)
    services = context.services
    if await _over_limit(services, user.id):
        await send_html(context, chat.id, esc(t("lead_rate_limited", lang)))
        return
    form = leadform.open_form(zone_id)
    await services.store.save_lead_form(user.id, form)
    await _ask(context, chat.id, form, lang)


async def on_contact(update: Update, context: BotContext) -> None:
    """/contact: open the form in a private chat; in a group, say to write privately."""
    if await private_or_say(update, context, await ui_lang(update, context)):
        await open_lead_form(update, context)


async def on_cancel(update: Update, context: BotContext) -> None:
    """/cancel: drop the form in progress with every answer in it."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    lang = await ui_lang(update, context)
    store = context.services.store
    had_form = (await _user_state(update, context, user.id)).lead_form is not None
    if had_form:
        await store.clear_lead_form(user.id)
    await send_html(
        context, chat.id, esc(t("lead_cancelled" if had_form else "lead_nothing_to_cancel", lang))
    )


async def on_form_text(update: Update, context: BotContext) -> None:
    """Take a typed answer to the open form; without one, let the question handler have it."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not _private(update):
        return
    try:
        form = (await _user_state(update, context, user.id)).lead_form
    except StorageUnavailableError:
        if leadform.parse_contact(message.text or "") is None:
            logger.warning("store unavailable; text taken as a question, not as a form answer")
            return
        # Contact details only answer the form's last step: say they were not received.
        logger.warning("store unavailable; a contact was not saved and the user was told")
        lang = await ui_lang(update, context)
        await send_html(context, message.chat_id, esc(t("lead_save_failed", lang)))
        raise ApplicationHandlerStop from None
    if form is None:
        return
    lang = await ui_lang(update, context)
    outcome = leadform.answer_text(form, message.text or "")
    if isinstance(outcome, leadform.Refused):
        await _ask(context, message.chat_id, form, lang, hint=outcome.hint)
    else:
        await _advance(context, message.chat_id, user.id, outcome, lang)
    raise ApplicationHandlerStop


async def _advance(
    context: BotContext, chat_id: int, user_id: int, form: LeadForm, lang: Lang
) -> None:
    """Keep the form at its next step and ask it, or save the finished lead."""
    if form.step == "done":
        await _finish(context, chat_id, user_id, form, lang)
        return
    await context.services.store.save_lead_form(user_id, form)
    await _ask(context, chat_id, form, lang)


async def _finish(
    context: BotContext, chat_id: int, user_id: int, form: LeadForm, lang: Lang
) -> None:
    """Commit the lead (once per form), then say it was received; admins hear of it later."""
    services = context.services
    if await _over_limit(services, user_id):
        await services.store.clear_lead_form(user_id)
        await send_html(context, chat_id, esc(t("lead_rate_limited", lang)))
        return
    try:
        saved = await services.store.finish_lead(
            leadform.new_lead(form, user_id, lang), admin_ids=services.settings.admin_ids
        )
    except StorageUnavailableError:
        logger.warning("store unavailable; a lead could not be saved and the user was told")
        await send_html(context, chat_id, esc(t("lead_save_failed", lang)))
        return
    logger.info("lead %s saved (new: %s)", saved.lead_id, saved.created)
    if saved.created:
        METRICS.record_lead()
    await send_html(context, chat_id, esc(t("lead_thanks", lang, number=saved.lead_id)))


async def on_lead_button(update: Update, context: BotContext) -> None:
    """Handle the contact button and the form's own buttons."""
    query, user = update.callback_query, update.effective_user
    pressed = leadform.parse_button(query.data or "") if query else None
    if query is None or user is None or pressed is None:
        return
    lang = await ui_lang(update, context)
    if not _private(update):
        await query.answer(t("lead_private_only", lang), show_alert=True)
        return
    if pressed.kind == "start":
        await query.answer()
        zone_id = context.services.refs.zone(pressed.zone_ref) if pressed.zone_ref else None
        await open_lead_form(update, context, zone_id)
        return
    form = (await _user_state(update, context, user.id)).lead_form
    if form is None or not leadform.accepts(form, pressed):
        await query.answer(t("lead_stale", lang))
        return
    await _on_form_button(query, user.id, context, form, pressed, lang)


async def _on_form_button(
    query: CallbackQuery,
    user_id: int,
    context: BotContext,
    form: LeadForm,
    pressed: leadform.LeadButton,
    lang: Lang,
) -> None:
    """Carry out a press of one of the form's buttons at the step it belongs to."""
    store = context.services.store
    if pressed.kind == "decline":
        await query.answer()
        await store.clear_lead_form(user_id)
        await send_html(context, user_id, esc(t("lead_declined", lang)))  # a private chat
        return
    if pressed.kind == "toggle":
        zone_id = context.services.refs.zone(pressed.zone_ref)
        if zone_id is None:
            await query.answer(t("zone_gone", lang))
            return
        form = leadform.toggle_zone(form, zone_id)
        await store.save_lead_form(user_id, form)
        await query.answer()
        if isinstance(query.message, Message):
            await query.edit_message_reply_markup(zones_keyboard(context.services, form, lang))
        return
    if pressed.kind == "agree":
        outcome: LeadForm | leadform.Refused = leadform.agree(form)
    elif pressed.kind == "undecided":
        outcome = leadform.undecided_investment(form, t("lead_not_decided", lang))
    else:
        outcome = leadform.choose_zones(form, not_sure=pressed.kind == "not_sure")
    if isinstance(outcome, leadform.Refused):
        await query.answer(t(outcome.hint, lang), show_alert=True)
        return
    await query.answer()
    await _advance(context, user_id, user_id, outcome, lang)
