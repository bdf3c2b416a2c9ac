"""Turn the matcher's decision into an Answer: texts, citations and suggestions in one language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from bot.answer.model import Answer, AnswerBlock, Citation, Status, Suggestion
from bot.answer.render import format_period
from bot.i18n import list_separator, t
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Entry, Lang, Zone
from bot.search.decision import Candidate, Kind, MatchResult
from bot.search.figures import figures_asked_outright
from bot.search.index import EntryRecord, ZoneIndex
from bot.search.matcher import match_question
from bot.search.textnorm import normalize

HOLDINGS_SHOWN = 8  # how many of a zone's topics a no_match reply lists
ZONES_SHOWN = 12  # how many zones a reply names or offers as buttons; a national base has more


def answer_question(
    index: ZoneIndex,
    question: str,
    *,
    context_zone: str | None = None,
    lang: Lang | None = None,
    today: dt.date | None = None,
) -> Answer:
    """Answer a question from the knowledge base, in the asker's language, with its sources."""
    result = match_question(index, question, context_zone=context_zone, lang=lang)
    builder = _Builder(index, result, question, today or dt.date.today())
    return builder.build()


def answer_entry(
    index: ZoneIndex, zone_id: str, entry_id: str, lang: Lang, today: dt.date | None = None
) -> Answer | None:
    """Answer with one entry chosen by id (a button or a link), worded as a question's would be."""
    record = index.by_id.get((zone_id, entry_id))
    if record is None:
        return None
    chosen = Candidate(record=record, score=100.0, coverage=1.0, fuzzy=100.0)
    result = MatchResult(
        kind="entry",
        lang=lang,
        traditional=False,
        score=100.0,
        zone_id=zone_id,
        candidates=(chosen,),
    )
    title = entry_title(record.entry, lang)
    return _Builder(index, result, title, today or dt.date.today()).build()


def entry_title(entry: Entry, lang: Lang) -> str:
    """Return an entry's short label: its title, else its first question."""
    if entry.title:
        return entry.title.best(lang)
    return (entry.questions.get(lang) or entry.questions.all())[0]


def zone_name(zone: Zone, lang: Lang) -> str:
    """Return a zone's name in `lang`, falling back to Chinese."""
    return zone.name.best(lang)


def zone_sources(zone: Zone) -> list[str]:
    """The sources a zone cites, its own first, then its entries', each once."""
    ids = [*zone.sources, *(s for entry in zone.entries for s in entry.sources)]
    return list(dict.fromkeys(ids))


def zone_list(kb: KnowledgeBase, lang: Lang) -> str:
    """Name the knowledge base's zones, as one line: the first few, and how many more."""
    zones = list(kb.zones.values())
    names = list_separator(lang).join(zone_name(z, lang) for z in zones[:ZONES_SHOWN])
    if len(zones) <= ZONES_SHOWN:
        return names
    return names + t("zones_more", lang, count=len(zones) - ZONES_SHOWN)


def _lapsed(valid_until: str | None, today: dt.date) -> bool:
    if not valid_until:
        return False
    parts = [int(p) for p in valid_until.split("-")]
    year, month, day = [*parts, 12, 31][:3] if len(parts) == 1 else [*parts, 28][:3]
    return dt.date(year, month, day) < today


