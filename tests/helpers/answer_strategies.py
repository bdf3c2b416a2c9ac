"""Hypothesis settings and strategies for random answers, shared by the property tests."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from bot.answer.model import Answer, AnswerBlock, Citation, Suggestion

PROPERTIES = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
STATUSES = ("answer", "clarify", "no_match")
# Pieces that steer random questions into the matcher's real paths, and into escaping.
FRAGMENTS = (
    "泸州高新区", "沪州", "高薪区", "青海零碳产业园", "qinghai lingtan chanyeyuan", "Luzhou",
    "哪些园区", "which zones", "营业收入", "研发奖励", "补贴", "面积", "深圳前海",
    "Suzhou Industrial Park", "那", "呢？", "二十五万", "1.5亿", "ＡＢＣ１２３", "R&D", "🙂🚀",
    "\x00", "\x1b[31m", "\u200b", "\ufeff", "\r\n", "\t", "<b>", "</a>", "&amp;", "&", "<",
    '<a href="x">y</a>', "營業收入", "مرحبا", "Привет", "　",
)  # fmt: skip
texts = st.one_of(st.text(max_size=40), st.sampled_from(FRAGMENTS))
periods = st.sampled_from(["2023", "2023-05", "2021-11-27"])


citations = st.builds(
    Citation,
    id=st.just("src-1"),
    title=texts,
    publisher=texts,
    date=periods,
    url=st.one_of(st.none(), st.sampled_from(["https://e.org/a?b=1&c=2", 'https://e.org/"<x>'])),
)
blocks = st.builds(
    AnswerBlock,
    zone_id=st.just("z"),
    entry_id=st.just("e"),
    zone_name=texts,
    title=texts,
    text=texts,
    as_of=st.one_of(st.none(), periods),
    valid_until=st.one_of(st.none(), periods),
    lapsed=st.booleans(),
    untranslated=st.booleans(),
)
suggestions = st.builds(Suggestion, zone_id=st.just("z"), entry_id=st.none(), question=texts)
answers = st.builds(
    Answer,
    question=texts,
    status=st.sampled_from(STATUSES),
    lang=st.sampled_from(["zh", "en"]),
    score=st.floats(0, 100),
    traditional=st.booleans(),
    intro=texts,
    blocks=st.lists(blocks, max_size=3).map(tuple),
    outro=texts,
    citations=st.lists(citations, max_size=3).map(tuple),
    suggestions=st.lists(suggestions, max_size=3).map(tuple),
)
