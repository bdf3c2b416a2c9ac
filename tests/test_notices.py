"""Lead notices to admins: retried until delivered, sent once across replicas; the purge."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

from helpers.notice_leads import ADMINS, PHONE, kb, lead

from bot.clock import utc_now
from bot.config import Settings
from bot.leads.export import format_leads
from bot.leads.notices import deliver_due_notices, purge_expired, retry_delay, run_notices
from bot.storage.store import Store


class Telegram:
    """Records what was sent to whom; fails the first `failures` sends as Telegram would."""

    def __init__(self, failures: int = 0, *, expect: int = 1) -> None:
        self.failures = failures
        self.sent: list[tuple[int, str]] = []
        self.expected_sent = asyncio.Event()  # set once `expect` notices went out
        self._expect = expect

    async def send(self, chat_id: int, html: str) -> None:
        if self.failures:
            self.failures -= 1
            msg = f"Chat not found; the lead said {PHONE}"
            raise RuntimeError(msg)
        self.sent.append((chat_id, html))
        if len(self.sent) >= self._expect:
            self.expected_sent.set()


async def wait_for_retry(store: Store, within: float = 30.0) -> None:
    """Wait until a failed notice is due again."""
    deadline = asyncio.get_running_loop().time() + within
    while not await store.claim_due_notifications(retry_after=dt.timedelta(0)):
        assert asyncio.get_running_loop().time() < deadline
        await asyncio.sleep(0.02)


async def test_a_failed_notice_is_kept_with_its_error_and_retried_until_delivered(
    store: Store,
) -> None:
    await store.finish_lead(lead(), admin_ids=ADMINS[:1])
    telegram = Telegram(failures=1)

    assert (
        await deliver_due_notices(
            store, telegram.send, kb(), admin_ids=ADMINS, first_retry_delay=0.05
        )
        == 0
    )
    [failed] = (await store.list_leads())[0].notifications
    assert (failed.status, failed.attempts) == ("pending", 1)
    assert failed.last_error is not None
    assert "Chat not found" in failed.last_error
    assert PHONE not in failed.last_error
    assert (
        await deliver_due_notices(
            store, telegram.send, kb(), admin_ids=ADMINS, first_retry_delay=0.05
        )
        == 0
    )

    await wait_for_retry(store)
    assert (
        await deliver_due_notices(
            store, telegram.send, kb(), admin_ids=ADMINS, first_retry_delay=0.05
        )
        == 1
    )
    [sent] = (await store.list_leads())[0].notifications
    assert sent.status == "sent"
    assert [chat for chat, _ in telegram.sent] == [42]


async def test_two_replicas_send_each_notice_once(store: Store) -> None:
    for number in range(5):
        await store.finish_lead(lead(f"form-{number}", user_id=number), admin_ids=ADMINS)
    telegram = Telegram()
    counts = await asyncio.gather(
        *(
            deliver_due_notices(store, telegram.send, kb(), admin_ids=ADMINS, first_retry_delay=1)
            for _ in range(2)
        )
    )
    assert sum(counts) == 10
    assert len(telegram.sent) == len(set(telegram.sent)) == 10


async def test_the_notice_is_in_the_admins_language_escaped_with_the_zone_named(
    store: Store,
) -> None:
    await store.finish_lead(lead(), admin_ids=ADMINS)
    await store.set_language(43, "en")
    telegram = Telegram()
    await deliver_due_notices(store, telegram.send, kb(), admin_ids=ADMINS, first_retry_delay=1)
    notices = dict(telegram.sent)
    assert "公司: Acme &lt;Bio&gt; &amp; Co" in notices[42]  # the lead's language by default
    assert "青岛高新区" in notices[42]
    assert "Company: Acme &lt;Bio&gt; &amp; Co" in notices[43]
    assert f"Contact: {PHONE} (phone)" in notices[43]
    assert 'href="tg://user?id=7"' in notices[43]


async def test_a_notice_of_a_lead_not_sure_of_its_zones_says_so(store: Store) -> None:
    unsure = dataclasses.replace(lead(), zones=(), language="en")
    await store.finish_lead(unsure, admin_ids=ADMINS[:1])
    telegram = Telegram()
    await deliver_due_notices(store, telegram.send, kb(), admin_ids=ADMINS, first_retry_delay=1)
    assert "Zones: not sure yet" in telegram.sent[0][1]


async def test_a_removed_admins_notice_is_dropped_unsent_and_shown_as_dropped(
    store: Store,
) -> None:
    await store.finish_lead(lead(), admin_ids=ADMINS)  # 43 is removed before it goes out
    telegram = Telegram()
    sent = await deliver_due_notices(
        store, telegram.send, kb(), admin_ids=ADMINS[:1], first_retry_delay=0.05
    )
    assert sent == 1
    assert [chat for chat, _ in telegram.sent] == [42]
    [saved] = await store.list_leads()
    assert {n.admin_id: n.status for n in saved.notifications} == {42: "sent", 43: "dropped"}
    assert "dropped for 43" in format_leads([saved])
    await asyncio.sleep(0.1)
    await deliver_due_notices(store, telegram.send, kb(), admin_ids=ADMINS, first_retry_delay=1)
    assert [chat for chat, _ in telegram.sent] == [42]  # an admin again later: still dropped


async def test_control_and_bidi_characters_in_a_lead_are_neutralised_in_the_notice(
    store: Store,
) -> None:
    hostile = dataclasses.replace(lead(), company="Acme\x1b[2J\u202eLtd\x00")
    await store.finish_lead(hostile, admin_ids=ADMINS[:1])
    telegram = Telegram()
    await deliver_due_notices(store, telegram.send, kb(), admin_ids=ADMINS, first_retry_delay=1)
    [(_, html)] = telegram.sent
    assert "Acme\ufffd[2J\ufffdLtd" in html
    assert "\x1b" not in html
    assert "\u202e" not in html


def test_retries_wait_twice_as_long_each_time_up_to_an_hour() -> None:
    assert [retry_delay(n, 60).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert retry_delay(40, 60) == dt.timedelta(hours=1)


async def test_the_purge_removes_leads_past_their_retention(store: Store) -> None:
    old = utc_now() - dt.timedelta(days=400)
    await store.finish_lead(lead("old"), admin_ids=ADMINS, now=old)
    await store.finish_lead(lead("new"), admin_ids=ADMINS)
    settings = Settings(_env_file=None, ZONEBOT_LEAD_RETENTION_DAYS=365)  # type: ignore[call-arg]
    await purge_expired(store, settings)
    [kept] = await store.list_leads()
    assert kept.created_at > old


async def test_the_loop_delivers_and_stops_when_asked(store: Store) -> None:
    await store.finish_lead(lead(), admin_ids=ADMINS)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        ZONEBOT_ADMIN_IDS="42,43",
        ZONEBOT_NOTICE_POLL_SECONDS=0.02,
        ZONEBOT_NOTICE_RETRY_SECONDS=0.02,
    )
    telegram = Telegram(failures=1, expect=2)
    stop = asyncio.Event()
    loop = asyncio.create_task(run_notices(store, settings, telegram.send, kb, stop))
    await asyncio.wait_for(telegram.expected_sent.wait(), 30)
    stop.set()
    await asyncio.wait_for(loop, 30)
    assert sorted(chat for chat, _ in telegram.sent) == [42, 43]
