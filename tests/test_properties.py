import html
import math
import re
from html.parser import HTMLParser

import opencc
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.answer.build import answer_question
from bot.answer.model import Answer, AnswerBlock, Citation, Suggestion
from bot.answer.render import render_answer_html, render_answer_text, split_message
from bot.kb.models import Lang
from bot.search.index import ZoneIndex
from bot.search.matcher import match_question
from bot.search.textnorm import MAX_QUESTION_CHARS, normalize

PROPERTIES = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TELEGRAM_TAGS = frozenset({"b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler"})
ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
STATUSES = ("answer", "clarify", "no_match")
# Pieces that steer random questions into the matcher's real paths, and into escaping.
FRAGMENTS = (
    "泸州高新区", "沪州", "高薪区", "青海零碳产业园", "qinghai lingtan chanyeyuan", "Luzhou",
    "哪些园区", "which zones", "营业收入", "研发奖励", "补贴", "面积", "深圳前海",
    "Suzhou Industrial Park", "那", "呢？", "二十五万", "1.5亿", "ＡＢＣ１２３", "R&D", "🙂🚀",
    "\x00", "\x1b[31m", "\u200b", "\ufeff", "\r\n", "\t", "<b>", "</a>", "&amp;", "&", "<",
    '<a href="x">y</a>', "營業收入", "مرحبا", "Привет", "　",
)  # fmt: skip
question_parts = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8))
questions = st.lists(question_parts, max_size=12).map("".join)
texts = st.one_of(st.text(max_size=40), st.sampled_from(FRAGMENTS))
periods = st.sampled_from(["2023", "2023-05", "2021-11-27"])


class TelegramHtmlChecker(HTMLParser):
    """Collects what Telegram's HTML parse mode would refuse in a message."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open_tags: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"tag <{tag}>")
        if tag == "a" and [name for name, _ in attrs] != ["href"]:
            self.problems.append(f"<a> attributes {attrs}")
        self.open_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags or self.open_tags.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")

    def handle_data(self, data: str) -> None:
        if any(ch in data for ch in "<>&"):
            self.problems.append(f"bare markup character in {data!r}")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declaration")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instruction")


def telegram_html_problems(text: str) -> list[str]:
    checker = TelegramHtmlChecker()
    checker.feed(text)
    checker.close()
    problems = checker.problems + [f"<{tag}> never closed" for tag in checker.open_tags]
    if "&" in ENTITY_RE.sub("", text):
        problems.append("& that starts no entity")
    return problems


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
