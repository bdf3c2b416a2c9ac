"""The lead form's steps: what each asks, what it accepts, and the hint when it refuses.

The form is a `LeadForm` kept in the store between messages, so any replica can take the
next step. This module decides the steps; the Telegram handler only carries them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from bot.personal_data import EMAIL_RE, USERNAME_RE, is_phone
from bot.storage.records import ContactMethod, LeadForm, NewLead
from bot.telegram.callbacks import LEAD_PREFIX, zone_ref

STEPS = ("consent", "company", "industry", "investment", "zones", "contact")
QUESTION_COUNT = len(STEPS) - 1  # the consent step is not numbered
MIN_ANSWER_CHARS = 2
MAX_ANSWER_CHARS = 200
FORM_CODE_CHARS = 8  # of the form id, in the form's buttons: a button of another form is stale

_LETTER_RE = re.compile(r"[^\W\d_]")
_DIGIT_RE = re.compile(r"\d|[一二三四五六七八九十百千万亿]")
_TOP_LEVEL_DOMAIN_RE = re.compile(r"[A-Za-z]{2,}")
_BUTTON_RE = re.compile(
    rf"^{LEAD_PREFIX}(?:(?P<start>[0-9a-f]{{12}})?|(?P<forget>f[yn])"
    rf"|(?P<kind>[ynudit]):(?P<form>[0-9a-f]{{{FORM_CODE_CHARS}}})(?::(?P<zone>[0-9a-f]{{12}}))?)$"
)

_METHODS: dict[str, ContactMethod] = {"phone": "phone", "email": "email", "telegram": "telegram"}
ButtonKind = Literal["start", "agree", "decline", "not_sure", "done", "undecided", "toggle"]
_KINDS: dict[str, ButtonKind] = {
    "y": "agree",
    "n": "decline",
    "u": "not_sure",
    "d": "done",
    "i": "undecided",
    "t": "toggle",
}
_BUTTON_STEPS = {
    "agree": "consent",
    "decline": "consent",
    "undecided": "investment",
    "toggle": "zones",
    "not_sure": "zones",
    "done": "zones",
}


@dataclass(frozen=True)
class Refused:
    """An answer the step does not take; `hint` is the i18n key saying what it wants."""

    hint: str


@dataclass(frozen=True)
class Contact:
    """How the investor wants to be reached, as they wrote it (trimmed)."""

    method: ContactMethod
    value: str


@dataclass(frozen=True)
class LeadButton:
    """A press on one of the form's buttons, or on /forget's confirmation."""

    kind: ButtonKind | Literal["forget", "keep"]
    form_code: str = ""  # the form the button belongs to
    zone_ref: str = ""  # the zone a start or toggle button names


def open_form(zone_id: str | None = None) -> LeadForm:
    """Start a form at the consent step; a zone's contact button preselects that zone."""
    return LeadForm("consent", {"zones": [zone_id] if zone_id else []})


def accepts(form: LeadForm, pressed: LeadButton) -> bool:
    """Tell whether a button belongs to this form and to the step it is at."""
    step = _BUTTON_STEPS.get(pressed.kind)
    return pressed.form_code == form_code(form) and step == form.step


def step_number(form: LeadForm) -> int:
    """Return the question's number, 1 to QUESTION_COUNT (0 for the consent step)."""
    return STEPS.index(form.step)


def _next(form: LeadForm, **answers: str | list[str]) -> LeadForm:
    """Move to the following step, keeping the answers given."""
    following = STEPS[STEPS.index(form.step) + 1] if form.step != STEPS[-1] else "done"
    return replace(form, step=following, answers={**form.answers, **answers})


def agree(form: LeadForm) -> LeadForm:
    """Take the consent and ask the first question."""
    return _next(form)


def _plain_text(text: str) -> str | Refused:
    """Take a short answer with at least one letter, trimmed; refuse anything else."""
    value = " ".join(text.split())
    if len(value) > MAX_ANSWER_CHARS:
        return Refused("lead_hint_too_long")
    if len(value) < MIN_ANSWER_CHARS or not _LETTER_RE.search(value):
        return Refused("lead_hint_words")
    return value


