"""Questions about the sources themselves: the headline, the newspaper, the date, the link.

"这篇报道的标题是什么", "哪家媒体报道的青岛高新区", "where can I read it": the facts are in
sources.yaml (title, publisher, date, url), not in any entry, so no entry answers them. The
words asking are general (bot/data/source_words.txt); the reply names each source a zone
cites, so a new article in the knowledge base is covered without code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from bot.kb.models import Entry
from bot.search.decision import Candidate, MatchResult, answered_by
from bot.search.features import EN_STOPWORDS, strip_stop_phrases
from bot.search.figures import gives_figure
from bot.search.index import ZoneIndex
from bot.search.question import SENTENCE_OPENERS, Question, written_as_its_own
from bot.search.ranking import topic_of
from bot.search.textnorm import CJK_RE, latin_words, normalize, normalize_all

FACETS = ("title", "publisher", "date", "url", "any")  # "any": where the facts come from
_LATIN_RE = re.compile(r"[a-z]+")
_HYPHENED_RE = re.compile(r"[a-z]+(?:-[a-z]+)+")  # write-up
_HAS_LATIN = re.compile(r"[a-z]")
# What the matcher decided that a question about the sources leaves as it is: a zone it does
# not know, or a question across zones ("哪些园区是科技日报报道的" lists them as any other).
_KEPT = ("unknown_place", "cross")
# when a story came out, not when what it tells of happened (那条消息是几号发的)
_PUBLISHED_RE = re.compile(
    r"(?:消息|新闻|报道|文章|稿子?)[^ ]{0,3}(?:几号|哪1?天|什么时候|何时)"
    r"(?:发|出来|刊|登|见报)"
    r"|\b(?:published|reported|came out|come out|dated|run|ran|carried)\b"
)


@dataclass(frozen=True)
class _Words:
    article: re.Pattern[str]
    person: re.Pattern[str]
    writer: re.Pattern[str]
    writing: re.Pattern[str]  # asking who wrote: the writer's only beside an article word
    every: re.Pattern[str]  # any word of the list, to strip before looking for another topic
    facets: tuple[tuple[str, str, re.Pattern[str]], ...]  # facet, how, its words
    # what a question must hold to ask anything here, checked first (most questions do not):
    keys: frozenset[str]  # for each Chinese word asking, one pair of its characters (below)
    singles: str  # Chinese words asking of one character (谁)
    latin: frozenset[str]  # English words asking
    phrases: tuple[frozenset[str], ...]  # English phrases asking, as their words

    def may_ask(self, norm: str) -> bool:
        """Tell, cheaply, whether a normalised question may hold a word asking about sources."""
        if not self.keys.isdisjoint({norm[i : i + 2] for i in range(len(norm) - 1)}):
            return True
        if any(ch in norm for ch in self.singles):
            return True
        if _HAS_LATIN.search(norm) is None:
            return False
        tokens = set(_LATIN_RE.findall(norm)) | set(_HYPHENED_RE.findall(norm))
        return not self.latin.isdisjoint(tokens) or any(p <= tokens for p in self.phrases)


_COMMON = frozenset("什么哪些这那是在有的了个里看发")  # characters most questions hold


def _key(word: str) -> str:
    """The pair of a word's characters that few questions hold: the first with the fewest
    common characters (媒体 of 哪家媒体, 么报 of 什么报)."""
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    return min(pairs, key=lambda pair: len(_COMMON & set(pair)))


def _pattern(words: list[str]) -> re.Pattern[str]:
    forms = sorted({w.replace("_", " ") for w in words}, key=len, reverse=True)
    parts = [rf"\b{re.escape(f)}\b" if f.isascii() else re.escape(f) for f in forms]
    return re.compile("|".join(parts))


@cache
def _words() -> _Words:
    """The words of bot/data/source_words.txt, by facet and how they ask."""
    text = resources.files("bot").joinpath("data/source_words.txt").read_text(encoding="utf-8")
    lines: dict[tuple[str, str], list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, _, words = line.partition(":")
        facet, how = head.split()
        lines.setdefault((facet, how), []).extend(words.split())
    facets = tuple(
        (facet, how, _pattern(words)) for (facet, how), words in lines.items() if facet in FACETS
    )
    asking = [w for (facet, _), words in lines.items() if facet != "filler" for w in words]
    return _Words(
        article=_pattern(lines["article", "words"]),
        person=_pattern(lines["person", "words"]),
        writer=_pattern(lines["writer", "words"]),
        writing=_pattern(lines["writing", "words"]),
        every=_pattern([w for words in lines.values() for w in words]),
        facets=facets,
        keys=frozenset(_key(w) for w in asking if not w.isascii() and len(w) >= 2),
        singles="".join(w for w in asking if not w.isascii() and len(w) == 1),
        latin=frozenset(w for w in asking if w.isascii() and "_" not in w),
        phrases=tuple(frozenset(w.split("_")) for w in asking if w.isascii() and "_" in w),
    )


def source_asked(norm: str) -> tuple[str, str] | None:
    """What a normalised question asks about its source, and how strongly: (facet, how).

    `how` is "alone" (the words ask it whatever else is said), or "weak" (only when the
    question asks about nothing else); None when it does not ask about a source.
    """
    words = _words()
    article = None
    for facet, how, pattern in words.facets:
        if not pattern.search(norm):
            continue
        if how == "alone":
            return facet, how
        if how == "article":
            article = article or (words.article.search(norm) is not None)
            if article:
                return facet, "weak"
        else:
            return facet, how
    return None


def asks_a_person(norm: str) -> bool:
    """Tell whether a question asks who wrote or reported (记者, journalist): an entry's topic."""
    return _words().person.search(norm) is not None


