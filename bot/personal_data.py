"""Personal data out of stored and logged text, and operators' screens kept safe from it.

The contact forms defined here are the lead form's validators as well as the masks, so
whatever the form accepts as a phone, an e-mail address or a Telegram username is masked
wherever it is logged or stored. Every pattern is linear in its input: a match can only
start where a run of its characters starts, and no quantifier can give back what it took.
"""

from __future__ import annotations

import asyncio
import re
import unicodedata

PHONE_MASK = "[phone]"
EMAIL_MASK = "[email]"
ID_NUMBER_MASK = "[id]"
USERNAME_MASK = "[username]"
MIN_PHONE_DIGITS = 7  # with a country code (+44 20 7946 0958)
MIN_LOCAL_PHONE_DIGITS = 9  # without one: an area code makes it reachable, 2023-2025 is a range
MAX_PHONE_DIGITS = 15  # E.164
REPLACEMENT_CHAR = "\ufffd"
MAX_MASKED_CHARS = 4096  # a Telegram message's length: a stored question keeps this prefix
INLINE_MASK_CHARS = 128  # masking this many characters takes well under a millisecond

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
# A Telegram username, or a t.me link to one: Telegram allows 5-32 characters.
USERNAME_RE = re.compile(r"(?<![\w@/.])(?:(?:https?://)?t\.me/|@)([A-Za-z]\w{4,31}+)(?![\w@])")
# A resident ID number: 17 digits and a check digit that may be X.
_ID_NUMBER_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dA-Za-z])")
# A run of digit groups as phone numbers are written: +86 138 1234 5678, (0532)8888-6666,
# 138.1234.5678. Which part of a run is a phone is decided by `_phone_end`, not by the pattern.
_SEPARATOR = r"[ \t\u00a0.\-]"
_NUMBER_RUN_RE = re.compile(
    rf"(?<![\d+(])(?:\(\+?|\+)?\d++(?:(?:{_SEPARATOR}|\){_SEPARATOR}?|{_SEPARATOR}?\()\d++)*+\)?"
)
_DIGITS_RE = re.compile(r"\d++")
# Numbers written without separators: a Chinese mobile, a number with its area or international
# prefix (0...), a service number (400/800).
_UNSEPARATED_PHONE_RE = re.compile(r"1[3-9]\d{9}|0\d{8,14}|[48]00\d{7}")
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Control characters (C0, DEL, C1), format characters (bidi overrides and isolates, zero-width
# marks), line and paragraph separators, surrogates: what could move a terminal's cursor,
# reorder a line or hide text.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _phone_end(groups: list[str], seps: list[str], start: int, *, international: bool) -> int:
    """Return one past the last group of the longest phone starting at group `start`, or -1."""
    found, digits = -1, 0
    for end in range(start, len(groups)):
        digits += len(groups[end])
        if digits > MAX_PHONE_DIGITS or (len(groups[end]) < 2 and not international):
            break  # only a number with its country code has one-digit groups
        if digits >= MIN_PHONE_DIGITS and _is_phone(
            groups[start : end + 1], seps[start:end], international=international
        ):
            found = end + 1
    return found


def _is_phone(groups: list[str], seps: list[str], *, international: bool) -> bool:
    """Tell whether digit groups, as separated, are written the way a phone number is."""
    digits = sum(len(group) for group in groups)
    if international:
        return MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS
    if not MIN_LOCAL_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
        return False
    if len(groups) == 1:
        return _UNSEPARATED_PHONE_RE.fullmatch(groups[0]) is not None
    if len(groups[0]) < 2 or (len(groups) == 2 and "." in seps[0]):
        return False  # 1 000 000 is an amount, 12.5678901 a decimal
    rest = groups[1:]
    if all(len(g) >= 3 for g in rest):
        return True
    # In pairs, as in 01 23 45 67 89: a trunk prefix 0 tells it from a date and a time.
    return len(groups) >= 4 and groups[0].startswith("0") and all(len(g) >= 2 for g in rest)


def _mask_number_run(run: re.Match[str]) -> str:
    """Mask the phones in a run of digit groups, leaving the other figures as written."""
    text = run.group()
    spans = [(m.start(), m.end()) for m in _DIGITS_RE.finditer(text)]
    groups = [text[a:b] for a, b in spans]
    seps = [text[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1)]
    out, kept, index = [], 0, 0
    while index < len(groups):
        international = index == 0 and "+" in text[: spans[0][0]]
        end = _phone_end(groups, seps, index, international=international)
        if end < 0:
            index += 1
            continue
        begin = 0 if index == 0 else spans[index][0]
        out += [text[kept:begin], PHONE_MASK]
        kept, index = spans[end - 1][1], end
    out.append(text[kept:])
    return "".join(out)


def is_phone(text: str) -> bool:
    """Tell whether the whole text is one phone number, written as the masks recognise it."""
    run = _NUMBER_RUN_RE.fullmatch(text.strip())
    return run is not None and _mask_number_run(run) == PHONE_MASK


def mask_personal_data(text: str) -> str:
    """Replace e-mail addresses, ID numbers, phone numbers and Telegram usernames."""
    text = EMAIL_RE.sub(EMAIL_MASK, text)
    text = _ID_NUMBER_RE.sub(ID_NUMBER_MASK, text)
    text = _NUMBER_RUN_RE.sub(_mask_number_run, text)
    return USERNAME_RE.sub(USERNAME_MASK, text)


async def mask_stored_text(text: str) -> str:
    """Mask the first MAX_MASKED_CHARS characters, in a worker thread unless the text is short.

    Masking a long adversarial text takes milliseconds; the event loop serves other chats.
    """
    text = text[:MAX_MASKED_CHARS]
    if len(text) <= INLINE_MASK_CHARS:
        return mask_personal_data(text)
    return await asyncio.to_thread(mask_personal_data, text)


def neutralise_controls(text: str) -> str:
    """Replace control, bidi and other invisible format characters with U+FFFD.

    For what operators read: a terminal, a Telegram message, a spreadsheet cell.
    """
    if text.isprintable():  # fast path; isprintable is False for every unsafe character
        return text
    return "".join(
        REPLACEMENT_CHAR if unicodedata.category(c) in _UNSAFE_CATEGORIES else c for c in text
    )


def neutralise_csv_cell(value: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula (CWE-1236)."""
    return f"'{value}" if value.startswith(_FORMULA_TRIGGERS) else value
