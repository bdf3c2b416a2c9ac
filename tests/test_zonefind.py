import json
import re
from pathlib import Path

import pytest
from helpers.script_modules import load_script
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.kb.loader import load_knowledge_base
from bot.search.textnorm import normalize
from bot.search.zonefind import (
    FinderTables,
    ZoneFinder,
    name_with_tail,
    names_with_tails,
    strip_names_with_tails,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def finder() -> ZoneFinder:
    return ZoneFinder(load_knowledge_base(ROOT / "knowledge"))


@pytest.mark.parametrize(
    ("question", "zone_id"),
    [
        ("太原中北高新区的搬迁补贴", "taiyuan-zhongbei"),
        ("中北高新区黄金十条", "taiyuan-zhongbei"),
        ("What does Taiyuan Zhongbei offer?", "taiyuan-zhongbei"),
        ("沪州高薪区营收", "luzhou-hitech"),
        ("瀘州高新區", "luzhou-hitech"),
        ("luzhou gaoxinqu", "luzhou-hitech"),
        ("Quingdao biomedicine", "qingdao-hitech"),
        ("青海零碳园面积", "qinghai-zero-carbon"),
        ("qinghai lingtan chanyeyuan mianji", "qinghai-zero-carbon"),
        ("安阳光电产业园", "anyang-optoelectronics"),
        ("古驿变电站什么时候开工", "qinghai-zero-carbon"),
        ("立菲医疗器械创新园", "qingdao-hitech"),
        ("阿斯利康投资多少", "qingdao-hitech"),
    ],
)
def test_a_zone_is_found_however_it_is_written(
    finder: ZoneFinder, question: str, zone_id: str
) -> None:
    mention = finder.find(normalize(question))
    assert mention.zone_ids[:1] == (zone_id,)
    assert mention.unknown_place is None


@pytest.mark.parametrize(
    "question",
    [
        "深圳前海的政策",
        "广州南沙的优惠政策有哪些？",
        "Suzhou Industrial Park",
        "苏州工业园区",
        "What incentives does Hangzhou Future Sci-Tech City offer?",
        "福州高新区的补贴",
    ],
)
def test_an_unknown_place_is_recognised_and_names_no_zone(
    finder: ZoneFinder, question: str
) -> None:
    mention = finder.find(normalize(question))
    assert mention.unknown_place
    assert mention.zone_ids == ()


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("Harbin new district subsidy", "Harbin"),
        ("Chongqing land price", "Chongqing"),
        ("What does Xiamen offer for R&D?", "Xiamen"),
        ("Chengdu high-tech zone revenue", "Chengdu"),
        ("Hong Kong science park", "Hong Kong"),
        ("Shaanxi relocation subsidy", "Shaanxi"),
    ],
)
def test_places_whose_names_are_not_one_reading_pinyin_are_recognised(
    finder: ZoneFinder, question: str, place: str
) -> None:
    mention = finder.find(normalize(question))
    assert mention.unknown_place == place
    assert mention.zone_ids == ()


@pytest.mark.parametrize(
    ("question", "zone_id"),
    [
        ("Taiyuan Shi relocation subsidy", "taiyuan-zhongbei"),
        ("Qinghai Sheng data centre", "qinghai-zero-carbon"),
        ("太原市搬迁补贴", "taiyuan-zhongbei"),
    ],
)
def test_a_zone_s_own_city_written_with_its_suffix_is_not_an_unknown_place(
    finder: ZoneFinder, question: str, zone_id: str
) -> None:
    mention = finder.find(normalize(question))
    assert mention.unknown_place is None
    assert mention.zone_ids == (zone_id,)


def test_the_shipped_place_spellings_are_what_the_script_writes() -> None:
    module = load_script("make_place_spellings")
    assert module.SPELLINGS.read_text(encoding="utf-8") == module.place_spellings_text()


def test_an_unknown_zone_in_a_known_city_is_recognised(finder: ZoneFinder) -> None:
    mention = finder.find(normalize("青岛西海岸新区的土地价格"))
    assert mention.unknown_place == "青岛西海岸新区"


_ONE_NAME_PIECES = st.sampled_from(
    ["安阳光电", "青岛高新区", "泸州", "园", "产业园", "高新", "园区", "的", "a.b", " "]
)


@settings(max_examples=300, deadline=None)
@given(
    name=st.lists(_ONE_NAME_PIECES, min_size=1, max_size=3).map("".join).filter(str.strip),
    pieces=st.lists(st.one_of(_ONE_NAME_PIECES, st.text(max_size=3)), max_size=10),
)
def test_a_name_is_stripped_with_its_tail_as_its_regex_strips_it(
    name: str, pieces: list[str]
) -> None:
    text = "".join(pieces) + name + "".join(reversed(pieces))
    assert strip_names_with_tails(text, [name]) == re.sub(name_with_tail(name), " ", text)


_NAME_PIECES = [
    "青岛",
    "高新",
    "区",
    "青岛高新区",
    "产业园",
    "园",
    "光电",
    "安阳光电",
    "中北",
    "高新技术产业开发区",
]
_TEXT_PIECES = [*_NAME_PIECES, " ", "\v", "的", "补贴", "qingdao", "a"]


@given(
    names=st.lists(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=3).map("".join)),
    text=st.lists(st.sampled_from(_TEXT_PIECES), max_size=20).map("".join),
)
def test_names_are_stripped_as_the_regex_of_the_names_strips_them(
    names: list[str], text: str
) -> None:
    assert strip_names_with_tails(text, names) == names_with_tails(names).sub(" ", text)


def test_a_zone_finder_from_its_tables_read_back_from_json_is_the_same_finder() -> None:
    kb = load_knowledge_base(ROOT / "knowledge")
    fresh = ZoneFinder(kb)
    data = json.loads(json.dumps(fresh.tables.to_json(), ensure_ascii=False))
    again = ZoneFinder(kb, FinderTables.from_json(data))
    assert again.tables == fresh.tables
    plain = {"_typos", "_places_re"}
    assert {k: v for k, v in vars(again).items() if k not in plain} == {
        k: v for k, v in vars(fresh).items() if k not in plain
    }
    assert again._places_re.pattern == fresh._places_re.pattern
    assert vars(again._typos).keys() == vars(fresh._typos).keys()
    for postings in ("_texts", "_sounds", "_sound_pairs"):
        assert getattr(again._typos, postings) == getattr(fresh._typos, postings)


def test_words_asking_before_a_bare_kind_name_no_zone_we_lack(finder: ZoneFinder) -> None:
    assert finder.find(normalize("请介绍一下高新区出台的人才和招商政策")).unknown_place is None
    assert finder.find(normalize("我想了解一下西海岸新区的政策")).unknown_place == "西海岸新区"


@pytest.mark.parametrize(
    ("question", "zone_id"),
    [
        ("QD HTZ biopharma + med device rev 2022, growth", "qingdao-hitech"),
        ("lz gxq 双培双推 shi sha", "luzhou-hitech"),
        ("zbgxq huangjin shitiao", "taiyuan-zhongbei"),
    ],
)
def test_a_zones_pinyin_initials_before_its_kind_name_it(
    finder: ZoneFinder, question: str, zone_id: str
) -> None:
    assert finder.find(normalize(question)).zone_ids == (zone_id,)
