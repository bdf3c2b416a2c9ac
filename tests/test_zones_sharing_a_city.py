"""Many zones, several a city: each named zone keeps its own answers, a bare city asks which."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.kbfolders import write_kb

from bot.answer.build import answer_question
from bot.kb.loader import load_knowledge_base
from bot.search.index import ZoneIndex, build_index
from bot.search.matcher import match_question
from bot.search.textnorm import normalize
from bot.search.zonefind import ZoneFinder, _pinyin_of, known_places

# (id, Chinese name, English name, city, province, {entry id: (title, a phrasing, answer)})
ZONES = [
    ("qd-hitech", "青岛高新区", "Qingdao High-tech Zone", "青岛", "山东", {
        "rd": ("研发补贴", "青岛高新区研发补贴是多少", "青岛高新区研发补贴最高100万元。"),
        "rent": ("厂房租金", "青岛高新区厂房租金多少", "青岛高新区厂房租金每月20元每平方米。"),
    }),
    ("qd-etdz", "青岛经济技术开发区", "Qingdao Economic and Technological Development Zone",
     "青岛", "山东", {
        "rd": ("研发补贴", "青岛经济技术开发区研发补贴是多少", "青岛经开区研发补贴最高300万元。"),
        "flats": ("人才公寓", "青岛经济技术开发区人才公寓", "青岛经开区人才公寓免租三年。"),
    }),
    ("yt-hitech", "烟台高新区", "Yantai High-tech Zone", "烟台", "山东", {
        "rd": ("研发补贴", "烟台高新区研发补贴是多少", "烟台高新区研发补贴最高50万元。"),
    }),
    ("cz-hitech", "长治高新区", "Changzhi High-tech Zone", "长治", "山西", {
        "rd": ("研发补贴", "长治高新区研发补贴是多少", "长治高新区研发补贴最高30万元。"),
    }),
    ("cs-etdz", "长沙经济技术开发区", "Changsha Economic and Technological Development Zone",
     "长沙", "湖南", {
        "rd": ("研发补贴", "长沙经济技术开发区研发补贴是多少", "长沙经开区研发补贴最高80万元。"),
    }),
    ("zjk-export", "张家口出口加工区", "Zhangjiakou Export Processing Zone", "张家口", "河北", {
        "rd": ("研发补贴", "张家口出口加工区研发补贴是多少", "张家口出口加工区研发补贴10万元。"),
    }),
    ("yk-export", "营口出口加工区", "Yingkou Export Processing Zone", "营口", "辽宁", {
        "rd": ("研发补贴", "营口出口加工区研发补贴是多少", "营口出口加工区研发补贴20万元。"),
    }),
]  # fmt: skip


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> ZoneIndex:
    return build_index(load_knowledge_base(write_kb(tmp_path_factory.mktemp("kb"), ZONES)))


@pytest.mark.parametrize(
    ("question", "zone_id", "entry_id"),
    [
        ("青岛高新区研发补贴是多少", "qd-hitech", "rd"),
        ("青岛经济技术开发区的研发补贴是多少", "qd-etdz", "rd"),
        ("请问青岛经开区研发补贴有多少呀", "qd-etdz", "rd"),
        ("青岛高新区的厂房租金", "qd-hitech", "rent"),
        ("青岛經濟技術開發區人才公寓", "qd-etdz", "flats"),
    ],
)
def test_a_zone_sharing_a_city_never_gets_the_others_answer(
    index: ZoneIndex, question: str, zone_id: str, entry_id: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.zone_id, reply.entry_id) == ("answer", zone_id, entry_id)


def test_a_topic_one_zone_of_a_city_lacks_is_not_answered_from_the_other(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "青岛高新区人才公寓")
    assert reply.status == "no_match"
    assert reply.zone_id == "qd-hitech"


@pytest.mark.parametrize(
    "question", ["青岛的园区", "青岛", "青岛怎么样", "What does Qingdao offer?", "qingdao"]
)
def test_a_city_with_several_zones_asks_which_with_a_button_a_zone(
    index: ZoneIndex, question: str
) -> None:
    reply = answer_question(index, question)
    assert reply.status == "clarify"
    assert {(s.zone_id, s.entry_id) for s in reply.suggestions} == {
        ("qd-hitech", None),
        ("qd-etdz", None),
    }
    assert "青岛" in reply.intro or "Qingdao" in reply.intro


def test_a_topic_asked_of_a_city_with_several_zones_offers_each_zones_entry(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "青岛的研发补贴是多少")
    assert reply.status == "clarify"
    assert {(s.zone_id, s.entry_id) for s in reply.suggestions} == {
        ("qd-hitech", "rd"),
        ("qd-etdz", "rd"),
    }


def test_a_city_with_several_zones_uses_the_zone_asked_about_before(index: ZoneIndex) -> None:
    reply = answer_question(index, "青岛的研发补贴是多少", context_zone="qd-etdz")
    assert (reply.status, reply.zone_id, reply.entry_id) == ("answer", "qd-etdz", "rd")


def test_which_zones_of_a_city_lists_only_that_citys_zones(index: ZoneIndex) -> None:
    reply = answer_question(index, "青岛有哪些园区")
    assert reply.status == "answer"
    assert {s.zone_id for s in reply.suggestions} <= {"qd-hitech", "qd-etdz"}
    assert "青岛高新区" in reply.intro
    assert "烟台高新区" not in reply.intro


@pytest.mark.parametrize(
    ("question", "known"),
    [
        ("青岛综合保税区的研发补贴是多少", {"qd-hitech", "qd-etdz"}),
        ("青岛综保区研发补贴", {"qd-hitech", "qd-etdz"}),
        ("青岛的综合保税区有什么研发补贴", {"qd-hitech", "qd-etdz"}),
        ("长治综合保税区研发补贴是多少", {"cz-hitech"}),
        ("青岛新区研发补贴是多少", {"qd-hitech", "qd-etdz"}),
    ],
)
def test_a_kind_of_zone_a_known_city_lacks_is_out_of_scope_and_names_the_zones_there(
    index: ZoneIndex, question: str, known: set[str]
) -> None:
    reply = answer_question(index, question)
    assert reply.status == "no_match"
    assert {s.zone_id for s in reply.suggestions} == known
    for zone_id in known:
        assert (index.kb.zones[zone_id].name.zh or "") in reply.intro


@pytest.mark.parametrize(
    ("question", "zone_id"),
    [
        ("青岛高薪区研发补贴是多少", "qd-hitech"),  # a homophone
        ("青岛经济技术开区研发补贴", "qd-etdz"),  # a missing character
        ("青岛经济济技术开发区研发补贴", "qd-etdz"),  # an extra one
        ("青岛经济术技开发区研发补贴", "qd-etdz"),  # two swapped
        ("烟台高新新区研发补贴是多少", "yt-hitech"),
        ("张家口出口加区研发补贴", "zjk-export"),
    ],
)
def test_a_slip_in_a_zone_name_still_finds_it_when_only_one_zone_fits(
    index: ZoneIndex, question: str, zone_id: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.zone_id, reply.entry_id) == ("answer", zone_id, "rd")


def test_a_slip_two_zone_names_fit_alike_asks_which(index: ZoneIndex) -> None:
    reply = answer_question(index, "张口出口加工区研发补贴是多少")
    assert reply.status == "clarify"
    assert {s.zone_id for s in reply.suggestions} == {"zjk-export", "yk-export"}


def test_another_city_one_character_from_a_zone_name_is_not_a_slip(index: ZoneIndex) -> None:
    reply = answer_question(index, "长沙高新区研发补贴是多少")  # 长治高新区 is one edit away
    assert reply.zone_id != "cz-hitech"
    assert reply.status != "answer"


def many_zones(count: int) -> list[tuple]:  # type: ignore[type-arg]
    """Zones named from the gazetteer's cities and five real kinds, one entry each."""
    cities = [p for p in known_places() if len(p) == 2]
    kinds = ["高新区", "经济技术开发区", "综合保税区", "产业园", "新区"]
    pairs = [(city, kind) for city in cities for kind in kinds][:count]
    entry = {"rd": ("研发补贴", "研发补贴", "一百万元。")}
    return [(f"z{n}", c + k, f"Zone {n}", c, "某", entry) for n, (c, k) in enumerate(pairs)]


