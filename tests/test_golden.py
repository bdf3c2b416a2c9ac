"""knowledge/golden.yaml: the enquiries, judged as ../shared/eval/score.py does, and test-kb."""

from pathlib import Path

import pytest
from helpers.kb_edits import copy_knowledge

from bot.answer.build import answer_question
from bot.cli.commands import main
from bot.kb.loader import load_knowledge_base
from bot.quality.golden import GOLDEN_FILE, GoldenItem, judge, read_golden
from bot.reloader import fingerprint
from bot.search.explain import explain, explain_entry
from bot.search.index import ZoneIndex, build_index

ROOT = Path(__file__).resolve().parents[1]
ENQUIRIES, PROBLEMS = read_golden(ROOT / "knowledge")
ITEMS = [enquiry.item for enquiry in ENQUIRIES]
MINIMUM = {"fact": 0.95, "oos": 0.9, "cross": 0.8, "ambiguous": 0.5}


def test_the_golden_file_reads_without_problems() -> None:
    assert PROBLEMS == []
    assert len(ITEMS) >= 70


def test_golden_questions_meet_the_pass_ratios(index: ZoneIndex) -> None:
    failures: dict[str, list[str]] = {}
    totals: dict[str, int] = {}
    for item in ITEMS:
        why = judge(item, answer_question(index, item.q))
        totals[item.kind] = totals.get(item.kind, 0) + 1
        if why:
            failures.setdefault(item.kind, []).append(f"{item.q}: {why}")
    for kind, total in totals.items():
        failed = failures.get(kind, [])
        assert (total - len(failed)) / total >= MINIMUM[kind], "\n".join(failed)


@pytest.mark.parametrize("item", [i for i in ITEMS if i.kind == "oos"], ids=lambda i: i.q)
def test_out_of_scope_questions_are_never_answered(index: ZoneIndex, item: GoldenItem) -> None:
    assert judge(item, answer_question(index, item.q)) == ""


def add_enquiry(root: Path, line: str) -> int:
    """Append an enquiry to a copy's golden.yaml; return its line number."""
    golden = root / GOLDEN_FILE
    text = golden.read_text(encoding="utf-8")
    golden.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_test_kb_reports_an_edit_to_one_zone_that_changes_another_zones_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_knowledge(tmp_path / "kb")
    enquiry = '- {q: "搬迁补贴最高多少", entry: taiyuan-zhongbei/relocation-subsidy}'
    line = add_enquiry(root, enquiry)
    assert main(["test-kb", "--kb", str(root)]) == 0
    luzhou = root / "zones/luzhou-hitech.yaml"
    text = luzhou.read_text(encoding="utf-8")
    question = "        - 泸州高新区营收多少\n"
    luzhou.write_text(text.replace(question, question + "        - 搬迁补贴最高多少\n", 1))
    assert main(["test-kb", "--kb", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"golden.yaml:{line}: '搬迁补贴最高多少' -> " in err
    assert "expected taiyuan-zhongbei/relocation-subsidy" in err
    assert "luzhou-hitech/revenue-2022 score" in err


def test_a_miss_is_explained_by_its_best_candidates_and_the_words_they_lack() -> None:
    index = build_index(load_knowledge_base(ROOT / "knowledge"))
    explained = explain(index, "太原中北高新区搬迁补贴 火星基地")
    assert 1 <= len(explained) <= 3
    assert [e.score for e in explained] == sorted((e.score for e in explained), reverse=True)
    best = explained[0]
    assert (best.zone_id, best.entry_id) == ("taiyuan-zhongbei", "relocation-subsidy")
    assert best.uncovered == ("火星基地",)


def test_the_expected_entry_is_explained_even_outside_the_zone_named() -> None:
    index = build_index(load_knowledge_base(ROOT / "knowledge"))
    found = explain_entry(index, "青岛高新区营业收入 火星", "luzhou-hitech", "revenue-2022")
    assert found is not None
    assert (found.zone_id, found.entry_id) == ("luzhou-hitech", "revenue-2022")
    assert found.score > 0
    assert found.uncovered == ("火星",)


def test_an_english_word_no_entry_holds_is_named_uncovered() -> None:
    index = build_index(load_knowledge_base(ROOT / "knowledge"))
    best = explain(index, "Taiyuan Zhongbei relocation subsidy for spaceships")[0]
    assert best.entry_id == "relocation-subsidy"
    assert best.uncovered == ("spaceships",)


def test_a_misspelt_english_word_is_explained_as_the_matcher_reads_it() -> None:
    index = build_index(load_knowledge_base(ROOT / "knowledge"))
    best = explain(index, "how many industrial talants does Luzhou high-tech zone have")[0]
    assert (best.entry_id, best.uncovered) == ("companies-and-talent", ())


def test_golden_yaml_is_not_served_not_hashed_and_not_watched(tmp_path: Path) -> None:
    root = copy_knowledge(tmp_path / "kb")
    version, marks = load_knowledge_base(root).version, fingerprint(root)
    (root / GOLDEN_FILE).write_text("- {q: [not, a, question\n", encoding="utf-8")
    assert load_knowledge_base(root).version == version
    assert fingerprint(root) == marks


def test_mistakes_in_golden_yaml_are_reported_with_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_knowledge(tmp_path / "kb")
    typo = add_enquiry(root, '- {q: "泸州高新区营收多少", entri: luzhou-hitech/revenue-2022}')
    assert main(["test-kb", "--kb", str(root)]) == 1
    expected = f'golden.yaml:{typo}:20: enquiry {len(ITEMS) + 1}: unknown field "entri"'
    assert expected in capsys.readouterr().err
    (root / GOLDEN_FILE).write_text('- {q: "泸州高新区营收多少", entry: luzhou-hitech/revenue}\n')
    assert main(["test-kb", "--kb", str(root)]) == 1
    err = capsys.readouterr().err
    assert 'golden.yaml:1:1: entry "luzhou-hitech/revenue" does not exist' in err
    assert 'did you mean "luzhou-hitech/revenue-2022"' in err
