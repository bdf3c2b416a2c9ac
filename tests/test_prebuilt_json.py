"""Buttons and options whose JSON is made once: sent exactly as python-telegram-bot's own."""

from __future__ import annotations

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from bot.telegram.app import NoLinkPreviews
from bot.telegram.handlers.keyboards import Button


@pytest.mark.parametrize(
    "given",
    [
        {"text": "太原中北高新区 → 搬迁补贴", "callback_data": "e:tyzb:12:ab"},
        {"text": "Share", "url": "https://t.me/share/url?url=https%3A%2F%2Ft.me%2Fb"},
        {"text": "👍", "callback_data": "fb:1:123456789"},
    ],
)
def test_a_button_turns_into_the_json_of_ptbs_own(given: dict[str, str]) -> None:
    assert Button(**given).to_dict() == InlineKeyboardButton(**given).to_dict()
    assert Button(**given) == InlineKeyboardButton(**given)


def test_a_keyboard_of_buttons_turns_into_the_json_of_ptbs_own() -> None:
    rows = [[("A", "a")], [("👍", "fb:1:7"), ("👎", "fb:0:7")]]
    ours = InlineKeyboardMarkup([[Button(t, callback_data=d) for t, d in row] for row in rows])
    ptbs = InlineKeyboardMarkup(
        [[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in rows]
    )
    assert ours.to_dict() == ptbs.to_dict()


def test_changing_a_buttons_json_does_not_change_the_next() -> None:
    button = Button("A", callback_data="a")
    button.to_dict()["text"] = "B"
    assert button.to_dict() == {"text": "A", "callback_data": "a"}


def test_no_link_previews_turns_into_the_json_of_ptbs_own() -> None:
    ptbs = LinkPreviewOptions(is_disabled=True)
    assert NoLinkPreviews().to_dict() == ptbs.to_dict()
    assert NoLinkPreviews() == ptbs
