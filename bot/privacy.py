"""Personal data out of stored text: masking contact details, defusing spreadsheet formulas."""

from __future__ import annotations

import re

PHONE_MASK = "[phone]"
EMAIL_MASK = "[email]"
ID_NUMBER_MASK = "[id]"

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A resident ID number: 17 digits and a check digit that may be X.
_ID_NUMBER_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dA-Za-z])")
_PHONE_RES = (
    # International form: +86 138 1234 5678, +44 20 7946 0958, (+86) 532-8888 6666.
    re.compile(r"\(?\+\d{1,3}\)?(?:[\s\-.()]*\d){6,14}"),
    # Chinese mobile, optionally with 0086 or 86 in front and spaces or dashes inside.
    re.compile(r"(?<!\d)(?:0{0,2}86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d){8}(?!\d)"),
    # Landline with its area code: 010-12345678, 0532 8888 6666, (0532)88886666.
    re.compile(r"(?<!\d)\(?0\d{2,3}\)?[\s\-]?\d{3,4}[\s\-]?\d{4}(?!\d)"),
    # Service numbers: 400-123-4567, 800 123 4567.
    re.compile(r"(?<!\d)[48]00[\s\-]?\d{3}[\s\-]?\d{4}(?!\d)"),
)
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def mask_personal_data(text: str) -> str:
    """Replace phone numbers, e-mail addresses and ID numbers so logs keep no contact details."""
    text = _EMAIL_RE.sub(EMAIL_MASK, text)
    text = _ID_NUMBER_RE.sub(ID_NUMBER_MASK, text)
    for pattern in _PHONE_RES:
        text = pattern.sub(PHONE_MASK, text)
    return text


def neutralise_csv_cell(value: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula (CWE-1236)."""
    return f"'{value}" if value.startswith(_FORMULA_TRIGGERS) else value
