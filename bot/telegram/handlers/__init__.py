"""Every handler, registered in one place; the order within a group decides who answers."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.leads import form as leadform
from bot.metrics import count_error
from bot.telegram import callbacks
from bot.telegram.handlers import (
    admin,
    ask,
    browse,
    feedback,
    inline,
    language,
    leads,
    privacy,
    reload,
    start,
)
from bot.telegram.handlers.errors import on_error
from bot.telegram.handlers.guard import skip_edits_and_repeats

GUARD_GROUP = -10  # runs first; a lead form that must see text before questions goes after it
LEAD_FORM_GROUP = -5  # an open lead form takes typed text before the question handler
NON_TEXT = (
    filters.Sticker.ALL
    | filters.PHOTO
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.ANIMATION
    | filters.Document.ALL
    | filters.LOCATION
)


def _button(kind: type) -> Any:
    """A pattern for CallbackQueryHandler: the data parses as a `kind` action."""
    return lambda data: isinstance(data, str) and isinstance(callbacks.parse(data), kind)


def _lead_button(*, forget: bool) -> Any:
    """A pattern for the `lead:` buttons: /forget's confirmation, or the lead form's."""

    def matches(data: object) -> bool:
        pressed = leadform.parse_button(data) if isinstance(data, str) else None
        return pressed is not None and (pressed.kind in ("forget", "keep")) == forget

    return matches


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add every handler and the error handler to the application."""
    app.add_handler(TypeHandler(Update, skip_edits_and_repeats), group=GUARD_GROUP)
    private_text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private_text, leads.on_form_text), group=LEAD_FORM_GROUP)
    commands = {
        "start": start.on_start,
        "help": start.on_help,
        "zones": browse.on_zones,
        "compare": browse.on_compare,
        "sources": browse.on_sources,
        "lang": language.on_lang,
        "contact": leads.on_contact,
        "cancel": leads.on_cancel,
        "privacy": privacy.on_privacy,
        "mydata": privacy.on_mydata,
        "forget": privacy.on_forget,
        "leads": admin.on_leads,
        "gaps": admin.on_gaps,
        "stats": admin.on_stats,
        "reload": reload.on_reload,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, ask.on_text))
    app.add_handler(MessageHandler(NON_TEXT, ask.on_other_message))
    app.add_handler(InlineQueryHandler(inline.on_inline_query))
    buttons = {
        callbacks.OpenEntry: browse.on_entry_button,
        callbacks.OpenZone: browse.on_zone_button,
        callbacks.OpenTopic: browse.on_topic_button,
        callbacks.Compare: browse.on_compare_button,
        callbacks.Simple: browse.on_simple_button,
        callbacks.Feedback: feedback.on_feedback,
        callbacks.SetLanguage: language.on_lang_button,
    }
    for kind, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=_button(kind)))
    app.add_handler(
        CallbackQueryHandler(privacy.on_forget_button, pattern=_lead_button(forget=True))
    )
    app.add_handler(CallbackQueryHandler(leads.on_lead_button, pattern=_lead_button(forget=False)))
    # Anything else (forged, or from an older bot) is answered, so the button stops spinning,
    # and ignored.
    app.add_handler(CallbackQueryHandler(browse.on_unknown_button))
    app.add_error_handler(on_error)
    app.add_error_handler(count_error)
