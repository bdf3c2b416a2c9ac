"""Masking contact details in logged text, and defusing spreadsheet formulas."""

from __future__ import annotations

import pytest

from bot.privacy import mask_personal_data, neutralise_csv_cell


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
