"""Hot reload of a copy of the real knowledge base: valid edits swap in, broken ones refused."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path
from typing import Any

import pytest
from helpers.kb_edits import (
    BROKEN_EDITS,
    NEW_FIGURE,
    OLD_FIGURE,
    QUESTION,
    REVENUE_ENTRY,
    ZONE_FILE,
    BrokenEdit,
    copy_knowledge,
    edit_figure,
    remove_most_zones,
    write_zone,
    zone_text,
)
from helpers.served import Served, answer_text, reloader_for

from bot.answer.build import answer_question
from bot.kb.loader import load_knowledge_base
from bot.reloader import KnowledgeReloader, ReloadResult, fingerprint
from bot.search.index import build_index


@pytest.fixture
def kb_root(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path / "knowledge")


@pytest.fixture
def served(kb_root: Path) -> Served:
    return Served(build_index(load_knowledge_base(kb_root)))


async def test_a_valid_edit_is_swapped_in_and_listed_as_a_changed_entry(
    kb_root: Path, served: Served
) -> None:
    old_version = served.index.kb.version
    edit_figure(kb_root)
    result = await reloader_for(kb_root, served).reload()
    assert result.outcome == "reloaded"
    assert result.old_version == old_version
    assert result.new_version == served.index.kb.version != old_version
    assert result.changes.changed == (REVENUE_ENTRY,)
    assert (result.changes.added, result.changes.removed) == ((), ())
    assert NEW_FIGURE in answer_text(served)


async def test_a_reload_after_editing_one_zone_file_reads_only_that_file(
    kb_root: Path, served: Served
) -> None:
    old = served.index.kb
    edit_figure(kb_root)
    result = await reloader_for(kb_root, served).reload()
    assert result.outcome == "reloaded"
    new = served.index.kb
    edited = Path(ZONE_FILE).stem
    assert new.zones[edited] is not old.zones[edited]
    unchanged = [zone_id for zone_id in old.zones if zone_id != edited]
    assert unchanged
    # The very objects of the served version: those files were neither parsed nor validated.
    assert all(new.zones[zone_id] is old.zones[zone_id] for zone_id in unchanged)
    assert new.files["sources.yaml"] is old.files["sources.yaml"]
    assert NEW_FIGURE in answer_text(served)


async def test_a_broken_edit_after_a_valid_one_is_still_refused(
    kb_root: Path, served: Served
) -> None:
    reloader = reloader_for(kb_root, served)
    edit_figure(kb_root)
    assert (await reloader.reload()).outcome == "reloaded"
    write_zone(kb_root, zone_text(kb_root).replace("id: qingdao-hitech\n", "id: [x\n", 1))
    result = await reloader.reload()
    assert result.outcome == "refused"
    assert result.errors[0].file == ZONE_FILE
    assert NEW_FIGURE in answer_text(served)


async def test_added_and_removed_entries_are_listed(kb_root: Path, served: Served) -> None:
    text = zone_text(kb_root)
    write_zone(kb_root, text.replace("biomed-revenue-2022", "biomed-revenue-2022b"))
    result = await reloader_for(kb_root, served).reload()
    assert result.changes.added == (REVENUE_ENTRY + "b",)
    assert result.changes.removed == (REVENUE_ENTRY,)


async def test_saving_the_same_content_again_changes_nothing(
    kb_root: Path, served: Served
) -> None:
    before = served.index
    os.utime(kb_root / ZONE_FILE)
    result = await reloader_for(kb_root, served).reload()
    assert result.outcome == "unchanged"
    assert served.index is before


@pytest.mark.parametrize("edit", BROKEN_EDITS, ids=lambda edit: edit.name)
async def test_a_broken_edit_is_refused_with_its_message_and_the_old_index_kept(
    kb_root: Path, served: Served, edit: BrokenEdit
) -> None:
    before = served.index
    edit.apply(kb_root)
    result = await reloader_for(kb_root, served).reload()
    assert result.outcome == "refused"
    assert any(edit.message in str(problem) for problem in result.errors), result.errors
    assert served.index is before
    assert OLD_FIGURE in answer_text(served)


async def test_removing_most_zone_files_is_refused_unless_forced(
    kb_root: Path, served: Served
) -> None:
    before = served.index
    remove_most_zones(kb_root)
    reloader = reloader_for(kb_root, served)
    refused = await reloader.reload()
    assert refused.outcome == "refused"
    assert "3 of 5 zone files are gone at once" in str(refused.errors[0])
    assert "/reload force" in str(refused.errors[0])
    assert served.index is before
    forced = await reloader.reload(force=True)
    assert (forced.outcome, forced.forced) == ("reloaded", True)
    assert len(served.index.kb.zones) == 2
    assert REVENUE_ENTRY in forced.changes.removed


async def test_removing_most_entries_of_the_knowledge_base_is_refused(
    kb_root: Path, served: Served
) -> None:
    for path in sorted((kb_root / "zones").glob("*.yaml"))[:2]:
        path.unlink()
    text = zone_text(kb_root)
    first_entry_only = text[: text.index("\n  - id: biomed-revenue-2022")] + "\n"
    write_zone(kb_root, re.sub(r"\n    related: .*", "", first_entry_only))
    result = await reloader_for(kb_root, served).reload()
    assert result.outcome == "refused"
    assert "entries are gone at once" in str(result.errors[0])


async def test_a_file_still_being_written_is_read_only_once_complete(
    kb_root: Path, served: Served
) -> None:
    edit_figure(kb_root)
    complete = (kb_root / ZONE_FILE).read_bytes()
    expected = load_knowledge_base(kb_root).version
    (kb_root / ZONE_FILE).write_bytes(complete[: len(complete) // 3])

    async def write_slowly() -> None:
        with (kb_root / ZONE_FILE).open("ab") as file:
            for start in range(len(complete) // 3, len(complete), 2000):
                await asyncio.sleep(0.05)
                file.write(complete[start : start + 2000])
                file.flush()

    writer = asyncio.create_task(write_slowly())
    result = await reloader_for(kb_root, served, settle=0.3).reload()
    await writer
    assert (result.outcome, result.new_version) == ("reloaded", expected)


async def test_the_watcher_reloads_a_saved_edit(kb_root: Path, served: Served) -> None:
    results: list[ReloadResult] = []

    async def collect(result: ReloadResult) -> None:
        results.append(result)

    reloader = KnowledgeReloader(kb_root, served, settle_seconds=0.2, on_result=collect)
    stop = asyncio.Event()
    watching = asyncio.create_task(reloader.watch(stop))
    await asyncio.sleep(0.2)  # let the watcher start before the edit
    edit_figure(kb_root)
    await _until(lambda: bool(results), within=10)
    stop.set()
    await asyncio.wait_for(watching, 10)
    assert [(r.outcome, r.trigger) for r in results] == [("reloaded", "watch")]
    assert NEW_FIGURE in answer_text(served)


async def test_a_retargeted_symlink_is_noticed_as_a_change(tmp_path: Path) -> None:
    """A Kubernetes ConfigMap swaps its ..data link to a new folder instead of editing files."""
    root = tmp_path / "mounted"
    root.mkdir()
    first = copy_knowledge(root / "..2026_01")
    second = copy_knowledge(root / "..2026_02")
    edit_figure(second)
    (root / "..data").symlink_to(first.name)
    for name in ("sources.yaml", "synonyms.yaml", "zones"):
        (root / name).symlink_to(f"..data/{name}")
    served = Served(build_index(load_knowledge_base(root)))
    before = fingerprint(root)
    (root / "..data_tmp").symlink_to(second.name)
    (root / "..data_tmp").replace(root / "..data")
    assert fingerprint(root) != before
    result = await reloader_for(root, served).reload()
    assert result.changes.changed == (REVENUE_ENTRY,)


async def test_a_failing_notice_does_not_undo_the_reload(kb_root: Path, served: Served) -> None:
    async def fail(result: ReloadResult) -> None:
        raise RuntimeError("Telegram is down")

    edit_figure(kb_root)
    reloader = KnowledgeReloader(kb_root, served, settle_seconds=0, on_result=fail)
    assert (await reloader.reload()).outcome == "reloaded"
    assert NEW_FIGURE in answer_text(served)


async def _until(condition: object, *, within: float) -> None:
    """Wait until `condition()` holds, failing after `within` seconds."""
    assert callable(condition)
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            msg = f"not done within {within} s"
            raise AssertionError(msg)
        await asyncio.sleep(0.05)


async def test_a_reload_racing_1000_concurrent_questions_answers_each_from_one_version(
    kb_root: Path, served: Served
) -> None:
    """Each answer carries the version it came from, and matches that version exactly."""
    old_index = served.index
    reloader = reloader_for(kb_root, served)
    edit_figure(kb_root)

    def ask() -> tuple[str, str]:
        answer = answer_question(served.index, QUESTION)
        return answer.kb_version, "\n".join(block.text for block in answer.blocks)

    loop = asyncio.get_running_loop()
    questions = [loop.run_in_executor(None, ask) for _ in range(500)]
    reloading = asyncio.ensure_future(reloader.reload())
    questions += [loop.run_in_executor(None, ask) for _ in range(500)]
    answers = await asyncio.gather(*questions)
    assert (await reloading).outcome == "reloaded"

    new_index = served.index
    expected = {
        index.kb.version: "\n".join(b.text for b in answer_question(index, QUESTION).blocks)
        for index in (old_index, new_index)
    }
    assert len(answers) == 1000
    assert all(expected.get(version) == text for version, text in answers)
    assert OLD_FIGURE in expected[old_index.kb.version]
    assert NEW_FIGURE in expected[new_index.kb.version]


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _device_link(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def _link_to_fifo_inside(path: Path) -> None:
    os.mkfifo(path.parent / "pipe")
    path.unlink()
    path.symlink_to("pipe")


def _secret_link(path: Path) -> None:
    secrets = path.parents[2] / "secrets.env"  # beside the knowledge folder, not in it
    secrets.write_text("TELEGRAM_BOT_TOKEN=123456:AAHsecretsecretsecretsecretsecret12\n")
    path.unlink()
    path.symlink_to(secrets)


@pytest.mark.parametrize(
    ("swap", "reason"),
    [
        (_fifo, "not a regular file"),
        (_device_link, "outside the knowledge base folder"),
        (_link_to_fifo_inside, "not a regular file"),
        (_secret_link, "outside the knowledge base folder"),
    ],
    ids=["fifo", "link-to-device", "link-to-fifo-inside", "link-outside"],
)
async def test_a_zone_file_that_is_not_a_regular_file_inside_the_folder_is_refused_unread(
    kb_root: Path, served: Served, swap: Any, reason: str
) -> None:
    before = served.index
    swap(kb_root / "zones" / "taiyuan-zhongbei.yaml")
    result = await asyncio.wait_for(reloader_for(kb_root, served).reload(), 30)
    assert result.outcome == "refused"
    [error] = result.errors
    assert error.file == "zones/taiyuan-zhongbei.yaml"
    assert reason in error.message
    assert "AAHsecret" not in str(result.problems)
    assert served.index is before


async def test_a_zone_file_linked_inside_the_folder_is_read(kb_root: Path, served: Served) -> None:
    shared = kb_root / "shared"
    shared.mkdir()
    zone = kb_root / "zones" / "qingdao-hitech.yaml"
    zone.replace(shared / "qingdao-hitech.yaml")
    zone.symlink_to(Path("..") / "shared" / "qingdao-hitech.yaml")
    edit_figure(kb_root)
    result = await reloader_for(kb_root, served).reload()
    assert result.outcome == "reloaded", result.problems