def answer_text(form: LeadForm, text: str) -> LeadForm | Refused:
    """Take a typed answer to the current step; a step with buttons refuses typing."""
    if form.step in ("consent", "zones"):
        return Refused(f"lead_hint_{form.step}")
    if form.step == "contact":
        contact = parse_contact(text)
        if contact is None:
            return Refused("lead_hint_contact")
        return _next(form, contact_method=contact.method, contact_value=contact.value)
    value = _plain_text(text) if form.step != "investment" else _amount(text)
    if isinstance(value, Refused):
        return value
    return _next(form, **{form.step: value})


def _amount(text: str) -> str | Refused:
    """Take a planned investment: a short answer with a figure in it."""
    value = " ".join(text.split())
    if len(value) > MAX_ANSWER_CHARS:
        return Refused("lead_hint_too_long")
    if not _DIGIT_RE.search(value):
        return Refused("lead_hint_investment")
    return value


def undecided_investment(form: LeadForm, label: str) -> LeadForm:
    """Take "not decided yet" as the planned investment, written as the button said it."""
    return _next(form, investment=label)


def selected_zones(form: LeadForm) -> list[str]:
    """Return the zones chosen so far."""
    zones = form.answers.get("zones", [])
    return list(zones) if isinstance(zones, list) else []


def toggle_zone(form: LeadForm, zone_id: str) -> LeadForm:
    """Add a zone to the choice, or take it out if it was in."""
    zones = selected_zones(form)
    chosen = [z for z in zones if z != zone_id] if zone_id in zones else [*zones, zone_id]
    return replace(form, answers={**form.answers, "zones": chosen})


def choose_zones(form: LeadForm, *, not_sure: bool) -> LeadForm | Refused:
    """Close the zones step: the zones chosen, or none when the investor is not sure yet."""
    if not_sure:
        return _next(form, zones=[])
    if not selected_zones(form):
        return Refused("lead_hint_zones_none")
    return _next(form)


def parse_contact(text: str) -> Contact | None:
    """Read a phone number, an e-mail address or a Telegram username; None if it is none.

    The forms are `bot.personal_data`'s, so the masks cover every contact the form accepts.
    """
    value = text.strip()
    if len(value) > MAX_ANSWER_CHARS:
        return None
    if EMAIL_RE.fullmatch(value) and _TOP_LEVEL_DOMAIN_RE.fullmatch(value.rsplit(".", 1)[1]):
        return Contact("email", value)
    username = USERNAME_RE.fullmatch(value.removesuffix("/") if "t.me/" in value else value)
    if username and username.group(1).isascii():
        return Contact("telegram", "@" + username.group(1))
    if is_phone(value):
        return Contact("phone", value)
    return None


def new_lead(form: LeadForm, user_id: int, lang: str) -> NewLead:
    """Turn a completed form into the lead to store; its form id is the idempotency key."""
    if form.step != "done":
        msg = f"the lead form is at step {form.step!r}, not done"
        raise ValueError(msg)
    answers = form.answers
    method = _METHODS[str(answers["contact_method"])]
    return NewLead(
        user_id=user_id,
        idempotency_key=form.form_id,
        language=lang,
        company=str(answers["company"]),
        industry=str(answers["industry"]),
        investment=str(answers["investment"]),
        zones=tuple(selected_zones(form)),
        contact_method=method,
        contact_value=str(answers["contact_value"]),
    )


def form_code(form: LeadForm) -> str:
    """Return the short code tying a button to this form."""
    return form.form_id[:FORM_CODE_CHARS]


def button(kind: ButtonKind, form: LeadForm, zone_id: str | None = None) -> str:
    """Data of one of the form's buttons."""
    code = next(key for key, value in _KINDS.items() if value == kind)
    data = f"{LEAD_PREFIX}{code}:{form_code(form)}"
    return f"{data}:{zone_ref(zone_id)}" if zone_id else data


def forget_button(*, confirm: bool) -> str:
    """Data of /forget's "delete everything" (confirm) or "keep it" button."""
    return f"{LEAD_PREFIX}f{'y' if confirm else 'n'}"


def parse_button(data: str) -> LeadButton | None:
    """Read a `lead:` button; None for anything this bot never made."""
    match = _BUTTON_RE.match(data)
    if match is None:
        return None
    if match["forget"]:
        return LeadButton("forget" if match["forget"] == "fy" else "keep")
    if match["kind"] is None:
        return LeadButton("start", zone_ref=match["start"] or "")
    kind = _KINDS[match["kind"]]
    if (kind == "toggle") != (match["zone"] is not None):
        return None
    return LeadButton(kind, match["form"], match["zone"] or "")
