import codecs
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import FileRejected
from bot.kb.knowledge import Problem
from bot.kb.yamlread import (
    Position,
    YamlDocument,
    _Builder,
    _feed,
    _plain_data,
    _Unusual,
    parse_typed,
    parse_yaml,
)


def parse(text: str) -> YamlDocument:
    return parse_yaml(text.encode("utf-8"), "f.yaml")


def problems(raw: str | bytes) -> list[str]:
    with pytest.raises(FileRejected) as rejected:
        parse_yaml(raw.encode("utf-8") if isinstance(raw, str) else raw, "f.yaml")
    return [str(p) for p in rejected.value.problems]


def test_plain_scalars_stay_the_text_written() -> None:
    doc = parse("a: NO\nb: 010\nc: 1.10\nd: 2023-05-01\ne: 17:45\nf: yes\ng: 0x1F\nh: .inf\n")
    assert doc.data == {
        "a": "NO",
        "b": "010",
        "c": "1.10",
        "d": "2023-05-01",
        "e": "17:45",
        "f": "yes",
        "g": "0x1F",
        "h": ".inf",
    }


def test_only_plain_nulls_are_none() -> None:
    doc = parse("a: ~\nb:\nc: null\nd: 'null'\ne: ''\nf: NULL\n")
    assert doc.data == {"a": None, "b": None, "c": None, "d": "null", "e": "", "f": None}


def test_values_and_keys_have_one_based_positions() -> None:
    doc = parse("zone:\n  entries:\n    - id: x\n      topic: figures\n")
    assert doc.position(("zone", "entries", 0, "topic")) == Position(4, 14)
    assert doc.key_position(("zone", "entries", 0, "topic")) == Position(4, 7)
    assert doc.position(("zone", "entries", 0, "answer", "zh")) == Position(3, 7)


def test_columns_count_characters_not_bytes() -> None:
    doc = parse("名称: {zh: 青岛高新区, en: Qingdao}\n")
    assert doc.position(("名称", "en")) == Position(1, 21)


def test_a_bom_is_dropped_without_moving_positions() -> None:
    doc = parse_yaml(codecs.BOM_UTF8 + b"id: x\n", "f.yaml")
    assert doc.data == {"id": "x"}
    assert doc.position(("id",)) == Position(1, 5)


def test_windows_line_endings_are_read() -> None:
    doc = parse("id: x\r\nname: 园区\r\n")
    assert doc.data == {"id": "x", "name": "园区"}
    assert doc.position(("name",)) == Position(2, 7)


def test_an_empty_file_or_only_comments_gives_no_data() -> None:
    assert parse("").data is None
    assert parse("# nothing yet\n").data is None


def test_a_duplicate_key_is_reported_with_its_first_line() -> None:
    assert problems("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n") == [
        'f.yaml:4:3: duplicate key "c" (first at line 3)',
        'f.yaml:5:1: duplicate key "a" (first at line 1)',
    ]


def test_the_same_key_in_two_list_items_is_not_a_duplicate() -> None:
    assert parse("- id: a\n- id: b\n").data == [{"id": "a"}, {"id": "b"}]


def test_anchors_are_refused_once_however_many_aliases_follow() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b, *b]\n"
    assert problems(bomb) == [
        "f.yaml:1:4: anchors and aliases (&, *) are not allowed: write the value out in full"
    ]


def test_every_explicit_tag_is_refused() -> None:
    assert problems("a: !!str 010\nb: !!binary aGk=\nc: !custom [1]\n") == [
        'f.yaml:1:4: tags are not allowed ("!!str"): write the plain value',
        'f.yaml:2:4: tags are not allowed ("!!binary"): write the plain value',
        'f.yaml:3:4: tags are not allowed ("!custom"): write the plain value',
    ]


def test_keys_must_be_plain_words() -> None:
    assert problems('? [a, b]\n: 1\nc: 2\n"": 3\n') == [
        "f.yaml:1:3: a key must be a plain word followed by a colon (key: value)",
        'f.yaml:4:1: a key is missing before ":" (write key: value)',
    ]


def test_a_tab_in_indentation_is_reported_where_it_is() -> None:
    assert problems("a:\n  b: 1\n\tc: 2\n") == [
        "f.yaml:3:1: a tab is used for indentation: indent with spaces only"
    ]


def test_an_unclosed_quote_or_bracket_points_at_its_opening() -> None:
    assert problems('a: "x\nb: 2\n') == [
        "f.yaml:1:4: this quoted text is not closed: add the closing quote"
    ]
    assert problems("a: [1, 2\nb: 3\n") == [
        'f.yaml:1:4: this list in [ ] is not closed: add the missing "]"'
    ]


def test_a_misplaced_colon_is_explained() -> None:
    assert problems("a: x\n  y: 2\n") == [
        'f.yaml:2:4: unexpected ":" here: check the indentation of this line, '
        'or put text that contains ": " in quotes'
    ]


def test_other_syntax_errors_keep_yaml_s_own_words() -> None:
    assert problems("a: |x\n  b\n") == [
        "f.yaml:1:5: YAML syntax error: did not find expected comment or line break"
    ]


def test_a_control_character_is_located() -> None:
    assert problems("a: 1\nb: x\x07y\n") == [
        "f.yaml:2:5: the file contains a control character (U+0007): delete it"
    ]


def test_utf16_without_a_bom_is_still_recognised() -> None:
    assert problems("id: x\n".encode("utf-16-le")) == [
        "f.yaml:1:1: the file is not UTF-8 (it is UTF-16): save it as UTF-8 in your editor"
    ]


