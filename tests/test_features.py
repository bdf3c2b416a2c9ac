import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.search.features import (
    BIGRAM,
    SYNONYM,
    UNSEEN_WORD_BASE,
    WORD,
    FeatureSpace,
    kind_of,
    stem,
    strip_stop_phrases,
)
from bot.search.textnorm import normalize

VALUE_MASK = (1 << 40) - 1


def features_of_kind(encoded_features: np.ndarray, kind: int) -> set[int]:
    return set(encoded_features[kind_of(encoded_features) == kind].tolist())


def test_english_words_fold_plural_possessive_and_british_spelling() -> None:
    assert stem("companies") == "company"
    assert stem("parks") == "park"
    assert stem("zone's") == "zone"
    assert stem("centres") == "center"
    assert stem("licence") == "license"
    assert stem("glass") == "glass"


def test_a_chinese_and_an_english_member_of_a_synonym_group_share_one_feature() -> None:
    space = FeatureSpace([["补贴", "subsidy", "grant"], ["研发", "R&D"]])
    encoded = space.encode([normalize("搬迁补贴"), normalize("relocation grant")], learn=True)
    chinese = features_of_kind(encoded.feature[encoded.doc == 0], SYNONYM)
    english = features_of_kind(encoded.feature[encoded.doc == 1], SYNONYM)
    assert chinese == english
    assert len(chinese) == 1


def test_question_words_and_particles_form_no_bigrams() -> None:
    question = normalize("请问搬迁补贴多少吗")
    assert strip_stop_phrases(question).split() == ["搬迁补贴"]
    encoded = FeatureSpace([]).encode([question], learn=True)
    bigrams = {
        chr((f >> 20) & 0xFFFFF) + chr(f & 0xFFFFF)
        for f in features_of_kind(encoded.feature, BIGRAM)
    }
    assert bigrams == {"搬迁", "迁补", "补贴"}


def test_stop_words_and_single_letters_are_not_features() -> None:
    encoded = FeatureSpace([]).encode([normalize("What is the a relocation plan?")], learn=True)
    assert len(features_of_kind(encoded.feature, WORD)) == 2


def test_a_word_the_knowledge_base_never_wrote_is_told_apart_from_known_ones() -> None:
    space = FeatureSpace([])
    space.encode([normalize("relocation subsidy")], learn=True)
    vocabulary = dict(space.words)
    question = space.encode([normalize("relocation glass")])
    numbers = sorted(f & VALUE_MASK for f in features_of_kind(question.feature, WORD))
    assert numbers[0] == vocabulary["relocation"]
    assert numbers[1] >= UNSEEN_WORD_BASE
    assert space.words == vocabulary


def test_an_answer_weighs_less_than_the_questions_of_its_entry() -> None:
    space = FeatureSpace([])
    encoded = space.encode(["relocation", "subsidy"], weights=(1.0, 0.5), learn=True)
    assert set(encoded.doc.tolist()) == {0}
    weights = {
        int(f & VALUE_MASK): float(w) for f, w in zip(encoded.feature, encoded.weight, strict=True)
    }
    assert weights[space.words["relocation"]] > weights[space.words["subsidy"]]


_SPACE = FeatureSpace(
    [["补贴", "subsidy", "grant"], ["研发", "R&D"], ["营收", "营业收入", "revenue"]]
)
_SPACE.encode([normalize("泸州高新区研发补贴 subsidy for r&d companies 2022")], learn=True)
_PIECES = st.sampled_from(
    ["泸州高新区", "研发", "补贴", "营业收入", "多少", "的", "subsidy", "grant", "companies",
     "luzhou gaoxinqu", "yanfa", "2022", "1.5", " ", "r&d", "𠀀", "ㄅ", "a"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=12),
    pinyin_words=st.booleans(),
)
def test_one_question_is_encoded_alike_in_plain_python_and_in_numpy(
    pieces: list[str], pinyin_words: bool
) -> None:
    text = normalize("".join(pieces))
    bulk = _SPACE.encode([text], pinyin_words=pinyin_words)
    one = _SPACE.encode_one(text, pinyin_words=pinyin_words)
    for got, expected in zip(vars(one).values(), vars(bulk).values(), strict=True):
        assert got.dtype == expected.dtype
        assert got.tolist() == expected.tolist()
