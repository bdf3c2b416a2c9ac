from bot.answer.model import Answer, AnswerBlock, Citation
from bot.answer.render import format_period, render_answer_html, render_answer_text, split_message

CITATION = Citation("src-1", "标题<1>", "科技日报", "2023-05", "https://example.org/a?b=1&c=2")


def _answer(**fields: object) -> Answer:
    block = AnswerBlock(
        zone_id="z",
        entry_id="e",
        zone_name="某园区",
        title="营收",
        text="营收 <b>1250亿元</b> & 增长",
        as_of="2022",
        source_ids=("src-1",),
    )
    base: dict[str, object] = {
        "question": "q",
        "status": "answer",
        "lang": "zh",
        "score": 90.0,
        "blocks": (block,),
        "citations": (CITATION,),
    }
    return Answer(**{**base, **fields})  # type: ignore[arg-type]


def test_periods_are_written_for_the_reader() -> None:
    assert format_period("2023-05", "zh") == "2023年5月"
    assert format_period("2023-05", "en") == "May 2023"
    assert format_period("2021-11-27", "en") == "27 November 2021"
    assert format_period("2022", "zh") == "2022年"


def test_plain_text_names_the_source_and_the_period() -> None:
    text = render_answer_text(_answer())
    assert "某园区 · 营收" in text
    assert "数据时间：2022年" in text
    assert "《标题<1>》，科技日报，2023年5月" in text


def test_html_escapes_knowledge_text_and_links_the_source() -> None:
    html = render_answer_html(_answer())
    assert "&lt;b&gt;1250亿元&lt;/b&gt; &amp; 增长" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2">标题&lt;1&gt;</a>' in html
    assert html.startswith("<b>某园区 · 营收</b>")


def test_traditional_askers_get_traditional_characters() -> None:
    text = render_answer_text(_answer(traditional=True))
    assert "數據時間" in text
    assert "營收" in text


def test_split_message_keeps_short_messages_whole() -> None:
    assert split_message("a\n\nb", limit=10) == ["a\n\nb"]


def test_split_message_cuts_at_paragraphs_under_the_limit() -> None:
    text = "\n\n".join(["x" * 30] * 5)
    chunks = split_message(text, limit=70)
    assert all(len(c) <= 70 for c in chunks)
    assert "".join(chunks).replace("\n", "") == text.replace("\n", "")


def test_split_message_never_cuts_inside_a_tag() -> None:
    text = "<b>" + "y" * 50 + "</b>" + "z" * 50
    chunks = split_message(text, limit=40)
    assert all(len(c) <= 40 for c in chunks)
    assert all(c.count("<b>") == c.count("</b>") for c in chunks)
