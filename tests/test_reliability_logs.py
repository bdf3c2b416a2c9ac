"""Promise 7: secrets and personal data never reach the logs, with every logger at DEBUG.

A whole session in webhook mode (questions, two leads, one with a phone number and one
with an e-mail address, their admin notices, a notice that fails once) is logged at DEBUG
by the bot, python-telegram-bot, httpx, httpcore, uvicorn and SQLAlchemy (which logs
statement parameters). The token, the webhook secret and the leads' contact details appear
in no log line; the contact details reach the admin's notices and no other message.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.bot_harness import WEBHOOK_SECRET, running_bot, webhook_settings
from helpers.botapi_standin import TEST_TOKEN, FakeUser, Fault
from helpers.lead_form import ADMIN, FAST_NOTICES, admin_notice, fill_form_until_contact

from bot.logs import MAX_LOG_CHARS, REDACTED, TEXT_MASK, RedactingFilter, configure_logging
from bot.personal_data import EMAIL_MASK, PHONE_MASK

EN = FakeUser(611, "en")
ZH = FakeUser(612, "zh-hans")
PHONE = "+86 139 8765 4321"
PHONE_FORMS = (PHONE, "13987654321", "+8613987654321", "139 8765 4321")
EMAIL = "wang.fang@example-robotics.cn"
EMAIL_FORMS = (EMAIL, "wang.fang%40example-robotics.cn")
LIBRARY_LOGGERS = (
    "telegram",
    "httpx",
    "httpcore",
    "uvicorn",
    "uvicorn.access",
    "uvicorn.error",
    "sqlalchemy.engine",
    "sqlalchemy.pool",
    "asyncio",
    "aiosqlite",
)


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Put every logger back as it was, so other tests do not log at DEBUG."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in LIBRARY_LOGGERS}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


def test_phones_and_e_mails_are_masked_in_messages_arguments_and_exceptions() -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    log = logging.getLogger("bot.test")
    log.debug("Calling sendMessage with parameters %s", {"text": f"Lead: {PHONE}, {EMAIL}"})
    try:
        raise ValueError(f"could not send to {EMAIL}")
    except ValueError:
        log.exception("notice failed for 13812345678")
    written = stream.getvalue()
    for contact in (*PHONE_FORMS, *EMAIL_FORMS, "13812345678"):
        assert contact not in written
    assert written.count(PHONE_MASK) == 2
    assert written.count(EMAIL_MASK) == 2


def test_quoted_values_in_library_lines_are_replaced_and_keys_kept() -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    update = "Update(message=Message(chat=Chat(first_name='Wei', id=611), text='Acme Robotics'))"
    logging.getLogger("telegram.ext.Application").debug("Processing update %s", update)
    logging.getLogger("telegram.ext.ExtBot").debug(
        "Calling Bot API endpoint `sendMessage` with parameters `%s`",
        {"chat_id": 900, "text": "Acme Robotics, call @acme_ceo"},
    )
    logging.getLogger("aiosqlite").debug(
        "executing %s", "partial(<execute>, 'INSERT INTO leads VALUES (?, ?)', ('Acme', 'Wei'))"
    )
    written = stream.getvalue()
    for private in ("Acme", "Wei", "acme_ceo"):
        assert private not in written
    assert "'chat_id': 900, 'text': " + TEXT_MASK in written
    assert "id=611" in written


def test_a_huge_log_message_is_cut_before_it_is_masked() -> None:
    redacted = RedactingFilter().redact("1" * 1_000_000)
    assert len(redacted) < MAX_LOG_CHARS + 100
    assert "characters not logged" in redacted


def test_redaction_keeps_what_a_log_line_needs() -> None:
    line = "update 1000042 from user 611: sendMessage 200 in 0.153 s at 2024-05-01 12:30:05"
    assert RedactingFilter([TEST_TOKEN]).redact(line) == line


async def test_a_whole_session_at_debug_logs_no_secret_and_no_contact_detail(
    tmp_path: Path,
) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=[TEST_TOKEN, WEBHOOK_SECRET], stream=stream)
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    async with running_bot(
        tmp_path,
        ZONEBOT_ADMIN_IDS=str(ADMIN.id),
        **FAST_NOTICES,
        **webhook_settings(),
    ) as bot:
        await bot.ask(ADMIN, "/start")
        await bot.ask(EN, "What was Qingdao's biomedicine revenue in 2022?")
        await bot.ask(ZH, f"我的电话是 {PHONE}，太原中北高新区搬迁补贴多少")  # in a question
        await fill_form_until_contact(
            bot, EN, "en", ("Acme Robotics", "robotics", "USD 5 million"), "Qingdao"
        )
        bot.api.fail_next("sendMessage", Fault(status=502))  # the thanks, retried
        await bot.ask(EN, PHONE)
        zh_answers = ("青岛机器人有限公司", "机器人", "5000万元")
        await fill_form_until_contact(bot, ZH, "zh", zh_answers, "青岛")
        await bot.ask(ZH, EMAIL)
        phone_notice = await admin_notice(bot, ADMIN, "Acme Robotics")
        email_notice = await admin_notice(bot, ADMIN, "青岛机器人有限公司")
        sent = bot.api.sent()
    written = stream.getvalue()
    for expected in ("sendMessage", "SELECT", "INSERT", "POST /hook", "HTTP Request"):
        assert expected in written  # every library did log at DEBUG
    for secret in (TEST_TOKEN.split(":")[1], WEBHOOK_SECRET):
        assert secret not in written
    for contact in (*PHONE_FORMS, *EMAIL_FORMS):
        assert contact not in written, contact
    for mask in (REDACTED, TEXT_MASK):  # the contacts are inside replaced quoted values
        assert mask in written
    assert PHONE in phone_notice.params["text"]
    assert EMAIL in email_notice.params["text"]
    holding = [c for c in sent if any(f in c.params["text"] for f in (PHONE, EMAIL))]
    assert {c.params["chat_id"] for c in holding} == {ADMIN.id}


CONTACT_FORMS = (
    "555-123-4567",
    "138.1234.5678",
    "(138) 1234-5678",
    "010.6552.9988",
    "+86 139 8765 4321",
    "0086 13987654321",
    "(0532)88886666",
    "@wang_fang_cn",
    "https://t.me/wang_fang_cn",
    "wang.fang@example-robotics.cn",
)


async def test_every_contact_form_sent_to_contact_stays_out_of_debug_logs(
    tmp_path: Path,
) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=[TEST_TOKEN], stream=stream)
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
    async with running_bot(tmp_path, ZONEBOT_ADMIN_IDS=str(ADMIN.id), **FAST_NOTICES) as bot:
        await bot.ask(ADMIN, "/start")
        for number, contact in enumerate(CONTACT_FORMS):
            investor = FakeUser(700 + number, "en")
            company = f"Zyxcorp{number:02d} Holdings"
            answers = (company, "robotics", "USD 5 million")
            await fill_form_until_contact(bot, investor, "en", answers, "Qingdao")
            thanks = await bot.ask(investor, contact)
            assert "Thank you" in thanks.params["text"], contact
            await admin_notice(bot, ADMIN, company)
        await bot.ask(EN, "my mobile is 138.1234.5678, what subsidies does Qingdao give?")
        logged = [
            row["text"] for row in (await bot.services.store.export_user(EN.id))["questions"]
        ]
    written = stream.getvalue()
    assert "Processing update" in written  # python-telegram-bot did log every update
    assert "aiosqlite" in written
    for contact in CONTACT_FORMS:
        assert contact not in written, contact
        assert contact.removeprefix("https://") not in written, contact
    assert "Zyxcorp" not in written  # company names are texts of updates
    assert "wang_fang_cn" not in written
    assert TEXT_MASK in written
    assert logged == ["my mobile is [phone], what subsidies does Qingdao give?"]