class _Builder:
    """Words one MatchResult in the asker's language."""

    def __init__(self, index: ZoneIndex, result: MatchResult, question: str, today: dt.date):
        self.index = index
        self.kb = index.kb
        self.result = result
        self.lang: Lang = result.lang
        self.question = question
        self.today = today

    def build(self) -> Answer:
        return REPLIES[self.result.kind](self)

    def _unknown_place(self) -> Answer:
        if self.result.zones:
            return self._no_match(
                t(
                    "unknown_zone_in_place",
                    self.lang,
                    place=self.result.place,
                    zones=self._names(self.result.zones),
                    unknown=self.result.unknown_place,
                ),
                self._zone_suggestions(self.result.zones),
            )
        return self._no_match(
            t(
                "unknown_zone",
                self.lang,
                zones=self._zone_list(),
                place=self.result.unknown_place,
            ),
            self._zone_suggestions(),
        )

    def _smalltalk(self) -> Answer:
        return self._no_match(t("help", self.lang, zones=self._zone_list()), ())

    def _nothing(self) -> Answer:
        return self._no_match(
            t("no_match", self.lang) + "\n\n" + t("help", self.lang, zones=self._zone_list()), ()
        )

    def _block(self, record: EntryRecord) -> AnswerBlock:
        entry, zone = record.entry, self.kb.zones[record.zone_id]
        text = entry.answer.get(self.lang)
        return AnswerBlock(
            zone_id=zone.id,
            entry_id=entry.id,
            zone_name=zone_name(zone, self.lang),
            title=entry_title(entry, self.lang),
            text=text or entry.answer.best(self.lang),
            as_of=entry.as_of,
            valid_until=entry.valid_until,
            lapsed=_lapsed(entry.valid_until, self.today),
            untranslated=text is None,
            source_ids=tuple(entry.sources),
        )

    def _citations(self, source_ids: list[str]) -> tuple[Citation, ...]:
        seen: list[str] = []
        for source_id in source_ids:
            if source_id not in seen and source_id in self.kb.sources:
                seen.append(source_id)
        return tuple(Citation.of(self.kb.sources[i], self.lang) for i in seen)

    def _suggest(self, record: EntryRecord, with_zone: bool = True) -> Suggestion:
        title = entry_title(record.entry, self.lang)
        if with_zone:
            title = f"{zone_name(self.kb.zones[record.zone_id], self.lang)} · {title}"
        return Suggestion(record.zone_id, record.entry.id, title)

    def _answer(self, status: Status, **fields: Any) -> Answer:
        base = Answer(
            question=self.question,
            status=status,
            lang=self.lang,
            score=self.result.score,
            traditional=self.result.traditional,
            kb_version=self.kb.version,
        )
        return replace(base, **fields)

    def _entry(self) -> Answer:
        record = self.result.candidates[0].record
        block = self._block(record)
        related = tuple(
            self._suggest(self.index.by_id[(record.zone_id, rid)], False)
            for rid in record.entry.related
            if (record.zone_id, rid) in self.index.by_id
        )
        return self._answer(
            "answer",
            zone_id=record.zone_id,
            entry_id=record.entry.id,
            blocks=(block,),
            citations=self._citations(list(block.source_ids)),
            related=related,
        )

    def _not_given(self) -> Answer:
        """What the source says, under a plain "it does not give that": never a guessed figure."""
        entry = self._entry()
        missing = self.result.candidates[0].record.entry.not_given
        if self.result.years:
            years = self.result.years
            joined = (
                " or ".join(years) if self.lang == "en" else "、".join(f"{y}年" for y in years)
            )
            items = [t("figures_of_year", self.lang, years=joined)]
        elif self.result.askers:
            items = [t("for_askers", self.lang, askers="、".join(self.result.askers))]
        elif self.result.errands:
            items = [t("for_errands", self.lang, errands="、".join(self.result.errands))]
        elif self.result.figures:
            items = [t(f"figure_{kind}", self.lang) for kind in self.result.figures]
        else:
            items = missing.get(self.lang) or missing.all()
            asked = normalize(self.question)  # of several ways to say one thing, the one asked
            named = [i for i in items if normalize(i).removeprefix("the ") in asked]
            kinds = figures_asked_outright(asked)  # else the kind of figure asked (who, when)
            items = named or [t(f"figure_{kind}", self.lang) for kind in sorted(kinds)] or items
            items = items or [t("figure_unnamed", self.lang)]  # nothing named: never "give ."
        if self.lang == "en" and len(items) > 1:  # "the amount or the conditions"
            items = [", ".join(items[:-1]) + " or " + items[-1]]
        intro = t("not_given", self.lang, items=list_separator(self.lang).join(items))
        if self.result.parts:  # a question of parts, one lacking its figure: every part's entry
            blocks = tuple(self._block(c.record) for c in self.result.candidates[:3])
            sources = [i for b in blocks for i in b.source_ids]
            entry = replace(entry, blocks=blocks, citations=self._citations(sources))
        return replace(entry, status="no_match", intro=intro)

    def _zones(self) -> Answer:
        if (not self.result.candidates and self.result.kind == "cross") or not self.result.zones:
            return self._no_match(t("cross_none", self.lang, topic=self.result.topic.strip()), ())
        if not self.result.candidates:
            return self._zone_listing()
        shown = self.result.candidates[:ZONES_SHOWN]
        blocks = tuple(self._block(c.record) for c in shown)
        intro = ""
        if self.result.kind == "cross":
            key = "cross_rank_intro" if self.result.ranking else "cross_intro"
            count = len({c.record.zone_id for c in self.result.candidates})  # 有几个园区…
            intro = t(key, self.lang, topic=self.result.topic.strip(), count=count)
        zone_ids = {b.zone_id for b in blocks}
        asked = self.result.zones if self.result.kind == "zones" else self.result.named
        lacking = [z for z in asked if z not in zone_ids]
        if lacking:  # 太原和泸州比一比, which of Luzhou and Qingdao ...: never drop one silently
            names = list_separator(self.lang).join(
                zone_name(self.kb.zones[z], self.lang) for z in lacking
            )
            intro = "\n".join(filter(None, [t("zones_lacking", self.lang, zones=names), intro]))
        return self._answer(
            "answer",
            zone_id=next(iter(zone_ids)) if len(zone_ids) == 1 else None,
            entry_id=blocks[0].entry_id if len(blocks) == 1 else None,
            intro=intro,
            blocks=blocks,
            citations=self._citations([s for b in blocks for s in b.source_ids]),
            suggestions=tuple(self._suggest(c.record) for c in shown),
        )

    def _zone_listing(self) -> Answer:
        zones = [self.kb.zones[z] for z in self.result.zones]
        lines = [f"· {self._zone_line(zone)}" for zone in zones[:ZONES_SHOWN]]
        if len(zones) > ZONES_SHOWN:
            lines.append(t("zones_more", self.lang, count=len(zones) - ZONES_SHOWN).strip())
        return self._answer(
            "answer",
            zone_id=zones[0].id if len(zones) == 1 else None,
            intro=t("zones_known", self.lang) + "\n" + "\n".join(lines),
            citations=self._citations([s for z in zones[:ZONES_SHOWN] for s in z.sources]),
            suggestions=self._zone_suggestions(self.result.zones),
        )

    def _zone_line(self, zone: Zone) -> str:
        parts = [zone_name(zone, self.lang)]
        if zone.location:
            parts.append(f"({zone.location.best(self.lang)})")
        industries = zone.industries.get(self.lang) or zone.industries.zh
        line = " ".join(parts)
        return f"{line}: {list_separator(self.lang).join(industries)}" if industries else line

    def _sources(self) -> Answer:
        """What each zone asked about cites: the headline, newspaper, date or link asked."""
        zone_ids = self.result.zones
        lines: list[str] = []
        cited: list[str] = []
        for zone_id in zone_ids[:ZONES_SHOWN]:
            zone = self.kb.zones[zone_id]
            for source_id in zone_sources(zone):
                cited.append(source_id)
                lines.append(self._source_line(zone, source_id))
        if len(lines) > 1:
            lines = [f"· {line}" for line in lines]
        if len(zone_ids) > ZONES_SHOWN:
            lines.append(t("zones_more", self.lang, count=len(zone_ids) - ZONES_SHOWN).strip())
        return self._answer(
            "answer",
            zone_id=self.result.zone_id,
            intro="\n".join(lines),
            citations=self._citations(cited),
            suggestions=self._zone_suggestions(zone_ids),
        )

    def _source_line(self, zone: Zone, source_id: str) -> str:
        source = self.kb.sources[source_id]
        facet = self.result.topic
        key = f"sources_{facet}"
        if facet == "url" and not source.url:
            key = "sources_no_url"
        title = source.title.best(self.lang)
        written = source.title.zh  # the headline as printed, to find the article by
        original = f" (《{written}》)" if written and written != title else ""
        return t(
            key,
            self.lang,
            zone=zone_name(zone, self.lang),
            title=title,
            original=original,
            publisher=source.publisher.best(self.lang),
            date=format_period(source.date, self.lang),
            url=source.url or "",
        )

    def _clarify(self) -> Answer:
        if not self.result.candidates:
            return self._answer(
                "clarify",
                intro=t("clarify_zone", self.lang, place=self.result.place),
                suggestions=self._zone_suggestions(self.result.zones),
            )
        records = [c.record for c in self.result.candidates]
        zones = {r.zone_id for r in records}
        key = "clarify_intro_topic" if len(zones) > 1 else "clarify_intro"
        first, *others = records
        if (
            others
            and first.entry.topic != "overview"
            and all(  # 那个园区的补贴上限: one
                r.entry.topic == "overview" and r.zone_id != first.zone_id for r in others
            )
        ):  # zone gives it, the others' cards are offered for the zone meant
            key = "clarify_one_zone"
        return self._answer(
            "clarify",
            zone_id=next(iter(zones)) if len(zones) == 1 else None,
            intro=t(key, self.lang, zone=zone_name(self.kb.zones[first.zone_id], self.lang)),
            suggestions=tuple(self._suggest(r, with_zone=len(zones) > 1) for r in records),
        )

    def _unknown_topic(self) -> Answer:
        zone = self.kb.zones[self.result.zone_id or ""]
        name = zone_name(zone, self.lang)
        entries = sorted(zone.entries, key=lambda e: e.topic != "overview")[:HOLDINGS_SHOWN]
        separator = "、" if self.lang == "zh" else "; "
        topics = separator.join(entry_title(e, self.lang) for e in entries)
        records = [self.index.by_id[(zone.id, e.id)] for e in entries]
        return self._answer(
            "no_match",
            zone_id=zone.id,
            intro=t("no_match_zone", self.lang, zone=name),
            outro=t("zone_holds", self.lang, zone=name, topics=topics),
            suggestions=tuple(self._suggest(r, with_zone=False) for r in records),
        )

    def _no_match(self, message: str, suggestions: tuple[Suggestion, ...]) -> Answer:
        return self._answer("no_match", intro=message, suggestions=suggestions)

    def _zone_list(self) -> str:
        return zone_list(self.kb, self.lang)

    def _zone_suggestions(self, zone_ids: tuple[str, ...] | None = None) -> tuple[Suggestion, ...]:
        zones = [self.kb.zones[z] for z in zone_ids] if zone_ids else self.kb.zones.values()
        shown = list(zones)[:ZONES_SHOWN]
        return tuple(Suggestion(z.id, None, zone_name(z, self.lang)) for z in shown)

    def _names(self, zone_ids: tuple[str, ...]) -> str:
        """Name some zones, as one line."""
        names = (zone_name(self.kb.zones[z], self.lang) for z in zone_ids)
        return list_separator(self.lang).join(names)


# The reply each kind of decision gets; its status is the builder's: "answer" (entry, zones,
# sources, cross: "no_match" when no zone has the topic), "clarify", or "no_match" (the rest).
REPLIES: dict[Kind, Callable[[_Builder], Answer]] = {
    "entry": _Builder._entry,
    "zones": _Builder._zones,
    "cross": _Builder._zones,
    "clarify": _Builder._clarify,
    "unknown_topic": _Builder._unknown_topic,
    "unknown_place": _Builder._unknown_place,
    "smalltalk": _Builder._smalltalk,
    "nothing": _Builder._nothing,
    "not_given": _Builder._not_given,
    "sources": _Builder._sources,
}