def test_the_slip_search_weighs_a_few_names_however_many_zones_there_are(
    tmp_path: Path,
) -> None:
    zones = many_zones(600)
    small = ZoneFinder(load_knowledge_base(write_kb(tmp_path / "small", zones[:50])))
    large = ZoneFinder(load_knowledge_base(write_kb(tmp_path / "large", zones)))
    city = zones[15][3]
    question = normalize(f"{city}高薪区的研发补贴是多少")
    compact = question.replace(" ", "")
    weighed = large._typos.candidates(compact, _pinyin_of(compact))
    assert len(weighed) <= len(small._typos.candidates(compact, _pinyin_of(compact))) + 10
    assert large.find(question).zone_ids == ("z15",)


def test_a_national_base_names_a_few_zones_and_how_many_more(tmp_path: Path) -> None:
    index = build_index(load_knowledge_base(write_kb(tmp_path / "kb", many_zones(100))))
    reply = answer_question(index, "你好")
    assert "等88个园区" in reply.intro
    unknown = answer_question(index, "福州高新区的研发补贴")
    assert unknown.status == "no_match"
    assert 0 < len(unknown.suggestions) <= 12
    listing = answer_question(index, "你们有哪些园区")
    assert "等88个园区" in listing.intro
    assert len(listing.suggestions) == 12
    across = answer_question(index, "哪些园区有研发补贴")
    assert across.status == "answer"
    assert len(across.blocks) == 12


