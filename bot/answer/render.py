"""Render an Answer as plain text (CLI) or Telegram HTML, both from the same object."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from bot.answer.model import Answer, AnswerBlock, Citation
from bot.i18n import t
from bot.kb.models import Lang
from bot.search.textnorm import to_traditional

TELEGRAM_LIMIT = 4096

Markup = Callable[[str], str]


def format_period(period: str, lang: Lang) -> str:
    """Write "2023-05" as 2023年5月 or May 2023."""
    parts = [int(p) for p in period.split("-")]
    if lang == "zh":
        units = ("年", "月", "日")
        return "".join(f"{value}{unit}" for value, unit in zip(parts, units, strict=False))
    months = ("January February March April May June July August September October "
              "November December").split()  # fmt: skip
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{months[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {months[parts[1] - 1]} {parts[0]}"


def format_citation(citation: Citation, lang: Lang, title_markup: Markup = str) -> str:
    """Write a source as a reader expects it: title, publisher, date."""
    title = title_markup(citation.title)
    when = format_period(citation.date, lang)
    if lang == "zh":
        return f"《{title}》，{citation.publisher}，{when}"
    return f'"{title}", {citation.publisher}, {when}'


def esc(text: str) -> str:
    """Escape text for Telegram HTML."""
    return html.escape(text, quote=False)


def citation_html(citation: Citation, lang: Lang) -> str:
    """Write a source as Telegram HTML: every field escaped, the title linked if it has a link."""

    def title(text: str) -> str:
        if citation.url is None:
            return text
        return f'<a href="{html.escape(citation.url)}">{text}</a>'

    escaped = Citation(
        citation.id,
        esc(citation.title),
        esc(citation.publisher),
        citation.date,
        citation.url,
    )
    return format_citation(escaped, lang, title)


def _block_lines(block: AnswerBlock, lang: Lang, esc: Markup, bold: Markup) -> list[str]:
    lines = [bold(esc(f"{block.zone_name} · {block.title}")), esc(block.text)]
    notes: list[str] = []
    if block.untranslated:
        notes.append(t("no_english", lang))
    if block.as_of:
        notes.append(t("as_of", lang, period=format_period(block.as_of, lang)))
    if block.lapsed and block.valid_until:
        notes.append(t("lapsed", lang, date=block.valid_until))
    elif block.valid_until:
        notes.append(t("valid_until", lang, date=block.valid_until))
    if notes:
        lines.append(esc(" · ".join(notes)))
    return lines


def _render(answer: Answer, esc: Markup, bold: Markup, link: Callable[[Citation], str]) -> str:
    lang = answer.lang
    paragraphs: list[str] = []
    if answer.intro:
        paragraphs.append(esc(answer.intro))
    paragraphs += ["\n".join(_block_lines(b, lang, esc, bold)) for b in answer.blocks]
    if answer.outro:
        paragraphs.append(esc(answer.outro))
    if answer.status == "clarify" and answer.suggestions:
        paragraphs.append("\n".join(esc(f"· {s.question}") for s in answer.suggestions))
    if answer.citations:
        label = t("source" if len(answer.citations) == 1 else "sources", lang)
        separator = "：" if lang == "zh" else ": "
        cited = "\n".join(link(c) for c in answer.citations)
        paragraphs.append(
            f"{esc(label)}{separator}" + ("\n" if len(answer.citations) > 1 else "") + cited
        )
    text = "\n\n".join(paragraphs)
    return to_traditional(text) if answer.traditional and lang == "zh" else text


def render_answer_text(answer: Answer) -> str:
    """Render an answer as plain text, as a user reads it, sources included."""

    def plain(citation: Citation) -> str:
        text = format_citation(citation, answer.lang)
        return f"{text} {citation.url}" if citation.url else text

    return _render(answer, str, str, plain)


def render_answer_html(answer: Answer) -> str:
    """Render an answer as Telegram HTML: escaped text, bold headings, linked sources."""

    def linked(citation: Citation) -> str:
        return citation_html(citation, answer.lang)

    return _render(answer, esc, lambda s: f"<b>{s}</b>", linked)


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split a message at paragraph, then line, then character boundaries, each under `limit`.

    HTML tags never span a paragraph here, so a paragraph boundary never cuts one; a single
    paragraph longer than the limit is cut outside tags and entities.
    """
    chunks: list[str] = []
    current = ""
    for paragraph in text.split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        pieces = _cut(paragraph, limit)
        chunks.extend(pieces[:-1])
        current = pieces[-1]
    if current or not chunks:
        chunks.append(current)
    return chunks


_TOKEN_RE = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]|[<&]")
_TAG_NAME_RE = re.compile(r"</?\s*([a-zA-Z-]+)")


def _cut(paragraph: str, limit: int) -> list[str]:
    """Cut one long paragraph under `limit`: never inside a tag or an entity, and an element
    cut in two is closed at the end of one piece and opened again at the start of the next."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    open_tags: list[tuple[str, str]] = []  # (name, opening tag as written)
    for token in _TOKEN_RE.findall(paragraph):
        name_match = (
            _TAG_NAME_RE.match(token) if token.startswith("<") and len(token) > 1 else None
        )
        opening = name_match is not None and not token.startswith("</")
        closers = [f"</{name}>" for name, _ in reversed(open_tags)]
        if opening and name_match:
            closers.append(f"</{name_match.group(1)}>")
        if current and size + len(token) + sum(map(len, closers)) > limit:
            pieces.append("".join(current) + "".join(f"</{n}>" for n, _ in reversed(open_tags)))
            current = [tag for _, tag in open_tags]
            size = sum(map(len, current))
        current.append(token)
        size += len(token)
        if name_match and opening:
            open_tags.append((name_match.group(1), token))
        elif name_match and open_tags:
            open_tags.pop()
    pieces.append("".join(current))
    return [p.strip("\n") for p in pieces]
