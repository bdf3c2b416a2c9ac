"""The store's contract, run the same on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, StatementError

from bot.answer.model import Answer, Status
from bot.errors import StorageUnavailableError
from bot.storage.db import create_engine
from bot.storage.records import LeadForm, NewLead
from bot.storage.store import Store, open_store
from bot.storage.tables import lead_notifications, leads, metadata, questions, users

NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
ALICE, BOB = 1001, 2002
ADMINS = (42, 43)


def answer(
    status: Status = "answer", *, zone: str = "qingdao-hitech", entry: str | None = "biomed"
) -> Answer:
    """Build the core's answer as the handlers would pass it to log_question."""
    return Answer(
        question="",
        status=status,
        lang="zh",
        score=88.5,
        zone_id=zone,
        entry_id=entry if status == "answer" else None,
        kb_version="kb-1",
    )


def new_lead(user_id: int = ALICE, key: str = "form-1", **changes: Any) -> NewLead:
    """Build a finished lead form."""
    fields: dict[str, Any] = {
        "user_id": user_id,
        "idempotency_key": key,
        "language": "en",
        "company": "Acme Biotech",
        "industry": "medical devices",
        "investment": "US$5 million",
        "zones": ("qingdao-hitech",),
        "contact_method": "phone",
        "contact_value": "+86 138 1234 5678",
    }
    return NewLead(**{**fields, **changes})


async def scalar(store: Store, query: Any) -> Any:
    """Read one value straight from the database, bypassing the store's methods."""
    async with store._engine.connect() as connection:
        return await connection.scalar(query)


async def test_store_on_an_unreachable_database_raises_storage_unavailable() -> None:
    store = Store(create_engine("postgresql://postgres@127.0.0.1:9/zonebot"))
    try:
        with pytest.raises(StorageUnavailableError):
            await store.claim_update(1)
    finally:
        await store.close()


