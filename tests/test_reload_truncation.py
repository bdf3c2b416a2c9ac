"""A zone file cut short is never served, though most cuts of a YAML file still validate."""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.bot_harness import running_bot
from helpers.botapi_standin import FakeUser
from helpers.kb_edits import OLD_FIGURE, QUESTION, ZONE_FILE, copy_knowledge, write_zone, zone_text
from helpers.served import Served, answer_text, reloader_for

from bot.kb.loader import check_knowledge_base, load_knowledge_base
from bot.reloader import KnowledgeReloader, ReloadResult, truncation_problems
from bot.search.index import build_index

MID_SIZE_ZONE_FILE = "zones/anyang-optoelectronics.yaml"
COPIES = 8  # knowledge base copies reloaded side by side, so a run of cuts takes seconds
ADMIN = FakeUser(900, "en")
VISITOR = FakeUser(901, "en")


@dataclass
class Editing:
    """A copy of the knowledge base, its served index and a reloader made before any edit."""

    root: Path
    served: Served
    reloader: KnowledgeReloader


@pytest.fixture
def editing(tmp_path: Path) -> Editing:
    root = copy_knowledge(tmp_path / "knowledge")
    served = Served(build_index(load_knowledge_base(root)))
    return Editing(root, served, reloader_for(root, served))


def line_cuts(text: str) -> list[str]:
    """The file cut after each of its lines but the last: every line-boundary truncation."""
    lines = text.rstrip().splitlines(keepends=True)
    return ["".join(lines[:kept]) for kept in range(len(lines))]


def character_cuts(text: str) -> list[str]:
    """The file cut after each character that is not trailing white space."""
    return [text[:kept] for kept in range(len(text.rstrip()))]


def cut_without_last_line(root: Path) -> str:
    """The zone file less its final `related:` line: still a valid zone file."""
    text = zone_text(root)
    return text[: text.rstrip().rindex("\n") + 1]


def end_of(cut: str) -> str:
    """Where the cut zone file ends: file:line:col just after its last character."""
    lines = cut.rstrip().split("\n")
    return f"{ZONE_FILE}:{len(lines)}:{len(lines[-1]) + 1}"


def placed_in_cut(result: ReloadResult, file: str, cut: str) -> bool:
    """Whether an error points into the cut file, at most one line past its end."""
    last_line = cut.count("\n") + 1
    return any(  # YAML reports the end of a file without a final line break a line further
        error.file == file and 1 <= error.line <= last_line + 1 and error.col >= 1
        for error in result.errors
    )


async def wrongly_judged_cuts(
    tmp_path: Path, served: Served, file: str, cuts: list[str]
) -> list[int]:
    """Save each cut in one of several copies and reload it; list the cuts not refused in place."""

    async def judge(copy: int) -> list[int]:
        root = copy_knowledge(tmp_path / f"copy-{copy}")
        holder = Served(served.index)
        reloader = reloader_for(root, holder)
        wrong = []
        for number in range(copy, len(cuts), COPIES):
            (root / file).write_text(cuts[number], encoding="utf-8")
            result = await reloader.reload()
            refused = result.outcome == "refused" and holder.index is served.index
            if not (refused and placed_in_cut(result, file, cuts[number])):
                wrong.append(number)
        return wrong

    per_copy = await asyncio.gather(*(judge(copy) for copy in range(COPIES)))
    return sorted(number for wrong in per_copy for number in wrong)


async def test_every_line_truncation_of_a_zone_file_is_refused_in_place_and_the_old_answer_kept(
    tmp_path: Path, editing: Editing
) -> None:
    cuts = line_cuts(zone_text(editing.root))
    assert await wrongly_judged_cuts(tmp_path, editing.served, ZONE_FILE, cuts) == []
    assert OLD_FIGURE in answer_text(editing.served)


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("ZONEBOT_SLOW_TESTS"), reason="ZONEBOT_SLOW_TESTS=1 runs it"
)
async def test_every_character_truncation_of_a_zone_file_is_refused_in_place(
    tmp_path: Path, editing: Editing
) -> None:
    text = (editing.root / MID_SIZE_ZONE_FILE).read_text(encoding="utf-8")
    cuts = character_cuts(text)
    assert await wrongly_judged_cuts(tmp_path, editing.served, MID_SIZE_ZONE_FILE, cuts) == []


