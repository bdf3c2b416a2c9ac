"""Read an article pasted from a PDF or a web page into sentences that know their line."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from bot.draft.figures import fold_width

_SENTENCE_RE = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’\"）)]*|$)")
_ENGLISH_STOP_RE = re.compile(r"(?<=[a-z0-9%)”\"][.])\s+(?=[A-Z“\"(])")
_TABLE_SPLIT_RE = re.compile(r"\s*\|\s*|\t+|\s{2,}")
_RULE_RE = re.compile(r"\|?[\s|:=-]*-{3,}[\s|:=-]*")  # a Markdown table's rule, or ----
_LATIN_END_RE = re.compile(r"[A-Za-z0-9,.;:%)]$")
_LATIN_START_RE = re.compile(r"^[A-Za-z0-9(“\"$]")


@dataclass(frozen=True)
class Sentence:
    """One sentence (or table row) of the article and the line it starts on."""

    text: str
    line: int


def clean(text: str) -> str:
    """Fold full-width digits, letters, % and the ratio sign; keep Chinese punctuation."""
    return fold_width(text).replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def sentences(text: str) -> list[Sentence]:
    """Split an article into sentences, joining lines a PDF broke and reading tables by row."""
    found: list[Sentence] = []
    block: list[tuple[int, str]] = []
    header: list[str] | None = None  # the first row of the table being read
    for number, raw in enumerate(clean(text).split("\n"), start=1):
        line = raw.strip()
        if _RULE_RE.fullmatch(line):
            continue
        cells = _table_cells(line)
        if cells and header is None:
            found += _split_block(block)
            block, header = [], cells
        elif cells and header is not None:
            found.append(Sentence(_table_row(cells, header), number))
        elif line.startswith("#"):
            found += [*_split_block(block), Sentence(line.lstrip("# "), number)]
            block, header = [], None
        elif line:
            block.append((number, line))
            header = None
    return [s for s in found + _split_block(block) if s.text.strip()]


def _table_cells(line: str) -> list[str]:
    """The cells of a table row written with | or runs of spaces, or [] for prose."""
    cells = [cell for cell in _TABLE_SPLIT_RE.split(line.strip("| ")) if cell]
    return cells if len(cells) >= 3 or (len(cells) == 2 and "|" in line) else []


def _table_row(cells: list[str], header: list[str]) -> str:
    """A row as a sentence: its first cell, then each header with its value."""
    if len(header) != len(cells):
        return "，".join(cells) + "。"
    pairs = [f"{name}{value}" for name, value in zip(header[1:], cells[1:], strict=True)]
    return f"{cells[0]}：" + "，".join(pairs) + "。"


def _split_block(block: list[tuple[int, str]]) -> list[Sentence]:
    """Join a run of lines (Chinese without spaces, Latin words with one) and split it."""
    if not block:
        return []
    starts: list[int] = []
    numbers: list[int] = []
    parts: list[str] = []
    size = 0
    for number, line in block:
        if parts and _LATIN_END_RE.search(parts[-1]) and _LATIN_START_RE.search(line):
            parts.append(" ")
            size += 1
        starts.append(size)
        numbers.append(number)
        parts.append(line)
        size += len(line)
    joined = "".join(parts)
    found: list[Sentence] = []
    for match in _SENTENCE_RE.finditer(joined):
        offset = match.start()
        for piece in _ENGLISH_STOP_RE.split(match.group(0)):
            text = piece.strip()
            if text:
                at = offset + match.group(0).find(piece) if piece else offset
                found.append(Sentence(text, numbers[bisect_right(starts, at) - 1]))
    return found
