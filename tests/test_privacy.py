"""Masking contact details in logged text, neutralising control characters, defusing formulas."""

from __future__ import annotations

import re
import statistics
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.leads.form import parse_contact
from bot.personal_data import (
    MAX_MASKED_CHARS,
    mask_personal_data,
    mask_stored_text,
    neutralise_controls,
    neutralise_csv_cell,
)

# Every phone form the lead form accepts, the ones the masks once missed among them.
ACCEPTED_PHONES = (
    "+86 138 1234 5678",
    "13812345678",
    "+8613812345678",
    "0086 13812345678",
    "555-123-4567",
    "138.1234.5678",
    "(138) 1234-5678",
    "010.6552.9988",
    "(0532)88886666",
    "0532 8888 6666",
    "(+86) 532-8888 6666",
    "+44 20 7946 0958",
    "+1 (555) 123-4567",
    "400-123-4567",
    "01 23 45 67 89",
)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("call 13812345678 today", "call [phone] today"),
        ("电话：+86 138 1234 5678", "电话：[phone]"),
        ("+86-138-1234-5678", "[phone]"),
        ("0086 13812345678", "[phone]"),
        ("手机 138-1234-5678", "手机 [phone]"),
        ("座机 010-12345678", "座机 [phone]"),
        ("办公室 0532 8888 6666", "办公室 [phone]"),
        ("(0532)88886666 转 8", "[phone] 转 8"),
        ("热线 400-123-4567", "热线 [phone]"),
        ("London +44 20 7946 0958", "London [phone]"),
        ("写信到 li.wei+zone@example.com.cn 吧", "写信到 [email] 吧"),
        ("a@b.co and c.d@e.org", "[email] and [email]"),
        ("身份证 11010519491231002X", "身份证 [id]"),
        ("美国 555-123-4567 找我", "美国 [phone] 找我"),
        ("手机138.1234.5678", "手机[phone]"),
        ("(138) 1234-5678", "[phone]"),
        ("办公室 010.6552.9988", "办公室 [phone]"),
        ("13812345678 13912345678", "[phone] [phone]"),
        ("TG @li_wei_88 或 https://t.me/li_wei_88", "TG [username] 或 [username]"),
    ],
)
def test_contact_details_are_masked(text: str, masked: str) -> None:
    assert mask_personal_data(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "2023年营收1250亿元，投资5000万元",
        "投资 1000000000 元",
        "2024-05-01 的政策",
        "R&D 补贴 15%",
        "邮编 266000",
        "What is the rent per m² in 2024?",
        "2023-2025年的补贴",
        "投资 1 000 000 元，利率 12.5678901",
    ],
)
def test_figures_dates_and_plain_text_are_left_alone(text: str) -> None:
    assert mask_personal_data(text) == text


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+86 138 1234 5678", "'+86 138 1234 5678"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Acme = good", "Acme = good"),
        ("", ""),
    ],
)
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(cell: str, safe: str) -> None:
    assert neutralise_csv_cell(cell) == safe


@pytest.mark.parametrize("phone", ACCEPTED_PHONES)
def test_every_phone_form_the_lead_form_accepts_is_masked_in_text(phone: str) -> None:
    contact = parse_contact(phone)
    assert contact is not None
    assert contact.method == "phone"
    masked = mask_personal_data(f"联系 {phone}，谢谢")
    assert not re.search(r"\d", masked), masked


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A\+?\(?[0-9]{1,4}\)?([ .()-]{0,2}[0-9]{1,5}){1,5}\Z"))
def test_whatever_the_form_takes_as_a_phone_the_masks_cover(text: str) -> None:
    contact = parse_contact(text)
    if contact is not None and contact.method == "phone":
        assert not re.search(r"\d", mask_personal_data(f"x {text} y")), text


@pytest.mark.parametrize("contact", ["li.wei+zone@example.com.cn", "@li_wei_88", "t.me/li_wei_88"])
def test_every_other_contact_form_the_lead_form_accepts_is_masked(contact: str) -> None:
    assert parse_contact(contact) is not None
    masked = mask_personal_data(f"reach me: {contact} ok")
    assert "li" not in masked.replace("reach", ""), masked


def _median_seconds(text: str) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        mask_personal_data(text)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


@pytest.mark.parametrize(
    "unit",
    ["1", "1 ", "12 ", "+1 ", "a@", "a.b@", "@a", "+(", "word", "中文abc12 ", "a"],
)
def test_masking_costs_grow_linearly_with_the_length_of_adversarial_text(unit: str) -> None:
    short = (unit * 4000)[:4000]
    long = (unit * 64000)[:64000]
    ratio = _median_seconds(long) / max(_median_seconds(short), 1e-6)
    # Linear is 16 (up to ~45 with cache effects), quadratic 256.
    assert ratio < 100, f"16x the text cost {ratio:.0f}x the time: quadratic"


async def test_a_stored_question_is_masked_from_a_bounded_prefix() -> None:
    masked = await mask_stored_text("电话 13812345678 " + "1" * 100_000)
    assert masked.startswith("电话 [phone] ")
    assert len(masked) <= MAX_MASKED_CHARS


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("Acme\x1b[2J\x07 Ltd", "Acme\ufffd[2J\ufffd Ltd"),
        ("evil\u202egnp.exe", "evil\ufffdgnp.exe"),
        ("a\u2066b\u2069c\u200bd", "a\ufffdb\ufffdc\ufffdd"),
        ("line\nbreak\r\u2028", "line\ufffdbreak\ufffd\ufffd"),
        ("青岛 Robotics\u00a0Co.", "青岛 Robotics\u00a0Co."),
    ],
)
def test_control_and_bidi_characters_are_replaced_for_operators(text: str, safe: str) -> None:
    assert neutralise_controls(text) == safe
