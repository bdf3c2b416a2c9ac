"""`zonebot draft`: an article in, draft zone entries out, checked against the knowledge base."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli.commands import main
from bot.draft.figures import find_figures
from bot.draft.job import DraftOutcome, SourceChoice, choose_source, draft, yaml_stream
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import check_knowledge_base, load_knowledge_base
from bot.kb.models import Zone
from bot.search.textnorm import normalize
from bot.search.zonefind import ZoneFinder

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_7c0e3b62e9f8622c.txt"
NEW_SOURCE = {"title": "测试文章", "publisher": "测试报", "date": "2023-06", "url": None}

SEVERAL_ZONES = """\
# 两大园区上半年成绩单

苏州工业园区位于江苏省苏州市。2022年，苏州工业园区实现地区生产总值3686亿元，同比增长2.3%。
园区累计引进外资项目5200多个。

另据了解，合肥高新区2022年新增高新技术企业1500家，
营业收入突破8000亿元。该区研发投入强度达到12%。
"""
ENGLISH = """\
Suzhou Industrial Park, in Suzhou, Jiangsu, attracted US$1.2 billion of foreign investment
in 2022, up 12 percent. The park covers 278 square kilometres.

Hefei High-tech Zone is home to 5,000 high-tech companies.
"""
TABLE = """\
各园区2022年主要指标

