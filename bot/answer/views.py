"""Browsing without a question: the zone list, zone cards, topics, comparisons and sources.

Each view is Telegram HTML (escaped) plus the choices to offer as buttons; the front end
decides how a choice becomes a button.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answer.build import entry_title, zone_name
from bot.answer.model import Citation
from bot.answer.render import citation_html, esc, format_period
from bot.i18n import list_separator, t
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import TOPICS, Entry, Lang, Source, Zone


@dataclass(frozen=True)
class Choice:
    """Something a view offers to open: a zone card, one of its topics, or one entry."""

    label: str
    zone_id: str
    topic: str | None = None
    entry: Entry | None = None


@dataclass(frozen=True)
class View:
    """A message to show and the choices to offer under it."""

    html: str
    choices: tuple[Choice, ...] = ()


def _industries(zone: Zone, lang: Lang) -> str:
    return list_separator(lang).join(zone.industries.get(lang) or zone.industries.zh)


def cite_html(source: Source, lang: Lang) -> str:
    """Write a source as escaped HTML, its title linked when it has a link."""
    return citation_html(Citation.of(source, lang), lang)


def zones_view(kb: KnowledgeBase, lang: Lang) -> View:
    """List every zone with where it is and its industries; each opens its card."""
    lines = [f"<b>{esc(t('zones_known', lang))}</b>"]
    for zone in kb.zones.values():
        place = f" ({esc(zone.location.best(lang))})" if zone.location else ""
        industries = _industries(zone, lang)
        lines.append(
            f"· {esc(zone_name(zone, lang))}{place}"
            + (f": {esc(industries)}" if industries else "")
        )
    choices = tuple(Choice(zone_name(z, lang), z.id) for z in kb.zones.values())
    return View("\n".join(lines), choices)


def zone_card(kb: KnowledgeBase, zone_id: str, lang: Lang) -> View:
    """Show a zone's summary, industries and sources, with a button per topic it covers."""
    zone = kb.zones[zone_id]
    parts = [f"<b>{esc(zone_name(zone, lang))}</b>"]
    if zone.location:
        parts[0] += f"\n{esc(zone.location.best(lang))}"
    if zone.summary:
        parts.append(esc(zone.summary.best(lang)))
    if industries := _industries(zone, lang):
        parts.append(
            f"<b>{esc(t('industries', lang))}</b>{esc(t('colon', lang))}{esc(industries)}"
        )
    sources = [kb.sources[s] for s in zone.sources if s in kb.sources]
    if sources:
        label = t("source" if len(sources) == 1 else "sources", lang) + t("colon", lang)
        parts.append(esc(label) + "\n".join(cite_html(s, lang) for s in sources))
    topics = [topic for topic in TOPICS if any(e.topic == topic for e in zone.entries)]
    choices = tuple(Choice(t(f"topic_{topic}", lang), zone_id, topic=topic) for topic in topics)
    return View("\n\n".join(parts), choices)


def topic_view(kb: KnowledgeBase, zone_id: str, topic: str, lang: Lang) -> View:
    """Offer a zone's entries on one topic."""
    zone = kb.zones[zone_id]
    heading = f"<b>{esc(zone_name(zone, lang))} · {esc(t(f'topic_{topic}', lang))}</b>"
    entries = [e for e in zone.entries if e.topic == topic]
    choices = tuple(Choice(entry_title(e, lang), zone_id, entry=e) for e in entries)
    return View(f"{heading}\n{esc(t('choose_entry', lang))}", choices)


def comparison(kb: KnowledgeBase, first: str, second: str, lang: Lang) -> str:
    """Compare two zones topic by topic; each entry names its source by a numbered note."""
    zones = [kb.zones[first], kb.zones[second]]
    notes: list[str] = []
    title = f"{zone_name(zones[0], lang)} ⇄ {zone_name(zones[1], lang)}"
    paragraphs = [f"<b>{esc(title)}</b>"]
    for topic in TOPICS:
        by_zone = [[e for e in zone.entries if e.topic == topic] for zone in zones]
        if not any(by_zone):
            continue
        paragraphs.append(f"<b>— {esc(t(f'topic_{topic}', lang))} —</b>")
        for zone, entries in zip(zones, by_zone, strict=True):
            lines = [f"<i>{esc(zone_name(zone, lang))}</i>"]
            lines += [_compared_entry(entry, lang, notes) for entry in entries]
            if not entries:
                lines.append(esc(t("compare_nothing", lang)))
            paragraphs.append("\n".join(lines))
    sources = [kb.sources[s] for s in notes]
    label = esc(t("sources", lang) + t("colon", lang))
    paragraphs.append(
        label + "\n" + "\n".join(f"[{i}] {cite_html(s, lang)}" for i, s in enumerate(sources, 1))
    )
    return "\n\n".join(paragraphs)


def _compared_entry(entry: Entry, lang: Lang, notes: list[str]) -> str:
    """One entry of a comparison: title, answer, period and note numbers of its sources."""
    numbers = []
    for source_id in entry.sources:
        if source_id not in notes:
            notes.append(source_id)
        numbers.append(f"[{notes.index(source_id) + 1}]")
    text = (entry.answer.get(lang) or entry.answer.best(lang)).replace("\n\n", "\n")
    if entry.as_of:
        as_of = t("as_of", lang, period=format_period(entry.as_of, lang))
        text += f"（{as_of}）" if lang == "zh" else f" ({as_of})"
    title = esc(entry_title(entry, lang))
    return f"· <b>{title}</b>{esc(t('colon', lang))}{esc(text)} {''.join(numbers)}"


def sources_view(kb: KnowledgeBase, lang: Lang) -> str:
    """List every document the knowledge base cites, with the zones that cite it."""
    cited_by: dict[str, list[str]] = {source_id: [] for source_id in kb.sources}
    for zone in kb.zones.values():
        ids = {*zone.sources, *(s for e in zone.entries for s in e.sources)}
        for source_id in ids & cited_by.keys():
            cited_by[source_id].append(zone_name(zone, lang))
    lines = [f"<b>{esc(t('sources_heading', lang))}</b>"]
    for source_id, source in kb.sources.items():
        zones = list_separator(lang).join(cited_by[source_id])
        lines.append(
            f"· {cite_html(source, lang)}"
            + (f"\n  {esc(t('cited_for', lang, zones=zones))}" if zones else "")
        )
    return "\n".join(lines)
