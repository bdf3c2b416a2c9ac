"""Leads for operators: CSV safe in a spreadsheet, a readable listing, `zonebot leads`."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io

import pytest

from bot.cli.commands import main
from bot.leads.export import CSV_COLUMNS, format_leads, leads_csv
from bot.storage.records import Lead, NewLead, NotificationState
from bot.storage.store import open_store

CREATED = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)


def lead(**changes: object) -> Lead:
    fields: dict[str, object] = {
        "id": 7,
        "created_at": CREATED,
        "user_id": 1001,
        "language": "zh",
        "company": '=HYPERLINK("http://evil","点我")',
        "industry": "生物医药",
        "investment": "-5000万元",
        "zones": ("qingdao-hitech", "luzhou-hitech"),
        "contact_method": "phone",
        "contact_value": "+86 138 1234 5678",
        "notifications": (
            NotificationState(42, "sent", 1, None, CREATED),
            NotificationState(43, "pending", 2, "Forbidden", None),
        ),
    }
    return Lead(**{**fields, **changes})


def test_csv_has_a_header_and_defuses_formula_cells() -> None:
    rows = list(csv.reader(io.StringIO(leads_csv([lead()]))))
    assert rows[0] == list(CSV_COLUMNS)
    record = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert record["company"] == '\'=HYPERLINK("http://evil","点我")'
    assert record["investment"] == "'-5000万元"
    assert record["contact_value"] == "'+86 138 1234 5678"
    assert record["industry"] == "生物医药"
    assert record["zones"] == "qingdao-hitech luzhou-hitech"
    assert record["notified"] == "1/2 (last error: Forbidden)"


def test_csv_cells_keep_their_text_apart_from_the_quote() -> None:
    tricky = 'Acme, "Ltd"\nline two'
    rows = list(csv.reader(io.StringIO(leads_csv([lead(company=tricky)]))))
    assert rows[1][CSV_COLUMNS.index("company")] == 'Acme, "Ltd"\ufffdline two'


def test_a_dropped_notice_is_shown_as_such() -> None:
    dropped = NotificationState(43, "dropped", 1, "no longer an admin", None)
    sent = NotificationState(42, "sent", 1, None, CREATED)
    text = format_leads([lead(notifications=(sent, dropped))])
    assert "notified 1/2 (dropped for 43: no longer an admin)" in text


HOSTILE = "Acme\x1b]0;pwned\x07\x1b[2J\u202eLtd\u2066"


def test_listing_shows_each_lead_as_a_block() -> None:
    text = format_leads([lead(company="Acme")])
    assert text.splitlines() == [
        "#7  2025-06-01 12:00 UTC  user 1001  [zh]  notified 1/2 (last error: Forbidden)",
        "    company:    Acme",
        "    industry:   生物医药",
        "    investment: -5000万元",
        "    zones:      qingdao-hitech, luzhou-hitech",
        "    contact:    phone +86 138 1234 5678",
    ]
    assert format_leads([]) == "No leads in this period."


async def _save_leads(database_url: str) -> None:
    store = await open_store(database_url)
    try:
        for days, company in ((10, "Old Co"), (1, "=cmd|' /C calc'!A0")):
            created = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
            new = NewLead(
                1001,
                company,
                "en",
                company,
                "chips",
                "US$1m",
                ("qingdao-hitech",),
                "email",
                "a@b.co",
            )
            await store.finish_lead(new, admin_ids=(42,), now=created)
    finally:
        await store.close()


def test_cli_leads_csv_prints_recent_leads_defused(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(_save_leads(sqlite_url))
    assert main(["leads", "--csv", "--since", "7d", "--database-url", sqlite_url]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert [row[CSV_COLUMNS.index("company")] for row in rows] == [
        "company",
        "'=cmd|' /C calc'!A0",
    ]


def test_cli_leads_lists_every_lead_newest_first(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(_save_leads(sqlite_url))
    assert main(["leads", "--database-url", sqlite_url]) == 0
    companies = [
        line.split(":", 1)[1].strip()
        for line in capsys.readouterr().out.splitlines()
        if "company:" in line
    ]
    assert companies == ["=cmd|' /C calc'!A0", "Old Co"]


def test_cli_leads_exits_1_when_the_database_url_is_bad(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["leads", "--database-url", "oracle://db/leads"]) == 1
    assert capsys.readouterr().err.startswith("ZONEBOT_DATABASE_URL: unsupported database")


async def _save_hostile_lead(database_url: str) -> None:
    store = await open_store(database_url)
    try:
        new = NewLead(1001, "k", "en", HOSTILE, "chips\x9b", "1m", ("z",), "email", "a@b.co")
        await store.finish_lead(new, admin_ids=(42,))
    finally:
        await store.close()


@pytest.mark.parametrize("csv_output", [False, True])
def test_cli_leads_writes_no_control_or_bidi_character_to_the_terminal(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], csv_output: bool
) -> None:
    asyncio.run(_save_hostile_lead(sqlite_url))
    options = ["--csv"] if csv_output else []
    assert main(["leads", *options, "--database-url", sqlite_url]) == 0
    written = capsys.readouterr().out
    for unsafe in ("\x1b", "\x07", "\u202e", "\u2066", "\x9b"):
        assert unsafe not in written
    assert "Acme\ufffd]0;pwned\ufffd\ufffd[2J\ufffdLtd\ufffd" in written
