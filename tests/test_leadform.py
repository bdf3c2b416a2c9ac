"""The lead form's steps: order, validation with a hint per step, buttons tied to one form."""

from __future__ import annotations

import pytest

from bot.i18n import t
from bot.leads import form as leadform
from bot.leads.form import Contact, Refused
from bot.storage.records import LeadForm
from bot.telegram import callbacks


def at_step(step: str, **answers: str | list[str]) -> LeadForm:
    return LeadForm(step, {"zones": [], **answers}, "0123456789abcdef0123456789abcdef")


def test_the_steps_come_in_order_and_end_in_a_lead_keyed_by_the_form() -> None:
    form = leadform.agree(leadform.open_form("qingdao-hitech"))
    assert form.step == "company"
    form = leadform.answer_text(form, "  Acme   Biotech ")
    assert isinstance(form, LeadForm)
    form = leadform.answer_text(form, "biomedicine")
    assert isinstance(form, LeadForm)
    form = leadform.answer_text(form, "USD 20 million")
    assert isinstance(form, LeadForm)
    assert form.step == "zones"
    form = leadform.choose_zones(leadform.toggle_zone(form, "taiyuan-zhongbei"), not_sure=False)
    assert isinstance(form, LeadForm)
    form = leadform.answer_text(form, "ceo@acme.example")
    assert isinstance(form, LeadForm)
    lead = leadform.new_lead(form, 7, "en")
    assert (lead.company, lead.industry, lead.investment) == (
        "Acme Biotech",
        "biomedicine",
        "USD 20 million",
    )
    assert lead.zones == ("qingdao-hitech", "taiyuan-zhongbei")
    assert (lead.contact_method, lead.contact_value) == ("email", "ceo@acme.example")
    assert lead.idempotency_key == form.form_id


@pytest.mark.parametrize(
    ("step", "text", "hint"),
    [
        ("company", "1", "lead_hint_words"),
        ("company", "123 456", "lead_hint_words"),
        ("industry", "x" * 201, "lead_hint_too_long"),
        ("investment", "a lot", "lead_hint_investment"),
        ("contact", "call me maybe", "lead_hint_contact"),
        ("contact", "12345", "lead_hint_contact"),
        ("contact", "name@", "lead_hint_contact"),
        ("consent", "yes", "lead_hint_consent"),
        ("zones", "Qingdao", "lead_hint_zones"),
    ],
)
def test_a_bad_answer_is_refused_with_a_hint_in_both_languages(
    step: str, text: str, hint: str
) -> None:
    outcome = leadform.answer_text(at_step(step), text)
    assert outcome == Refused(hint)
    assert t(hint, "en") != t(hint, "zh")


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("+86 138 1234 5678", Contact("phone", "+86 138 1234 5678")),
        ("0532-8888 6666", Contact("phone", "0532-8888 6666")),
        ("li.wei+zone@example.com.cn", Contact("email", "li.wei+zone@example.com.cn")),
        ("@li_wei_88", Contact("telegram", "@li_wei_88")),
        ("https://t.me/li_wei_88", Contact("telegram", "@li_wei_88")),
    ],
)
def test_a_phone_an_email_or_a_telegram_username_is_a_contact(text: str, contact: Contact) -> None:
    assert leadform.parse_contact(text) == contact


def test_chinese_amounts_count_as_a_planned_investment() -> None:
    form = leadform.answer_text(at_step("investment"), "约两亿元")
    assert isinstance(form, LeadForm)
    assert form.answers["investment"] == "约两亿元"


def test_closing_the_zones_step_needs_a_zone_or_not_sure() -> None:
    form = at_step("zones")
    assert leadform.choose_zones(form, not_sure=False) == Refused("lead_hint_zones_none")
    unsure = leadform.choose_zones(leadform.toggle_zone(form, "a"), not_sure=True)
    assert isinstance(unsure, LeadForm)
    assert (unsure.step, unsure.answers["zones"]) == ("contact", [])


def test_toggling_a_zone_twice_takes_it_out_again() -> None:
    form = leadform.toggle_zone(leadform.toggle_zone(at_step("zones"), "a"), "b")
    assert leadform.selected_zones(leadform.toggle_zone(form, "a")) == ["b"]


def test_a_button_belongs_to_one_form_and_one_step() -> None:
    form = at_step("zones")
    toggle = leadform.parse_button(leadform.button("toggle", form, "qingdao-hitech"))
    assert toggle is not None
    assert toggle.zone_ref == callbacks.zone_ref("qingdao-hitech")
    assert leadform.accepts(form, toggle)
    agree = leadform.parse_button(leadform.button("agree", form))
    assert agree is not None
    assert not leadform.accepts(form, agree)  # the consent step is over
    other_form = LeadForm("zones", {}, "f" * 32)
    assert not leadform.accepts(other_form, toggle)


def test_the_contact_button_and_the_forget_buttons_parse() -> None:
    assert leadform.parse_button(callbacks.lead()) == leadform.LeadButton("start")
    zone = leadform.parse_button(callbacks.lead("qingdao-hitech"))
    assert zone == leadform.LeadButton("start", zone_ref=callbacks.zone_ref("qingdao-hitech"))
    assert leadform.parse_button(leadform.forget_button(confirm=True)) == leadform.LeadButton(
        "forget"
    )
    assert leadform.parse_button(leadform.forget_button(confirm=False)) == leadform.LeadButton(
        "keep"
    )


@pytest.mark.parametrize(
    "data", ["lead:x", "lead:y", "lead:t:01234567", "lead:y:01234567:abcdefabcdef", "lead:fz", "x"]
)
def test_forged_lead_buttons_are_not_read(data: str) -> None:
    assert leadform.parse_button(data) is None


def test_every_button_fits_telegrams_64_bytes() -> None:
    form = at_step("zones")
    for kind in ("agree", "decline", "not_sure", "done", "undecided"):
        assert len(leadform.button(kind, form).encode()) <= callbacks.MAX_CALLBACK_BYTES
    assert len(leadform.button("toggle", form, "z" * 64).encode()) <= callbacks.MAX_CALLBACK_BYTES


def test_an_unfinished_form_makes_no_lead() -> None:
    with pytest.raises(ValueError, match="not done"):
        leadform.new_lead(at_step("contact"), 7, "en")