def about_the_source(
    index: ZoneIndex, q: Question, result: MatchResult, context_zone: str | None
) -> MatchResult:
    """The zones' sources, for a question asking about them; else the matcher's `result`.

    An entry worded as the question, or one answering who reported it, keeps the question; a
    zone named (or the previous question's) has its sources listed, no zone every zone's.
    """
    if not _words().may_ask(q.norm):
        return result  # no word of the list: most questions stop here
    asked = source_asked(q.norm)
    found = result.kind == "entry"
    record = result.candidates[0].record if found else None
    if record and not _about(record.entry) and _asks_the_writer(q.norm):
        # who wrote the article on <an entry's topic>: the zone's entry on its article, else
        # its sources; the entry on the topic answers another question
        about = [e for e in index.kb.zones[record.zone_id].entries if _about(e)]
        if len(about) == 1:
            return _entry_result(index, q, result, record.zone_id, about[0])
        found = False
    person = asks_a_person(q.norm)
    if asked is None and not (person and not found and _names_the_article(q.norm)):
        return result
    if result.kind in _KEPT:
        return result
    mention = index.finder.find(q.norm)
    zones = list(mention.zone_ids)
    if found and (person or written_as_its_own(q, result.candidates[0].record.entry)):
        return result
    if person and not zones and context_zone is None:
        return result  # "孙越是哪个报的记者": a person's, whose zone the matcher weighs
    if asked is None:  # 谁报道了<zone>: the zone's entry on its article, else the paper did
        if _asks_more(index, q, zones):
            return result  # "I'm a journalist doing a piece on ...": the rest is asked
        about = [e for e in index.kb.zones[zones[0]].entries if _about(e)] if zones else []
        if len(about) == 1:
            return _entry_result(index, q, result, zones[0], about[0])
        asked = ("publisher", "alone")
    facet, how = asked
    entry = result.candidates[0].record.entry if found else None
    if entry and (zones or result.context_used) and _gives(index, entry, facet):
        return result  # the zone's own entry on its article, giving what is asked
    if not zones and mention.shared:
        return result  # a city of several zones: its clarifying question stands
    # when a story came out, on a topic no entry dates or whose entry gives no date
    undated = (
        facet == "date"
        and (
            result.kind in ("unknown_topic", "clarify", "nothing")
            or (result.kind == "not_given" and "date" in result.figures)
        )
        and _PUBLISHED_RE.search(q.norm) is not None
    )
    if how == "weak" and _asks_more(index, q, zones) and not (undated and zones):
        return result  # 绿电的来源: the power's source is what is asked, not the article's
    # ... but the date of a story on a topic no entry dates ("the talent story reported")
    if not zones and context_zone is not None and context_zone in index.kb.zones:
        zones = [context_zone]
    # "那篇<topic>的报道是几号获悉的": each zone's entry on its article gives the day
    dating = [
        [e for e in index.kb.zones[zone_id].entries if _gives(index, e, facet)]
        for zone_id in (zones if facet == "date" else [])
    ]
    if dating and all(len(entries) == 1 for entries in dating):
        chosen = [
            _entry_result(index, q, result, zone_id, entries[0])
            for zone_id, entries in zip(zones, dating, strict=True)
        ]
        if len(chosen) == 1:
            return chosen[0]
        return replace(
            chosen[0],
            kind="zones",
            zone_id=None,
            zones=tuple(zones),
            candidates=tuple(c.candidates[0] for c in chosen),
        )
    return MatchResult(
        kind="sources",
        lang=q.lang,
        traditional=q.traditional,
        score=result.score,
        zone_id=zones[0] if len(zones) == 1 else None,
        zones=tuple(zones or index.kb.zones),
        topic=facet,
        context_used=bool(zones) and not mention.zone_ids,
    )


