"""Inline keyboards: answers, clarifications and browsing choices turned into buttons."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answer.build import zone_name
from bot.answer.model import Answer, Suggestion
from bot.answer.views import Choice
from bot.i18n import t
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Lang
from bot.telegram import callbacks
from bot.telegram.context import BotServices

MAX_LABEL = 60  # Telegram shows about this much of a button's text on a phone
SHARED_BUTTONS = 4096  # buttons kept for reuse: a reply's suggestions, contact and share

Rows = list[list[InlineKeyboardButton]]


class Button(InlineKeyboardButton):
    """PTB's button with its JSON made once, when the button is: a shared one is sent often.

    PTB turns a keyboard into JSON for each message, walking every attribute of every button;
    a button here has a text and either data or a link, and PTB's objects are frozen once made.
    """

    __slots__ = ("_json",)
    _json: dict[str, str]

    def __init__(self, text: str, *, callback_data: str | None = None, url: str | None = None):
        super().__init__(text, callback_data=callback_data, url=url)
        given = {"callback_data": callback_data, "text": text, "url": url}
        json = {key: value for key, value in given.items() if value is not None}
        object.__setattr__(self, "_json", json)  # PTB's own __setattr__ refuses once made

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        """What PTB's to_dict gives for this button (a copy: the caller may change it)."""
        return dict(self._json)


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


@functools.lru_cache(maxsize=SHARED_BUTTONS)
def _button(label: str, data: str) -> InlineKeyboardButton:
    """A button, made once per label and data: PTB's objects are frozen, and costly to make."""
    return _new_button(label, data)


def _new_button(label: str, data: str) -> InlineKeyboardButton:
    return Button(_label(label), callback_data=data)


@functools.lru_cache(maxsize=SHARED_BUTTONS)
def _link(label: str, url: str) -> InlineKeyboardButton:
    """A button opening a link, made once for the same label and link."""
    return Button(label, url=url)


def suggestion_button(
    services: BotServices, suggestion: Suggestion
) -> InlineKeyboardButton | None:
    """A button opening what a suggestion names; None when it is no longer served."""
    if suggestion.entry_id is None:
        if suggestion.zone_id not in services.kb.zones:
            return None
        return _button(suggestion.question, callbacks.open_zone(suggestion.zone_id))
    entry = services.kb.entry(suggestion.zone_id, suggestion.entry_id)
    if entry is None:
        return None
    return _button(suggestion.question, services.refs.open_entry(suggestion.zone_id, entry))


def _suggestion_rows(services: BotServices, suggestions: tuple[Suggestion, ...]) -> Rows:
    buttons = (suggestion_button(services, s) for s in suggestions)
    return [[button] for button in buttons if button is not None]


def share_url(bot_username: str, payload: str) -> str:
    """Return a link that shares a /start deep link through Telegram's share sheet."""
    link = f"https://t.me/{bot_username}?start={payload}"
    return f"https://t.me/share/url?url={quote(link, safe='')}"


def answer_keyboard(
    services: BotServices,
    answer: Answer,
    *,
    question_id: int | None,
    bot_username: str | None,
) -> InlineKeyboardMarkup | None:
    """Buttons under a reply: related entries or candidates, feedback, sharing, contact."""
    lang = answer.lang
    rows = _suggestion_rows(services, answer.related)
    if answer.status == "clarify":
        rows = _suggestion_rows(services, answer.suggestions)
        rows.append([_button(t("button_none", lang), callbacks.NONE_OF_THESE)])
    elif answer.status == "no_match":
        rows = _suggestion_rows(services, answer.suggestions)
        if answer.zone_id is None:
            rows.append([_button(t("button_zones", lang), callbacks.ZONES)])
    if answer.status == "answer" and question_id is not None:
        rows.append(feedback_row(question_id, lang))
    if answer.status == "answer" and answer.zone_id and answer.entry_id and bot_username:
        payload = callbacks.entry_payload(answer.zone_id, answer.entry_id)
        rows.append([_link(t("button_share", lang), share_url(bot_username, payload))])
    if answer.status != "clarify":
        rows += contact_rows(answer.zone_id, lang)
    return InlineKeyboardMarkup(rows) if rows else None


def contact_rows(zone_id: str | None, lang: Lang) -> Rows:
    """The "Contact the zone" button, preselecting `zone_id`."""
    return [[_button(t("button_contact", lang), callbacks.lead(zone_id))]]


def feedback_row(question_id: int, lang: Lang) -> list[InlineKeyboardButton]:
    """The 👍 and 👎 buttons for the answer to a logged question (new ones: never reused)."""
    return [
        _new_button(t("button_helpful", lang), callbacks.feedback(question_id, helpful=True)),
        _new_button(t("button_unhelpful", lang), callbacks.feedback(question_id, helpful=False)),
    ]


def without_feedback(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """Return a keyboard without its feedback buttons, once feedback was given."""
    if markup is None:
        return None
    rows = [
        [b for b in row if not str(b.callback_data or "").startswith(callbacks.FEEDBACK_PREFIX)]
        for row in markup.inline_keyboard
    ]
    kept = [row for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None


def choice_button(choice: Choice) -> InlineKeyboardButton:
    """A button opening a browsing choice: an entry, a zone's topic, or a zone card."""
    if choice.entry is not None:
        return _button(choice.label, callbacks.open_entry(choice.zone_id, choice.entry))
    if choice.topic is not None:
        return _button(choice.label, callbacks.open_topic(choice.zone_id, choice.topic))
    return _button(choice.label, callbacks.open_zone(choice.zone_id))


def choices_keyboard(
    choices: tuple[Choice, ...], extra: Rows | None = None, *, per_row: int = 1
) -> InlineKeyboardMarkup | None:
    """Lay out browsing choices, `per_row` to a row, then any extra rows."""
    buttons = [choice_button(c) for c in choices]
    rows = [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)] + (extra or [])
    return InlineKeyboardMarkup(rows) if rows else None


def single(label: str, data: str) -> InlineKeyboardMarkup:
    """A keyboard of one button."""
    return InlineKeyboardMarkup([[_button(label, data)]])


def zone_picker(
    kb: KnowledgeBase, zone_ids: list[str], data: Callable[[str], str], lang: Lang
) -> InlineKeyboardMarkup:
    """A button per zone, its data made by `data(zone_id)`."""
    return InlineKeyboardMarkup(
        [[_button(zone_name(kb.zones[z], lang), data(z))] for z in zone_ids]
    )
