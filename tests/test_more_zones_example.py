"""examples/more-zones: zones drafted from real articles, completed, and answered by the bot."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.build import answer_question
from bot.draft.figures import find_figures
from bot.draft.job import choose_source, draft
from bot.kb.loader import check_knowledge_base, load_knowledge_base
from bot.search.index import build_index

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "more-zones"
ARTICLES = EXAMPLE / "articles"


def test_the_example_base_is_valid() -> None:
    kb, problems = check_knowledge_base(EXAMPLE)
    assert kb is not None
    assert [p for p in problems if p.severity == "error"] == []
    assert set(kb.zones) == {"zhongguancun", "shanghai-zhangjiang-hitech", "wuhan-donghu-hitech"}


@pytest.mark.parametrize(
    ("question", "zone_id", "entry_id", "figure"),
    [
        ("中关村企业总收入多少", "zhongguancun", "revenue-and-hitech-companies-2022", "8.7万亿元"),
        ("中关村有多少家国家高新技术企业", "zhongguancun", "revenue-and-hitech-companies-2022",
         "1.7万家"),
        ("张江集成电路产业占全国多少", "shanghai-zhangjiang-hitech", "integrated-circuits-share",
         "35%"),
        ("How big is the optoelectronics industry in Wuhan East Lake?", "wuhan-donghu-hitech",
         "optoelectronics-share", "50%"),
    ],
)  # fmt: skip
def test_the_bot_answers_from_the_drafted_zones_citing_the_article(
    question: str, zone_id: str, entry_id: str, figure: str
) -> None:
    index = build_index(load_knowledge_base(EXAMPLE))
    answer = answer_question(index, question)
    assert (answer.status, answer.zone_id, answer.entry_id) == ("answer", zone_id, entry_id)
    entry = index.kb.entry(zone_id, entry_id)
    assert entry is not None
    assert figure in {f.value for f in find_figures(entry.answer.zh or "")}
    assert answer.citations[0].id in {"peoples-daily-2023-12-13", "economic-daily-2023-12-18"}


def test_redrafting_an_article_finds_its_figures_already_known() -> None:
    kb = load_knowledge_base(EXAMPLE)
    for article, source_id in (
        ("2023-12-13-renmin-ribao-national-hitech-zones.md", "peoples-daily-2023-12-13"),
        ("2023-12-18-jingji-ribao-national-hitech-zones.md", "economic-daily-2023-12-18"),
    ):
        text = (ARTICLES / article).read_text(encoding="utf-8")
        outcome = draft(text, kb, choose_source(kb, source_id, {}))
        assert outcome.drafted == 0
        assert outcome.review.known