async def test_a_cut_that_validates_is_refused_with_where_the_file_ends(editing: Editing) -> None:
    total = len(zone_text(editing.root).rstrip().split("\n"))
    cut = cut_without_last_line(editing.root)
    write_zone(editing.root, cut)
    assert check_knowledge_base(editing.root)[0] is not None  # the loader alone would serve it
    result = await editing.reloader.reload()
    assert result.outcome == "refused"
    line = len(cut.rstrip().split("\n"))
    assert [str(error) for error in result.errors] == [
        f"{end_of(cut)}: the file ends early: it is the version being served cut short at line "
        f"{line} of {total}; finish saving it, or if its end was removed on purpose, "
        "an admin sends /reload force"
    ]


async def test_reload_force_accepts_a_deliberately_shortened_file(editing: Editing) -> None:
    complete = zone_text(editing.root)
    write_zone(editing.root, cut_without_last_line(editing.root))
    assert (await editing.reloader.reload()).outcome == "refused"
    forced = await editing.reloader.reload(force=True)
    assert (forced.outcome, forced.forced) == ("reloaded", True)
    assert forced.changes.changed == ("qingdao-hitech/people",)  # the file's last entry
    write_zone(editing.root, complete)  # the short file is served now: growing it is an edit
    assert (await editing.reloader.reload()).outcome == "reloaded"
    assert editing.served.index.kb.version == forced.old_version


async def test_saving_the_complete_file_again_after_a_refused_cut_changes_nothing(
    editing: Editing,
) -> None:
    before = editing.served.index
    complete = zone_text(editing.root)
    write_zone(editing.root, complete[: len(complete) // 3])
    assert (await editing.reloader.reload()).outcome == "refused"
    write_zone(editing.root, complete)
    assert (await editing.reloader.reload()).outcome == "unchanged"
    assert editing.served.index is before


async def test_dropping_only_trailing_white_space_is_not_a_cut(editing: Editing) -> None:
    write_zone(editing.root, zone_text(editing.root).rstrip())
    result = await editing.reloader.reload()
    assert result.outcome == "reloaded"
    assert result.changes.changed == ()


def test_a_cut_is_placed_after_its_last_character_counted_in_characters() -> None:
    served = {"zones/a.yaml": "id: a\nname: 安阳光电\n".encode(), "zones/b.yaml": b"id: b\n"}
    current = {"zones/a.yaml": "id: a\nname: 安阳".encode(), "zones/b.yaml": b"id: b\nname: b\n"}
    [problem] = truncation_problems(served, current | {"zones/new.yaml": b""})
    assert (problem.file, problem.line, problem.col) == ("zones/a.yaml", 2, 9)
    assert "cut short at line 2 of 2" in problem.message


async def test_the_bot_refuses_a_saved_cut_and_tells_the_admin_until_forced(
    tmp_path: Path,
) -> None:
    kb_root = copy_knowledge(tmp_path / "knowledge")
    settings = {
        "ZONEBOT_KB_PATH": str(kb_root),
        "ZONEBOT_ADMIN_IDS": str(ADMIN.id),
        "ZONEBOT_RELOAD_SETTLE_SECONDS": 0.2,
    }
    async with running_bot(tmp_path, **settings) as bot:
        await bot.ask(ADMIN, "/help")  # the admin's private chat exists from now on
        served = bot.services.kb.version

        async def admin_notice(since: int, *words: str) -> str:
            calls = await bot.api.wait_for(
                lambda c: (
                    c.ok
                    and c.method == "sendMessage"
                    and c.params.get("chat_id") == ADMIN.id
                    and all(word in c.result["text"] for word in words)
                ),
                since=since,
            )
            return str(calls[0].result["text"])

        since = bot.api.mark()
        cut = cut_without_last_line(kb_root)
        write_zone(kb_root, cut)
        notice = await admin_notice(since, "refused")
        assert f"still serving {served}" in notice
        assert f"{end_of(cut)}: the file ends early" in notice
        assert OLD_FIGURE in (await bot.ask(VISITOR, QUESTION)).result["text"]
        since = bot.api.mark()
        bot.api.send_text(ADMIN, "/reload force")
        assert "(forced)" in await admin_notice(since, "reloaded")
        assert bot.services.kb.version != served
