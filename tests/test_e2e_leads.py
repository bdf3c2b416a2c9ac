"""End to end: the lead form, its admin notices, /privacy, /mydata and /forget, on the real bot."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
from helpers.bot_harness import RunningBot, button_data, buttons, running_bot
from helpers.botapi_standin import ApiCall, FakeChat, FakeUser
from helpers.lead_form import (
    ADMIN,
    FAST_NOTICES,
    admin_notice,
    fill_form_until_contact,
    press,
    toggle,
)
from sqlalchemy import func, select

from bot.i18n import t
from bot.metrics import METRICS
from bot.storage.records import Lead
from bot.storage.tables import metadata

EN = FakeUser(202, "en-US")
ZH = FakeUser(201, "zh-hans")
SILENT_ADMIN = FakeUser(901, "en")  # has never written to the bot: Telegram refuses to reach them
PHONE = "+86 138 1234 5678"
EMAIL = "li.wei@acme-bio.example"


def running(tmp_path: Path, **overrides: Any) -> Any:
    """The bot with one admin, notices checked often."""
    settings = {"ZONEBOT_ADMIN_IDS": str(ADMIN.id), **FAST_NOTICES, **overrides}
    return running_bot(tmp_path, **settings)


async def lead_once_notified(bot: RunningBot, within: float = 30.0) -> Lead:
    """Wait until the only lead's notices are all recorded as sent; return it."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        [lead] = await bot.services.store.list_leads()
        if all(n.status == "sent" for n in lead.notifications):
            return lead
        assert asyncio.get_running_loop().time() < deadline, lead.notifications
        await asyncio.sleep(0.05)


