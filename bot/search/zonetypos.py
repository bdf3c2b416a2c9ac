"""Find zone names written with a slip, looking only at the few names a question could mean.

An inverted index over the names' characters, character pairs, syllables and syllable pairs
yields candidates; its long lists (区, gao xin) are skipped, so the work does not grow with
the number of zones. Each candidate is then scored on the text where it would stand.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz.distance import OSA, Levenshtein

POSTING_CAP = 24  # a list longer than this names too many zones to tell anything
MIN_LINE_UPS = 2  # characters, sounds or pairs of them a key must share with the question
EDIT_MIN_CHARS = 4  # a swapped, missing, extra or other character: names this long only
_CJK_RE = re.compile(r"[\u3400-\u9fff]")

SOUND, NEAR_SOUND, EDIT = 3, 2, 1  # how well a text fits a name, best first
_Gram = TypeVar("_Gram", str, tuple[str, str])


@dataclass(frozen=True)
class TypoHit:
    """A name found written with a slip: where, which key, and how well it fits."""

    start: int
    end: int
    key: str
    fit: int


class TypoIndex:
    """Candidate keys for a question's characters and syllables, then the typo scoring."""

    def __init__(
        self, key_syllables: dict[str, tuple[str, ...]], allowed: Callable[[str, str], bool]
    ) -> None:
        self.key_syllables = key_syllables
        self.allowed = allowed  # may this text, one edit from this key, stand for it?
        # characters and pairs of them; syllables; pairs of syllables: apart, so that a
        # question's are looked up as they are, without a tuple built for each
        texts: dict[str, list[tuple[str, int]]] = defaultdict(list)
        sounds: dict[str, list[tuple[str, int]]] = defaultdict(list)
        sound_pairs: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
        for key, syllables in key_syllables.items():
            for offset, (char, syllable) in enumerate(zip(key, syllables, strict=True)):
                texts[char].append((key, offset))
                sounds[syllable].append((key, offset))
                if offset + 1 < len(key):
                    texts[key[offset : offset + 2]].append((key, offset))
                    sound_pairs[syllable, syllables[offset + 1]].append((key, offset))
        self._texts, self._sounds, self._sound_pairs = (
            _short_lists(texts),
            _short_lists(sounds),
            _short_lists(sound_pairs),
        )
        self._line_ups = {key: min(MIN_LINE_UPS, len(key)) for key in key_syllables}

    def candidates(self, compact: str, syllables: tuple[str, ...]) -> dict[str, set[int]]:
        """Keys that enough rare characters or syllables of the question line up with.

        Each key comes with where it would start. A key one line-up holds is a stray
        character shared: a name written with a slip keeps most of its characters or sounds.
        """
        lined_up: defaultdict[str, list[int]] = defaultdict(list)  # each line-up's start
        texts, sounds, sound_pairs = self._texts, self._sounds, self._sound_pairs
        last = len(compact) - 1
        for pos, (char, sound) in enumerate(zip(compact, syllables, strict=True)):
            found = [texts.get(char, ()), sounds.get(sound, ())]
            if pos < last:
                found += [
                    texts.get(compact[pos : pos + 2], ()),
                    sound_pairs.get((sound, syllables[pos + 1]), ()),
                ]
            for postings in found:
                for key, offset in postings:
                    lined_up[key].append(pos - offset)
        needed = self._line_ups
        return {key: set(starts) for key, starts in lined_up.items() if len(starts) >= needed[key]}

    def find(
        self, compact: str, syllables: tuple[str, ...], taken: list[bool]
    ) -> list[list[TypoHit]]:
        """Every key written with a slip, grouped by the text it stands on, best fit first.

        A group holding several keys tells that the slip fits more than one name.
        """
        hits = [
            hit
            for key, starts in self.candidates(compact, syllables).items()
            for hit in self._fits(compact, syllables, taken, key, starts)
        ]
        hits.sort(key=lambda h: (-h.fit, -(h.end - h.start), h.start, h.key))
        groups: list[list[TypoHit]] = []
        used = [False] * len(compact)
        for hit in hits:
            if any(used[hit.start : hit.end]):
                group = next((g for g in groups if _same_place(g[0], hit)), None)
                if group is not None and hit.key not in {h.key for h in group}:
                    group.append(hit)
                continue
            used[hit.start : hit.end] = [True] * (hit.end - hit.start)
            groups.append([hit])
        return groups

    def _fits(
        self,
        compact: str,
        syllables: tuple[str, ...],
        taken: list[bool],
        key: str,
        starts: set[int],
    ) -> list[TypoHit]:
        """How the key fits the text at each place it could start: by sound, else by one edit."""
        size = len(key)
        key_syllables = self.key_syllables[key]
        out = []
        windows: set[tuple[int, int]] = set()
        for start in starts:
            end = start + size
            if start < 0 or end > len(compact) or compact[start:end] == key:
                continue  # written exactly: not a slip, and found before
            fit = 0
            if _sounds_may_fit(syllables, start, key_syllables) and not any(taken[start:end]):
                fit = near_key(compact[start:end], syllables[start:end], key, key_syllables)
            if fit:
                out.append(TypoHit(start, end, key, fit))
            elif (
                size >= EDIT_MIN_CHARS
                and not any(taken[start + 1 : end - 2])  # text every window below holds
                and _may_be_one_edit(compact, start, key)
            ):
                windows.update(
                    (begin, begin + length)
                    for begin in (start - 1, start, start + 1)
                    for length in (size - 1, size, size + 1)
                )
        for begin, stop in windows:
            if (
                begin >= 0
                and stop <= len(compact)
                # one edit of a key this long keeps its first or its last character
                and (compact[begin] == key[0] or compact[stop - 1] == key[-1])
                and OSA.distance(text := compact[begin:stop], key, score_cutoff=1) <= 1
                and not any(taken[begin:stop])
                and all(_CJK_RE.match(ch) for ch in text)
                and self.allowed(text, key)
            ):
                out.append(TypoHit(begin, stop, key, EDIT))
        return out