def test_a_topic_only_one_zone_of_a_city_holds_is_answered_from_that_zone(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "青岛的人才公寓怎么样")  # only the 经开区 has flats
    assert (reply.status, reply.zone_id, reply.entry_id) == ("answer", "qd-etdz", "flats")


def test_a_zone_named_in_pinyin_by_a_short_form_of_its_kind_is_found(index: ZoneIndex) -> None:
    reply = answer_question(index, "qingdao jingkaiqu yanfa butie")  # 青岛经开区研发补贴
    assert (reply.status, reply.zone_id, reply.entry_id) == ("answer", "qd-etdz", "rd")


def test_a_city_several_zones_share_is_no_unknown_place_spelt_alike(tmp_path: Path) -> None:
    zones = [
        ("fz-hitech", "福州高新区", "Fuzhou High-tech Zone", "福州", "福建", {
            "rd": ("研发补贴", "福州高新区研发补贴", "福州高新区研发补贴100万元。"),
        }),
        ("fz-etdz", "福州经济技术开发区", "Fuzhou ETDZ", "福州", "福建", {
            "rd": ("研发补贴", "福州经开区研发补贴", "福州经开区研发补贴200万元。"),
        }),
    ]  # fmt: skip
    finder = ZoneFinder(load_knowledge_base(write_kb(tmp_path / "kb", zones)))
    mention = finder.find(normalize("fuzhou yanfa butie"))  # 抚州 is spelt alike
    assert mention.unknown_place is None
    assert set(mention.shared) == {"fz-hitech", "fz-etdz"}


@pytest.mark.parametrize(
    "question",
    ["What about the Qingdao Economic zone?", "the Changsha Economic zone, please"],
)
def test_an_english_kind_that_cuts_a_zones_own_name_short_names_that_zone(
    index: ZoneIndex, question: str
) -> None:
    result = match_question(index, question)
    assert result.kind != "unknown_place"
    assert match_question(index, "What about the Qingdao Free Trade Zone?").kind == (
        "unknown_place"
    )