async def test_the_whole_form_in_english_saves_the_lead_before_thanking_and_notifies_the_admin(
    tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running(tmp_path, ZONEBOT_DATABASE_URL=database_url) as bot:
        await bot.ask(ADMIN, "/start")
        consent = await bot.ask(EN, "/contact")
        assert "365 days" in consent.params["text"]
        assert "24 hours" in consent.params["text"]
        assert "Asking questions never requires this" in consent.params["text"]
        company = await press(bot, EN, consent, "I agree")
        assert "Question 1 of 5" in company.params["text"]
        industry = await bot.ask(EN, "Acme Biotech")
        assert "industry" in industry.params["text"]
        investment = await bot.ask(EN, "biomedicine")
        assert button_data(investment, "Not decided yet")
        zones = await bot.ask(EN, "USD 20 million")
        await toggle(bot, EN, zones, "Qingdao High-tech Zone")
        contact = await press(bot, EN, zones, "Done")
        assert "Question 5 of 5" in contact.params["text"]

        thanks = await bot.ask(EN, EMAIL)

        [lead] = await bot.services.store.list_leads()
        assert "received" in thanks.params["text"]
        assert f"no. {lead.id}" in thanks.params["text"]
        assert (lead.company, lead.industry, lead.investment) == (
            "Acme Biotech",
            "biomedicine",
            "USD 20 million",
        )
        assert lead.zones == ("qingdao-hitech",)
        assert (lead.contact_method, lead.contact_value) == ("email", EMAIL)
        notice = await admin_notice(bot, ADMIN, "Acme Biotech")
        assert EMAIL in notice.params["text"]
        assert "Qingdao High-tech Zone" in notice.params["text"]
        exported = await bot.services.store.export_user(EN.id)
        assert exported["questions"] == []  # the form's answers were never taken as questions
        assert exported["user"]["lead_form"] is None  # no draft: the contact lives in the lead
    assert EMAIL not in caplog.text
    assert "Acme Biotech" not in caplog.text


async def test_the_whole_form_in_chinese_with_not_sure_and_a_phone_number(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running(tmp_path) as bot:
        await bot.ask(ADMIN, "/start")
        consent = await bot.ask(ZH, "/contact")
        assert "365 天" in consent.params["text"]
        company = await press(bot, ZH, consent, "同意")
        assert "第 1 题" in company.params["text"]
        await bot.ask(ZH, "青岛康复科技有限公司")
        investment = await bot.ask(ZH, "医疗器械")
        zones = await press(bot, ZH, investment, "尚未确定")
        assert "第 4 题" in zones.params["text"]
        contact = await press(bot, ZH, zones, "还不确定")
        thanks = await bot.ask(ZH, PHONE)
        assert "已收到" in thanks.params["text"]
        [lead] = await bot.services.store.list_leads()
        assert (lead.language, lead.investment, lead.zones) == ("zh", "尚未确定", ())
        assert (lead.contact_method, lead.contact_value) == ("phone", PHONE)
        assert "招商部门如何联系您" in contact.params["text"]
        notice = await admin_notice(bot, ADMIN, "青岛康复科技有限公司")
        assert PHONE in notice.params["text"]
    assert PHONE not in caplog.text


async def test_each_step_refuses_a_bad_answer_with_its_hint_and_asks_again(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as bot:
        consent = await bot.ask(EN, "/contact")
        typed = await bot.ask(EN, "sure")
        assert t("lead_hint_consent", "en") in typed.params["text"]
        await press(bot, EN, consent, "I agree")
        refused = await bot.ask(EN, "42")
        assert t("lead_hint_words", "en") in refused.params["text"]
        assert "Question 1 of 5" in refused.params["text"]
        await bot.ask(EN, "Acme")
        await bot.ask(EN, "chemicals")
        refused = await bot.ask(EN, "a lot")
        assert t("lead_hint_investment", "en") in refused.params["text"]
        zones = await bot.ask(EN, "RMB 50 million")
        since = await bot.press(EN, zones, button_data(zones, "Done"))
        alert = await bot.api.answered("answerCallbackQuery", since=since)
        assert alert.params["text"] == t("lead_hint_zones_none", "en")
        contact = await press(bot, EN, zones, "Not sure yet")
        assert "Question 5 of 5" in contact.params["text"]
        refused = await bot.ask(EN, "call me")
        assert t("lead_hint_contact", "en") in refused.params["text"]
        thanks = await bot.ask(EN, "@acme_invest")
        assert "received" in thanks.params["text"]
        [lead] = await bot.services.store.list_leads()
        assert (lead.contact_method, lead.contact_value) == ("telegram", "@acme_invest")


async def test_cancel_at_a_step_drops_the_draft_and_questions_are_answered_again(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as bot:
        consent = await bot.ask(EN, "/contact")
        await press(bot, EN, consent, "I agree")
        await bot.ask(EN, "Acme")
        cancelled = await bot.ask(EN, "/cancel")
        assert cancelled.params["text"] == t("lead_cancelled", "en")
        assert (await bot.services.store.get_user(EN.id)).lead_form is None
        answer = await bot.ask(EN, "What was Qingdao's biomedicine revenue in 2022?")
        assert "Qingdao" in answer.params["text"]
        again = await bot.ask(EN, "/cancel")
        assert again.params["text"] == t("lead_nothing_to_cancel", "en")
        assert await bot.services.store.list_leads() == []


async def test_declining_consent_keeps_nothing(tmp_path: Path) -> None:
    async with running(tmp_path) as bot:
        consent = await bot.ask(EN, "/contact")
        declined = await press(bot, EN, consent, "No thanks")
        assert declined.params["text"] == t("lead_declined", "en")
        assert (await bot.services.store.get_user(EN.id)).lead_form is None
        since = await bot.press(EN, consent, button_data(consent, "I agree"))
        stale = await bot.api.answered("answerCallbackQuery", since=since)
        assert stale.params["text"] == t("lead_stale", "en")


async def test_a_final_step_processed_again_makes_no_second_lead(tmp_path: Path) -> None:
    async with running(tmp_path) as bot:
        await fill_form_until_contact(
            bot, EN, "en", ("Acme", "chemicals", "USD 5 million"), "Qingdao"
        )
        draft = (await bot.services.store.get_user(EN.id)).lead_form
        assert draft is not None
        counted = METRICS.leads._value.get()
        first = await bot.ask(EN, PHONE)
        # Another replica read the same draft before the first finished, and takes the step too.
        await bot.services.store.save_lead_form(EN.id, draft)
        second = await bot.ask(EN, PHONE)
        [lead] = await bot.services.store.list_leads()
        assert f"no. {lead.id}" in first.params["text"]
        assert second.params["text"] == first.params["text"]
        assert (await bot.services.store.get_user(EN.id)).lead_form is None
        assert METRICS.leads._value.get() == counted + 1  # the metric counts the lead once


async def test_a_failing_admin_notice_is_retried_shown_in_leads_and_then_delivered(
    tmp_path: Path,
) -> None:
    admins = f"{ADMIN.id},{SILENT_ADMIN.id}"
    async with running(tmp_path, ZONEBOT_ADMIN_IDS=admins) as bot:
        await bot.ask(ADMIN, "/start")
        contact = await fill_form_until_contact(
            bot, EN, "en", ("Acme", "chemicals", "USD 5 million"), "Qingdao"
        )
        await bot.ask(EN, PHONE)
        await admin_notice(bot, ADMIN, "Acme")
        await bot.api.wait_for(
            lambda c: not c.ok and c.params.get("chat_id") == SILENT_ADMIN.id, count=2
        )
        listing = await bot.ask(ADMIN, "/leads")
        assert "notified 1/2 (last error:" in listing.params["text"]
        assert "Chat not found" in listing.params["text"]

        await bot.ask(SILENT_ADMIN, "/start")  # now Telegram can reach them
        notice = await admin_notice(bot, SILENT_ADMIN, "Acme")
        assert PHONE in notice.params["text"]
        lead = await lead_once_notified(bot)
        assert lead.notifications[1].attempts >= 3
        assert contact.params["chat_id"] == EN.id


async def zones_ticked_after_contact_button(bot: RunningBot, message: ApiCall) -> list[str]:
    """Press a message's contact button, go on to the zones step; return the zones ticked there."""
    consent = await press(bot, EN, message, "Contact the zone")
    await press(bot, EN, consent, "I agree")
    await bot.ask(EN, "Acme")
    await bot.ask(EN, "chemicals")
    zones = await bot.ask(EN, "USD 5 million")
    return [b["text"] for b in buttons(zones) if b["text"].startswith("✓")]


async def test_the_contact_button_under_an_answer_opens_the_form_with_its_zone_chosen(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as bot:
        answer = await bot.ask(EN, "Does Taiyuan Zhongbei High-tech Zone subsidise relocation?")
        ticked = await zones_ticked_after_contact_button(bot, answer)
        assert ticked == ["✓ Taiyuan Zhongbei High-tech Zone"]


async def test_the_contact_button_on_a_zone_card_opens_the_form_with_that_zone_chosen(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as bot:
        listing = await bot.ask(EN, "/zones")
        card = await press(bot, EN, listing, "Qingdao")
        assert "Contact the zone" in [b["text"] for b in buttons(card)]
        ticked = await zones_ticked_after_contact_button(bot, card)
        assert ticked == ["✓ Qingdao High-tech Zone"]


async def test_the_form_asks_for_a_private_chat_in_a_group(tmp_path: Path) -> None:
    group = FakeChat(-500, "supergroup")
    async with running(tmp_path) as bot:
        reply = await bot.ask(EN, "/contact", chat=group)
        assert reply.params["text"] == t("lead_private_only", "en")
        assert (await bot.services.store.get_user(EN.id)).lead_form is None


async def test_leads_over_the_daily_limit_are_refused(tmp_path: Path) -> None:
    async with running(tmp_path, ZONEBOT_LEADS_PER_DAY=1) as bot:
        await fill_form_until_contact(
            bot, EN, "en", ("Acme", "chemicals", "RMB 9 million"), "Qingdao"
        )
        await bot.ask(EN, PHONE)
        refused = await bot.ask(EN, "/contact")
        assert refused.params["text"] == t("lead_rate_limited", "en")
        assert len(await bot.services.store.list_leads()) == 1


async def test_privacy_states_what_is_kept_and_for_how_long(tmp_path: Path) -> None:
    async with running(tmp_path, ZONEBOT_QUESTION_LOG_RETENTION_DAYS=90) as bot:
        reply = await bot.ask(ZH, "/privacy")
        assert "90 天后删除" in reply.params["text"]
        assert "/forget" in reply.params["text"]


async def test_mydata_shows_everything_and_forget_leaves_no_row_of_the_user(
    tmp_path: Path,
) -> None:
    async with running(tmp_path) as bot:
        await bot.ask(ADMIN, "/start")
        await bot.ask(EN, "What was Qingdao's biomedicine revenue in 2022?")
        await fill_form_until_contact(
            bot, EN, "en", ("Acme", "chemicals", "RMB 9 million"), "Qingdao"
        )
        await bot.ask(EN, EMAIL)
        await admin_notice(bot, ADMIN, "Acme")

        mydata = await bot.ask(EN, "/mydata")
        text = mydata.params["text"]
        assert "Qingdao's biomedicine revenue" in text
        assert EMAIL in text
        assert "Acme" in text

        confirm = await bot.ask(EN, "/forget")
        assert [b["text"] for b in buttons(confirm)] == ["Delete everything", "Keep it"]
        done = await press(bot, EN, confirm, "Delete everything")
        assert "everything I kept about you was deleted" in done.params["text"]

        async with bot.services.store._engine.connect() as connection:
            for table in metadata.sorted_tables:
                if "user_id" in table.c:
                    where = table.c.user_id == EN.id
                elif "lead_id" in table.c:
                    where = table.c.lead_id.is_not(None)  # the only lead was this user's
                else:
                    continue
                count = await connection.scalar(
                    select(func.count()).select_from(table).where(where)
                )
                assert count == 0, table.name
        empty = await bot.ask(EN, "/mydata")
        assert empty.params["text"] == t("mydata_empty", "en")


async def test_keep_it_deletes_nothing(tmp_path: Path) -> None:
    async with running(tmp_path) as bot:
        await bot.ask(EN, "What was Qingdao's biomedicine revenue in 2022?")
        confirm = await bot.ask(EN, "/forget")
        kept = await press(bot, EN, confirm, "Keep it")
        assert kept.params["text"] == t("forget_kept", "en")
        assert len((await bot.services.store.export_user(EN.id))["questions"]) == 1
