"""The knowledge cache: a restart rebuilds the same knowledge base without reading its YAML."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from helpers.kb_edits import NEW_FIGURE, QUESTION, copy_knowledge, edit_figure

from bot.answer.build import answer_question
from bot.errors import KnowledgeBaseError
from bot.kb.cache import load_knowledge_base_cached, load_snapshot
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_knowledge_base
from bot.kb.models import Zone
from bot.search.index import build_index


@pytest.fixture
def kb_root(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path / "knowledge")


def the_cache_file(folder: Path) -> Path:
    (path,) = folder.glob("knowledge-*")
    return path


def same_contents(one: KnowledgeBase, other: KnowledgeBase) -> bool:
    return (one.zones, one.sources, one.synonyms, one.version, one.warnings) == (
        other.zones,
        other.sources,
        other.synonyms,
        other.version,
        other.warnings,
    )


def rewrite_body(path: Path, edit: bytes, into: bytes) -> None:
    """Change the cache's body and give it the hash of what it now holds (as a writer could)."""
    header, body = path.read_bytes().split(b"\n", 1)
    data = json.loads(header)
    assert edit in body
    body = body.replace(edit, into)
    data["body_sha256"] = hashlib.sha256(body).hexdigest()
    path.write_bytes(json.dumps(data).encode() + b"\n" + body)


def test_a_knowledge_base_read_through_the_cache_equals_one_read_from_its_files(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = load_knowledge_base_cached(kb_root, cache)
    snapshot = load_snapshot(cache)
    assert snapshot is not None
    assert snapshot.holds(first)
    again = load_knowledge_base_cached(kb_root, cache)
    assert same_contents(again, load_knowledge_base(kb_root))
    assert again.content_hash == first.content_hash
    profiles = {z.id: z.model_dump() for z in again.profiles.values()}
    assert profiles == {z.id: z.model_dump(exclude={"entries"}) for z in first.zones.values()}
    for file, read in again.files.items():
        assert read.digest == first.files[file].digest
        assert read.model.model_fields_set == first.files[file].model.model_fields_set


def test_a_restart_from_the_caches_builds_only_the_zones_a_question_needs(
    kb_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    fresh = build_index(load_knowledge_base_cached(kb_root, cache), cache)  # fills both
    built: list[str] = []
    validate = Zone.model_validate_json
    monkeypatch.setattr(
        Zone, "model_validate_json", lambda text: built.append(1) or validate(text)
    )
    index = build_index(load_knowledge_base_cached(kb_root, cache), cache)
    assert built == []
    assert answer_question(index, QUESTION) == answer_question(fresh, QUESTION)
    assert len(built) == 1  # the zone of the entry found
    assert [r.entry for r in index.records] == [r.entry for r in fresh.records]


def test_a_cached_file_is_used_only_while_its_bytes_are_unchanged(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load_knowledge_base_cached(kb_root, cache)
    edit_figure(kb_root)
    edited = load_knowledge_base_cached(kb_root, cache)
    assert same_contents(edited, load_knowledge_base(kb_root))
    answer = answer_question(build_index(edited), QUESTION)
    assert NEW_FIGURE in answer.blocks[0].text
    snapshot = load_snapshot(cache)
    assert snapshot is not None
    assert snapshot.holds(edited)  # written again with the edit
    again = load_knowledge_base_cached(kb_root, cache)
    assert NEW_FIGURE in answer_question(build_index(again), QUESTION).blocks[0].text


def test_a_zone_file_renamed_to_yml_warns_as_read_from_its_files(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load_knowledge_base_cached(kb_root, cache)
    (kb_root / "zones" / "notes.yml").write_text("id: notes\n", encoding="utf-8")
    assert (
        load_knowledge_base_cached(kb_root, cache).warnings
        == load_knowledge_base(kb_root).warnings
    )
    assert (
        load_knowledge_base_cached(kb_root, cache).warnings
        == load_knowledge_base(kb_root).warnings
    )


@pytest.mark.parametrize("damage", ["garbage", "cut short", "body changed"])
def test_a_damaged_cache_is_ignored_and_written_again(
    kb_root: Path, tmp_path: Path, damage: str
) -> None:
    cache = tmp_path / "cache"
    load_knowledge_base_cached(kb_root, cache)
    path = the_cache_file(cache)
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b'{"format": "zonebot-knowledge-2", "files": [1')
    elif damage == "cut short":
        path.write_bytes(good[: len(good) // 2])
    else:
        path.write_bytes(good.replace(b"growing 28%", b"growing 99%"))
    assert path.read_bytes() != good
    kb = load_knowledge_base_cached(kb_root, cache)
    assert same_contents(kb, load_knowledge_base(kb_root))
    assert path.read_bytes() == good


def test_a_cached_model_that_does_not_validate_is_read_from_its_file(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load_knowledge_base_cached(kb_root, cache)
    rewrite_body(the_cache_file(cache), b'"id":"taiyuan-zhongbei"', b'"id":"Not An Id"')
    edit_figure(kb_root)  # another zone: the unchanged files are looked up one by one
    kb = load_knowledge_base_cached(kb_root, cache)
    assert same_contents(kb, load_knowledge_base(kb_root))


def test_a_knowledge_base_with_errors_is_refused_whatever_the_cache_holds(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load_knowledge_base_cached(kb_root, cache)
    zone_file = sorted((kb_root / "zones").glob("*.yaml"))[0]
    zone_file.write_text("id: [broken\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError):
        load_knowledge_base_cached(kb_root, cache)
