from typing import Any

import pytest

from bot.errors import FileRejected
from bot.kb.loader import SOURCES_SHAPE, ZONE_SHAPE
from bot.kb.models import Zone
from bot.kb.validation import FileShape, closest, validate_document
from bot.kb.yamlread import parse_yaml

ENTRY = "  - id: e\n    topic: other\n    questions: [问]\n    answer: 答\n    sources: [s]\n"


def file_problems(shape: FileShape[Any], text: str, file: str) -> list[str]:
    doc = parse_yaml(text.encode(), file)
    with pytest.raises(FileRejected) as rejected:
        validate_document(shape, doc, file)
    return [str(p) for p in rejected.value.problems]


def zone_problems(text: str) -> list[str]:
    return file_problems(ZONE_SHAPE, text, "zones/z.yaml")


def test_a_valid_zone_keeps_its_shorthands() -> None:
    doc = parse_yaml(f"id: z\nname: 园区\naliases: [别名]\nentries:\n{ENTRY}".encode(), "z")
    zone = validate_document(ZONE_SHAPE, doc, "z")
    assert isinstance(zone, Zone)
    assert (zone.name.zh, zone.name.en, zone.aliases.zh) == ("园区", None, ["别名"])


def test_a_missing_top_level_field_points_at_the_start() -> None:
    assert zone_problems(f"id: z\nentries:\n{ENTRY}") == ['zones/z.yaml:1:1: "name" is missing']


def test_an_unknown_field_far_from_any_lists_the_fields_allowed() -> None:
    assert zone_problems(f"id: z\nname: 园区\ncolour: red\nentries:\n{ENTRY}") == [
        'zones/z.yaml:3:1: unknown field "colour" (fields here: id, name, aliases, entities, '
        "location, industries, summary, sources, entries)"
    ]


def test_an_unknown_language_inside_a_text_names_the_text() -> None:
    text = f"id: z\nname: {{zh: 园区, fr: parc}}\nentries:\n{ENTRY}"
    assert zone_problems(text) == [
        'zones/z.yaml:2:16: "name": unknown field "fr" (fields here: zh, en)'
    ]


def test_an_empty_value_says_what_to_write() -> None:
    assert zone_problems(f"id: z\nname:\nentries:\n{ENTRY}") == [
        'zones/z.yaml:2:6: "name" is empty: write a text, or zh: and en: texts'
    ]


def test_a_bad_id_says_which_characters_ids_use() -> None:
    assert zone_problems(f"id: Qingdao_HiTech\nname: 园区\nentries:\n{ENTRY}") == [
        'zones/z.yaml:1:5: "id": "Qingdao_HiTech" is not a valid id: ids use lower-case '
        'letters, digits and - (e.g. "biomed-policy")'
    ]


def test_an_entry_without_an_id_is_named_by_its_number() -> None:
    text = "id: z\nname: 园区\nentries:\n  - topic: other\n    answer: 答\n    sources: [s]\n"
    assert zone_problems(text) == [
        'zones/z.yaml:4:5: entry 1: "id" is missing',
        'zones/z.yaml:4:5: entry 1: "questions" is missing',
    ]


def test_an_entry_with_no_question_is_told_to_write_one() -> None:
    text = "id: z\nname: 园区\nentries:\n  - id: e\n    topic: other\n    questions: []\n"
    text += "    answer: 答\n    sources: [s]\n"
    assert zone_problems(text) == [
        'zones/z.yaml:4:5: entry "e": write at least one question '
        "(questions: zh: [...] or en: [...])"
    ]


def test_a_list_where_one_word_is_wanted_is_a_wrong_type() -> None:
    text = f"id: z\nname: 园区\nentries:\n{ENTRY.replace('topic: other', 'topic: [other]')}"
    assert zone_problems(text) == [
        'zones/z.yaml:5:12: entry "e": "topic" should be one of overview, incentives, figures, '
        "projects, talent, land, contacts, other, not a list"
    ]


def test_sources_file_errors_name_the_source() -> None:
    text = "- id: s\n  title: T\n  date: '2023'\n"
    assert file_problems(SOURCES_SHAPE, text, "sources.yaml") == [
        'sources.yaml:1:3: source "s": "publisher" is missing'
    ]


def test_a_mapping_where_a_list_of_sources_is_wanted_is_refused() -> None:
    assert file_problems(SOURCES_SHAPE, "id: s\n", "sources.yaml") == [
        'sources.yaml:1:1: the file should hold a list of sources (each starting "- id:"), '
        "not a mapping (key: value lines)"
    ]


def test_closest_finds_typos_and_nothing_for_unrelated_words() -> None:
    assert closest("anwser", ["answer", "sources"]) == "answer"
    assert closest("colour", ["answer", "sources"]) is None
