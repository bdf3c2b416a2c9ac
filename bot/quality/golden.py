"""Real enquiries with the answer each must get (knowledge/golden.yaml), checked by test-kb.

The file is the editors' regression test, not part of the served knowledge base: the loader
does not read it, so it is in neither the version hash nor the reload watch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from bot.answer.build import answer_question
from bot.answer.model import Answer
from bot.answer.render import render_answer_text
from bot.errors import FileRejected
from bot.kb.knowledge import KnowledgeBase, Problem
from bot.kb.models import ID_PATTERN, Lang, NonEmpty
from bot.kb.validation import FileShape, did_you_mean, validate_document
from bot.kb.yamlread import parse_yaml
from bot.search.index import EntryRecord, ZoneIndex

GOLDEN_FILE = "golden.yaml"
MAX_GOLDEN_BYTES = 1_048_576
_ENTRY_RE = re.compile(ID_PATTERN.removesuffix("$") + "/" + ID_PATTERN.removeprefix("^"))
_FOLD = str.maketrans({"％": "%", "：": ":", "∶": ":", "，": ","})


def _check_entry_ref(value: str) -> str:
    if not _ENTRY_RE.match(value):
        msg = f'"{value}" is not an entry: write the zone\'s id, "/" and the entry\'s id'
        raise ValueError(msg)
    return value


EntryRef = Annotated[str, AfterValidator(_check_entry_ref)]
EnquiryKind = Literal["fact", "cross", "ambiguous", "oos"]


class GoldenItem(BaseModel):
    """One enquiry and what its answer must be."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    q: NonEmpty
    kind: EnquiryKind = "fact"  # cross: about several zones; ambiguous: must ask back; oos: refuse
    entry: EntryRef | None = None  # the entry that must answer it: zone-id/entry-id
    must: list[list[NonEmpty]] = Field(default_factory=list)  # texts the reply holds, per group
    lang: Lang | None = None  # the language the reply must be in


class GoldenList(BaseModel):
    """The contents of golden.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    items: list[GoldenItem]


GOLDEN_SHAPE = FileShape(
    GoldenList,
    list,
    'a list of enquiries (one a line, like - {q: "...", entry: zone-id/entry-id})',
    (),
    "enquiry",
    wrap="items",
)


@dataclass(frozen=True)
class Enquiry:
    """A golden item and the line it is written on."""

    item: GoldenItem
    line: int


@dataclass(frozen=True)
class GoldenMiss:
    """An enquiry whose answer is not the one expected."""

    enquiry: Enquiry
    got: str  # "zone/entry", "clarify" or "no_match"
    why: str


def read_golden(root: Path) -> tuple[list[Enquiry], list[Problem]]:
    """Read root/golden.yaml (none is fine), or say what an editor must fix in it."""
    path = root / GOLDEN_FILE
    if not path.is_file():
        return [], []
    try:
        if path.stat().st_size > MAX_GOLDEN_BYTES:
            message = f"the file is over the limit of {MAX_GOLDEN_BYTES:,} bytes: split it"
            return [], [Problem(GOLDEN_FILE, 1, 1, message)]
        doc = parse_yaml(path.read_bytes(), GOLDEN_FILE)
        golden = validate_document(GOLDEN_SHAPE, doc, GOLDEN_FILE)
    except FileRejected as rejected:
        return [], rejected.problems
    except OSError as error:
        return [], [Problem(GOLDEN_FILE, 1, 1, f"the file cannot be read ({error.strerror})")]
    return [Enquiry(item, doc.position((i,)).line) for i, item in enumerate(golden.items)], []


def unknown_entries(kb: KnowledgeBase, enquiries: list[Enquiry]) -> list[Problem]:
    """Report each enquiry expecting an entry the knowledge base does not have."""
    known = [f"{zone.id}/{entry.id}" for zone in kb.zones.values() for entry in zone.entries]
    return [
        Problem(
            GOLDEN_FILE,
            e.line,
            1,
            f'entry "{e.item.entry}" does not exist{did_you_mean(e.item.entry, known)}',
        )
        for e in enquiries
        if e.item.entry is not None and e.item.entry not in known
    ]


def check_golden(index: ZoneIndex, enquiries: list[Enquiry]) -> list[GoldenMiss]:
    """Ask every enquiry, without context, and list those answered otherwise than expected.

    An enquiry expecting an entry that does not exist is left to `unknown_entries`.
    """
    misses = []
    for enquiry in enquiries:
        if enquiry.item.entry is not None and _entry(index, enquiry.item.entry) is None:
            continue
        answer = answer_question(index, enquiry.item.q)
        why = judge(enquiry.item, answer)
        if why:
            got = f"{answer.zone_id}/{answer.entry_id}" if answer.entry_id else answer.status
            misses.append(GoldenMiss(enquiry, got, why))
    return misses


def _entry(index: ZoneIndex, ref: str) -> EntryRecord | None:
    zone_id, _, entry_id = ref.partition("/")
    return index.by_id.get((zone_id, entry_id))


def judge(item: GoldenItem, answer: Answer) -> str:
    """Return why the answer fails the item, or "" when it passes."""
    if item.kind == "oos":
        return "" if answer.status != "answer" else "expected a refusal (out of scope)"
    if item.kind == "ambiguous":
        zones = {block.zone_id for block in answer.blocks}
        several = answer.status == "answer" and len(zones) >= 2
        ok = answer.status == "clarify" or several
        return "" if ok else "expected a question back or several zones"
    if answer.status != "answer" or (
        item.entry is not None and f"{answer.zone_id}/{answer.entry_id}" != item.entry
    ):
        return f"expected {item.entry or 'an answer'}"
    text = fold(render_answer_text(answer))
    missing = [group for group in item.must if not any(contains(text, alt) for alt in group)]
    if missing:
        return "the reply lacks " + " and ".join(" or ".join(group) for group in missing)
    if item.kind == "fact" and not answer.citations:
        return "no source cited"
    if item.lang is not None and item.lang != answer.lang:
        return f"answered in {answer.lang}"
    return ""


def fold(text: str) -> str:
    """Fold a reply as score.py does: case, full-width marks, digit grouping, white space."""
    text = text.lower().translate(_FOLD)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=\d)\s+(?=\d)", "|", text)
    return re.sub(r"\s+", "", text).replace(",", "|")


def contains(folded: str, needle: str) -> bool:
    """Tell whether a folded reply holds `needle`, a number not as part of a longer one."""
    n = fold(needle)
    pattern = re.escape(n)
    if n[:1].isdigit():
        pattern = r"(?<![\d.])" + pattern
    if n[-1:].isdigit():
        pattern += r"(?![\d])"
    return re.search(pattern, folded) is not None