def _short_lists(
    postings: dict[_Gram, list[tuple[str, int]]],
) -> dict[_Gram, list[tuple[str, int]]]:
    """The posting lists short enough to tell something (POSTING_CAP)."""
    return {gram: found for gram, found in postings.items() if len(found) <= POSTING_CAP}


def _sounds_may_fit(sounds: tuple[str, ...], start: int, key_sounds: tuple[str, ...]) -> bool:
    """Tell cheaply whether near_key() may fit the key at `start`: with one syllable at most
    differing, the first or the second one is the same."""
    if len(key_sounds) < 2:
        return True
    return sounds[start] == key_sounds[0] or sounds[start + 1] == key_sounds[1]


def _may_be_one_edit(compact: str, start: int, key: str) -> bool:
    """Tell cheaply whether text starting near `start` may be one edit from the key.

    Such text starts at most one character off and ends at most two: the text where the
    key would stand is then at most 1 + 3 edits from the key.
    """
    aligned = compact[max(start, 0) : start + len(key)]
    return OSA.distance(aligned, key, score_cutoff=4) <= 4


def _same_place(first: TypoHit, second: TypoHit) -> bool:
    """Two hits that fit alike on as much text: the slip could mean either name.

    Of two that overlap, the one that explains more of the text wins (福清清工业园区 is
    福清工业园区 with a doubled character, not 清远工业园区 after a stray 福).
    """
    same_size = first.end - first.start == second.end - second.start
    overlap = first.start < second.end and second.start < first.end
    return first.fit == second.fit and same_size and overlap


# characters that mostly stand as words of their own (在, 是, 的): beside one character of a
# two-character name they are no slip of its other one
_FUNCTION_CHARS = frozenset("在是的了有和与到从去来要我你他她它这那也都就还又吗呢吧啊")


def near_key(
    text: str, syllables: tuple[str, ...], key: str, key_syllables: tuple[str, ...]
) -> int:
    """How `text` is `key` with homophones or one near-homophone character (0: it is not)."""
    if text == key or syllables == key_syllables:
        return SOUND
    i = -1  # the one syllable that differs
    for at, (a, b) in enumerate(zip(syllables, key_syllables, strict=True)):
        if a != b:
            if i >= 0:
                return 0
            i = at
    if not any(a == b for a, b in zip(text, key, strict=True)):
        return 0
    close = Levenshtein.distance(syllables[i], key_syllables[i]) <= 1
    if len(key) == 2 and text[i] in _FUNCTION_CHARS:
        return 0  # 在东 of 在东部 is no 海东: a two-character name has one character left
    return NEAR_SOUND if close and _CJK_RE.match(text[i]) is not None else 0
