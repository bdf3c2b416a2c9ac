import html
import math
import re
from html.parser import HTMLParser

import opencc
from helpers.answer_strategies import FRAGMENTS, PROPERTIES, STATUSES, answers
from helpers.telegram_html import telegram_html_problems
from hypothesis import example, given
from hypothesis import strategies as st

from bot.answer.build import answer_question
from bot.answer.model import Answer, Citation
from bot.answer.render import render_answer_html, render_answer_text, split_message
from bot.kb.models import Lang
from bot.search.index import ZoneIndex
from bot.search.matcher import match_question
from bot.search.textnorm import MAX_QUESTION_CHARS, normalize

question_parts = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8))
questions = st.lists(question_parts, max_size=12).map("".join)


def _expect_a_valid_answer(answer: Answer) -> None:
    assert answer.status in STATUSES
    assert 0 <= answer.score <= 100
    assert isinstance(render_answer_text(answer), str)
    assert telegram_html_problems(render_answer_html(answer)) == []


@PROPERTIES
@given(
    question=st.one_of(questions, st.text()),
    context=st.one_of(st.none(), st.sampled_from(["luzhou-hitech", "no-such-zone"])),
    lang=st.sampled_from([None, "zh", "en"]),
)
@example(question="", context=None, lang=None)
@example(question=" \t\n\u3000 ", context=None, lang=None)
@example(question="泸州高新区营业收入" * 11_112, context=None, lang=None)
@example(question="a" * 100_000, context="luzhou-hitech", lang="en")
@example(question="🙂" * 50, context=None, lang=None)
@example(question="\x00\x07\x1b\x7f", context=None, lang=None)
def test_any_text_gets_a_valid_answer_and_renders(
    index: ZoneIndex, question: str, context: str | None, lang: Lang | None
) -> None:
    answer = answer_question(index, question, context_zone=context, lang=lang)
    _expect_a_valid_answer(answer)


@PROPERTIES
@given(question=st.one_of(questions, st.text()), tail=st.one_of(questions, st.text()))
def test_matching_reads_a_bounded_prefix(index: ZoneIndex, question: str, tail: str) -> None:
    padded = question + "泸州高新区营收 " * math.ceil(10 * MAX_QUESTION_CHARS / 8)
    assert len(normalize(padded + tail)) <= MAX_QUESTION_CHARS
    assert match_question(index, padded + tail) == match_question(index, padded)


@PROPERTIES
@given(answer=answers)
def test_any_answer_renders_as_valid_telegram_html(answer: Answer) -> None:
    assert telegram_html_problems(render_answer_html(answer)) == []


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)


def _tagged(name: str, inner: str) -> str:
    attributes = ' href="https://e.org/?a=1&amp;b=2"' if name == "a" else ""
    return f"<{name}{attributes}>{inner}</{name}>"


one_line = st.text(st.characters(blacklist_characters="\n"), max_size=150).map(_escaped)
tag_names = st.sampled_from(["b", "i", "code", "a"])
tagged = st.builds(_tagged, tag_names, one_line)
elements = st.one_of(
    st.text(max_size=60).map(_escaped),
    tagged,
    st.builds(_tagged, tag_names, st.lists(st.one_of(one_line, tagged), max_size=3).map("".join)),
)
paragraphs = st.lists(elements, min_size=1, max_size=8).map("".join)
messages = st.lists(paragraphs, min_size=1, max_size=15).map("\n\n".join)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_characters(message: str) -> str:
    """The characters a reader sees, white space left out."""
    parser = _VisibleText()
    parser.feed(message)
    parser.close()
    return re.sub(r"\s", "", "".join(parser.parts))


@PROPERTIES
@given(message=messages, limit=st.integers(min_value=120, max_value=600))
def test_split_message_keeps_every_chunk_whole_and_under_the_limit(
    message: str, limit: int
) -> None:
    chunks = split_message(message, limit)
    for chunk in chunks:
        assert len(chunk) <= limit
        assert telegram_html_problems(chunk) == []
    assert "".join(map(visible_characters, chunks)) == visible_characters(message)


def test_traditional_questions_find_the_same_entry_as_simplified_ones(index: ZoneIndex) -> None:
    s2t = opencc.OpenCC("s2t")
    written = [q for zone in index.kb.zones.values() for e in zone.entries for q in e.questions.zh]
    differing = []
    for question in written:
        simplified = answer_question(index, question)
        traditional = answer_question(index, s2t.convert(question))
        found = (simplified.status, simplified.zone_id, simplified.entry_id)
        if (traditional.status, traditional.zone_id, traditional.entry_id) != found:
            differing.append(question)
    assert written
    assert differing == []


def test_a_publisher_written_like_a_link_is_escaped_in_html() -> None:
    citation = Citation("src-1", "标题", '<a onclick="x">科技日报</a>', "2023-05")
    answer = Answer(question="q", status="answer", lang="zh", score=90.0, citations=(citation,))
    assert telegram_html_problems(render_answer_html(answer)) == []