| 园区 | 营业收入 | 增速 |
| --- | --- | --- |
| 泸州高新区 | 1250亿元 | 11.1% |
| 合肥高新区 | 8000亿元 | 9% |
"""
CHINESE_NUMERALS = "成都高新区去年吸引投资二十亿元，新增用地三百亩，营收增长百分之十五。"
NEWER_FIGURE = "2023年，青岛高新区生物医药及医疗器械产业营收规模突破100亿元，增速25%。"


def _empty_kb(path: Path) -> KnowledgeBase:
    (path / "zones").mkdir(parents=True)
    (path / "sources.yaml").write_text("[]\n", encoding="utf-8")
    return load_knowledge_base(path)


def _run(text: str, kb: KnowledgeBase | None, source: SourceChoice | None = None) -> DraftOutcome:
    return draft(text, kb, source or choose_source(kb, None, NEW_SOURCE))


def _documents(outcome: DraftOutcome) -> dict[str, dict]:
    """The zone documents of a draft, by zone id, read back as YAML."""
    docs = [doc for doc in yaml.safe_load_all(yaml_stream(outcome)) if isinstance(doc, dict)]
    return {doc["id"]: doc for doc in docs}


def _figures(document: dict) -> set[str]:
    return {
        figure.value
        for entry in document.get("entries", [])
        for figure in find_figures(entry["answer"]["zh"])
    }


def test_an_empty_knowledge_base_is_valid(tmp_path: Path) -> None:
    kb, problems = check_knowledge_base(_empty_kb(tmp_path / "kb").root)
    assert kb is not None
    assert kb.zones == {}
    assert problems == []


def test_each_zone_of_an_article_gets_its_figures(tmp_path: Path) -> None:
    docs = _documents(_run(SEVERAL_ZONES, _empty_kb(tmp_path / "kb")))
    assert set(docs) == {"suzhou-industrial-park", "hefei-hitech"}
    assert _figures(docs["suzhou-industrial-park"]) == {"3686亿元", "2.3%", "5200多个"}
    assert _figures(docs["hefei-hitech"]) == {"1500家", "8000亿元", "12%"}
    assert len(docs["hefei-hitech"]["entries"]) == 3  # companies, revenue, R&D: three topics
    assert docs["suzhou-industrial-park"]["location"]["zh"] == "江苏省苏州市"


def test_figures_of_one_topic_in_one_sentence_make_one_entry(tmp_path: Path) -> None:
    docs = _documents(_run(SEVERAL_ZONES, _empty_kb(tmp_path / "kb")))
    gdp = docs["suzhou-industrial-park"]["entries"][0]
    assert find_figures(gdp["answer"]["zh"])[0].value == "3686亿元"
    assert gdp["title"]["zh"] == "地区生产总值"
    assert gdp["as_of"] == "2022"
    assert len(gdp["questions"]["zh"]) >= 3
    assert all("地区生产总值" in question for question in gdp["questions"]["zh"])


def test_an_english_article_is_drafted_under_english_zone_names(tmp_path: Path) -> None:
    docs = _documents(_run(ENGLISH, _empty_kb(tmp_path / "kb")))
    assert docs["suzhou-industrial-park"]["name"]["en"] == "Suzhou Industrial Park"
    suzhou = docs["suzhou-industrial-park"]
    assert _figures(suzhou) == {"us$1.2billion", "12%", "278squarekilometres"}
    assert [entry["as_of"] for entry in suzhou["entries"]] == ["2022", "2023-06"]
    assert suzhou["entries"][0]["answer"]["en"].startswith("[draft]")
    assert _figures(docs["hefei-high-tech-zone"]) == {"5000high-techcompanies"}


def test_a_table_pasted_as_text_is_read_row_by_row(tmp_path: Path) -> None:
    docs = _documents(_run(TABLE, _empty_kb(tmp_path / "kb")))
    luzhou = docs["luzhou-hitech"]["entries"][0]
    assert luzhou["answer"]["zh"] == "[draft] 泸州高新区：营业收入1250亿元，增速11.1%。"
    assert _figures(docs["hefei-hitech"]) == {"8000亿元", "9%"}


def test_chinese_numerals_are_read_as_figures(tmp_path: Path) -> None:
    docs = _documents(_run(CHINESE_NUMERALS, _empty_kb(tmp_path / "kb")))
    assert _figures(docs["chengdu-hitech"]) == {"20亿元", "300亩", "15%"}
    assert docs["chengdu-hitech"]["name"] == {"zh": "成都高新区", "en": "[draft] English name"}


def test_a_newer_figure_is_listed_as_a_possible_update() -> None:
    kb = load_knowledge_base(ROOT / "knowledge")
    outcome = _run(NEWER_FIGURE, kb)
    stream = yaml_stream(outcome)
    assert (
        "possible update of entry biomed-revenue-2022: 生物医药及医疗器械产业营收规模 80亿元 "
        "(stdaily-2023-05-qingdao) -> 100亿元 (this article, line 1)"
    ) in stream
    assert outcome.drafted == 0
    assert "2 possible updates" in outcome.summary


def test_drafts_are_refused_by_validation_with_file_and_line(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    _empty_kb(kb_dir)
    article = tmp_path / "article.txt"
    article.write_text(SEVERAL_ZONES, encoding="utf-8")
    code = main(["draft", str(article), "--kb", str(kb_dir), "--out", str(kb_dir),
                 "--title", "测试文章", "--publisher", "测试报", "--date", "2023-06"])  # fmt: skip
    assert code == 0
    kb, problems = check_knowledge_base(kb_dir)
    assert kb is None
    lines = (kb_dir / "zones" / "hefei-hitech.yaml").read_text(encoding="utf-8").splitlines()
    draft_line = next(i for i, line in enumerate(lines, 1) if line.strip() == "draft: true")
    assert any(
        p.file == "zones/hefei-hitech.yaml" and p.line == draft_line and "is a draft" in p.message
        for p in problems
    )
    assert any("[draft]" in p.message and "placeholder" in p.message for p in problems)


def test_a_draft_never_overwrites_a_zone_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(SEVERAL_ZONES, encoding="utf-8")
    args = ["draft", str(article), "--kb", str(ROOT / "knowledge"), "--out", str(tmp_path / "out")]
    assert main(args) == 0
    before = (tmp_path / "out" / "zones" / "hefei-hitech.yaml").read_text(encoding="utf-8")
    assert main(args) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "out" / "zones" / "hefei-hitech.yaml").read_text("utf-8") == before


def test_exit_codes_say_drafted_nothing_found_or_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("今天天气很好。", encoding="utf-8")
    kb = ["--kb", str(ROOT / "knowledge")]
    assert main(["draft", str(empty), *kb]) == 1
    assert main(["draft", str(tmp_path / "missing.txt"), *kb]) == 2
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 100%".encode("latin-1"))
    assert main(["draft", str(tmp_path / "latin1.txt"), *kb]) == 2
    bad_date = ["--title", "T", "--publisher", "P", "--date", "2023-13"]
    assert main(["draft", str(empty), *kb, *bad_date]) == 2
    assert main(["draft", str(empty), *kb, "--source-id", "no-such-source"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "not UTF-8" in err
    assert "is not in sources.yaml" in err


def test_the_summary_line_counts_what_was_found(tmp_path: Path) -> None:
    outcome = _run(SEVERAL_ZONES, _empty_kb(tmp_path / "kb"))
    assert outcome.summary == (
        "5 facts found: 5 new, 0 already known, 0 possible updates, 2 zones"
    )


@cache
def _shipped() -> KnowledgeBase:
    return load_knowledge_base(ROOT / "knowledge")


def _seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("../shared is not here")
    return SEED.read_text(encoding="utf-8")


def _shipped_figures(kb: KnowledgeBase) -> set[tuple[str, str]]:
    """(zone id, figure) for every figure the shipped knowledge base states in Chinese."""
    return {
        (zone.id, figure.value)
        for zone in kb.zones.values()
        for entry in zone.entries
        for figure in find_figures(entry.answer.zh or "")
    }


def test_the_seed_page_drafts_the_shipped_figures_under_their_zones(tmp_path: Path) -> None:
    text = _seed_text()
    shipped = load_knowledge_base(ROOT / "knowledge")
    expected = _shipped_figures(shipped)
    outcome = _run(text, _empty_kb(tmp_path / "kb"))
    finder = ZoneFinder(shipped)
    drafted: set[tuple[str, str]] = set()
    for fact in outcome.review.new:
        ids = finder.find(normalize(outcome.found.zones[fact.zone].name)).zone_ids
        drafted |= {(ids[0] if ids else fact.zone, figure.value) for figure in fact.figures}
    values = {value for _zone, value in expected}
    assert len(expected) >= 40
    assert len(values & {value for _zone, value in drafted}) >= 0.9 * len(values)
    assert len(expected & drafted) >= 0.9 * len(expected)


def test_the_seed_page_against_the_shipped_base_finds_every_figure_known() -> None:
    text = _seed_text()
    shipped = load_knowledge_base(ROOT / "knowledge")
    outcome = _run(text, shipped, choose_source(shipped, "stdaily-2023-05-qingdao", {}))
    expected = _shipped_figures(shipped)
    stated_in_article = {
        (fact.zone, figure.value) for fact in outcome.found.facts for figure in fact.figures
    }
    known = {(k.zone, find_figures(k.what)[0].value) for k in outcome.review.known
             if find_figures(k.what)}  # fmt: skip
    new = {(f.zone, figure.value) for f in outcome.review.new for figure in f.figures}
    assert len(expected & stated_in_article) >= 0.9 * len(expected)
    assert expected & stated_in_article <= known
    assert not expected & new
    assert outcome.review.updates == []


texts = st.lists(
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(
            [
                "青岛高新区",
                "2022年",
                "营收80亿元",
                "增长28%",
                "|",
                " | ",
                "\n",
                "。",
                "书记张三说",
                "Suzhou Industrial Park",
                "US$1.2 billion",
                "1∶1.5",
                "百分之",
                "三百亩",
                "---",
                "有限公司",
                "# ",
                "\t",
                "  ",
                "5月12日",
                "7亿—10亿千瓦时",
                "\ufeff",
                "\r\n",
            ]
        ),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_gives_valid_yaml_and_valid_zone_files(text: str) -> None:
    kb = _shipped()
    for outcome in (_run(text, kb), _run(text, None)):
        documents = list(yaml.safe_load_all(yaml_stream(outcome)))
        for document in documents:
            if isinstance(document, dict):
                Zone.model_validate(document)


def _median_seconds(text: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        _run(text, None)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_drafting_cost_grows_linearly_with_the_article() -> None:
    block = SEVERAL_ZONES + TABLE + CHINESE_NUMERALS + ENGLISH
    _median_seconds(block, runs=1)  # warm the caches (gazetteer, pinyin)
    small, large = _median_seconds(block * 5), _median_seconds(block * 40)
    assert large / small < 8 * 3


def test_the_zone_option_puts_every_fact_under_one_zone_citing_the_new_source(
    tmp_path: Path,
) -> None:
    kb_dir = tmp_path / "kb"
    shutil.copytree(ROOT / "knowledge", kb_dir)
    article = tmp_path / "article.txt"
    article.write_text("园区新增企业35家，总投资12亿元。", encoding="utf-8")
    out = tmp_path / "out"
    args = ["draft", str(article), "--kb", str(kb_dir), "--zone", "luzhou-hitech",
            "--out", str(out), "--title", "泸州新闻", "--publisher", "泸州日报",
            "--date", "2023-07-01"]  # fmt: skip
    assert main(args) == 0
    luzhou = yaml.safe_load((out / "zones" / "luzhou-hitech.yaml").read_text(encoding="utf-8"))
    assert luzhou["entries"][0]["sources"] == ["luzhouribao-2023-07-01"]
    assert luzhou["entries"][0]["as_of"] == "2023-07-01"
    sources = yaml.safe_load((out / "sources.yaml").read_text(encoding="utf-8"))
    assert sources[0]["id"] == "luzhouribao-2023-07-01"


def test_a_placeholder_source_is_refused_until_written(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    _empty_kb(kb_dir)
    article = tmp_path / "article.txt"
    article.write_text(TABLE, encoding="utf-8")
    assert main(["draft", str(article), "--kb", str(kb_dir), "--out", str(kb_dir)]) == 0
    _, problems = check_knowledge_base(kb_dir)
    assert any(p.file == "sources.yaml" and "not a date" in p.message for p in problems)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=200))
def test_any_bytes_on_the_command_line_exit_0_1_or_2_without_a_traceback(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "article.txt"
        article.write_bytes(raw)
        assert main(["draft", str(article), "--kb", str(ROOT / "knowledge")]) in (0, 1, 2)
