"""The knowledge cache: a restart rebuilds the same knowledge base without reading its YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.kb_edits import NEW_FIGURE, QUESTION, copy_knowledge, edit_figure

from bot.answer.build import answer_question
from bot.errors import KnowledgeBaseError
from bot.kb.cache import load_files, load_knowledge_base_cached
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_knowledge_base
from bot.search.index import build_index


@pytest.fixture
def kb_root(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path / "knowledge")


def the_cache_file(folder: Path) -> Path:
    (path,) = folder.glob("knowledge-*.json")
    return path


def same_contents(one: KnowledgeBase, other: KnowledgeBase) -> bool:
    return (one.zones, one.sources, one.synonyms, one.version, one.warnings) == (
        other.zones,
        other.sources,
        other.synonyms,
        other.version,
        other.warnings,
    )


def test_a_knowledge_base_read_through_the_cache_equals_one_read_from_its_files(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = load_knowledge_base_cached(kb_root, cache)
    stored = load_files(cache)
    assert stored.holds(first.files)
    again = load_knowledge_base_cached(kb_root, cache)
    assert same_contents(again, load_knowledge_base(kb_root))
    for file, read in again.files.items():
        assert read.model.model_fields_set == first.files[file].model.model_fields_set


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
    assert load_files(cache).holds(edited.files)  # written again with the edit


def test_a_damaged_cache_is_ignored_and_written_again(kb_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_knowledge_base_cached(kb_root, cache)
    the_cache_file(cache).write_bytes(b'{"format": "zonebot-knowledge-1", "files": [1')
    kb = load_knowledge_base_cached(kb_root, cache)
    assert same_contents(kb, load_knowledge_base(kb_root))
    assert load_files(cache).holds(kb.files)


def test_a_cached_model_that_does_not_validate_is_read_from_its_file(
    kb_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    load_knowledge_base_cached(kb_root, cache)
    path = the_cache_file(cache)
    data = json.loads(path.read_text(encoding="utf-8"))
    zone_file = next(file for file in data["files"] if file.startswith("zones/"))
    data["files"][zone_file][2] = json.dumps({"id": "Not An Id", "entries": []})
    path.write_text(json.dumps(data), encoding="utf-8")
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