def test_a_gbk_byte_is_located_by_line_and_character() -> None:
    raw = "id: x\nname: 园区 青岛\n".encode()[:-7] + "青岛\n".encode("gbk")
    assert problems(raw) == [
        "f.yaml:2:10: the file is not UTF-8 (it may be GBK or GB18030): "
        "save it as UTF-8 in your editor"
    ]


def test_a_second_document_is_refused() -> None:
    assert problems("---\na: 1\n---\nb: 2\n") == [
        'f.yaml:3:1: a second YAML document starts here ("---"): keep one document per file, '
        "or delete the line"
    ]


def _read_both_ways(text: str) -> tuple[object, object]:
    """The fast reading's data (None when it hands over) and the positional builder's."""
    builder = _Builder("f.yaml")
    try:
        _feed(builder, text)
    except yaml.YAMLError:
        builder.problems.append(Problem("f.yaml", 1, 1, "syntax"))
    try:
        fast = _plain_data(text)
    except (_Unusual, yaml.YAMLError):
        fast = _HANDED_OVER
    return fast, (_HANDED_OVER if builder.problems else builder.root)


_HANDED_OVER = object()
REPO = Path(__file__).resolve().parents[1]
CORPUS = sorted(
    [*(REPO / "knowledge").rglob("*.yaml"), *(REPO / "tests" / "data").rglob("*.yaml")]
)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(REPO)))
def test_the_fast_reading_agrees_with_the_positional_one_on_every_file_we_have(
    path: Path,
) -> None:
    text = path.read_bytes().removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")
    fast, positional = _read_both_ways(text)
    assert fast is _HANDED_OVER or fast == positional


def test_what_the_fast_reading_cannot_judge_is_handed_to_the_builder() -> None:
    unusual = [
        "a: 1\na: 2\n",  # duplicate key
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: !!str 1\n",  # tag
        "---\na: 1\n---\nb: 2\n",  # second document
        '"": 1\n',  # empty key
        "? [a]\n: 1\n",  # a list as a key
        "a: [1\n",  # syntax error
    ]
    for text in unusual:
        assert _read_both_ways(text)[0] is _HANDED_OVER, text


yaml_scalars = st.one_of(
    st.sampled_from(["NO", "010", "1.10", "~", "null", "", "2023-05-01", "a: b", "- x", "#"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
)
yaml_values = st.recursive(
    yaml_scalars | st.none(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(yaml_scalars.filter(bool), inner, max_size=4)
    ),  # a key is never empty
    max_leaves=20,
)


@given(yaml_values, st.sampled_from([None, True, False]), st.sampled_from([None, '"', "'"]))
@settings(max_examples=300, deadline=None)
def test_the_fast_reading_agrees_with_the_positional_one_on_any_data(
    data: object, flow: bool | None, quotes: str | None
) -> None:
    text = yaml.safe_dump(
        data, allow_unicode=True, default_flow_style=flow, default_style=quotes, width=40
    )
    fast, positional = _read_both_ways(text)
    assert fast is _HANDED_OVER or fast == positional
    if quotes is None:  # quoting everything writes None as a tagged !!null
        assert fast == positional == data


def _typed_reading(text: str) -> object:
    """The typed reading's data when the loader would believe it: text and nulls only."""
    try:
        doc = parse_typed(text.encode("utf-8"), "f.yaml")
    except FileRejected:
        return _HANDED_OVER
    return doc.data if doc.typed and _text_only(doc.data) else _HANDED_OVER


def _text_only(data: object) -> bool:
    """What strict models accept for text fields: strings and None, keyed by strings."""
    if isinstance(data, dict):
        return all(type(k) is str and _text_only(v) for k, v in data.items())
    if isinstance(data, list):
        return all(_text_only(item) for item in data)
    return data is None or type(data) is str


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(REPO)))
def test_the_typed_reading_agrees_with_the_event_reading_on_every_file_we_have(
    path: Path,
) -> None:
    text = path.read_bytes().removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")
    typed, (_fast, positional) = _typed_reading(text), _read_both_ways(text)
    assert typed is _HANDED_OVER or typed == positional


@given(yaml_values, st.sampled_from([None, True, False]), st.sampled_from([None, '"', "'"]))
@settings(max_examples=300, deadline=None)
def test_the_typed_reading_agrees_with_the_event_reading_on_any_data(
    data: object, flow: bool | None, quotes: str | None
) -> None:
    text = yaml.safe_dump(
        data, allow_unicode=True, default_flow_style=flow, default_style=quotes, width=40
    )
    typed, (_fast, positional) = _typed_reading(text), _read_both_ways(text)
    assert typed is _HANDED_OVER or typed == positional


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: &x 1\nb: *x\n",  # anchor and alias
        "- [&x a, *x]\n",
        "a: !!str 010\n",  # tag
        "!tag\na: 1\n",
        "a: 1\n---\nb: 2\n",  # second document
        "a: 1\n...\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: \x07\n",  # a control character libyaml refuses
        "a: [1\n",  # syntax error
        "a:\n\t- b\n",  # a tab
    ],
)
def test_what_the_typed_reading_cannot_vouch_for_is_read_from_events(text: str) -> None:
    try:
        doc = parse_typed(text.encode("utf-8"), "f.yaml")
    except FileRejected:
        return
    assert not doc.typed


def test_the_typed_reading_keeps_a_plain_date_and_quoted_null_as_text() -> None:
    doc = parse_typed(b"a: 2023-05-01\nb: 'null'\nc: ~\nd:\ne: R&D, 5* and more!\n", "f.yaml")
    assert doc.typed
    assert doc.data == {
        "a": "2023-05-01",
        "b": "null",
        "c": None,
        "d": None,
        "e": "R&D, 5* and more!",
    }
