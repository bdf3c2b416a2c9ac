"""The search index over a knowledge base: built once per load, read by every question."""

from __future__ import annotations

import math
import operator
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, groupby, pairwise
from pathlib import Path
from typing import Any, TypeVar, overload

import numpy as np
import numpy.typing as npt

from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Entry, Lang, Zone, ZoneProfile
from bot.memory import garbage_collection_paused
from bot.search.features import (
    BIGRAM,
    CHAR,
    DOC_BITS,
    EN_STOPWORDS,
    KIND_SHIFT,
    PINYIN,
    STATE_OWNED_LABELS,
    STOP_PHRASES_ZH,
    SYNONYM,
    WORD,
    Encoded,
    FeatureSpace,
    kind_of,
    names_a_state_firm,
    stem,
    strip_function_phrases,
    strip_stop_phrases,
)
from bot.search.indexcache import Encoding, Lexicon, cache_key, load_encoding, save_encoding
from bot.search.spelling import Speller
from bot.search.textnorm import (
    alternation,
    char_pinyin,
    counted_in_pinyin,
    looks_like_pinyin,
    normalize_all,
    pinyin_word_list,
    split_pinyin,
)
from bot.search.zonefind import (
    ZONE_SUFFIX_RE,
    KeyKind,
    ZoneFinder,
    ZoneKeys,
    known_places,
    location_parts,
    names_with_tails,
    place_spellings,
    strip_names_with_tails,
    zone_kinds,
)

BM25_K1 = 1.2
BM25_B = 0.5
ANSWER_WEIGHT = 0.5  # an answer's words count, but less than the questions editors wrote
ANSWER_COVERAGE = 0.8  # ... and cover a question less: an overview's answer mentions much
TYPO_MIN_CHARS, TYPO_MAX_CHARS = 3, 10  # words this long may be read through one typo
JUNCTION_WEIGHT = 0.25  # an unseen pair of known characters is likely just two words side by side
TITLE_PART_TITLES = 3  # a piece of this many titles, once known words are out, is a word
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # a year, as a question or entry writes it
# the year a growth is measured against: "in 2022 compared to 2021", 2022年比2021年
_BASELINE_YEAR_RE = re.compile(
    r"(?:\b(?:compared (?:to|with)|than|versus|vs|against|over)(?: the)?(?: year)? |比|较|对比)"
    r"((?:19|20)\d\d)(?!\d)|(?:与|和|跟|同)((?:19|20)\d\d)年?(?:相比|比|对比)"
)
# parts of a year, each under one key however written (一季度, 1季度, Q1, the first quarter);
# the first three quarters before the third alone
_PERIODS = (
    ("q1-3", r"前[三3]季度|\bfirst three quarters\b"),
    ("q1", r"[一1]季度|(?<![a-z])q1(?![0-9a-z])|\bfirst quarter\b"),
    ("q2", r"[二2]季度|(?<![a-z])q2(?![0-9a-z])|\bsecond quarter\b"),
    ("q3", r"[三3]季度|(?<![a-z])q3(?![0-9a-z])|\bthird quarter\b"),
    ("q4", r"[四4]季度|(?<![a-z])q4(?![0-9a-z])|\bfourth quarter\b"),
    ("h1", r"上半年|\bfirst half\b"),
    ("h2", r"下半年|\bsecond half\b"),
)
_PERIOD_RES = tuple((key, re.compile(pattern)) for key, pattern in _PERIODS)


def years_asked(norm: str) -> frozenset[str]:
    """The years a normalised question asks a figure for: not the one a growth is measured
    against, when another is asked (2022's growth on 2021 is 2022's figure)."""
    years = set(YEAR_RE.findall(norm))
    baselines = {a or b for a, b in _BASELINE_YEAR_RE.findall(norm)}
    return frozenset(years - baselines or years)


def periods_named(norm: str) -> frozenset[str]:
    """The parts of a year a normalised text names: a whole year's figure answers none."""
    found = set()
    for key, pattern in _PERIOD_RES:
        if pattern.search(norm):
            found.add(key)
            norm = pattern.sub(" ", norm)
    return frozenset(found)


_LATIN_RE = re.compile(r"[a-z]+")
_CAPITALS_RE = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}(?=s?(?![A-Za-z]))")  # IVD, SMEs: SME
# the time an English clause sets by the asker's or a firm's arrival asks nothing, as 落户后
# does in Chinese: "how many patents has it filed since moving to <zone>"
_EN_SINCE_MOVING_RE = re.compile(
    r"\b(?:since|after|once|upon) (?:(?:it|they|we|the \w+) )?(?:moving|moved|settling|settled"
    r"|coming|came|relocating|relocated|arriving|arrived|landing|landed)(?: (?:in|into|to|here"
    r"|there))?\b"
)
# ... nor does a year named relative to now ("how much did it grow last year"), as 去年 is no
# word an entry must write: the year a figure is for is checked apart (YEAR_RE, periods_named)
_EN_TIME_SET_RE = re.compile(
    _EN_SINCE_MOVING_RE.pattern + r"|\b(?:last|this|past|previous) year\b"
)
_FIRM_FORM_RE = re.compile(r"有限责任公司|股份有限公司|有限公司|股份|集团|公司")  # says no firm
_STOP_CHAR_RE = re.compile(r"[的和与及在有是了等]")
_T = TypeVar("_T")


@dataclass(frozen=True, eq=False)
class EntryRecord:
    """One entry as the matcher sees it; one per entry, so compared and hashed as itself."""

    zone_id: str
    entry_id: str
    position: int  # its place among its zone's entries
    question_text: str  # normalised questions, zone names removed, one a line, then labels
    number: int  # its place in ZoneIndex.records: its row of the scores and in the postings
    zones: Mapping[str, Zone] = field(repr=False)  # the knowledge base's

    @cached_property
    def entry(self) -> Entry:
        """The entry (a zone read from the knowledge cache is built when first needed)."""
        return self.zones[self.zone_id].entries[self.position]

    @cached_property
    def phrasings(self) -> dict[Lang, tuple[str, ...]]:
        """The normalised questions by language (split when first needed)."""
        return _phrasings(self.entry, self.question_text)

    @cached_property
    def periods(self) -> frozenset[str]:
        """The parts of a year (一季度, H1) an entry's answer names."""
        answer = self.entry.answer
        return periods_named(" ".join(normalize_all([answer.zh or "", answer.en or ""])))

    @cached_property
    def years(self) -> frozenset[str]:
        """The years an entry's texts and period name: a question about another is not its."""
        entry = self.entry
        texts = [self.question_text, entry.as_of or ""]
        texts += [text for text in (entry.answer.zh, entry.answer.en) if text]
        return frozenset(YEAR_RE.findall(" ".join(texts)))

    @cached_property
    def labels(self) -> str:
        """The entry's title and tags, normalised: what the entry is about."""
        return self.question_text.rsplit("\n", 1)[-1]

    @cached_property
    def label_words(self) -> frozenset[str]:
        """The English words of the entry's labels, stemmed."""
        return frozenset(stem(w) for w in _LATIN_RE.findall(self.labels))

    @cached_property
    def label_pinyin(self) -> str:
        """The Chinese of the entry's labels in pinyin, run together."""
        return "".join(char_pinyin(ch) or " " for ch in self.labels if not ch.isascii())

    @cached_property
    def stemmed_en(self) -> tuple[str, ...]:
        """The English questions stemmed, for fuzzy matching; those of stop words only left out.

        With the zone's name taken out, "What is <zone>?" is "what is", a subset of every
        question, which would look like a perfect match.
        """
        return tuple(
            " ".join(map(stem, p.split()))
            for p in self.phrasings["en"]
            if any(w not in EN_STOPWORDS for w in p.split())
        )


@dataclass(frozen=True)
class Postings:
    """Feature -> (entry, weight) lists in flat arrays, for fast scoring with numpy."""

    features: npt.NDArray[np.int64]  # sorted: the vocabulary
    indptr: npt.NDArray[np.int64]
    keys: npt.NDArray[np.int64]  # feature number << 32 | entry, sorted
    bm25: npt.NDArray[np.float32]
    coverage: npt.NDArray[np.float32]  # 1 in the entry's questions, ANSWER_COVERAGE in its answer
    idf: npt.NDArray[np.float64]


