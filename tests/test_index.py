import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.kb.loader import load_knowledge_base
from bot.search.index import (
    ZoneIndex,
    build_index,
    lexicon_part,
    lexicon_words,
    strip_whole_words,
)
from bot.search.textnorm import normalize

KB = Path(__file__).resolve().parent / "data" / "kb"
SHIPPED = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.fixture(scope="module")
def index() -> ZoneIndex:
    return build_index(load_knowledge_base(KB))


def best_entry(index: ZoneIndex, question: str, zone_id: str | None = None) -> tuple[str, str]:
    scores, _coverage = index.score(index.question_features(normalize(question)), zone_id)
    record = index.records[int(np.argmax(scores))]
    return record.zone_id, record.entry.id


def test_every_entry_is_indexed_once_and_found_by_its_ids(index: ZoneIndex) -> None:
    expected = [(z.id, e.id) for z in index.kb.zones.values() for e in z.entries]
    assert [(r.zone_id, r.entry.id) for r in index.records] == expected
    assert all(r.entry.id == e for (_z, e), r in index.by_id.items())
    assert all(index.records[r.number] is r for r in index.by_id.values())
    assert len(index.by_id) == len(expected)


def test_an_entrys_own_question_scores_that_entry_highest(index: ZoneIndex) -> None:
    for record in index.records:
        for question in record.entry.questions.all():
            assert best_entry(index, question) == (record.zone_id, record.entry.id), question


def test_scores_stay_zero_outside_the_zone_asked_about(index: ZoneIndex) -> None:
    features = index.question_features(normalize("生物医药产业营收"))
    scores, coverage = index.score(features, "taiyuan-zhongbei")
    first, last = index.zone_ranges["taiyuan-zhongbei"]
    outside = np.r_[0:first, last : len(index.records)]
    assert not scores[outside].any()
    assert not coverage[outside].any()


@pytest.mark.parametrize("question", ["生物医药产业营收", "研发补贴多少", "人才 talent 2022"])
def test_zones_scored_alone_or_together_score_as_among_every_entry(question: str) -> None:
    index = build_index(load_knowledge_base(SHIPPED))
    features = index.question_features(normalize(question))
    every = index.score(features)
    zones = ["qinghai-zero-carbon", "anyang-optoelectronics", "taiyuan-zhongbei"]
    together = index.score_zones(features, zones)
    for zone_id in zones:
        first, last = index.zone_ranges[zone_id]
        alone = index.score(features, zone_id)
        for of_all, of_few, of_one in zip(every, together, alone, strict=True):
            assert of_few[first:last].tolist() == of_all[first:last].tolist()
            assert of_one[first:last].tolist() == of_all[first:last].tolist()
    first, last = index.zone_ranges["luzhou-hitech"]
    assert not together[0][first:last].any()


def test_a_question_of_unknown_words_scores_nothing(index: ZoneIndex) -> None:
    scores, coverage = index.score(index.question_features(normalize("xylophone quartz")))
    assert not scores.any()
    assert not coverage.any()


def test_zone_names_are_taken_out_of_a_question_leaving_its_topic(index: ZoneIndex) -> None:
    topic = index.strip_zone_names(normalize("青岛高新区生物医药营收"), "qingdao-hitech")
    assert topic.split() == ["生物医药营收"]
    english = normalize("Qingdao High-tech Zone biomedicine revenue")
    assert "qingdao" not in index.strip_zone_names(english, "qingdao-hitech")


def test_words_written_in_the_knowledge_base_are_known_others_not(index: ZoneIndex) -> None:
    assert index.knows_word("relocation")
    assert index.knows_word("subsidy")
    assert not index.knows_word("xylophone")


_WORD_PIECES = ["qingdao", "qing", "dao", "park", "zone", "高新", "1", "_", "é", " ", "\v", "-"]


@given(
    words=st.frozensets(st.sampled_from(["qingdao", "park", "zone", "qingdaopark", "dao"])),
    text=st.lists(st.sampled_from(_WORD_PIECES), max_size=16).map("".join),
)
def test_name_words_are_stripped_as_whole_words_only(words: frozenset[str], text: str) -> None:
    ordered = sorted(words, key=len, reverse=True)
    whole_words = "|".join(rf"{w[0]}(?<!\w{w[0]}){w[1:]}\b" for w in ordered) or "(?!x)x"
    assert strip_whole_words(text, words) == re.sub(whole_words, " ", text)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_window_s_keys_for_typo_correction_are_all_its_one_off_forms_the_lexicon_has(
    index: ZoneIndex, data: st.DataObject
) -> None:
    lexicon = index.lexicon
    words = st.sampled_from(lexicon.zh_words)
    chars = st.sampled_from(sorted({ch for word in lexicon.zh_words for ch in word}))
    text = data.draw(st.lists(st.one_of(words, chars), min_size=1, max_size=4).map("".join))
    start = data.draw(st.integers(0, max(len(text) - 3, 0)))
    window = text[start : start + data.draw(st.integers(3, 11))]
    if len(window) < 3:
        return
    forms = {window, *(window[:i] + window[i + 1 :] for i in range(len(window)))}
    assert set(lexicon._one_off_keys(window)) == {f for f in forms if f in lexicon._one_off}


def test_a_content_word_is_uncovered_where_no_set_of_its_features_is_all_in_the_entry(
    index: ZoneIndex,
) -> None:
    p = index.postings
    words = index.lexicon.words(
        normalize("生物医药产业营收 研发 人才 补贴 revenue talent"), english=True
    )
    assert words
    for record in index.records:
        held = {
            int(p.features[k >> 32]) for k in p.keys.tolist() if k & 0xFFFFFFFF == record.number
        }
        expected = [w.text for w in words if not any(set(f) <= held for f in w.needs)]
        assert index.uncovered(record.number, words) == expected


def test_the_lexicon_taken_in_parts_is_the_lexicon_of_the_whole_base(index: ZoneIndex) -> None:
    kb, keys = index.kb, index.finder.tables.zh_keys_of
    zones = list(kb.zones.values())
    whole = lexicon_words(kb, keys)
    assert whole == (index.lexicon.zh_words, whole[1])
    for cut in range(len(zones) + 1):
        parts = [lexicon_part(zones[:cut]), lexicon_part(zones[cut:])]
        assert lexicon_words(kb, keys, parts) == whole
