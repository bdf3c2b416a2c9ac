"""The index cache: a restart answers as a fresh build; a stale or damaged cache is rebuilt."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers.kb_edits import NEW_FIGURE, QUESTION, copy_knowledge, edit_figure
from helpers.served import Served

from bot.answer.build import answer_question
from bot.kb.loader import load_knowledge_base
from bot.reloader import KnowledgeReloader
from bot.search.index import ZoneIndex, build_index
from bot.search.indexcache import cache_key, load_encoding

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = (
    QUESTION,
    "青岛高新区的生物医药产业有多少家企业",
    "泸州高新区营业收入",
    "太原中北高新区有什么人才政策",
    "How big is the Suzhou Industrial Park?",
    "hello",
)


def answers(index: ZoneIndex) -> list[object]:
    return [answer_question(index, question) for question in QUESTIONS]


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("index-*"))


@pytest.fixture
def kb_root(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path / "knowledge")


def test_an_index_read_from_the_cache_answers_exactly_as_a_fresh_one(
    kb_root: Path, tmp_path: Path
) -> None:
    kb = load_knowledge_base(kb_root)
    fresh = build_index(kb)
    build_index(kb, tmp_path / "cache")  # writes it
    key = cache_key(kb)
    assert key is not None
    assert load_encoding(tmp_path / "cache", key, len(kb.zones)) is not None
    cached = build_index(load_knowledge_base(kb_root), tmp_path / "cache")
    assert answers(cached) == answers(fresh)
    assert [r.question_text for r in cached.records] == [r.question_text for r in fresh.records]


def test_an_edited_knowledge_base_does_not_use_the_old_cache_and_replaces_it(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    build_index(load_knowledge_base(kb_root), cache)
    old_files = cache_files(cache)
    edit_figure(kb_root)
    edited = load_knowledge_base(kb_root)
    index = build_index(edited, cache)
    assert NEW_FIGURE in answer_question(index, QUESTION).blocks[0].text
    assert len(cache_files(cache)) == 1
    assert cache_files(cache) != old_files


def edit_header(path: Path, edit: Callable[[dict[str, Any]], object]) -> None:
    """Change a cache file's header, its body untouched."""
    header, body = path.read_bytes().split(b"\n", 1)
    meta = json.loads(header)
    edit(meta)
    path.write_bytes(json.dumps(meta).encode() + b"\n" + body)


@pytest.mark.parametrize(
    "damage",
    ["garbage", "cut short", "a byte changed", "an array of objects", "wrong shapes"],
)
def test_a_damaged_cache_is_ignored_and_written_again(
    kb_root: Path, tmp_path: Path, damage: str
) -> None:
    cache = tmp_path / "cache"
    kb = load_knowledge_base(kb_root)
    fresh = build_index(kb, cache)
    (path,) = cache_files(cache)
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a cache at all")
    elif damage == "cut short":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "a byte changed":
        path.write_bytes(good[:-100] + bytes([good[-100] ^ 1]) + good[-99:])
    elif damage == "an array of objects":
        edit_header(path, lambda meta: meta["arrays"]["bm25"].__setitem__(0, "|O"))
    else:
        edit_header(path, lambda meta: meta["arrays"]["keys"].__setitem__(2, 3))
    assert path.read_bytes() != good
    rebuilt = build_index(load_knowledge_base(kb_root), cache)
    assert answers(rebuilt) == answers(fresh)
    key = cache_key(kb)
    assert key is not None
    assert load_encoding(cache, key, len(kb.zones)) is not None  # written again, whole


def test_a_read_only_knowledge_folder_is_served_with_the_cache_elsewhere(
    kb_root: Path, tmp_path: Path
) -> None:
    before = sorted(p.relative_to(kb_root) for p in kb_root.rglob("*"))
    folders = [kb_root, *[p for p in kb_root.rglob("*") if p.is_dir()]]
    for folder in folders:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        kb = load_knowledge_base(kb_root)
        build_index(kb, tmp_path / "cache")
        index = build_index(load_knowledge_base(kb_root), tmp_path / "cache")
    finally:
        for folder in folders:
            folder.chmod(stat.S_IRWXU)
    assert len(cache_files(tmp_path / "cache")) == 1
    assert sorted(p.relative_to(kb_root) for p in kb_root.rglob("*")) == before
    assert NEW_FIGURE not in answer_question(index, QUESTION).blocks[0].text


def test_a_cache_that_cannot_be_written_still_serves_the_index(
    kb_root: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be", encoding="utf-8")
    kb = load_knowledge_base(kb_root)
    index = build_index(kb, not_a_folder)
    assert answers(index) == answers(build_index(kb))
    assert "the index cache cannot be written" in caplog.text


def test_zonebot_ask_fills_the_cache_named_by_the_setting_and_answers_alike(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "bot", "ask", "--kb", str(kb_root), "--json", QUESTION]

    def ask(env: dict[str, str]) -> str:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=120, check=True, env=env, cwd=ROOT
        )
        return result.stdout

    plain = {k: v for k, v in os.environ.items() if k != "ZONEBOT_INDEX_CACHE"}
    with_cache = {**plain, "ZONEBOT_INDEX_CACHE": str(cache)}
    without = ask(plain)
    assert ask(with_cache) == without  # writes the cache
    assert len(cache_files(cache)) == 1
    assert ask(with_cache) == without  # reads it
    assert json.loads(without)["entry_id"] is not None


async def test_a_hot_reload_writes_the_cache_of_the_new_version(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    served = Served(build_index(load_knowledge_base(kb_root), cache))
    edit_figure(kb_root)
    result = await KnowledgeReloader(kb_root, served, settle_seconds=0.0).reload()
    assert result.outcome == "reloaded"
    assert served.index.cache == cache
    kb = served.index.kb
    key = cache_key(kb)
    assert key is not None
    assert load_encoding(cache, key, len(kb.zones)) is not None
    assert len(cache_files(cache)) == 1
    assert NEW_FIGURE in answer_question(served.index, QUESTION).blocks[0].text
