import json
import os
from pathlib import Path

import jsonschema
import pytest
from helpers.kbcopy import VALID_KB, copy_kb

from bot.cli.commands import main
from bot.errors import KnowledgeBaseError
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import (
    MAX_FILE_BYTES,
    check_knowledge_base,
    load_knowledge_base,
    zone_json_schema,
)
from bot.kb.yamlread import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
TAIYUAN = "zones/taiyuan-zhongbei.yaml"
TOPICS = "overview, incentives, figures, projects, talent, land, contacts, other"

BROKEN_CASES = {
    "unknown_source": [
        f'{TAIYUAN}:13:40: entry "relocation-subsidy": source "stdaily-2023-05-taiyaun" is not '
        'in sources.yaml (did you mean "stdaily-2023-05-taiyuan"?)'
    ],
    "unknown_related": [
        f'{TAIYUAN}:11:15: entry "relocation-subsidy": related entry "rd-centre-reward" is not '
        'in this zone (did you mean "rd-center-reward"?)'
    ],
    "duplicate_key": [f'{TAIYUAN}:11:5: duplicate key "answer" (first at line 9)'],
    "duplicate_entry_id": [
        f'{TAIYUAN}:10:9: duplicate entry id "relocation-subsidy" (first at line 4): '
        "give each entry of a zone its own id"
    ],
    "duplicate_zone_id": [
        'zones/taiyuan.yaml:1:5: zone id "taiyuan-zhongbei" does not match the file name '
        '"taiyuan.yaml": make them the same (rename the file or change the id)',
        'zones/taiyuan.yaml:1:5: zone id "taiyuan-zhongbei" is already used by '
        "zones/taiyuan-zhongbei.yaml",
    ],
    "duplicate_source_id": [
        'sources.yaml:11:7: duplicate source id "stdaily-2023-05-qingdao" (first at line 1): '
        "give each source its own id",
        'sources.yaml:12:10: warning: source "stdaily-2023-05-qingdao": title has no English '
        "text (English answers cite the Chinese title)",
    ],
    "wrong_type": [
        f'{TAIYUAN}:7:13: entry "settling-time": "answer" should be a text, or zh: and en: '
        "texts, not a list",
        f'{TAIYUAN}:9:7: entry "settling-time": "sources" should be a list ([a, b], or lines '
        'starting with "- "), not a mapping (key: value lines)',
    ],
    "bad_date": [
        f'{TAIYUAN}:9:12: entry "settling-time": "as_of": "2023/05" is not a date: '
        "write YYYY, YYYY-MM or YYYY-MM-DD, in quotes",
        f'{TAIYUAN}:10:18: entry "settling-time": "valid_until": "2023-02-30" is not a real date',
    ],
    "unknown_field": [
        f'{TAIYUAN}:4:5: entry "settling-time": "answer" is missing',
        f'{TAIYUAN}:7:5: entry "settling-time": unknown field "anwser" (did you mean "answer"?)',
    ],
    "unknown_topic": [
        f'{TAIYUAN}:5:12: entry "relocation-subsidy": unknown topic "policy": use one of {TOPICS}'
    ],
    "yaml11_traps": [
        f'{TAIYUAN}:13:12: entry "settling-time": unknown topic "NO": use one of {TOPICS}'
    ],
    "tabs": [f"{TAIYUAN}:5:1: a tab is used for indentation: indent with spaces only"],
    "utf16": [
        f"{TAIYUAN}:1:1: the file is not UTF-8 (it is UTF-16): save it as UTF-8 in your editor"
    ],
    "gbk": [
        f"{TAIYUAN}:2:14: the file is not UTF-8 (it may be GBK or GB18030): "
        "save it as UTF-8 in your editor"
    ],
    "alias_bomb": [
        f"{TAIYUAN}:3:7: anchors and aliases (&, *) are not allowed: write the value out in full"
    ],
    "python_tag": [
        f'{TAIYUAN}:2:7: tags are not allowed ("!!python/object/apply:os.system"): '
        "write the plain value"
    ],
    "empty_file": [
        f"{TAIYUAN}:1:1: the file is empty: it holds a mapping of fields "
        "(id:, name:, entries: ...)"
    ],
    "multiple_documents": [
        f'{TAIYUAN}:9:1: a second YAML document starts here ("---"): keep one document per '
        "file, or delete the line"
    ],
    "shared_alias": [
        'zones/qingdao-hitech.yaml:3:12: name "青岛高新区" is also the entity of zone '
        f'"taiyuan-zhongbei" ({TAIYUAN}:5:14): a name, alias or entity must lead to one zone only',
        'zones/qingdao-hitech.yaml:5:8: alias "中国康湾" is also the alias of zone '
        f'"taiyuan-zhongbei" ({TAIYUAN}:3:11): a name, alias or entity must lead to one zone only',
        f'{TAIYUAN}:3:11: alias "中国康湾" is also the alias of zone "qingdao-hitech" '
        "(zones/qingdao-hitech.yaml:5:8): a name, alias or entity must lead to one zone only",
        f'{TAIYUAN}:5:14: entity "青岛高新区" is also the name of zone "qingdao-hitech" '
        "(zones/qingdao-hitech.yaml:3:12): a name, alias or entity must lead to one zone only",
    ],
    "short_synonym_group": [
        "synonyms.yaml:2:3: synonym group 2 needs at least 2 items",
        "synonyms.yaml:3:8: synonym group 3: item 2 is empty",
    ],
}


