"""The golden questions, judged by the rules of ../shared/eval/score.py, in-process."""

import re
from pathlib import Path

import pytest
import yaml

from bot.answer import answer_question
from bot.answer_types import Answer
from bot.index import ZoneIndex, build_index
from bot.loader import load_knowledge_base
from bot.render import render_answer_text

ROOT = Path(__file__).resolve().parents[1]
ITEMS = yaml.safe_load((ROOT / "tests/data/golden.yaml").read_text(encoding="utf-8"))["items"]
MINIMUM = {"fact": 0.95, "oos": 0.9, "cross": 0.8, "ambiguous": 0.5}
ZONE_WORDS = (
    "青岛",
    "太原",
    "泸州",
    "青海",
    "安阳",
    "qingdao",
    "taiyuan",
    "luzhou",
    "qinghai",
    "anyang",
)
FOLD = str.maketrans({"％": "%", "：": ":", "∶": ":", "，": ","})


@pytest.fixture(scope="module")
def index() -> ZoneIndex:
    return build_index(load_knowledge_base(ROOT / "knowledge"))


def fold(text: str) -> str:
    text = text.lower().translate(FOLD)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=\d)\s+(?=\d)", "|", text)
    return re.sub(r"\s+", "", text).replace(",", "|")


def contains(haystack: str, needle: str) -> bool:
    n = fold(needle)
    pattern = re.escape(n)
    if n[:1].isdigit():
        pattern = r"(?<![\d.])" + pattern
    if n[-1:].isdigit():
        pattern += r"(?![\d])"
    return re.search(pattern, haystack) is not None


def judge(item: dict[str, object], answer: Answer) -> str:
    """Return why the answer fails the item, or "" when it passes."""
    text = fold(render_answer_text(answer))
    kind = item["kind"]
    if kind == "oos":
        return "" if answer.status != "answer" else "answered an out-of-scope question"
    if kind == "ambiguous":
        zones = {z for z in ZONE_WORDS if z in text}
        ok = answer.status == "clarify" or (answer.status == "answer" and len(zones) >= 2)
        return "" if ok else f"status={answer.status} zones={sorted(zones)}"
    if answer.status != "answer":
        return f"status={answer.status}"
    groups = item.get("must", [])
    assert isinstance(groups, list)
    missing = [g for g in groups if not any(contains(text, alt) for alt in g)]
    if missing:
        return f"missing {missing}"
    if kind == "fact" and not answer.citations:
        return "no citations"
    if item.get("lang") and item["lang"] != answer.lang:
        return f"lang={answer.lang}"
    return ""


def test_golden_questions_meet_the_pass_ratios(index: ZoneIndex) -> None:
    failures: dict[str, list[str]] = {}
    totals: dict[str, int] = {}
    for item in ITEMS:
        why = judge(item, answer_question(index, item["q"]))
        totals[item["kind"]] = totals.get(item["kind"], 0) + 1
        if why:
            failures.setdefault(item["kind"], []).append(f"{item['q']}: {why}")
    for kind, total in totals.items():
        failed = failures.get(kind, [])
        assert (total - len(failed)) / total >= MINIMUM[kind], "\n".join(failed)


@pytest.mark.parametrize("item", [i for i in ITEMS if i["kind"] == "oos"], ids=lambda i: i["q"])
def test_out_of_scope_questions_are_never_answered(
    index: ZoneIndex, item: dict[str, object]
) -> None:
    assert judge(item, answer_question(index, str(item["q"]))) == ""
