"""Read an English word typed one slip from a word of the knowledge base as that word.

"talants", "bulding", "substaion", "manufactoring": a misspelt topic word otherwise counts as
a word no entry holds, and the question is refused. So does a compound of the base typed in two
parts ("bio medicine", "opto-electronic"): joined when one part is no English word. A word is
corrected only when it is no English word of its own (bot/data/english_words.txt: "rates"
stays "rates"), not pinyin (the zone finder reads misspelt zone names with its own guards), not
an acronym, and exactly one word of the base is nearest to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.search.features import stem
from bot.search.textnorm import MAX_QUESTION_CHARS, pinyin_syllables, split_pinyin

MIN_LETTERS = 5  # a shorter word is too often an abbreviation or another word one slip away
LONG_WORD = 8  # from this length two slips (a letter left out and one swapped) are forgiven
MEMO_WORDS = 20_000  # corrections kept, at most
MAX_LETTERS = 24  # a longer run of letters is no word misspelt (nor worth splitting as pinyin)
READ_CHARS = 2 * MAX_QUESTION_CHARS  # what matching reads of a question (normalize's prefix)
_WORD_RE = re.compile(r"[A-Za-z]+")


@cache
def english_words() -> frozenset[str]:
    """Common English words, lower case (written by scripts/make_english_words.py)."""
    text = resources.files("bot").joinpath("data/english_words.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@cache
def shorthand() -> dict[str, str]:
    """English chat shorthand and the words it stands for (bot/data/shorthand.txt)."""
    text = resources.files("bot").joinpath("data/shorthand.txt").read_text("utf-8")
    lines = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    return {pair[0]: pair[1] for pair in lines}


class Speller:
    """The knowledge base's English words by length, and the corrections already worked out."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(set(vocabulary)):  # a slip may add a letter: four letters and up
            # pinyin, zone and place names among it, are the zone finder's to read
            letters = len(word) >= MIN_LETTERS - 1 and word.isascii() and word.isalpha()
            if letters and split_pinyin(word) is None:
                self._by_length.setdefault(len(word), []).append(word)
        self._known = frozenset(w for words in self._by_length.values() for w in words)
        self._memo: dict[str, str | None] = {}

    def __len__(self) -> int:
        """How many words' corrections (or their lack) are kept."""
        return len(self._memo)

    def corrected(self, question: str) -> str:
        """The question with each misspelt English word replaced by the base's word."""
        read = question[:READ_CHARS]
        if not _WORD_RE.search(read):
            return question
        return (
            _WORD_RE.sub(self._replacement, self._compounds_joined(read)) + question[READ_CHARS:]
        )

    def _compounds_joined(self, text: str) -> str:
        """Two words typed apart that the base writes as one, one part no word of the base."""
        words = list(_WORD_RE.finditer(text))
        out, at = [], 0
        for first, second in pairwise(words):
            if first.start() < at or text[first.end() : second.start()] not in (" ", "-"):
                continue
            a, b = first.group(0).lower(), second.group(0).lower()
            joined = self._joined(a, b) if min(len(a), len(b)) > 1 else None
            if joined:
                out.append(text[at : first.start()] + joined)
                at = second.end()
        return "".join(out) + text[at:] if out else text

    def _joined(self, a: str, b: str) -> str | None:
        """ "a b" as the word of the base it is in two parts, one no English word (bio, opto),
        typed right or with a slip (Astra Zeneka)."""
        if {a, b} <= pinyin_syllables():
            return None  # gu yi: syllables are the zone finder's to read
        if not any(part not in self._known and part not in english_words() for part in (a, b)):
            return None
        if f"{a}{b}" in self._known:
            return f"{a}{b}"
        if len(a + b) > MAX_LETTERS or any(
            len(part) < 4 or part in english_words() or part in self._known for part in (a, b)
        ):
            return None  # with a slip, only two parts that are no words at all (astra zeneka)
        return self._correction(f"{a}{b}")

    def _replacement(self, match: re.Match[str]) -> str:
        word = match.group(0)
        if word.isupper():  # PUE, CAPEX, HW: asked as typed
            return word
        lower = word.lower()
        if lower in shorthand():  # hw much: how much
            return shorthand()[lower]
        if not MIN_LETTERS <= len(word) <= MAX_LETTERS:
            return word  # as typed; a run of letters is no word
        if lower not in self._memo:
            if len(self._memo) >= MEMO_WORDS:  # a bot runs for weeks: words asked pile up
                self._memo.clear()
            self._memo[lower] = self._correction(lower)
        return self._memo[lower] or word

    def _correction(self, word: str) -> str | None:
        base = stem(word)
        if word in english_words():
            return None
        if word.endswith("in") and f"{word}g" in english_words():
            return f"{word}g"  # the g dropped in speech: workin', trainin'
        if base in self._known or split_pinyin(word) is not None:
            return None
        slips = 1 if len(base) < LONG_WORD else 2
        choices = [
            w
            for length in range(len(base) - slips, len(base) + slips + 1)
            for w in self._by_length.get(length, ())
        ]
        found = process.extract(base, choices, scorer=OSA.distance, score_cutoff=slips, limit=4)
        nearest = [str(w) for w, distance, _ in found if distance == found[0][1]] if found else []
        if len(nearest) > 1:  # operaton: operation, not operator; a word's end is kept
            nearest = [w for w in nearest if w[-1] == base[-1]]
        # no word of the base is near, or two are as near: leave it as typed
        return nearest[0] if len(nearest) == 1 else None