class TestStoreContract:
    """Every case runs against a fresh SQLite file and a fresh PostgreSQL database."""

    async def test_a_user_never_seen_gets_the_defaults(self, store: Store) -> None:
        state = await store.get_user(ALICE)
        assert (state.language, state.context_zone_id, state.lead_form) == (None, None, None)
        assert await store.get_language(ALICE) is None

    async def test_language_is_kept_per_user(self, store: Store) -> None:
        await store.set_language(ALICE, "en")
        await store.set_language(BOB, "zh")
        await store.set_language(ALICE, "zh")
        assert (await store.get_language(ALICE), await store.get_language(BOB)) == ("zh", "zh")

    async def test_context_zone_is_forgotten_after_its_max_age(self, store: Store) -> None:
        await store.set_context_zone(ALICE, "taiyuan-zhongbei", now=NOW)
        age = dt.timedelta(minutes=30)
        assert (
            await store.get_context_zone(ALICE, max_age=age, now=NOW + age) == "taiyuan-zhongbei"
        )
        later = NOW + age + dt.timedelta(seconds=1)
        assert await store.get_context_zone(ALICE, max_age=age, now=later) is None

    async def test_times_come_back_as_the_same_instant_in_utc(self, store: Store) -> None:
        beijing = dt.datetime(2025, 6, 1, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        await store.set_context_zone(ALICE, "qingdao-hitech", now=beijing)
        stored = (await store.get_user(ALICE)).context_set_at
        assert stored == beijing
        assert stored is not None
        assert stored.utcoffset() == dt.timedelta(0)

    async def test_a_naive_time_is_refused(self, store: Store) -> None:
        with pytest.raises(StatementError, match="naive datetime"):
            await store.set_context_zone(ALICE, "qingdao-hitech", now=dt.datetime(2025, 6, 1))

    async def test_lead_form_step_and_answers_round_trip(self, store: Store) -> None:
        form = LeadForm(
            "zones", {"company": "Acme 生物", "zones": ["qingdao-hitech", "luzhou-hitech"]}
        )
        await store.save_lead_form(ALICE, form, now=NOW)
        assert (await store.get_user(ALICE)).lead_form == form

    async def test_a_cancelled_form_leaves_no_draft(self, store: Store) -> None:
        await store.save_lead_form(ALICE, LeadForm("contact", {"company": "Acme"}), now=NOW)
        await store.clear_lead_form(ALICE, now=NOW)
        assert (await store.get_user(ALICE)).lead_form is None
        assert (
            await scalar(store, select(users.c.lead_form).where(users.c.user_id == ALICE)) is None
        )

    async def test_finishing_a_lead_saves_it_and_drops_the_draft(self, store: Store) -> None:
        form = LeadForm("contact", {"company": "Acme Biotech", "phone": "+86 138 1234 5678"})
        await store.save_lead_form(ALICE, form, now=NOW)
        saved = await store.finish_lead(new_lead(key=form.form_id), admin_ids=ADMINS, now=NOW)
        assert saved.created
        assert (await store.get_user(ALICE)).lead_form is None
        assert (
            await scalar(store, select(users.c.lead_form).where(users.c.user_id == ALICE)) is None
        )
        [lead] = await store.list_leads()
        assert (lead.id, lead.company, lead.contact_value) == (
            saved.lead_id,
            "Acme Biotech",
            "+86 138 1234 5678",
        )
        assert [(n.admin_id, n.status) for n in lead.notifications] == [
            (42, "pending"),
            (43, "pending"),
        ]

    async def test_a_finish_that_fails_midway_keeps_the_draft_and_saves_no_lead(
        self, store: Store
    ) -> None:
        """The lead row goes in first; the repeated notice row then fails, and all rolls back."""
        form = LeadForm("contact", {"company": "Acme Biotech"})
        await store.save_lead_form(ALICE, form, now=NOW)
        with pytest.raises(IntegrityError):
            await store.finish_lead(new_lead(key=form.form_id), admin_ids=[42, 42], now=NOW)
        assert await store.list_leads() == []
        assert (await store.get_user(ALICE)).lead_form == form

    async def test_a_form_finished_twice_makes_one_lead(self, store: Store) -> None:
        first = await store.finish_lead(new_lead(), admin_ids=ADMINS, now=NOW)
        again = await store.finish_lead(new_lead(company="changed"), admin_ids=ADMINS, now=NOW)
        assert (first.created, again.created, again.lead_id) == (True, False, first.lead_id)
        assert [lead.company for lead in await store.list_leads()] == ["Acme Biotech"]
        assert await scalar(store, select(func.count()).select_from(lead_notifications)) == 2

    async def test_concurrent_finishes_of_one_form_make_one_lead(self, store: Store) -> None:
        results = await asyncio.gather(
            *(store.finish_lead(new_lead(), admin_ids=ADMINS, now=NOW) for _ in range(10))
        )
        assert sum(result.created for result in results) == 1
        assert {result.lead_id for result in results} == {results[0].lead_id}
        assert await scalar(store, select(func.count()).select_from(leads)) == 1

    async def test_an_update_is_claimed_once(self, store: Store) -> None:
        assert await store.claim_update(500, now=NOW)
        assert not await store.claim_update(500, now=NOW)
        assert await store.claim_update(501, now=NOW)

    async def test_an_update_claimed_at_once_by_two_replicas_is_claimed_once(
        self, store: Store, database_url: str
    ) -> None:
        other_replica = await open_store(database_url)
        try:
            claims = await asyncio.gather(
                *(replica.claim_update(777) for replica in [store, other_replica] * 10)
            )
        finally:
            await other_replica.close()
        assert sorted(claims) == [False] * 19 + [True]

    async def test_logged_question_has_phone_and_email_masked(self, store: Store) -> None:
        question_id = await store.log_question(
            ALICE,
            "我的电话13812345678，邮箱 li.wei@example.cn，补贴怎么申请？",
            answer(),
            asked_at=NOW,
        )
        stored = await scalar(store, select(questions.c.text).where(questions.c.id == question_id))
        assert stored == "我的电话[phone]，邮箱 [email]，补贴怎么申请？"

    async def test_feedback_is_one_per_user_and_question_and_can_change(
        self, store: Store
    ) -> None:
        question_id = await store.log_question(ALICE, "补贴？", answer(), asked_at=NOW)
        assert await store.record_feedback(ALICE, question_id, helpful=True, now=NOW)
        assert await store.record_feedback(ALICE, question_id, helpful=False, now=NOW)
        exported = await store.export_user(ALICE)
        assert [(f["question_id"], f["helpful"]) for f in exported["feedback"]] == [
            (question_id, False)
        ]

    async def test_feedback_on_another_users_question_is_refused(self, store: Store) -> None:
        question_id = await store.log_question(ALICE, "补贴？", answer(), asked_at=NOW)
        assert not await store.record_feedback(BOB, question_id, helpful=False, now=NOW)
        assert not await store.record_feedback(BOB, question_id + 100, helpful=True, now=NOW)
        assert (await store.export_user(BOB))["feedback"] == []

    async def test_recent_questions_and_leads_are_counted_per_user(self, store: Store) -> None:
        for minutes in (0, 1, 2, 90):
            asked = NOW - dt.timedelta(minutes=minutes)
            await store.log_question(ALICE, "补贴？", answer(), asked_at=asked)
        await store.log_question(BOB, "补贴？", answer(), asked_at=NOW)
        await store.finish_lead(new_lead(key="a"), admin_ids=(), now=NOW - dt.timedelta(hours=2))
        await store.finish_lead(new_lead(key="b"), admin_ids=(), now=NOW)
        hour_ago = NOW - dt.timedelta(hours=1)
        assert await store.count_recent_questions(ALICE, since=hour_ago) == 3
        assert await store.count_recent_leads(ALICE, since=hour_ago) == 1
        assert await store.count_recent_leads(BOB, since=hour_ago) == 0

    async def test_purge_removes_only_what_is_past_its_retention(self, store: Store) -> None:
        old, recent = NOW - dt.timedelta(days=200), NOW - dt.timedelta(days=10)
        old_question = await store.log_question(ALICE, "旧问题", answer(), asked_at=old)
        await store.record_feedback(ALICE, old_question, helpful=False, now=old)
        await store.log_question(ALICE, "新问题", answer(), asked_at=recent)
        await store.finish_lead(
            new_lead(key="old", company="Old Co"),
            admin_ids=ADMINS,
            now=NOW - dt.timedelta(days=400),
        )
        await store.finish_lead(
            new_lead(key="new", company="New Co"), admin_ids=ADMINS, now=recent
        )
        await store.claim_update(1, now=NOW - dt.timedelta(hours=49))
        await store.claim_update(2, now=NOW - dt.timedelta(hours=47))
        await store.save_lead_form(ALICE, LeadForm("company"), now=NOW - dt.timedelta(days=2))
        await store.save_lead_form(BOB, LeadForm("company"), now=NOW - dt.timedelta(hours=1))

        counts = await store.purge_expired(
            NOW,
            question_log_retention=dt.timedelta(days=180),
            lead_retention=dt.timedelta(days=365),
            lead_form_retention=dt.timedelta(days=1),
        )

        assert (counts.questions, counts.leads, counts.processed_updates, counts.lead_forms) == (
            1,
            1,
            1,
            1,
        )
        exported = await store.export_user(ALICE)
        assert [q["text"] for q in exported["questions"]] == ["新问题"]
        assert exported["feedback"] == []
        assert [lead["company"] for lead in exported["leads"]] == ["New Co"]
        assert await scalar(store, select(func.count()).select_from(lead_notifications)) == 2
        assert not await store.claim_update(2, now=NOW)
        assert await store.claim_update(1, now=NOW)
        assert (await store.get_user(ALICE)).lead_form is None
        assert (await store.get_user(BOB)).lead_form is not None

    async def _fill_everything_for(self, store: Store, user_id: int) -> None:
        """Give a user a row in every table that can hold one."""
        await store.set_language(user_id, "en", now=NOW)
        await store.set_context_zone(user_id, "qingdao-hitech", now=NOW)
        await store.save_lead_form(user_id, LeadForm("company", {"company": "Acme"}), now=NOW)
        question_id = await store.log_question(user_id, "补贴？", answer(), asked_at=NOW)
        await store.record_feedback(user_id, question_id, helpful=False, now=NOW)
        await store.finish_lead(new_lead(user_id, key=f"k{user_id}"), admin_ids=ADMINS, now=NOW)

    async def test_forget_user_leaves_no_row_of_that_user_in_any_table(self, store: Store) -> None:
        await self._fill_everything_for(store, ALICE)
        await self._fill_everything_for(store, BOB)
        await store.claim_update(9, now=NOW)
        [alice_lead] = [lead for lead in await store.list_leads() if lead.user_id == ALICE]

        assert await store.forget_user(ALICE) == 6  # user, question, feedback, lead, 2 notices

        for table in metadata.sorted_tables:
            if "user_id" in table.c:
                left = select(func.count()).select_from(table).where(table.c.user_id == ALICE)
            elif "lead_id" in table.c:
                left = (
                    select(func.count()).select_from(table).where(table.c.lead_id == alice_lead.id)
                )
            else:
                assert table.name == "processed_updates", f"{table.name}: does it hold user data?"
                continue
            assert await scalar(store, left) == 0, table.name
        assert (await store.export_user(BOB))["leads"] != []
        assert await store.export_user(ALICE) == {
            "user": None,
            "questions": [],
            "feedback": [],
            "leads": [],
        }

    async def test_export_user_holds_everything_kept_about_them(self, store: Store) -> None:
        await self._fill_everything_for(store, ALICE)
        await self._fill_everything_for(store, BOB)
        exported = await store.export_user(ALICE)
        json.dumps(exported)
        assert exported["user"]["language"] == "en"
        assert exported["user"]["context_zone_id"] == "qingdao-hitech"
        assert exported["user"]["lead_form"] is None  # finishing the lead dropped the draft
        assert [q["text"] for q in exported["questions"]] == ["补贴？"]
        assert [f["helpful"] for f in exported["feedback"]] == [False]
        [lead] = exported["leads"]
        assert (lead["user_id"], lead["contact_value"]) == (ALICE, "+86 138 1234 5678")
        assert [n["admin_id"] for n in lead["notifications"]] == list(ADMINS)

    async def test_lead_notices_are_claimed_retried_and_marked(self, store: Store) -> None:
        saved = await store.finish_lead(new_lead(), admin_ids=ADMINS, now=NOW)
        minute = dt.timedelta(minutes=1)
        claimed = await store.claim_due_notifications(retry_after=minute, now=NOW)
        assert sorted((n.admin_id, n.attempt, n.lead.company) for n in claimed) == [
            (42, 1, "Acme Biotech"),
            (43, 1, "Acme Biotech"),
        ]
        assert await store.claim_due_notifications(retry_after=minute, now=NOW) == []

        await store.mark_notification_sent(saved.lead_id, 42, now=NOW)
        await store.mark_notification_failed(
            saved.lead_id, 43, "Forbidden: chat 13812345678 not found", retry_after=minute, now=NOW
        )
        [lead] = await store.list_leads()
        assert [(n.admin_id, n.status, n.last_error) for n in lead.notifications] == [
            (42, "sent", None),
            (43, "pending", "Forbidden: chat [phone] not found"),
        ]
        assert await store.claim_due_notifications(retry_after=minute, now=NOW) == []
        [retry] = await store.claim_due_notifications(retry_after=minute, now=NOW + minute)
        assert (retry.admin_id, retry.attempt) == (43, 2)

    async def test_two_replicas_claiming_notices_at_once_get_each_once(
        self, store: Store, database_url: str
    ) -> None:
        admins = list(range(100, 110))
        await store.finish_lead(new_lead(), admin_ids=admins, now=NOW)
        other_replica = await open_store(database_url)
        try:
            batches = await asyncio.gather(
                *(
                    replica.claim_due_notifications(retry_after=dt.timedelta(minutes=5), now=NOW)
                    for replica in [store, other_replica] * 3
                )
            )
        finally:
            await other_replica.close()
        assert sorted(notice.admin_id for batch in batches for notice in batch) == admins

    async def test_leads_are_listed_newest_first_and_since_a_time(self, store: Store) -> None:
        for days, key in ((3, "a"), (2, "b"), (1, "c")):
            await store.finish_lead(
                new_lead(key=key), admin_ids=(), now=NOW - dt.timedelta(days=days)
            )
        listed = await store.list_leads(since=NOW - dt.timedelta(days=2, hours=1))
        assert [lead.created_at for lead in listed] == [
            NOW - dt.timedelta(days=1),
            NOW - dt.timedelta(days=2),
        ]
        assert len(await store.list_leads(limit=1)) == 1

    async def test_gap_questions_are_unanswered_unclear_or_thumbed_down(
        self, store: Store
    ) -> None:
        await store.log_question(ALICE, "有哪些补贴？", answer("no_match"), asked_at=NOW)
        await store.log_question(ALICE, "营收多少", answer("clarify"), asked_at=NOW)
        liked = await store.log_question(ALICE, "生物医药营收", answer(), asked_at=NOW)
        disliked = await store.log_question(ALICE, "医疗器械营收", answer(), asked_at=NOW)
        await store.record_feedback(ALICE, liked, helpful=True, now=NOW)
        await store.record_feedback(ALICE, disliked, helpful=False, now=NOW)
        await store.log_question(
            ALICE, "太旧了", answer("no_match"), asked_at=NOW - dt.timedelta(days=8)
        )

        gaps = await store.gap_questions(since=NOW - dt.timedelta(days=7))

        assert [(g.text, g.reason, g.entry_id) for g in gaps] == [
            ("有哪些补贴？", "no_match", None),
            ("营收多少", "clarify", None),
            ("医疗器械营收", "unhelpful", "biomed"),
        ]

    async def test_stats_sum_up_questions_feedback_and_leads(self, store: Store) -> None:
        yesterday = NOW - dt.timedelta(days=1)
        first = await store.log_question(ALICE, "a", answer(entry="biomed"), asked_at=yesterday)
        await store.log_question(ALICE, "b", answer(entry="biomed"), asked_at=NOW)
        await store.log_question(BOB, "c", answer(entry="land"), asked_at=NOW)
        await store.log_question(BOB, "d", answer("no_match"), asked_at=NOW)
        await store.log_question(BOB, "old", answer(), asked_at=NOW - dt.timedelta(days=30))
        await store.record_feedback(ALICE, first, helpful=True, now=NOW)
        await store.finish_lead(new_lead(), admin_ids=ADMINS, now=NOW)

        stats = await store.stats(since=NOW - dt.timedelta(days=7))

        assert (stats.questions, stats.users, stats.answered_share) == (4, 2, 0.75)
        assert stats.by_status == {"answer": 3, "no_match": 1}
        assert stats.per_day == [(yesterday.date(), 1), (NOW.date(), 3)]
        assert stats.top_entries == [
            ("qingdao-hitech", "biomed", 2),
            ("qingdao-hitech", "land", 1),
        ]
        assert (stats.helpful, stats.unhelpful, stats.leads, stats.notifications_pending) == (
            1,
            0,
            1,
            2,
        )

    async def test_text_no_backend_can_keep_is_stored_alike(self, store: Store) -> None:
        """PostgreSQL refuses NUL in text and neither backend takes a lone surrogate."""
        question_id = await store.log_question(ALICE, "补贴\x00？\ud800", answer(), asked_at=NOW)
        await store.finish_lead(new_lead(company="Acme\x00 Ltd"), admin_ids=(), now=NOW)
        stored = await scalar(store, select(questions.c.text).where(questions.c.id == question_id))
        assert stored == "补贴？?"
        assert [lead.company for lead in await store.list_leads()] == ["Acme Ltd"]

    async def test_database_errors_carry_no_contact_details(self, store: Store) -> None:
        with pytest.raises(StatementError) as caught:
            await store.finish_lead(new_lead(), admin_ids=(), now=dt.datetime(2025, 6, 1))
        assert "1234 5678" not in str(caught.value)
        assert "Acme" not in str(caught.value)

    async def test_ping_answers_when_the_database_does(self, store: Store) -> None:
        await store.ping()