def _asks_the_writer(norm: str) -> bool:
    """Tell whether a question asks who reported or wrote the article (not who wrote a policy)."""
    words = _words()
    if words.writer.search(norm):
        return True
    return words.writing.search(norm) is not None and _names_the_article(norm)


def _names_the_article(norm: str) -> bool:
    return _words().article.search(norm) is not None


def _about(entry: Entry) -> bool:
    """Tell whether an entry is about the article itself (报道的记者, Date of the article):
    its title or tags name the article or its reporters."""
    words = _words()
    labels = [entry.title.zh or "", entry.title.en or ""] if entry.title else []
    text = normalize_all([" ".join([*labels, *entry.tags])])[0]
    return bool(words.article.search(text) or words.person.search(text))


def _entry_result(
    index: ZoneIndex, q: Question, result: MatchResult, zone_id: str, entry: Entry
) -> MatchResult:
    record = index.by_id[zone_id, entry.id]
    chosen = Candidate(record=record, score=result.score, coverage=1.0, fuzzy=0.0)
    return answered_by(chosen, q.lang, q.traditional)


def _gives(index: ZoneIndex, entry: Entry, facet: str) -> bool:
    """Tell whether an entry about the article itself gives the fact of its source asked."""
    if not _about(entry):
        return False
    answer = f"{entry.answer.zh or ''}\n{entry.answer.en or ''}"
    sources = [index.kb.sources[i] for i in entry.sources if i in index.kb.sources]
    if facet == "title":
        return any(t and t in answer for s in sources for t in (s.title.zh, s.title.en))
    if facet == "publisher":
        return any(p and p in answer for s in sources for p in (s.publisher.zh, s.publisher.en))
    if facet == "date":
        return gives_figure(answer, frozenset({"date"}))
    if facet == "url":
        return any(s.url and s.url in answer for s in sources)
    return True


def _asks_more(index: ZoneIndex, q: Question, zones: list[str]) -> bool:
    """Tell whether a question asks about a topic besides its source (绿电来源, 报道里的战略):
    two Chinese characters, or an English word no sentence opens with, once its zones' names,
    the source words and the words that ask nothing are gone."""
    names = replace(q, names=index.finder.find(q.norm).names)
    topic = _words().every.sub(" ", topic_of(index, names, zones))
    titles = " ".join(  # words of the article's own headline name the article (深化产教融合)
        normalize(s.title.zh or "")
        for zone_id in zones
        for s in (index.kb.sources.get(i) for i in index.kb.zones[zone_id].sources)
        if s is not None
    )
    topic = " ".join(run for run in strip_stop_phrases(topic).split() if run not in titles)
    if len(CJK_RE.findall(topic)) >= 2:
        return True
    words = [w for w in latin_words(topic) if len(w) > 1]  # what's: the s asks nothing
    return any(w not in EN_STOPWORDS and w not in SENTENCE_OPENERS for w in words)