def test_the_zones_named_for_a_missing_english_kind_keep_their_order_whatever_the_hash_seed(
    tmp_path: Path,
) -> None:
    root = write_kb(tmp_path / "kb", ZONES)
    script = (
        "import sys; from pathlib import Path; "
        "from bot.kb.loader import load_knowledge_base; from bot.search.index import build_index; "
        "from bot.answer.build import answer_question; "
        "index = build_index(load_knowledge_base(Path(sys.argv[1]))); "
        "reply = answer_question(index, 'Is there an R&D grant in the Qingdao Free Trade Zone?'); "
        "print(reply.status, [s.zone_id for s in reply.suggestions], reply.intro)"
    )
    replies = {
        subprocess.run(
            [sys.executable, "-c", script, str(root)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(replies) == 1
    status, reply = replies.pop().split(" ", 1)
    assert status == "no_match"
    assert "qd-hitech" in reply
    assert "qd-etdz" in reply


@pytest.mark.parametrize(
    ("question", "zone_id"),
    [
        ("What is the R&D subsidy of Qingado High-tech Zone?", "qd-hitech"),
        ("Qindgao Economic and Technological Development Zone talent flats", "qd-etdz"),
    ],
)
def test_a_slip_in_a_city_several_zones_share_still_finds_the_zone_named(
    index: ZoneIndex, question: str, zone_id: str
) -> None:
    assert match_question(index, question).zone_id == zone_id


@pytest.mark.parametrize(
    ("question", "zone_id"),
    [
        ("Qingdao Economic zone 研发补贴是多少", "qd-etdz"),
        ("Qingdao ETDZ 人才公寓", "qd-etdz"),
        ("Qingdao High-tech 研发补贴是多少", "qd-hitech"),
    ],
)
def test_a_shared_city_with_its_kind_cut_short_or_abbreviated_names_that_zone(
    index: ZoneIndex, question: str, zone_id: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.zone_id) == ("answer", zone_id)


NEAR_CITIES = [
    (zone_id, zh, en, city, "江苏" if city == "常州" else "河北", {
        "rd": ("研发补贴", f"{zh}研发补贴是多少", f"{zh}研发补贴最高{amount}万元。"),
    })
    for zone_id, zh, en, city, amount in [
        ("cz-hitech", "常州高新区", "Changzhou High-tech Zone", "常州", 10),
        ("cz-park", "常州产业园", "Changzhou Industrial Park", "常州", 20),
        ("cg-hitech", "沧州高新区", "Cangzhou High-tech Zone", "沧州", 30),
        ("cg-park", "沧州产业园", "Cangzhou Industrial Park", "沧州", 40),
    ]
]  # fmt: skip


def test_a_slip_nearer_one_shared_city_than_another_is_read_as_the_nearer(
    tmp_path: Path,
) -> None:
    """Changzhuo is one swap from Changzhou and two edits from Cangzhou: it is Changzhou."""
    index = build_index(load_knowledge_base(write_kb(tmp_path / "kb", NEAR_CITIES)))
    reply = answer_question(index, "Changzhuo Industrial Park 研发补贴是多少")
    assert (reply.status, reply.zone_id) == ("answer", "cz-park")


def test_two_characters_sounding_near_another_zones_city_are_a_word_beside_a_zone_named(
    tmp_path: Path,
) -> None:
    """有搞头 beside 衡阳经开区 is "worth it", not 包头 misspelt; alone, a near slip counts."""
    zones = [
        ("hy-etdz", "衡阳经开区", "Hengyang ETDZ", "衡阳", "湖南", {
            "rd": ("研发补贴", "衡阳经开区研发补贴", "衡阳经开区研发补贴100万元。"),
        }),
        ("bt-hitech", "包头高新区", "Baotou High-tech Zone", "包头", "内蒙古", {
            "rd": ("研发补贴", "包头高新区研发补贴", "包头高新区研发补贴200万元。"),
        }),
    ]  # fmt: skip
    finder = ZoneFinder(load_knowledge_base(write_kb(tmp_path / "kb", zones)))
    assert finder.find(normalize("衡阳经开区的地价多少 我们食品厂有搞头吗")).zone_ids == (
        "hy-etdz",
    )
    assert finder.find(normalize("宝头的研发补贴多少")).zone_ids == ("bt-hitech",)
    compared = finder.find(normalize("衡阳经开区和冒头比怎么样")).zone_ids  # joined: a zone
    assert compared == ("hy-etdz", "bt-hitech")


SPELT_TWO_WAYS = [
    (zone_id, zh, en, "银川", "宁夏", {
        "rd": ("研发补贴", f"{zh}研发补贴是多少", f"{zh}研发补贴最高{amount}万元。"),
    })
    for zone_id, zh, en, amount in [
        ("yc-hitech", "银川高新区", "Yinchuan High-tech Zone", 10),
        ("yc-park", "银川产业园", "Yinchuan Industrial Park", 20),
    ]
]  # fmt: skip


def test_a_slip_one_letter_from_a_city_and_its_russian_spelling_is_that_city(
    tmp_path: Path,
) -> None:
    """Ynchuan is one letter from yinchuan and from inchuan (its Russian spelling, read only
    as written): one city, not two as near."""
    index = build_index(load_knowledge_base(write_kb(tmp_path / "kb", SPELT_TWO_WAYS)))
    reply = answer_question(index, "Ynchuan High-tech Zone 研发补贴是多少")
    assert (reply.status, reply.zone_id) == ("answer", "yc-hitech")


XIAOGAN = [
    ("xg-hitech", "孝感高新区", "Xiaogan High-tech Zone", "孝感", "湖北", {
        "rd": ("研发补贴", "孝感高新区研发补贴是多少", "孝感高新区研发补贴最高60万元。"),
    }),
    ("xg-etdz", "孝感经济技术开发区", "Xiaogan Economic and Technological Development Zone",
     "孝感", "湖北", {
        "rd": ("研发补贴", "孝感经济技术开发区研发补贴是多少", "孝感经开区研发补贴最高40万元。"),
    }),
]  # fmt: skip


def test_a_slip_of_a_shared_city_that_another_romanisation_also_spells_names_its_zone(
    tmp_path: Path,
) -> None:
    """xiaogan is the pinyin of 孝感 and the Portuguese spelling of its romanised shiaogan: a
    slip of it (Xiaaogan) is still read as the city, the zone's kind telling which zone."""
    index = build_index(load_knowledge_base(write_kb(tmp_path, XIAOGAN)))
    found = match_question(index, "What R&D subsidy does Xiaaogan High-tech Zone give?")
    assert found.zone_id == "xg-hitech"
