"""The gaps report: unanswered questions grouped for editors, and `zonebot report`."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
import yaml

from bot.answer.model import Answer, Status
from bot.cli.commands import main
from bot.kb.models import Entry
from bot.quality.gaps import (
    GapQuestion,
    Reason,
    format_report,
    format_stub_yaml,
    group_questions,
    parse_since,
)
from bot.storage.store import open_store

NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)


def asked(text: str, reason: Reason = "no_match", entry: str | None = None) -> GapQuestion:
    return GapQuestion(
        text=text, language="zh", reason=reason, zone_id="qingdao-hitech", entry_id=entry
    )


def test_traditional_and_simplified_wordings_group_together() -> None:
    groups = group_questions(
        [
            asked("青島高新區有哪些補貼？"),
            asked("青岛高新区有哪些补贴"),
            asked("青岛高新区有哪些补贴?"),
        ]
    )
    assert [group.count for group in groups] == [3]


def test_close_wordings_group_and_different_questions_do_not() -> None:
    groups = group_questions(
        [
            asked("What subsidies does Qingdao offer?"),
            asked("Which subsidies does Qingdao offer"),
            asked("青岛高新区有哪些企业"),
            asked("青岛高新区有哪些补贴"),
        ]
    )
    assert sorted(group.count for group in groups) == [1, 1, 2]


def test_groups_come_most_frequent_first_with_counts_reasons_and_entries() -> None:
    questions = [
        asked("土地价格多少"),
        asked("有哪些补贴", "clarify"),
        asked("有哪些补贴？", "unhelpful", entry="incentives"),
        asked("有哪些補貼", "no_match"),
    ]
    groups = group_questions(questions)
    assert [(g.count, g.reasons, g.entries) for g in groups] == [
        (3, {"no_match": 1, "clarify": 1, "unhelpful": 1}, ("qingdao-hitech/incentives",)),
        (1, {"no_match": 1}, ()),
    ]


def test_a_group_shows_at_most_three_examples_one_per_wording() -> None:
    wordings = [
        "青岛高新区有哪些补贴",
        "青岛高新区有哪些补贴呢",  # the same wording once the particle is dropped
        "青岛高新区都有哪些补贴",
        "青岛高新区有哪些补贴政策",
        "青岛高新区现在有哪些补贴",
    ]
    [group] = group_questions([asked(w) for w in wordings] + [asked("青岛高新区有哪些补贴")])
    assert group.count == 6
    assert len(group.examples) == 3
    assert group.examples[0] == "青岛高新区有哪些补贴"  # the most asked wording leads
    assert "青岛高新区有哪些补贴呢" not in group.examples


def test_report_text_names_counts_and_examples() -> None:
    groups = group_questions([asked("有哪些补贴"), asked("有哪些補貼？"), asked("地价")])
    report = format_report(groups)
    assert report.splitlines()[0].startswith("2× ")
    assert "(no_match 2)" in report.splitlines()[0]
    assert "1× 地价  (no_match 1)" in report
    assert format_report([]) == "No unanswered or 👎 questions in this period."


def test_yaml_stubs_parse_and_are_entries_once_a_source_is_added() -> None:
    groups = group_questions(
        [
            asked("青岛有哪些补贴"),
            asked("What subsidies does Qingdao offer?"),
            asked("青岛有哪些補貼"),
        ]
    )
    stubs = yaml.safe_load(format_stub_yaml(groups))
    assert [stub["id"] for stub in stubs] == ["new-entry-1", "new-entry-2"]
    first = stubs[0]
    assert first["topic"] == "other"
    assert first["questions"] == {"zh": ["青岛有哪些补贴"], "en": []}
    assert stubs[1]["questions"] == {"zh": [], "en": ["What subsidies does Qingdao offer?"]}
    assert first["answer"]["zh"].startswith("TODO")
    assert first["sources"] == []
    for stub in stubs:
        Entry.model_validate({**stub, "sources": ["a-source"]})


@pytest.mark.parametrize(
    ("spec", "since"),
    [
        ("7d", NOW - dt.timedelta(days=7)),
        ("24h", NOW - dt.timedelta(hours=24)),
        ("30m", NOW - dt.timedelta(minutes=30)),
        ("2025-05-01", dt.datetime(2025, 5, 1, tzinfo=dt.UTC)),
        ("2025-05-01T08:00:00+08:00", dt.datetime(2025, 5, 1, 0, 0, tzinfo=dt.UTC)),
    ],
)
def test_since_takes_periods_and_iso_dates(spec: str, since: dt.datetime) -> None:
    assert parse_since(spec, NOW) == since


@pytest.mark.parametrize("spec", ["yesterday", "7 weeks", "-3d", ""])
def test_since_refuses_anything_else(spec: str) -> None:
    with pytest.raises(ValueError, match="is not a period"):
        parse_since(spec, NOW)


async def _log(database_url: str, questions: list[tuple[str, Status]]) -> None:
    store = await open_store(database_url)
    try:
        for text, status in questions:
            result = Answer(question=text, status=status, lang="zh", score=10.0)
            await store.log_question(7, text, result)
    finally:
        await store.close()


def test_cli_report_groups_recent_questions(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(
        _log(sqlite_url, [("有哪些补贴", "no_match"), ("有哪些補貼", "clarify"), ("好", "answer")])
    )
    assert main(["report", "--database-url", sqlite_url]) == 0
    assert capsys.readouterr().out == "2× 有哪些补贴  (no_match 1, clarify 1)\n"


def test_cli_report_yaml_prints_stubs_that_parse(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(_log(sqlite_url, [("有哪些补贴", "no_match")]))
    assert main(["report", "--since", "24h", "--yaml", "--database-url", sqlite_url]) == 0
    [stub] = yaml.safe_load(capsys.readouterr().out)
    assert stub["questions"]["zh"] == ["有哪些补贴"]


def test_cli_report_refuses_a_bad_since_with_exit_2(sqlite_url: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report", "--since", "last week", "--database-url", sqlite_url])
    assert exited.value.code == 2
