"""Write drafted facts as knowledge base YAML for an editor to complete."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from bot.draft.compare import Review
from bot.draft.facts import Fact
from bot.draft.zonenames import ZoneRef
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import DRAFT_MARK, Source
from bot.search.textnorm import char_pinyin

_ID_PART_RE = re.compile(r"[a-z0-9]+")
EN_TITLE = f"{DRAFT_MARK} English title"
EN_ANSWER = f"{DRAFT_MARK} write the English answer (amounts as RMB/US$ million or billion)"
EN_QUESTION = f"{DRAFT_MARK} ask it in English"


@dataclass(frozen=True)
class ZoneDocument:
    """One zone's draft: the file it belongs in and its YAML text (comments first)."""

    zone_id: str
    text: str


def zone_documents(
    zones: dict[str, ZoneRef], result: Review, source_id: str, kb: KnowledgeBase | None
) -> list[ZoneDocument]:
    """One document per zone with something to show: new entries, known facts or updates."""
    documents: list[ZoneDocument] = []
    for key, ref in zones.items():
        facts = [f for f in result.new if f.zone == key]
        comments = _review_comments(key, result)
        if not facts and not comments:
            continue
        name = _zone_name(ref, kb)
        data: dict[str, Any] = {"id": key} if ref.existing else _stub(ref, source_id)
        if ref.existing:
            data["name"] = name
        if facts:
            zone = kb.zones.get(key) if kb is not None else None
            taken = {entry.id for entry in zone.entries} if zone is not None else set()
            data["entries"] = _entries(facts, name.get("zh") or ref.name, source_id, taken)
        head = _head_comment(ref) + comments
        body = _dump(data) if facts else ""
        documents.append(ZoneDocument(key, "".join(f"# {c}\n" for c in head) + body))
    return documents


def source_document(source: Source) -> str:
    """The new sources.yaml entry, as a one-item list."""
    data = source.model_dump(exclude_none=True)
    return _dump([data])


def _zone_name(ref: ZoneRef, kb: KnowledgeBase | None) -> dict[str, str]:
    zone = kb.zones.get(ref.key) if kb is not None else None
    if zone is None:
        return {"zh": ref.name} if not ref.name.isascii() else {"en": ref.name}
    return zone.name.model_dump(exclude_none=True)


def _head_comment(ref: ZoneRef) -> list[str]:
    if ref.existing:
        return [f"zone {ref.key}: add these entries to zones/{ref.key}.yaml"]
    return [f"new zone {ref.key}: check its name, location and id; save as zones/{ref.key}.yaml"]


def _review_comments(key: str, result: Review) -> list[str]:
    lines = list(
        dict.fromkeys(
            f"already known: {k.what} (line {k.line}) is in entry {k.entry_id}"
            for k in result.known
            if k.zone == key
        )
    )
    lines += [
        f"possible update of entry {u.entry_id}: {u.label} {u.old} "
        f"({', '.join(u.old_sources)}) -> {u.new} (this article, line {u.line})"
        for u in result.updates
        if u.zone == key
    ]
    return lines


def _stub(ref: ZoneRef, source_id: str) -> dict[str, Any]:
    name = {"zh": ref.name, "en": ref.english or f"{DRAFT_MARK} English name"}
    if ref.name.isascii():
        name = {"zh": f"{DRAFT_MARK} 中文名称", "en": ref.name}
    stub: dict[str, Any] = {"id": ref.key, "name": name}
    stub["aliases"] = {"zh": [], "en": []}
    stub["entities"] = {"zh": list(dict.fromkeys(ref.entities)), "en": []}
    if ref.location:
        stub["location"] = {"zh": ref.location, "en": f"{DRAFT_MARK} English location"}
    stub["summary"] = {
        "zh": f"{DRAFT_MARK} 用自己的话写园区简介",
        "en": f"{DRAFT_MARK} write the zone card in English",
    }
    stub["sources"] = [source_id]
    return stub


def _entries(
    facts: list[Fact], zone_name: str, source_id: str, taken: set[str]
) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for fact in facts:
        entry_id = _unique(_entry_id(fact), taken)
        entry: dict[str, Any] = {
            "id": entry_id,
            "topic": fact.topic,
            "title": {"zh": _title(fact), "en": EN_TITLE},
            "questions": {"zh": questions(fact, zone_name), "en": [EN_QUESTION]},
            "answer": {"zh": f"{DRAFT_MARK} {fact.lead}{fact.sentence.text}", "en": EN_ANSWER},
            "sources": [source_id],
        }
        if fact.as_of:
            entry["as_of"] = fact.as_of
        entry["draft"] = True
        entry["note"] = _note(fact)
        entries.append(entry)
    return entries


def _title(fact: Fact) -> str:
    if fact.kind == "person":
        return f"{fact.name}（{fact.role}）"
    return fact.name or fact.label


def questions(fact: Fact, zone: str) -> list[str]:
    """Three or more ways to ask for a fact, from the phrase that names it."""
    if fact.kind == "person":
        role = fact.role.split("、")[-1]
        return [f"{fact.name}是谁", f"{zone}{role}是谁", f"{zone}的{role}", f"谁是{zone}的{role}"]
    if fact.kind == "organisation":
        return [f"{fact.name}是做什么的", f"{zone}有{fact.name}吗", f"介绍一下{fact.name}"]
    if fact.kind == "date":
        return [f"{zone}什么时候{fact.label}", f"{fact.label}时间", f"{zone}{fact.label}了吗"]
    label = _without_zone(fact.label, zone)
    return [f"{zone}{label}是多少", f"{label}有多少", f"{zone}的{label}", f"{label}数据"]


def _without_zone(label: str, zone: str) -> str:
    """中关村企业总收入 under 北京中关村 asks for 企业总收入: the zone is named once."""
    for size in range(len(label) - 2, 1, -1):
        if label[:size] in zone:
            return label[size:]
    return label


def _note(fact: Fact) -> str:
    what = ", ".join(f.text for f in fact.figures) or fact.name or fact.as_of
    return (
        f"drafted from line {fact.sentence.line} of the article ({what}): rewrite the answer in "
        "your own words, write the English, check the questions, topic, as_of and sources, "
        'then delete "draft: true" and every [draft] mark'
    )


def _entry_id(fact: Fact) -> str:
    text = fact.name or fact.label
    if text.isascii():
        words = _ID_PART_RE.findall(text.lower())[:4]
    else:
        syllables = [char_pinyin(ch) or "" for ch in text if "\u4e00" <= ch <= "\u9fff"][:6]
        words = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    return "-".join(w for w in words if w)[:48] or fact.kind


def _unique(entry_id: str, taken: set[str]) -> str:
    candidate, number = entry_id, 2
    while candidate in taken:
        candidate, number = f"{entry_id}-{number}", number + 1
    taken.add(candidate)
    return candidate


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's is ten times faster


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Dates in quotes, as knowledge-format.md asks, so no YAML reader takes them for numbers."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if _PERIOD_RE.fullmatch(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
_PERIOD_RE = re.compile(r"\d{4}(?:-\d{2}){0,2}")


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