@dataclass(frozen=True)
class ZoneRuns:
    """Where each zone's entries are in each feature's postings, zone by zone.

    In a feature's list the entries of one zone follow each other: a run. Scoring a zone
    looks its features up among the zone's few runs, not by binary searches over every
    entry's postings (those missed the cache).
    """

    starts: npt.NDArray[np.int64]  # zone k's runs: starts[k]:starts[k + 1]
    features: npt.NDArray[np.int32]  # each run's feature number, ascending within a zone
    first: npt.NDArray[np.int64]  # where the run begins in the postings
    length: npt.NDArray[np.int32]


class ZoneIndex:
    """Everything needed to answer questions from one knowledge base version."""

    def __init__(self, kb: KnowledgeBase, encoding: Encoding | None = None) -> None:
        """Index a knowledge base; `encoding` (from the index cache, or built on two cores by
        bot/startup.py) skips the costly part."""
        self.kb = kb
        self.cache: Path | None = None  # the index cache folder a reload uses too
        self.finder = ZoneFinder(kb, None if encoding is None else encoding.finder)
        self.space = FeatureSpace(kb.synonyms)
        zh_keys = self.finder.zh_keys_of
        profiles = kb.profiles
        self._names = ZoneNames(profiles, zh_keys, self.finder.latin_keys_of)
        self.zone_ids = list(kb.zones)
        self._shares: dict[tuple[tuple[int, ...], ...], float] = {}  # by a word's features
        self._firms_named: dict[int, tuple[str, ...]] = {}  # by entry number
        self._latin_entities: dict[str, re.Pattern[str] | None] = {}  # by zone
        self._heads: dict[int, tuple[str, ...]] = {}  # by entry number
        self._translated: dict[str, frozenset[str]] = {}  # by zone
        self._latin_name_set: dict[str, frozenset[str]] = {}  # by zone
        self._named_with: dict[str, tuple[str, ...]] = {}  # by a word of the lexicon
        self._first_naming: dict[tuple[str, str], int | None] = {}  # by pattern and zone
        if encoding is None or encoding.entry_ids is None:
            entry_ids = [[entry.id for entry in zone.entries] for zone in kb.zones.values()]
        else:  # from the index cache: no zone is built before a question needs it
            entry_ids = encoding.entry_ids
        if encoding is None:
            encoding = self._encode([(z.id, e) for z in kb.zones.values() for e in z.entries])
        else:
            self.space.words.update(zip(encoding.words, range(len(encoding.words)), strict=True))
        sizes = [len(ids) for ids in entry_ids]
        self.zone_ranges = _zone_ranges(self.zone_ids, sizes)
        self.records = Records(self.zone_ids, entry_ids, encoding.question_texts, kb.zones)
        self.entry_zone = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)
        self.by_id = RecordsById(self.records, self.zone_ranges, entry_ids)
        self.postings = Postings(**encoding.postings)
        self.max_idf = math.log(1 + max(len(self.records), 1) / 0.5)
        self.lexicon = _Lexicon(kb, self.space, zh_keys, encoding.lexicon)
        self.places = _PerZone(lambda z: set(location_parts(profiles[z])))
        self.zone_name_text = _PerZone(lambda z: _zone_name_text(profiles[z]))
        self.zone_kinds = _PerZone(
            lambda z: set(ZONE_SUFFIX_RE.findall(self.zone_name_text[z])),
        )
        self.overview = _PerZone(self._overview)

    def _overview(self, zone_id: str) -> EntryRecord | None:
        """A zone's first entry on its overview: looked for once, not on every question."""
        first, last = self.zone_ranges[zone_id]
        return next(
            (
                self.records[i]
                for i in range(first, last)
                if self.records[i].entry.topic == "overview"
            ),
            None,
        )

    def _encode(self, pairs: list[tuple[str, Entry]]) -> Encoding:
        """Normalise and encode every entry, learning the vocabulary, and weigh with BM25."""
        questions, answers = entry_texts(pairs, self._names)
        encoded = encode_entries(self.space, questions, answers)
        del answers
        return weighed(questions, self.space, encoded)

    def encoding(self) -> Encoding:
        """What the index cache keeps of this index."""
        return Encoding(
            list(self.records.question_texts),
            list(self.space.words),
            vars(self.postings),
            (self.lexicon.zh_words, sorted(self.lexicon.en_words)),
            self.records.entry_ids,
            self.finder.tables,
        )

    def strip_zone_names(self, normalized: str, zone_id: str) -> str:
        """Remove a zone's own names from a text, so matching looks at the topic."""
        normalized = self._names.zh[zone_id].sub(" ", normalized)
        if not _LATIN_RE.search(normalized):
            return normalized

        def drop_name(match: re.Match[str]) -> str:
            return " " if self._is_name_word(match.group(0), zone_id) else match.group(0)

        return _LATIN_RE.sub(drop_name, self._without_split_names(normalized, zone_id))

    def _without_split_names(self, normalized: str, zone_id: str) -> str:
        """A text without a zone's latin name typed in parts (Ching Dao, Tai-Yuan, Lu Zhou):
        each part alone may be too short to tell as the name's."""
        tokens = normalized.split()
        names = self._latin_name_set.get(zone_id)
        if names is None:  # built once a zone: this runs for every candidate weighed
            names = self._latin_name_set[zone_id] = frozenset(self._names.latin[zone_id])
        kept: list[str] = []
        at = 0
        while at < len(tokens):
            size = next(
                (
                    n
                    for n in (4, 3, 2)
                    if at + n <= len(tokens)
                    and all(t.isascii() and t.isalpha() for t in tokens[at : at + n])
                    and "".join(tokens[at : at + n]) in names
                ),
                0,
            )
            if size:
                at += size
            else:
                kept.append(tokens[at])
                at += 1
        return " ".join(kept) if len(kept) < len(tokens) else normalized

    def entities_in(self, normalized: str, zone_id: str) -> list[str]:
        """The names of a zone's firms and projects that a text holds."""
        return list(self._names.entities[zone_id].findall(normalized))

    def firms_named_by(self, record: EntryRecord) -> tuple[str, ...]:
        """The names of its zone's firms and projects an entry's answer or labels hold."""
        named = self._firms_named.get(record.number)
        if named is None:  # worked out when a question naming a firm first weighs the entry
            entry = record.entry
            texts = [entry.answer.zh or "", entry.answer.en or "", record.labels]
            named = tuple(self.entities_in(" ".join(normalize_all(texts)), record.zone_id))
            self._firms_named[record.number] = named
        return named

    def latin_entities_in(self, normalized: str, zone_id: str) -> list[str]:
        """The English names of a zone's firms and projects (three letters or more, whole
        words) that a normalised text holds: "lifei medical device innovation park"."""
        if zone_id not in self._latin_entities:
            names = [
                n.strip()
                for n in normalize_all(list(self.kb.zones[zone_id].entities.en))
                if len(n.strip()) >= 3
            ]
            self._latin_entities[zone_id] = (
                re.compile(
                    r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len)[::-1])) + r")\b"
                )
                if names
                else None
            )
        pattern = self._latin_entities[zone_id]
        return pattern.findall(normalized) if pattern is not None else []

    def heads(self, record: EntryRecord) -> tuple[str, ...]:
        """An entry's answer, Chinese and English, then its titles and tags, normalised
        (worked out when a question naming a firm first weighs the entry)."""
        heads = self._heads.get(record.number)
        if heads is None:
            entry = record.entry
            titles = [entry.title.zh or "", entry.title.en or ""] if entry.title else []
            texts = [entry.answer.zh or "", entry.answer.en or "", *titles, *entry.tags]
            heads = self._heads[record.number] = tuple(normalize_all(texts))
        return heads

    def strip_entities(self, normalized: str, zone_id: str) -> str:
        """Remove the names of a zone's firms and projects, leaving what is asked about them."""
        return self._names.entities[zone_id].sub(" ", normalized)

    @cached_property
    def name_words(self) -> dict[str, frozenset[tuple[str, frozenset[str]]]]:
        """English stems written only inside names of several words (firms, industries), to
        the zone of each such name and the words beside it there.

        "big" of "big data centre" is a piece of a name, not a topic the base knows: asked
        of another zone ("big R&D spending") it names nothing the sources lack. Asked with a
        word beside it in the name ("meng tao" of "... Meng Tao Kang Guoqi"), it is the name.
        """
        plain: set[str] = set()
        named: dict[str, set[tuple[str, frozenset[str]]]] = {}

        def add(zone_id: str, text: str) -> None:
            words = [stem(w) for w in _LATIN_RE.findall(text)]
            if len(words) < 2:
                plain.update(words)
            for at, word in enumerate(words if len(words) > 1 else []):
                beside = frozenset(words[max(at - 1, 0) : at] + words[at + 1 : at + 2])
                named.setdefault(word, set()).add((zone_id, beside))

        for group in self.kb.synonyms:
            plain.update(stem(m) for m in normalize_all(group) if _LATIN_RE.fullmatch(m))
        for record in self.records:  # labels, not the zones: a restart builds none of them
            # a label of several English words (special-steel, "business environment") is a
            # name too: its words, asked alone, name nothing
            for run in re.split(r"[\u3400-\u9fff]+", record.labels.replace("-", " ")):
                add(record.zone_id, run)
        for zone in self.kb.profiles.values():
            for text in normalize_all([*zone.industries.all(), *zone.entities.all()]):
                add(zone.id, text.replace("-", " "))
        return {w: frozenset(z) for w, z in named.items() if w not in plain}

    @cached_property
    def firm_marks(self) -> dict[str, str]:
        """Pieces of firms' and projects' names that only one zone's names hold, to that zone:
        two Chinese characters (宝武 of 中国宝武太钢集团) or an English word (haier).

        "宝武在哪个园区" names a firm by a piece of its name: the zone holding it is the
        answer, not every zone giving a location. Pieces any synonym, label or zone name
        writes are words of topics, not marks.
        """
        common: set[str] = set()
        for group in self.kb.synonyms:
            for member in normalize_all(group):
                common.update(_pieces(member))
        for record in self.records:
            common.update(_pieces(record.labels.replace("-", " ")))
        common.update(p for kind in zone_kinds() for form in kind for p in _pieces(form))
        zones_of: dict[str, set[str]] = {}
        for zone in self.kb.profiles.values():
            names = [_FIRM_FORM_RE.sub(" ", n) for n in normalize_all(zone.entities.all())]
            for piece in {p for name in names for p in _pieces(name)}:
                zones_of.setdefault(piece, set()).add(zone.id)
            own = [zone.name.zh or "", zone.name.en or "", *zone.aliases.all()]
            common.update(p for name in normalize_all(own) for p in _pieces(name))
        places = set(known_places()) | {w for _, w in place_spellings()}
        return {
            piece: zone_id
            for piece, zones in zones_of.items()
            if len(zones) == 1
            and piece not in common
            and piece not in places
            and (not piece.isascii() or looks_like_pinyin(piece))  # baowu, not "district"
            and not _STOP_CHAR_RE.search(piece)
            and self._held_only_by(piece, zone_id := next(iter(zones)))
            and not (piece.isascii() and self._names_a_place(piece))  # shanghai
        }

    def zones_of_firms_named(self, normalized: str) -> list[str]:
        """The zones whose firms or projects a text names, by a piece only their names hold."""
        marks = self.firm_marks
        return sorted({marks[p] for p in _pieces(normalized) if p in marks})

    def _names_a_place(self, word: str) -> bool:
        """Tell whether a word spells a place (shanghai) or a zone's name."""
        mention = self.finder.find(word)
        return bool(mention.zone_ids or mention.unknown_place)

    def _held_only_by(self, piece: str, zone_id: str) -> bool:
        """Tell whether only one zone's entries hold a piece of text (its words or bigrams)."""
        encoded = self.space.encode_one(piece)
        wanted = encoded.feature[kind_of(encoded.feature) != CHAR]
        p, (first, last) = self.postings, self.zone_ranges[zone_id]
        slots = np.searchsorted(p.features, wanted)
        for feature, slot in zip(wanted.tolist(), slots.tolist(), strict=True):
            if slot >= len(p.features) or int(p.features[slot]) != feature:
                continue
            docs = p.keys[p.indptr[slot] : p.indptr[slot + 1]] & 0xFFFFFFFF
            if bool(((docs < first) | (docs >= last)).any()):
                return False
        return True

    def _is_name_word(self, word: str, zone_id: str) -> bool:
        """Tell whether a latin word is (part of) one of the zone's latin names, or another
        English word for a part of its Chinese name (photoelectric of 光电)."""
        if len(word) < 4:
            return False
        return any(word in name for name in self._names.latin[zone_id]) or (
            word in self._translated_name_words(zone_id)
        )

    def _translated_name_words(self, zone_id: str) -> frozenset[str]:
        """The latin words of the synonym groups holding a part of a zone's Chinese name but
        its kind (光电 and 零碳, not 产业园): "the Anyang photoelectric park" names the zone."""
        if zone_id not in self._translated:
            bare = [ZONE_SUFFIX_RE.sub(" ", n) for n in self._names.zh_names(zone_id)]
            words: set[str] = set()
            for group in self.kb.synonyms:
                members = normalize_all(group)
                if any(
                    len(m) >= 2 and not m.isascii() and any(m in b for b in bare) for m in members
                ):
                    words.update(w for m in members for w in _LATIN_RE.findall(m) if len(w) >= 4)
            self._translated[zone_id] = frozenset(words)
        return self._translated[zone_id]

    @cached_property
    def speller(self) -> Speller:
        """Misspelt English words read as the knowledge base's (built on the first question)."""
        space = self.space
        return Speller([*space.words, *space.synonym_words, *self.finder.known_words])

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """The acronyms the base writes in capitals (IVD, IDC): one typed in capitals is known
        only when written so; "led by" in an answer is no LED (built on first asking)."""
        texts = [w for group in self.kb.synonyms for w in group]
        for profile in self.kb.profiles.values():
            texts += [profile.name.en or "", *profile.aliases.en, *profile.entities.en]
            texts += profile.industries.en
        for number in range(len(self.records)):
            entry = self.records[number].entry
            texts += [entry.answer.en or "", entry.answer.zh or "", *entry.tags]
            texts += [*entry.questions.en, *entry.questions.zh]
        return frozenset(_CAPITALS_RE.findall(" ".join(texts)))

    @cached_property
    def firms_by_character(self) -> dict[str, tuple[str, ...]]:
        """The Chinese names of every zone's firms and projects, by each character they hold:
        a place is looked for only in the names holding its first character."""
        table: dict[str, list[str]] = {}
        for profile in self.kb.profiles.values():
            for name in profile.entities.zh:
                for ch in set(name):
                    table.setdefault(ch, []).append(name)
        return {ch: tuple(names) for ch, names in table.items()}

    @cached_property
    def name_initials(self) -> dict[str, frozenset[str]]:
        """The pinyin initials of each zone's short names and places (zb of 中北), to those
        names: a question may name its zone by them."""
        heads: dict[str, set[str]] = {}
        for keys in self.finder.zh_keys_of.values():
            for key, kind in keys:
                syllables = [char_pinyin(ch) or "" for ch in key]
                if kind in ("short", "city") and 2 <= len(key) <= 4 and all(syllables):
                    heads.setdefault("".join(s[0] for s in syllables), set()).add(key)
        return {initials: frozenset(names) for initials, names in heads.items()}

    @cached_property
    def synonym_members(self) -> dict[int, tuple[str, ...]]:
        """Each synonym group's members, as the lexicon writes them, by group number."""
        members: dict[int, list[str]] = {}
        for member, group in self.lexicon.groups.items():
            members.setdefault(group, []).append(member)
        return {group: tuple(words) for group, words in members.items()}

    @cached_property
    def _zone_names(self) -> dict[str, str]:
        """Each zone's names, Chinese and English (lower case), as one text."""
        return {
            zone_id: f"{self.zone_name_text[zone_id]} {(profile.name.en or '').lower()}"
            for zone_id, profile in self.kb.profiles.items()
        }

    def zones_named_with(self, word: str) -> tuple[str, ...]:
        """The zones whose names hold a word of the lexicon (智能制造 of 安阳光电智能制造产业园),
        worked out when first asked for."""
        zones = self._named_with.get(word)
        if zones is None:
            names = self._zone_names.items()
            zones = self._named_with[word] = tuple(z for z, n in names if word in n)
        return zones

    def first_naming(self, zone_id: str, pattern: re.Pattern[str]) -> EntryRecord | None:
        """The zone's entry whose answer names what a pattern finds earliest in it (a
        state-owned firm), worked out once a zone: a scan of every entry is too dear to
        repeat a question."""
        key = (pattern.pattern, zone_id)
        if key not in self._first_naming:
            first, last = self.zone_ranges[zone_id]
            found = []
            for i in range(first, last):
                answer = self.records[i].entry.answer
                hit = pattern.search(f"{answer.zh or ''} {(answer.en or '').lower()}")
                if hit:
                    found.append((hit.start(), i))
            self._first_naming[key] = min(found)[1] if found else None
        at = self._first_naming[key]
        return None if at is None else self.records[at]

    @cached_property
    def publishers_before_a_page(self) -> re.Pattern[str]:
        """The base's publishers named before a page, its coverage or an article."""
        names = "|".join(map(re.escape, self.publishers)) or r"(?!x)x"
        return re.compile(rf"(?:{names})(?= (?:page|coverage|edition|articles?)\b)")

    @cached_property
    def publishers(self) -> tuple[str, ...]:
        """The publishers of the base's sources, normalised, longest first."""
        sources = self.kb.sources.values()
        names = {
            n
            for s in sources
            for n in normalize_all([s.publisher.zh or "", s.publisher.en or ""])
            if n
        }
        return tuple(sorted(names, key=len, reverse=True))

    def knows_word(self, word: str) -> bool:
        """Tell whether an English word (stemmed) is written anywhere in the knowledge base."""
        space, finder = self.space, self.finder
        return word in space.words or word in space.synonym_words or word in finder.known_words

    def question_features(self, topic: str, *, pinyin_words: bool = False) -> Encoded:
        """Encode a question's topic in this knowledge base's vocabulary.

        A synonym the knowledge base never writes (营业额 where entries say 营收) counts by
        its group only: its characters would otherwise weigh as an unknown topic.
        """
        encoded = self.space.encode_one(topic, pinyin_words=pinyin_words)
        unseen = [w for w in self._synonyms_in(topic) if not self._written(w)]
        if not unseen or pinyin_words:
            return encoded
        plain = self.space.encode_one(_words_re(unseen).sub(" ", topic))
        groups = encoded.feature[kind_of(encoded.feature) == SYNONYM]
        extra = np.isin(encoded.feature, groups) & ~np.isin(encoded.feature, plain.feature)
        return Encoded(
            np.concatenate([plain.doc, encoded.doc[extra]]),
            np.concatenate([plain.feature, encoded.feature[extra]]),
            np.concatenate([plain.weight, encoded.weight[extra]]),
            np.concatenate([plain.first_text, encoded.first_text[extra]]),
        )

    def _synonyms_in(self, topic: str) -> list[str]:
        words = self.space.zh_members(topic)
        words += [
            w
            for w in _LATIN_RE.findall(topic)
            if w not in EN_STOPWORDS and stem(w) in self.space.synonym_words
        ]
        return words

    def _written(self, word: str) -> bool:
        """Tell whether the knowledge base writes a word (its bigrams, or the English word)."""
        if word.isascii():
            return stem(word) in self.space.words
        pairs = [(BIGRAM << KIND_SHIFT) | (ord(a) << 20) | ord(b) for a, b in pairwise(word)]
        return bool(pairs) and self._vocabulary.issuperset(pairs)

    @cached_property
    def _vocabulary(self) -> frozenset[int]:
        """The features the entries hold, as a set: a word's few looked up without numpy."""
        return frozenset(self.postings.features.tolist())

    @cached_property
    def _runs(self) -> ZoneRuns:
        """The zones' runs in the postings (found on the first question, as the speller is)."""
        p, zones = self.postings, len(self.zone_ids)
        zone_of = self.entry_zone[p.keys & 0xFFFFFFFF]
        begins = np.ones(len(zone_of), dtype=bool)  # a run begins at another zone ...
        begins[1:] = zone_of[1:] != zone_of[:-1]
        begins[p.indptr[:-1]] = True  # ... or feature (every feature has postings)
        first = np.flatnonzero(begins)
        length = np.diff(np.append(first, len(zone_of))).astype(np.int32)
        run_zone = zone_of[first]
        if zones <= 1 << 16:  # numpy sorts 16-bit numbers stably by radix: in linear time
            run_zone = run_zone.astype(np.uint16)
        order = np.argsort(run_zone, kind="stable")  # each zone's runs stay in feature order
        starts = np.zeros(zones + 1, dtype=np.int64)
        np.cumsum(np.bincount(run_zone, minlength=zones), out=starts[1:])
        features = (p.keys[first[order]] >> 32).astype(np.int32)
        return ZoneRuns(starts, features, first[order], length[order])

    def _zone_postings(
        self, fids: npt.NDArray[np.int64], first: int, last: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
        """Where each feature's postings of entries first..last - 1 begin and end, when they are
        one zone's entries (else None): what searching every entry's postings finds."""
        zone = int(self.entry_zone[first]) if first < last else -1
        if zone < 0 or self.zone_ranges[self.zone_ids[zone]] != (first, last):
            return None
        runs = self._runs
        begin, end = runs.starts[zone], runs.starts[zone + 1]
        if begin == end:  # no entry of the zone holds any feature
            empty = np.zeros(len(fids), dtype=np.int64)
            return empty, empty
        at = begin + np.minimum(runs.features[begin:end].searchsorted(fids), end - begin - 1)
        held = runs.features[at] == fids
        starts = np.where(held, runs.first[at], 0)
        return starts, starts + np.where(held, runs.length[at], 0)

    def score(
        self, question: Encoded, zone_id: str | None = None
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Return each entry's BM25 score and coverage of the question (zero outside `zone_id`)."""
        if zone_id is None:
            return self._score(question, [(0, len(self.records))])
        return self._score(question, [self.zone_ranges[zone_id]])

    def score_zones(
        self, question: Encoded, zone_ids: list[str]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Score as score() does, for the entries of these zones only (zero elsewhere)."""
        ranges = sorted({self.zone_ranges[z] for z in zone_ids})
        return self._score(question, [(first, last) for first, last in ranges if first < last])

    def _score(
        self, question: Encoded, ranges: list[tuple[int, int]]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Score the entries of these runs of entry numbers (sorted, apart), added up per entry
        in the order score() of every entry adds them, so that each sum is the same."""
        n = len(self.records)
        p = self.postings
        slot = np.searchsorted(p.features, question.feature)
        slot = np.minimum(slot, max(len(p.features) - 1, 0))
        known = (p.features[slot] == question.feature) if len(p.features) else slot < 0
        fids, weights = slot[known], question.weight[known]
        mass = self._mass(question, known, slot)
        if not len(fids) or not ranges:
            return np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
        firsts = np.array([first for first, _ in ranges], dtype=np.int64)
        lasts = np.array([last for _, last in ranges], dtype=np.int64)
        if ranges == [(0, n)]:
            starts, ends = p.indptr[fids], p.indptr[fids + 1]
        elif len(ranges) == 1 and (found := self._zone_postings(fids, *ranges[0])) is not None:
            starts, ends = found
        else:  # feature by feature, each run of entries in turn
            starts = p.keys.searchsorted(((fids[:, None] << 32) | firsts).ravel())
            ends = p.keys.searchsorted(((fids[:, None] << 32) | lasts).ravel())
            fids, weights = fids.repeat(len(ranges)), weights.repeat(len(ranges))
        lengths = ends - starts
        offsets = np.cumsum(lengths) - lengths
        picks = np.arange(int(lengths.sum())) - np.repeat(offsets - starts, lengths)
        docs = p.keys[picks] & 0xFFFFFFFF
        sizes = lasts - firsts
        if ranges == [(0, n)]:
            local = docs
        elif len(ranges) == 1:
            local = docs - firsts[0]  # numbered within the runs of entries asked for
        else:
            run = np.searchsorted(firsts, docs, side="right") - 1
            local = docs - firsts[run] + (np.cumsum(sizes) - sizes)[run]
        total = int(sizes.sum())
        scores = np.bincount(
            local, weights=p.bm25[picks] * np.repeat(weights, lengths), minlength=total
        )
        evidence = np.repeat(p.idf[fids] * weights, lengths) * p.coverage[picks]
        covered = np.bincount(local, weights=evidence, minlength=total) / max(mass, 1e-6)
        if ranges == [(0, n)]:
            return scores.astype(np.float32), covered.astype(np.float32)
        bm25, coverage = np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
        at = 0
        for first, last in ranges:
            bm25[first:last] = scores[at : at + last - first]
            coverage[first:last] = covered[at : at + last - first]
            at += last - first
        return bm25, coverage

    def uncovered(self, record: int, words: list[ContentWord]) -> list[str]:
        """The content words of a question that an entry's texts do not hold."""
        held = self._held(record, {f for w in words for needs in w.needs for f in needs})
        return [w.text for w in words if not any(all(held[f] for f in needs) for needs in w.needs)]

    def held_in(self, zone_id: str, word: ContentWord) -> bool:
        """Tell whether any entry of a zone holds a content word: each feature's postings in
        the zone looked up once, not every entry's features in turn."""
        first, last = self.zone_ranges[zone_id]
        p = self.postings
        for needs in word.needs:
            holders = set(range(first, last))  # the entries holding each feature so far
            for feature in needs:
                slot = int(p.features.searchsorted(feature))
                if slot == len(p.features) or int(p.features[slot]) != feature:
                    holders = set()
                    break
                start, end = p.keys.searchsorted([(slot << 32) | first, (slot << 32) | last])
                holders &= set((p.keys[start:end] & 0xFFFFFFFF).tolist())
                if not holders:
                    break
            if holders:
                return True
        return False

    def asked_by(self, record: int, word: ContentWord) -> bool:
        """Tell whether an entry's written questions or labels hold a word, not only its answer."""
        features = {f for needs in word.needs for f in needs}
        held = self._held(record, features, asked=True)
        return any(all(held[f] for f in needs) for needs in word.needs)

    def share_holding(self, word: ContentWord) -> float:
        """The share of all entries whose texts may hold a content word (at most this many)."""
        if word.needs not in self._shares:
            self._shares[word.needs] = self._share_holding(word)
        return self._shares[word.needs]

    def _share_holding(self, word: ContentWord) -> float:
        p, most = self.postings, 0
        for needs in word.needs:
            slot = np.searchsorted(p.features, np.array(needs, dtype=np.int64))
            inside = slot < len(p.features)
            if not inside.all() or not bool((p.features[slot] == needs).all()):
                continue
            most = max(most, int((p.indptr[slot + 1] - p.indptr[slot]).min()))
        return most / max(len(self.records), 1)

    def _held(self, record: int, features: set[int], *, asked: bool = False) -> dict[int, bool]:
        """Tell of each feature whether an entry's texts (or only its questions) hold it."""
        p = self.postings
        if not len(p.features):
            return dict.fromkeys(features, False)
        wanted = np.array(sorted(features), dtype=np.int64)
        slot = np.minimum(p.features.searchsorted(wanted), len(p.features) - 1)
        keys = (slot << 32) | record
        at = np.minimum(p.keys.searchsorted(keys), len(p.keys) - 1)
        found = (p.features[slot] == wanted) & (p.keys[at] == keys)
        if asked:
            found &= p.coverage[at] >= 1.0
        return dict(zip(wanted.tolist(), found.tolist(), strict=True))

    def _mass(
        self, question: Encoded, known: npt.NDArray[np.bool_], slot: npt.NDArray[np.int64]
    ) -> float:
        """Weigh a question's features by how telling they are; unseen ones weigh most."""
        total = float((self.postings.idf[slot[known]] * question.weight[known]).sum())
        unseen = question.feature[~known]
        if not len(unseen):
            return total
        unseen_weight = question.weight[~known]
        junction = self._junctions(unseen)
        total += (
            float((unseen_weight * np.where(junction, JUNCTION_WEIGHT, 1.0)).sum()) * self.max_idf
        )
        return total

    def _junctions(self, unseen: npt.NDArray[np.int64]) -> list[bool]:
        """Tell which unseen bigrams are just two known characters side by side (a question
        has a few unseen features: looked up in a set, not with numpy)."""
        known = self._vocabulary
        return [
            f >> KIND_SHIFT == PINYIN
            or (
                f >> KIND_SHIFT == BIGRAM
                and ((CHAR << KIND_SHIFT) | ((f >> 20) & 0xFFFFF)) in known
                and ((CHAR << KIND_SHIFT) | (f & 0xFFFFF)) in known
            )
            for f in unseen.tolist()
        ]


@dataclass(frozen=True)
class ContentWord:
    """A word of a question that names a topic, and the features that show an entry covers it."""

    text: str
    needs: tuple[tuple[int, ...], ...]  # any one of these feature sets, all of its features


class _Lexicon:
    """The words that carry a topic, read from the knowledge base: tags, titles, synonyms.

    A question's content word that an entry does not hold means the entry answers something
    else. Words that carry no topic (bot/data/function_words.txt) are never content words.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        space: FeatureSpace,
        zone_keys: dict[str, list[tuple[str, KeyKind]]],
        cached: Lexicon | None = None,
    ) -> None:
        """Read the words from the knowledge base, or take them from the index cache."""
        self.zh_words, en_words = lexicon_words(kb, zone_keys) if cached is None else cached
        self.en_words = set(en_words)
        self._zh_set = frozenset(self.zh_words)
        lengths: dict[str, set[int]] = {}  # the lengths of the words, by first character
        for word in self.zh_words:
            lengths.setdefault(word[0], set()).add(len(word))
        self._zh_lengths = {ch: sorted(sizes, reverse=True) for ch, sizes in lengths.items()}
        self._space = space
        self.groups = _group_numbers(kb.synonyms)
        self._zh_content: dict[str, ContentWord | None] = {}  # by word, as words() needs them

    def words(self, topic: str, *, english: bool) -> list[ContentWord]:
        """The content words of a question's topic (its zone names taken out)."""
        found: list[ContentWord] = []
        for word in self._zh_in(strip_function_phrases(topic)):
            if word not in self._zh_content:  # at most once a word of the lexicon
                self._zh_content[word] = self._zh_content_word(word)
            content = self._zh_content[word]
            if content is not None:
                found.append(content)
        if english:
            tokens = _LATIN_RE.findall(_EN_TIME_SET_RE.sub(" ", topic))
            phrases = self._space.en_phrases(" ".join(stem(t) for t in tokens))
            taken = {word for phrase, _ in phrases for word in phrase.split()}
            for phrase, group in phrases:  # "factory buildings" asks for 厂房, not a factory
                needs: list[tuple[int, ...]] = [((SYNONYM << KIND_SHIFT) | group,)]
                numbers = [self._space.words.get(w) for w in phrase.split()]
                if all(n is not None for n in numbers):  # ... or for both words, side by side
                    needs.append(tuple((WORD << KIND_SHIFT) | n for n in numbers if n is not None))
                found.append(ContentWord(phrase, tuple(needs)))
            for token in tokens:
                word = stem(token)
                if word in taken:
                    continue
                number = self._space.words.get(word)
                if word not in self.en_words:
                    continue
                needs = [] if number is None else [((WORD << KIND_SHIFT) | number,)]
                if word in self.groups:  # a synonym the base never writes counts by its group
                    needs.append(((SYNONYM << KIND_SHIFT) | self.groups[word],))
                if needs:
                    found.append(ContentWord(token, tuple(needs)))
        return found

    def _zh_content_word(self, word: str) -> ContentWord | None:
        """A Chinese word of the lexicon as a content word: the features that show it held."""
        pairs = [
            (BIGRAM << KIND_SHIFT) | (ord(a) << 20) | ord(b)
            for run in strip_stop_phrases(word).split()
            for a, b in pairwise(run)
        ]
        needs = [tuple(pairs)] if pairs else []
        if word in self.groups:
            needs.append(((SYNONYM << KIND_SHIFT) | self.groups[word],))
        needs += [((SYNONYM << KIND_SHIFT) | g,) for g in self._begun_groups.get(word, ())]
        return ContentWord(word, tuple(needs)) if needs else None

    @cached_property
    def _begun_groups(self) -> dict[str, tuple[int, ...]]:
        """Each Chinese synonym to the other groups whose longer members begin with it.

        配套 alone is matching funds, but 配套设施 and 配套服务 are buildings and services:
        said bare, it may mean any of them.
        """
        begun: dict[str, set[int]] = {}
        for member, group in self.groups.items():
            if not _CJK_WORD_RE.fullmatch(member):
                continue
            for size in range(2, len(member)):
                head = member[:size]
                if head in self.groups and self.groups[head] != group:
                    begun.setdefault(head, set()).add(group)
        return {head: tuple(sorted(groups)) for head, groups in begun.items()}

    @cached_property
    def _one_off(self) -> dict[str, frozenset[str]]:
        """Each longer word, and it with one character left out, to the words it comes from.

        Two spellings one typo apart (a character swapped, missing, extra or replaced by
        another) share a key: the deletion neighbourhood of symmetric-delete spelling correction.
        """
        keys: dict[str, set[str]] = {}
        for word in self.zh_words:
            if TYPO_MIN_CHARS <= len(word) <= TYPO_MAX_CHARS:
                for key in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
                    keys.setdefault(key, set()).add(word)
        return {key: frozenset(words) for key, words in keys.items()}

    @cached_property
    def _key_frames(self) -> frozenset[tuple[str, str, int]]:
        """Each key of _one_off by its first and last characters and its length."""
        return frozenset((key[0], key[-1], len(key)) for key in self._one_off)

    def _one_off_keys(self, window: str) -> list[str]:
        """The window, and it with one character left out, that are keys of _one_off.

        Leaving out a character inside keeps the window's first and last ones: when no key
        of that length has both, none of those are looked up.
        """
        one_off = self._one_off
        keys = [key for key in (window, window[1:], window[:-1]) if key in one_off]
        if (window[0], window[-1], len(window) - 1) in self._key_frames:
            inside = (window[:i] + window[i + 1 :] for i in range(1, len(window) - 1))
            keys += [key for key in inside if key in one_off]
        return keys

    @cached_property
    def _by_pinyin(self) -> dict[str, str]:
        """Each Chinese content word by its toneless pinyin, where no other word sounds alike."""
        spelt: dict[str, set[str]] = {}
        for word in self.zh_words:
            syllables = [char_pinyin(ch) for ch in word]
            if len(word) >= 2 and all(syllables):
                spelt.setdefault("".join(s or "" for s in syllables), set()).add(word)
        own = {key: next(iter(words)) for key, words in spelt.items() if len(words) == 1}
        return {**pinyin_word_list("pinyin_words.txt"), **own}  # the base's own words first

    def has_zh(self, word: str) -> bool:
        """Tell whether a Chinese word is one of the lexicon's."""
        return word in self._zh_set

    def spelt_by(self, pinyin: str) -> str | None:
        """The Chinese content word a toneless pinyin spells ("rencai" -> 人才), if only one."""
        return self._by_pinyin.get(pinyin)

    def words_in(self, text: str) -> list[str]:
        """The lexicon's Chinese words in a text, longest first from the left."""
        return list(self._zh_in(text))

    def from_pinyin(self, text: str) -> tuple[str, list[str]]:
        """Write the content words of a pinyin text in Chinese (rencai -> 人才), longest first.

        Returns the text and the latin words left as they were.
        """
        tokens = [part for token in text.split() for part in self._script_parts(token)]
        out, left = [], []
        at = 0
        while at < len(tokens):
            for size in (4, 3, 2, 1):
                word = self._by_pinyin.get("".join(tokens[at : at + size]))
                if word and at + size <= len(tokens):
                    out.append(word)
                    at += size
                    break
            else:
                counted, size = _counted(tokens, at)
                if counted:  # huangjin shitiao: 黄金十条
                    out.append(counted)
                    at += size
                    continue
                out.append(tokens[at])
                left.append(tokens[at])
                at += 1
        return " ".join(out), left

    def _script_parts(self, token: str) -> list[str]:
        """A token typed half in characters, half in pinyin (多少jia, 几hao) as its parts,
        when each pinyin part is a word read back as Chinese; else the token as typed."""
        parts = _SCRIPT_EDGE_RE.sub(" ", token).split()
        if len(parts) > 1 and all(not p.isascii() or p in self._by_pinyin for p in parts):
            return parts
        return [token]

    def correct(self, text: str) -> str | None:
        """The text with one misspelt word of the lexicon put right, if exactly one fits.

        A window of the text that is one typo from a word (and keeps its first or last
        character, so that a shifted window of two correct words does not count) is read
        as that word; the longest such window wins, several words for it mean no guess.
        """
        for run in _CJK_WORD_RE.findall(text):
            present = list(self._zh_in(run))  # a fix may not cut a word written right (电价)
            for size in range(min(len(run), TYPO_MAX_CHARS + 1), TYPO_MIN_CHARS - 1, -1):
                for at in range(len(run) - size + 1):
                    window = run[at : at + size]
                    if window in self._zh_set:
                        continue
                    keys = self._one_off_keys(window)
                    if not keys:  # most windows: no set of words to build
                        continue
                    found = {
                        w
                        for key in keys
                        for w in self._one_off[key]
                        if (w[0] == window[0] or w[-1] == window[-1]) and w not in run
                    }
                    if len(found) == 1 and not straddles(present, run, at, at + size):
                        return text.replace(window, found.pop(), 1)
        return None

    def _zh_in(self, topic: str) -> Iterator[str]:
        """The lexicon's Chinese words in a text, longest first from the left.

        A set looked up by length is much faster than a regex of thousands of words.
        """
        lengths, words = self._zh_lengths, self._zh_set
        for run in _CJK_WORD_RE.findall(topic):
            at, end = 0, len(run)
            while at < end - 1:
                for n in lengths.get(run[at], ()):  # longest first
                    if n <= end - at and run[at : at + n] in words:
                        yield run[at : at + n]
                        at += n
                        break
                else:  # no word starts here
                    at += 1


@dataclass(frozen=True)
class LexiconPart:
    """The lexicon's words taken from some zones' texts: each start-up process takes its own."""

    zh: set[str]  # Chinese words of industries, entities and tags
    en: set[str]  # their latin words
    titles: dict[str, str]  # each Chinese entry title, normalised


def lexicon_part(zones: Iterable[Zone]) -> LexiconPart:
    """The lexicon's words of these zones alone: the lexicon is their union (lexicon_words)."""
    zh: set[str] = set()
    en: set[str] = set()
    titles: set[str] = set()
    texts: list[str] = []
    for zone in zones:
        texts += [*zone.industries.all(), *zone.entities.all()]
        for entry in zone.entries:
            texts += entry.tags
            if entry.title and entry.title.zh:
                titles.add(entry.title.zh)  # an English title is a phrase, not words
    for text in normalize_all(texts):
        zh.update(w for w in _CJK_SPLIT_RE.split(text) if len(w) >= 2)
        en.update(_LATIN_RE.findall(text.replace("-", " ")))
    ordered = sorted(titles)
    return LexiconPart(zh, en, dict(zip(ordered, normalize_all(ordered), strict=True)))


def lexicon_words(
    kb: KnowledgeBase,
    zone_keys: dict[str, list[tuple[str, KeyKind]]],
    parts: Sequence[LexiconPart] | None = None,
) -> Lexicon:
    """The lexicon's Chinese words and English stems, each sorted: the index cache keeps them.

    `parts`: the lexicon_part of every zone of `kb`, if already taken (bot/startup.py).
    """
    stop = set(STOP_PHRASES_ZH)
    zh: set[str] = set()
    en: set[str] = set()
    short_en: set[str] = set()  # R&D: short, but a topic
    for group in kb.synonyms:
        for word in normalize_all(group):
            (zh if _CJK_WORD_RE.fullmatch(word) else short_en).add(word)
    titles: dict[str, str] = {}
    for part in [lexicon_part(kb.zones.values())] if parts is None else parts:
        zh |= part.zh
        en |= part.en
        titles |= part.titles
    titles_norm = [titles[title] for title in sorted(titles)]
    zh.update(_title_parts(titles_norm, zh))
    for text in titles_norm:
        zh.update(w for w in _CJK_SPLIT_RE.split(text) if len(w) >= 2)
    names = {k for keys in zone_keys.values() for k, _kind in keys}
    zh_words = sorted(w for w in zh if w not in stop and w not in names)
    en_words = {stem(w) for w in en if len(w) >= 3 and w not in EN_STOPWORDS} | {
        stem(w) for w in short_en if " " not in w and w not in EN_STOPWORDS
    }
    return zh_words, sorted(en_words)


def _title_parts(titles: list[str], words: set[str]) -> set[str]:
    """The pieces of titles around the words the base names (外资 | 生物医药 | 企业数量).

    A title joins what an entry is about: a piece left once an industry, a tag or a
    synonym is taken out, the same in several titles, is a word of its own, which a
    question may ask without the rest. A piece of one title only is no word.
    """
    known = [w for w in words if len(w) >= 2]
    if not known:
        return set()
    pattern = alternation(known)
    seen: Counter[str] = Counter()
    for title in titles:
        pieces: set[str] = set()
        for run in _CJK_SPLIT_RE.split(title):
            split = pattern.split(run)
            if len(split) > 1:
                pieces.update(p for p in split if len(p) >= 2)
        seen.update(pieces)
    return {p for p, n in seen.items() if n >= TITLE_PART_TITLES}


def _words_re(words: list[str]) -> re.Pattern[str]:
    """Any of the words: Chinese ones anywhere, latin ones as whole words."""
    latin = [rf"\b{re.escape(w)}\b" for w in words if w.isascii()]
    return re.compile(
        "|".join([alternation([w for w in words if not w.isascii()]).pattern, *latin])
    )


def straddles(words: list[str], run: str, start: int, end: int) -> bool:
    """Tell whether one of the words lies partly inside [start, end) of the run, partly out."""
    for word in words:
        at = run.find(word)
        while at >= 0:
            if at < end and at + len(word) > start and not (start <= at and at + len(word) <= end):
                return True
            at = run.find(word, at + 1)
    return False


def _group_numbers(groups: list[list[str]]) -> dict[str, int]:
    """Each synonym's group number, as FeatureSpace numbers them (first group wins)."""
    numbers: dict[str, int] = {}
    for gid, group in enumerate(groups):
        for norm in normalize_all(group):
            key = norm.replace(" ", "") if _CJK_WORD_RE.search(norm) else stem(norm)
            numbers.setdefault(key, gid)
    return numbers


_CJK_WORD_RE = re.compile(r"[\u3400-\u9fff]+")
_CJK_SPLIT_RE = re.compile(r"[^\u3400-\u9fff]+")


def _zone_ranges(zone_ids: list[str], sizes: list[int]) -> dict[str, tuple[int, int]]:
    """Each zone's entries are one run of entry numbers: [first, last)."""
    ends = list(accumulate(sizes))
    return {z: (end - size, end) for z, size, end in zip(zone_ids, sizes, ends, strict=True)}


class Records(Sequence[EntryRecord]):
    """One record an entry, numbered in zone order, then in each zone's order.

    A record is made when first looked up (then kept: it is compared as itself): a restart
    from the index cache makes none of 50,000 before its first answer.
    """

    def __init__(
        self,
        zone_ids: list[str],
        entry_ids: list[list[str]],
        question_texts: Sequence[str],
        zones: Mapping[str, Zone],
    ) -> None:
        if sum(map(len, entry_ids)) != len(question_texts):
            raise ValueError("an encoding of other entries")
        self.zone_ids, self.entry_ids, self.question_texts = zone_ids, entry_ids, question_texts
        self._zones = zones
        self._ends = list(accumulate(map(len, entry_ids)))  # each zone's last record, + 1
        self._made: list[EntryRecord | None] = [None] * len(question_texts)

    @overload
    def __getitem__(self, number: int) -> EntryRecord: ...

    @overload
    def __getitem__(self, number: slice) -> list[EntryRecord]: ...

    def __getitem__(self, number: int | slice) -> EntryRecord | list[EntryRecord]:
        if isinstance(number, slice):
            return [self[n] for n in range(*number.indices(len(self)))]
        number = operator.index(number)
        record = self._made[number]  # IndexError out of range
        if record is None:
            number %= len(self._made)
            zone = bisect_right(self._ends, number)
            position = number - (self._ends[zone - 1] if zone else 0)
            record = self._made[number] = EntryRecord(
                self.zone_ids[zone],
                self.entry_ids[zone][position],
                position,
                self.question_texts[number],
                number,
                self._zones,
            )
        return record

    def __len__(self) -> int:
        return len(self._made)

    def __iter__(self) -> Iterator[EntryRecord]:
        return (self[number] for number in range(len(self._made)))


class RecordsById(Mapping[tuple[str, str], EntryRecord]):
    """Records by (zone id, entry id), made when first looked up."""

    def __init__(
        self,
        records: Records,
        zone_ranges: dict[str, tuple[int, int]],
        entry_ids: list[list[str]],
    ) -> None:
        self._records = records
        self._ranges = zone_ranges
        self._ids = dict(zip(zone_ranges, entry_ids, strict=True))

    def __getitem__(self, key: tuple[str, str]) -> EntryRecord:
        zone_id, entry_id = key
        try:
            position = self._ids[zone_id].index(entry_id)
        except ValueError:
            raise KeyError(key) from None
        return self._records[self._ranges[zone_id][0] + position]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((zone_id, e) for zone_id, ids in self._ids.items() for e in ids)

    def __len__(self) -> int:
        return len(self._records)


def _phrasings(entry: Entry, questions: str) -> dict[Lang, tuple[str, ...]]:
    """Split an entry's normalised question lines back into languages."""
    lines = [" ".join(line.split()) for line in questions.split("\n")]
    n_zh = len(entry.questions.zh)
    return {"zh": tuple(lines[:n_zh]), "en": tuple(lines[n_zh : n_zh + len(entry.questions.en)])}


def _bm25_postings(rows: Encoded, n_docs: int) -> Postings:
    """Weigh each entry's features with BM25 and list them by feature, then by entry.

    Written in place where it can be: at 50,000 entries each temporary array is 30 MB. The
    rows' own arrays are put in feature order (every caller drops them after).
    """
    if n_docs > 1 << DOC_BITS:
        raise ValueError(f"the index numbers up to {1 << DOC_BITS:,} entries")
    # Rows come sorted by (entry, feature), or as runs sorted by (feature, entry) whose
    # entries follow each other's: a stable sort by feature orders them by both.
    sort_by_feature(rows)
    features, docs, tf, first_text = rows.feature, rows.doc, rows.weight, rows.first_text
    coverage = np.where(first_text == 0, np.float32(1.0), np.float32(ANSWER_COVERAGE))
    first_of_feature = np.ones(len(features), dtype=bool)
    first_of_feature[1:] = features[1:] != features[:-1]
    starts = np.flatnonzero(first_of_feature)
    vocab = features[starts]
    fids = np.cumsum(first_of_feature, out=features)  # each row's feature number, in place
    fids -= 1
    del first_of_feature, features
    df = np.diff(np.r_[starts, len(docs)])
    idf = np.log(1 + (max(n_docs, 1) - df + 0.5) / (df + 0.5))
    lengths = np.bincount(docs, weights=tf, minlength=n_docs)
    mean_length = float(lengths.mean()) if lengths.size else 0.0  # an empty base has no documents
    norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths / max(mean_length, 1e-6))
    # tf * (k1 + 1) / (tf + norm) * idf, in the same order of operations, in place
    weight = norm[docs]
    weight += tf
    np.divide(tf * (BM25_K1 + 1), weight, out=weight)
    weight *= idf[fids]
    indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    keys = fids.astype(np.int64, copy=False)
    keys <<= 32
    keys |= docs
    return Postings(vocab, indptr, keys, weight.astype(np.float32), coverage, idf)


def _name_words(zone: ZoneProfile, latin_names: list[str]) -> frozenset[str]:
    """The latin words of a zone's names (English words and pinyin keys), four letters or more."""
    texts = [zone.name.en or "", *zone.aliases.en, *latin_names]
    return frozenset(w for text in texts for w in _LATIN_RE.findall(text.lower()) if len(w) >= 4)


_SCRIPT_EDGE_RE = re.compile(r"(?<=[\u3400-\u9fff])(?=[a-z])|(?<=[a-z])(?=[\u3400-\u9fff])")


def _counted(tokens: list[str], at: int) -> tuple[str | None, int]:
    """A count in pinyin at `at` (shitiao, san da) in Chinese, and the tokens it takes."""
    for size in (1, 2):
        syllables = [split_pinyin(t, min_letters=1) for t in tokens[at : at + size]]
        if len(syllables) == size and all(syllables):
            counted = counted_in_pinyin([s for each in syllables for s in each or ()])
            if counted:
                return counted, size
    return None, 1


def _zone_name_text(zone: ZoneProfile) -> str:
    """A zone's Chinese names, one space apart."""
    return " ".join([zone.name.zh or "", *zone.aliases.zh])


class _PerZone(dict[str, _T]):
    """A zone's value worked out when first asked for: most zones are never asked about."""

    def __init__(self, make: Callable[[str], _T]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, zone_id: str) -> _T:
        value = self[zone_id] = self._make(zone_id)
        return value


def _name_keys(keys: list[tuple[str, KeyKind]]) -> list[str]:
    """A zone's keys that are its names: all but its firms' and projects'."""
    return [k for k, kind in keys if kind != "entity"]


EntryTexts = tuple[list[str], list[str]]  # entries' question texts, and their answers


class ZoneNames:
    """Each zone's names as regexes or word sets, made when a zone is first asked about."""

    def __init__(
        self,
        zones: Mapping[str, ZoneProfile],
        zh_keys: Mapping[str, list[tuple[str, KeyKind]]],
        latin_keys: Mapping[str, list[tuple[str, KeyKind]]],
    ) -> None:
        self._zh_keys = zh_keys
        self.zh = _PerZone(lambda z: names_with_tails(self.zh_names(z)))
        self.latin = _PerZone(lambda z: _name_keys(latin_keys[z]))
        self.words = _PerZone(lambda z: _name_words(zones[z], self.latin[z]))
        self.entities = _PerZone(
            lambda z: alternation([k for k, kind in zh_keys[z] if kind == "entity"])
        )

    def zh_names(self, zone_id: str) -> list[str]:
        """A zone's Chinese names: its keys but its firms' and projects'."""
        return _name_keys(self._zh_keys[zone_id])


def entry_texts(pairs: list[tuple[str, Entry]], names: ZoneNames) -> EntryTexts:
    """Normalise every entry's texts in one pass: questions and labels, and answers."""
    raw: list[str] = []
    for _zone_id, entry in pairs:
        labels = (
            [*entry.tags, *(entry.title.zh or "", entry.title.en or "")]
            if entry.title
            else entry.tags
        )
        answer = f"{entry.answer.zh or ''} {entry.answer.en or ''}"
        if names_a_state_firm(answer):
            labels = [*labels, *STATE_OWNED_LABELS]
        raw += [*entry.questions.zh, *entry.questions.en, " ".join(labels)]
        raw.append(answer)
    texts = normalize_all(raw)
    questions: list[str] = []
    answers: list[str] = []
    at = 0
    for _zone_id, entry in pairs:
        count = len(entry.questions.zh) + len(entry.questions.en) + 1
        questions.append("\n".join(texts[at : at + count]))
        answers.append(texts[at + count])
        at += count + 1
    zones = [zone_id for zone_id, _ in pairs]
    return _strip_names(questions, zones, names), _strip_names(answers, zones, names)


def _strip_names(texts: list[str], zones: list[str], names: ZoneNames) -> list[str]:
    """Strip each text's zone names, a zone's texts at once: whole latin name words only."""
    out: list[str] = []
    for zone_id, group in groupby(zip(zones, texts, strict=True), key=lambda pair: pair[0]):
        joined = "\v".join(text for _zone, text in group)
        joined = strip_names_with_tails(joined, names.zh_names(zone_id))
        out += strip_whole_words(joined, names.words[zone_id]).split("\v")
    return out


def strip_whole_words(text: str, words: frozenset[str]) -> str:
    """Replace each of the words written whole (no letter, digit or _ beside) by a space."""
    spans = []
    last = len(text) - 1
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            before = text[at - 1] if at else " "
            after = text[end] if end <= last else " "
            if not (before.isalnum() or after.isalnum() or "_" in (before, after)):
                spans.append((at, end))  # as a regex's \b<word>\b finds it
            at = text.find(word, at + 1)
    if not spans:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in sorted(spans):  # a word written whole is a whole run: none overlap
        pieces += (text[done:start], " ")
        done = end
    return "".join(pieces) + text[done:]


def encode_entries(space: FeatureSpace, questions: list[str], answers: list[str]) -> Encoded:
    """Encode entries' normalised texts (questions, answer), learning new words into `space`."""
    texts = [
        text
        for question_text, answer in zip(questions, answers, strict=True)
        for text in (question_text.replace("\n", " "), answer)
    ]
    return space.encode(texts, weights=(1.0, ANSWER_WEIGHT), learn=True)


def weighed(questions: list[str], space: FeatureSpace, encoded: Encoded) -> Encoding:
    """Every entry encoded, in order, weighed with BM25: what an index is built from."""
    return Encoding(questions, list(space.words), postings_of(encoded, len(questions)))


def postings_of(encoded: Encoded, entries: int) -> dict[str, npt.NDArray[Any]]:
    """Every entry's rows weighed with BM25, as the Postings fields by name."""
    return vars(_bm25_postings(encoded, entries))


def sort_by_feature(rows: Encoded) -> None:
    """Put rows in feature order, in place, keeping each feature's rows in entry order.

    Each half of a large base sorts its own rows while the other works: weighing the two
    then merges two sorted runs instead of sorting every row (bot/startup.py).
    """
    order = np.argsort(rows.feature, kind="stable")
    for column in (rows.feature, rows.doc, rows.weight, rows.first_text):
        column[:] = column[order]


def append_encoded(
    every: Encoded, entries: int, words: dict[str, int], second: Encoded, their_words: list[str]
) -> None:
    """Fill the last rows of `every`, after `entries` entries encoded with `words`, with more.

    The rows of `second`, encoded with words of their own (`their_words`, by number) and in
    feature order (sort_by_feature), are written in place, their words numbered as `words`
    would have learnt them next (and added to it), in feature order again: each feature's
    rows stay one run in entry order, so only the runs are put back in order.
    """
    start = len(every) - len(second)
    number = np.array([words.setdefault(w, len(words)) for w in their_words], np.int64)
    first_of_feature = np.ones(len(second), dtype=bool)
    first_of_feature[1:] = second.feature[1:] != second.feature[:-1]
    starts = np.flatnonzero(first_of_feature)
    del first_of_feature
    features = second.feature[starts]
    word = np.flatnonzero(kind_of(features) == WORD)
    features[word] = (WORD << KIND_SHIFT) | number[features[word] & ((1 << KIND_SHIFT) - 1)]
    runs = np.argsort(features, kind="stable")  # one run per feature: renumbered, in order
    lengths = np.diff(np.r_[starts, len(second)])[runs]
    begins = np.cumsum(lengths) - lengths  # where each run goes
    rows = np.repeat(starts[runs] - begins, lengths)
    rows += np.arange(len(rows))
    every.feature[start:] = np.repeat(features[runs], lengths)
    every.doc[start:] = second.doc[rows]
    every.doc[start:] += entries
    every.weight[start:] = second.weight[rows]
    every.first_text[start:] = second.first_text[rows]


def zones_entry_texts(zones: list[Zone], keys: ZoneKeys) -> EntryTexts:
    """The zones' entries' texts as an index normalises them, from these zones alone.

    Needs nothing from other zones, so a worker process can prepare them (bot/startup.py).
    `keys`: the zones' zone_keys.
    """
    names = ZoneNames({zone.id: zone for zone in zones}, *keys)
    return entry_texts([(zone.id, entry) for zone in zones for entry in zone.entries], names)


def build_index(
    kb: KnowledgeBase,
    cache: Path | None = None,
    encoding: Encoding | None = None,
) -> ZoneIndex:
    """Build the search index for a knowledge base, through the index cache in `cache` if set.

    `encoding`: every entry already encoded and weighed (bot/startup.py), if the cache has none.
    """
    with garbage_collection_paused():
        key = None if cache is None else cache_key(kb)
        if cache is None or key is None:
            return ZoneIndex(kb, encoding)
        found = load_encoding(cache, key, len(kb.zones))
        index = ZoneIndex(kb, found or encoding)
        index.cache = cache
        if found is None:
            save_encoding(cache, key, index.encoding())
        return index


def _pieces(text: str) -> set[str]:
    """The two-character pieces of a text's Chinese runs and its English words' stems."""
    pieces = {run[i : i + 2] for run in _CJK_WORD_RE.findall(text) for i in range(len(run) - 1)}
    words = _LATIN_RE.findall(text.replace("-", " "))
    return pieces | {stem(w) for w in words if len(w) >= 4 and w not in EN_STOPWORDS}