def validate(kb: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(["validate", "--kb", str(kb)])
    out, err = capsys.readouterr()
    return code, err.splitlines(), out


def test_the_tiny_knowledge_base_loads_in_file_order() -> None:
    kb = load_knowledge_base(VALID_KB)
    assert list(kb.zones) == ["qingdao-hitech", "taiyuan-zhongbei"]
    assert [e.id for e in kb.zones["taiyuan-zhongbei"].entries][:2] == [
        "relocation-subsidy",
        "innovation-rewards",
    ]
    assert set(kb.sources) == {"stdaily-2023-05-qingdao", "stdaily-2023-05-taiyuan"}
    assert kb.synonyms[1] == ["研发", "研究开发", "R&D", "research and development"]
    assert kb.warnings == []
    assert len(kb.version) == 12
    assert int(kb.version, 16) >= 0


def test_validate_exits_0_with_an_ok_line_for_a_valid_knowledge_base(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, err, out = validate(VALID_KB, capsys)
    assert (code, err) == (0, [])
    assert out == "ok: 2 zones, 8 entries, 2 sources\n"


@pytest.mark.parametrize(("case", "expected"), BROKEN_CASES.items(), ids=list(BROKEN_CASES))
def test_each_broken_case_is_refused_with_file_line_and_column(
    case: str, expected: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, out = validate(copy_kb(tmp_path / "kb", case), capsys)
    errors = sum(1 for line in expected if ": warning: " not in line)
    assert code == 1
    assert err == [*expected, f"{errors} error(s): the knowledge base was not loaded"]
    assert out == ""


def test_missing_english_is_only_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, out = validate(copy_kb(tmp_path / "kb", "missing_english"), capsys)
    assert code == 0
    assert err == [
        f"{TAIYUAN}:2:7: warning: name has no English text (English askers see the Chinese name)",
        f"{TAIYUAN}:3:10: warning: summary has no English text "
        "(English askers get the Chinese summary)",
        f'{TAIYUAN}:7:16: warning: entry "settling-time": no English questions '
        "(English questions may not find this entry)",
        f'{TAIYUAN}:8:13: warning: entry "settling-time": answer has no English text '
        "(English askers get the Chinese answer)",
    ]
    assert out.startswith("ok: 2 zones, 5 entries")


TAIYUAN_LOCATION = 'location: {zh: 山西省太原市, en: "Taiyuan, Shanxi"}\n'


def test_a_zone_without_a_location_is_only_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    zone_file = kb_dir / TAIYUAN
    zone_file.write_text(zone_file.read_text("utf-8").replace(TAIYUAN_LOCATION, ""), "utf-8")
    code, err, out = validate(kb_dir, capsys)
    assert code == 0
    assert err == [
        f'{TAIYUAN}:3:7: warning: no "location": write where the zone is, e.g. location: '
        '{zh: 山东省青岛市, en: "Qingdao, Shandong"}; without it the zone card shows no place '
        'and "在哪" / "where is it" has nothing to answer from'
    ]
    assert out.startswith("ok: 2 zones")


def test_a_location_without_english_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    zone_file = kb_dir / TAIYUAN
    text = zone_file.read_text("utf-8").replace(TAIYUAN_LOCATION, "location: 山西省太原市\n")
    zone_file.write_text(text, "utf-8")
    code, err, _ = validate(kb_dir, capsys)
    assert (code, err) == (
        0,
        [
            f"{TAIYUAN}:7:11: warning: location has no English text "
            "(English askers see the Chinese place)"
        ],
    )


def test_a_utf8_bom_is_read_like_plain_utf8(tmp_path: Path) -> None:
    kb, problems = check_knowledge_base(copy_kb(tmp_path / "kb", "utf8_bom"))
    assert problems == []
    assert kb is not None
    assert kb.zones["taiyuan-zhongbei"].name.zh == "太原中北高新区"


def test_yaml_1_1_values_stay_the_text_the_editor_wrote(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb", "yaml11_traps")
    zone_file = kb_dir / TAIYUAN
    zone_file.write_text(
        zone_file.read_text("utf-8").replace("topic: NO", "topic: other"), "utf-8"
    )
    entry = load_knowledge_base(kb_dir).entry("taiyuan-zhongbei", "010")
    assert entry is not None
    assert entry.tags == ["NO", "yes", "1.10", "17:45"]
    assert entry.as_of == "2023-05-01"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    with (kb_dir / TAIYUAN).open("a", encoding="utf-8") as zone_file:
        zone_file.write("# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    size = (kb_dir / TAIYUAN).stat().st_size
    kb, problems = check_knowledge_base(kb_dir)
    assert kb is None
    assert [str(p) for p in problems] == [
        f"{TAIYUAN}:1:1: the file is {size:,} bytes, over the limit of 1,048,576 bytes (1 MiB): "
        "split it, or remove what does not belong in it"
    ]


def test_a_missing_knowledge_base_folder_is_named(tmp_path: Path) -> None:
    kb, problems = check_knowledge_base(tmp_path / "nowhere")
    assert kb is None
    assert [str(p) for p in problems] == [
        f'.:1:1: the knowledge base folder "{tmp_path / "nowhere"}" does not exist: '
        "pass --kb DIR or set ZONEBOT_KB_PATH"
    ]


def test_a_missing_sources_file_is_reported_and_no_zone_files_is_no_error(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    (kb_dir / "sources.yaml").unlink()
    for zone_file in (kb_dir / "zones").iterdir():
        zone_file.unlink()
    _, problems = check_knowledge_base(kb_dir)
    assert [str(p) for p in problems] == [
        "sources.yaml:1:1: sources.yaml is missing: it lists every source that answers cite",
    ]


def test_a_missing_zones_folder_is_reported(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    for zone_file in (kb_dir / "zones").iterdir():
        zone_file.unlink()
    (kb_dir / "zones").rmdir()
    _, problems = check_knowledge_base(kb_dir)
    assert [str(p) for p in problems] == [
        "zones/:1:1: the zones/ folder is missing: put one .yaml file per zone in it"
    ]


def test_a_yml_zone_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    (kb_dir / TAIYUAN).rename(kb_dir / "zones/taiyuan-zhongbei.yml")
    kb, problems = check_knowledge_base(kb_dir)
    assert kb is not None
    assert list(kb.zones) == ["qingdao-hitech"]
    assert [str(p) for p in problems] == [
        "zones/taiyuan-zhongbei.yml:1:1: warning: this file is not read: rename it to "
        '"taiyuan-zhongbei.yaml"'
    ]


def test_synonyms_are_optional(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    (kb_dir / "synonyms.yaml").unlink()
    assert load_knowledge_base(kb_dir).synonyms == []


def test_the_version_follows_the_content_not_the_folder(tmp_path: Path) -> None:
    first = load_knowledge_base(copy_kb(tmp_path / "a")).version
    assert load_knowledge_base(copy_kb(tmp_path / "b")).version == first
    changed = copy_kb(tmp_path / "c")
    with (changed / "synonyms.yaml").open("a", encoding="utf-8") as synonyms:
        synonyms.write("- [园区, 开发区]\n")
    assert load_knowledge_base(changed).version != first


def test_load_raises_with_every_problem_sorted_by_place(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb", "shared_alias")
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(kb_dir)
    places = [(p.file, p.line, p.col) for p in raised.value.problems]
    assert places == sorted(places)
    assert len(places) == 4


def test_the_kb_option_wins_over_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZONEBOT_KB_PATH", str(tmp_path / "nowhere"))
    code, _, _ = validate(VALID_KB, capsys)
    assert code == 0
    assert main(["validate"]) == 1
    assert "nowhere" in capsys.readouterr().err


QINGDAO_LINES = (VALID_KB / "zones/qingdao-hitech.yaml").read_text("utf-8").splitlines(True)


@pytest.mark.parametrize("kept", range(len(QINGDAO_LINES)))
def test_a_truncated_zone_file_loads_or_fails_with_positions(kept: int, tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    (kb_dir / "zones/qingdao-hitech.yaml").write_text("".join(QINGDAO_LINES[:kept]), "utf-8")
    kb, problems = check_knowledge_base(kb_dir)
    errors = [p for p in problems if p.severity == "error"]
    assert (kb is None) == bool(errors)
    assert all(p.file and p.line >= 1 and p.col >= 1 and p.message for p in problems)


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("ZONEBOT_SLOW_TESTS"), reason="ZONEBOT_SLOW_TESTS=1 runs it"
)
def test_every_character_truncation_loads_or_fails_with_positions(tmp_path: Path) -> None:
    kb_dir = copy_kb(tmp_path / "kb")
    zone_file = kb_dir / "zones/qingdao-hitech.yaml"
    text = "".join(QINGDAO_LINES)
    unpositioned = []
    for kept in range(len(text)):
        zone_file.write_text(text[:kept], "utf-8")
        kb, problems = check_knowledge_base(kb_dir)
        errors = [p for p in problems if p.severity == "error"]
        if (kb is None) != bool(errors) or not all(p.line >= 1 and p.col >= 1 for p in problems):
            unpositioned.append(kept)
    assert unpositioned == []


def test_schema_command_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads((ROOT / "knowledge/schema.json").read_text("utf-8"))
    assert printed == zone_json_schema()


@pytest.mark.parametrize("zone_file", sorted((VALID_KB / "zones").glob("*.yaml")), ids=str)
def test_the_schema_accepts_valid_zone_files(zone_file: Path) -> None:
    data = parse_yaml(zone_file.read_bytes(), zone_file.name).data
    jsonschema.validate(data, zone_json_schema())


def test_the_schema_accepts_shorthands_and_refuses_unknown_fields() -> None:
    entry = {"id": "e", "topic": "other", "questions": ["问"], "answer": "答", "sources": ["s"]}
    zone = {"id": "z", "name": "园区", "aliases": ["别名"], "entries": [entry]}
    validator = jsonschema.Draft202012Validator(zone_json_schema())
    assert list(validator.iter_errors(zone)) == []
    wrong = {**zone, "entries": [{**entry, "anwser": "答", "as_of": "2023/05"}]}
    messages = sorted(error.message for error in validator.iter_errors(wrong))
    assert messages == [
        "'2023/05' is not valid under any of the given schemas",
        "Additional properties are not allowed ('anwser' was unexpected)",
    ]


def test_files_whose_bytes_are_known_are_taken_as_read_and_the_others_read_again(
    tmp_path: Path,
) -> None:
    root = copy_kb(tmp_path / "kb")
    first = load_knowledge_base(root)
    path = root / TAIYUAN
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("relocation-subsidy", "relocation-subsidx"), encoding="utf-8")
    second = load_knowledge_base_again(root, first)
    taiyuan = Path(TAIYUAN).stem
    assert "relocation-subsidx" in [e.id for e in second.zones[taiyuan].entries]
    others = [zone_id for zone_id in first.zones if zone_id != taiyuan]
    assert others
    assert all(second.zones[z] is first.zones[z] for z in others)
    assert second.version != first.version


def test_a_known_file_edited_into_an_error_is_refused_with_its_position(tmp_path: Path) -> None:
    root = copy_kb(tmp_path / "kb")
    first = load_knowledge_base(root)
    other = next(f for f in first.files if f.startswith("zones/") and f != TAIYUAN)
    (root / other).write_text("id: [x\n", encoding="utf-8")
    kb, problems = check_knowledge_base(root, first.files)
    assert kb is None
    assert [p.file for p in problems if p.severity == "error"] == [other]


def test_a_warning_in_a_known_file_keeps_its_line_and_column(tmp_path: Path) -> None:
    first = load_knowledge_base(copy_kb(tmp_path / "kb", "missing_english"))
    again = load_knowledge_base_again(tmp_path / "kb", first)
    assert again.zones[Path(TAIYUAN).stem] is first.zones[Path(TAIYUAN).stem]
    assert f"{TAIYUAN}:2:7: warning: name has no English text" in str(again.warnings[0])
    assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings]


def load_knowledge_base_again(root: Path, served: KnowledgeBase) -> KnowledgeBase:
    kb, problems = check_knowledge_base(root, served.files)
    assert kb is not None, problems
    return kb
