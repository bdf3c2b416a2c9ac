"""Questions the way people type them, made from a knowledge base's facts, each knowing its answer.

The generator never copies an entry's `questions:`: it builds questions from the entry's title,
tags and entities, the zone's names and location, and a vocabulary of its own (greetings,
particles, colloquial question words, paraphrases, other places). That vocabulary is kept apart
from the matcher's word lists, and every list of it is split in two halves: thresholds are
fitted on questions made with the "fit" half and reported on the "held_out" half.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Entry, Lang, Zone
from bot.search.figures import gives_figure
from bot.search.textnorm import char_pinyin, char_pinyin_table, to_traditional
from bot.search.zonefind import ZONE_SUFFIX_RE, chinese_zone_keys, location_parts

Half = Literal["fit", "held_out"]

_FIRST_ANSWERABLE = (
    "greeting", "particle", "colloquial", "paraphrase", "typo_zone", "typo_topic",
    "typo_entity", "keyword", "two_part", "traditional", "pinyin", "english", "detail",
    "detail_apart", "cantonese", "entity_detail",
)  # fmt: skip
# two things asked of one zone, held by two entries; a long question opening on a scene; an
# English question with one word of its topic misspelt
# ... a question ending on an aside asking nothing the base holds: whether the asker's own
# line fits, what the asker does, a guess at the place asked
_LATER_ANSWERABLE = ("two_entries", "scene", "typo_english", "aside")
ANSWERABLE_CLASSES = _FIRST_ANSWERABLE + _LATER_ANSWERABLE
_FIRST_NEGATIVE = ("oos_topic", "oos_zone", "oos_place", "oos_detail")
# a figure the zone, or its firm or project, does not give: the whole zone's total, a
# project's investment
# ... and a quantity in a unit of measure the entry gives none of (tons, kWh, MW, head)
_LATER_NEGATIVE = ("oos_figure", "oos_asker", "oos_aside", "oos_unit")
NEGATIVE_CLASSES = _FIRST_NEGATIVE + _LATER_NEGATIVE
# generated in this order: classes added later come last, so earlier ones stay the same
CLASSES = _FIRST_ANSWERABLE + _FIRST_NEGATIVE + _LATER_ANSWERABLE + _LATER_NEGATIVE


@dataclass(frozen=True)
class CorpusQuestion:
    """One generated question: its class and what a right reply is (an entry, or a refusal)."""

    text: str
    cls: str
    answerable: bool
    zone_id: str | None
    entry_id: str | None
    lang: Lang = "zh"
    also: str | None = None  # a second entry the question asks about (two_entries)


# The generator's own vocabulary. Each list is split into halves by `_half`.
_GREETINGS_BEFORE = """你好， 您好， 请问 麻烦问一下 我想了解一下 你好，请问 您好，请问
    打扰一下， 想咨询一下 老师好， 您好，想问问 hello， 嗨， 你好呀，
    请教一下 问一下 劳驾问下 在吗，想问下""".split()
_GREETINGS_AFTER = "谢谢 谢谢！ 多谢 麻烦了 辛苦了 感谢 谢啦 先谢过 麻烦告知 在线等".split()
_EN_GREETINGS = ["hi,", "hello,", "hey there,", "quick question:", "good morning,",
                 "excuse me,", "hi there!", "dear team,"]  # fmt: skip
_EN_AFTER = ["thanks", "thank you", "please", "cheers", "thanks a lot", "many thanks"]
_PARTICLES = "呀 啊 呢 吗 啦 哈 嘛 哦 呐 咧".split()
_PREAMBLES = """我们公司正在考察选址， 我们在做投资调研， 我们企业打算过来投资，
    正在比较几个地方， 我是做招商对接的， 我们准备在那边落地，""".split()
_SECOND_PARTS = (
    "另外相关情况也说一下 顺便讲讲具体情况 具体数字是多少 有没有最新的数据 详细说说".split()
)
_EN_SECOND = ["and what are the details?", "and how does it compare?", "any details?",
              "and what is the latest figure?"]  # fmt: skip

# Ways to join two questions about one zone, and to set a scene before asking.
_JOINERS = "， ？ ；另外 ，还有 ，顺便问下 。再问一下 ，以及".split()
_EN_JOINERS = ["? And", "? Also,", ", and", ". Also,", "? Plus", "; and"]
_SCENES = """最近看到{z}在开工建设 听说{z}发展得很快 在新闻上看到{z}的报道 了解到{z}正在招商
    前几天看到{z}在搞建设 听说{z}项目进展不错 最近注意到{z}动静挺大 看到{z}在宣传""".split()
_EN_SCENES = ["I read that {z} is growing fast", "we saw news about {z}",
              "I heard {z} is attracting investors", "we noticed {z} in the news",
              "I saw that {z} is building a lot", "we read a report on {z}"]  # fmt: skip
# Asides after a question, each with a trade or a place ({}): the asker's line, or a guess.
_ASIDES_ZH = """我们做{}的能进吗 跟我们{}沾不沾边 做{}的有机会吗 {}用得着吗 我们搞{}的对口吗
    做{}的合适吗 我们{}厂有搞头吗 {}能不能进 我们是做{}的 我家是搞{}的 做{}的适合吗
    我们{}用得上吗 说不定我们能供{} 俺们是做{}的""".split()
_EN_ASIDES = ["any room for {}?", "is there a place for {}?", "would it suit {}?",
              "we are {}", "relevant to us? we are {}", "good fit for {}?",
              "i run {}", "could {} fit in there?", "maybe we can work with them, we are {}",
              "perhaps we could supply them, i run {}"]  # fmt: skip
_GUESSES_ZH = "{}吗 {}？ 是{}吗 {}吧 在{}吗 {}伐".split()
_EN_GUESSES = ["{} or somewhere else?", "is it {}?", "{} or somewhere else", "is it in {}?",
               "{}?", "{} or other?"]  # fmt: skip
_TRADES = "光伏组件 医疗器械 新材料 食品加工 汽车零部件 软件开发 精密模具 电子元件".split()
_EN_TRADES = ["a solar panel maker", "a medical device firm", "a food company",
              "an auto parts supplier", "a software house", "a chemicals trader"]  # fmt: skip
# Totals of a whole zone, and a project's investment, with the label words that hold them.
_TOTALS = [("一共有多少家企业", "企业数量"), ("总共入驻了多少家企业", "企业数量"),
           ("企业总数是多少", "企业数量"), ("整个园区总投资是多少", "投资"),
           ("园区总投资多少钱", "投资"), ("全园一共投了多少钱", "投资")]  # fmt: skip
_EN_TOTALS = [("how many companies are there in total in {z}", "companies"),
              ("what is the total investment of the whole {z}", "investment"),
              ("how many firms does {z} have altogether", "companies"),
              ("how much has been invested in {z} in total", "investment")]  # fmt: skip
_INVESTMENTS = "总投资是多少 投资额多少 总投资多少钱 投了多少钱 投资规模多大 投资多少亿".split()
# Askers a question may single out, with the words an answer would name them by.
_ASKERS = [("外资企业", "外资 外商 外企"), ("港澳台企业", "港 澳 台"), ("香港投资者", "香港 港资"),
           ("台湾客商", "台湾 台资 台商"), ("初创企业", "初创 创业"), ("创业公司", "初创 创业"),
           ("中小企业", "中小 小微"), ("小微企业", "中小 小微"), ("民营企业", "民营 民企"),
           ("外国投资者", "外国 外资 外商")]  # fmt: skip
_EN_ASKERS = [("foreign investors", "foreign overseas"), ("Hong Kong investors", "hong kong"),
              ("Taiwanese companies", "taiwan"), ("start-ups", "start-up startup"),
              ("small businesses", "small sme"), ("overseas companies", "foreign overseas"),
              ("private firms", "private")]  # fmt: skip
_ASKER_FRAMES = ["对{a}有什么{t}", "{a}能享受{t}吗", "针对{a}的{t}有哪些", "{a}来投资有什么{t}"]
_POLICY_RE = re.compile(r"政策|补贴|奖励|资助|优惠|扶持|incentive|subsid|reward|polic|fund")
# Colloquial ways to ask, by what an answer holds (found in the answer's words).
_ASK_COUNT = "有几家 有多少家 有多少个 有几个 大概有多少 一共多少 有多少啊".split()
_ASK_AREA = "多大 有多大 面积多少 多大面积 占地多少 有多大地方".split()
_ASK_MONEY = "是多少 有多少钱 给多少钱 能拿多少 多少钱 是多少啊".split()
_ASK_WHERE = "在哪 在哪儿 在什么地方 在哪个省 在哪里 位置在哪".split()
_ASK_ANY = "是啥 咋样 啥情况 怎么样 咋回事 是什么情况 有啥 啥样".split()
_EN_ASK = {
    "count": ["how many", "what number of"],
    "area": ["how large is", "how big is", "what size is", "what is the size of"],
    "money": ["how much is", "what amount is", "how much money is"],
    "where": ["where is", "where is located"],
    "any": ["what about", "tell me about", "what is", "info on"],
}
# Asking for a kind of figure (detail class), and that kind written in an answer.
_ASK_KIND = {
    "people": "有多少人 多少人 几个人 有几个人 人数多少 多少名".split(),
    "money": "多少钱 金额多少 多少资金 给了多少钱 发了多少钱 有多少钱".split(),
    "area": "多少亩 占地多大 面积多大 有多少平方米 占地多少亩 多大面积".split(),
    "date": "什么时候 哪一年 啥时候 哪天 何时 几月份".split(),
}
# Asking a detail of a named firm or project (entity_detail class), Chinese and English.
_ASK_ENTITY = {
    "count": """有多少家企业 入驻了几家企业 落户了多少家 多少家企业入驻了 有几家公司
        引进了多少家""".split(),
    **_ASK_KIND,
}
_EN_ASK_ENTITY = {
    "count": ["how many companies are in", "how many firms have moved into",
              "number of companies at", "how many tenants does it have:",
              "how many companies have settled in", "how many businesses are based at",
              "how many enterprises have set up in", "how many firms operate in"],
    "people": ["how many people work at", "headcount at", "how many staff at",
               "how many workers at"],
    "money": ["how much was invested in", "investment in", "how much money went into",
              "total investment of"],
    "area": ["how big is", "site area of", "how much land does it take:", "land area of"],
    "date": ["when did work start on", "what date for", "when was", "start date of"],
}  # fmt: skip
_KIND_WRITTEN = {
    "people": re.compile(r"\d\s*(?:多|余)?\s*万?\s*(?:多|余)?\s*(?:人|名)"),
    "money": re.compile(r"\d\s*(?:多|余)?\s*(?:万|亿|千万|百万)?\s*(?:多|余)?\s*元"),
    "area": re.compile(r"\d\s*(?:多|余)?\s*(?:万)?\s*(?:亩|平方米|平方公里|公顷)"),
    "date": re.compile(r"\d{1,2}月\d{1,2}日"),  # a day: every answer gives its data's month
}
_COUNT_WRITTEN = re.compile(r"\d\s*(?:多|余)?\s*家")
# Written Cantonese (Hong Kong, Guangdong): ways to ask by what an answer holds, openers and
# endings. Traditional or simplified, as people type it.
_CANTONESE_ASK = {
    "count": "有幾多間 有幾多個 一共有幾多 總共有幾多 有幾多 有冇幾多間".split(),
    "area": "有幾大 幾大 面積有幾大 佔地幾多 有幾大塊地 大唔大".split(),
    "money": "係幾多 有幾多錢 可以攞幾多 幾多錢 係幾多錢 畀幾多".split(),
    "where": "喺邊度 喺邊 喺咩地方 喺邊個省 喺邊處 喺邊個城市".split(),
    "any": "係咩 點樣 係點 有啲咩 係乜嘢 點呀 係咩情況 搞成點 有冇 點樣㗎".split(),
}
_CANTONESE_BEFORE = """唔該， 想問下 請問下 我想知 幫手睇下 你好，想問 唔該問下 我哋想知道
    想了解下 麻煩問下 問多句， 我想問吓 hello，想問 hi，唔該""".split()
_CANTONESE_AFTER = "㗎 呀 啦 喎 嘛 㗎？ 呀？ 啊 ，唔該 ，唔該晒 ，thx ，please 先 嘅".split()
_CANTONESE_JOIN = ["嘅", "", " ", "嗰個", "佢哋嘅"]
# What an entry's title asks for, told by its words.
_MEASURES = (
    ("area", re.compile(r"面积|占地|用地")),
    ("money", re.compile(r"奖励|补贴|资助|资金|投资|营收|收入|费用|产值")),
    ("count", re.compile(r"数量|人数|家数|个数")),
)
_REPEAT_RE = re.compile(r"(..+)\1")
# Paraphrases people use for a topic word: Chinese and English.
_PARAPHRASES_ZH = {
    "重点项目": ["在建项目", "重大项目", "大项目", "主要项目"],
    "项目": ["工程"],
    "营业收入": ["营收", "收入", "营业额", "产值"],
    "营收": ["营业收入", "收入", "营业额", "产值"],
    "占地面积": ["面积", "用地面积", "地块面积", "规划面积"],
    "规划面积": ["面积", "总面积", "规划用地", "占地面积"],
    "建筑面积": ["建面", "楼面面积"],
    "补贴": ["补助", "资助", "扶持资金", "补助资金"],
    "奖励": ["奖金", "奖补", "奖励资金", "奖"],
    "政策": ["优惠政策", "扶持政策", "招商政策", "优惠"],
    "企业": ["公司", "厂家", "厂商", "企业数"],
    "人才": ["人才队伍", "专业人才"],
    "产业": ["行业", "产业方向", "主要行业"],
    "培训": ["技能培训", "实训", "培养"],
    "承建单位": ["施工单位", "建设单位", "承建方"],
    "开工": ["动工", "开建", "破土动工"],
    "投资": ["投资额", "投资金额", "总投资"],
    "下一步规划": ["未来规划", "今后打算", "下一步计划"],
    "研发": ["研究开发", "科研"],
    "数量": ["多少", "规模"],
}
_PARAPHRASES_EN = {
    "revenue": ["turnover", "output", "income", "sales revenue"],
    "subsidy": ["grant", "incentive", "support", "allowance"],
    "reward": ["award", "bonus", "incentive", "prize"],
    "area": ["size", "land area", "footprint"],
    "companies": ["firms", "businesses", "enterprises"],
    "policies": ["incentives", "measures", "support policies"],
    "industries": ["sectors", "industrial focus", "main industries"],
    "funding": ["money", "grants", "financial support"],
    "training": ["skills courses", "vocational training"],
    "builder": ["contractor", "construction company"],
    "investment": ["capital", "amount invested"],
    "plans": ["future plans", "roadmap"],
}
# Topics investors ask about that a knowledge base may lack.
_MISSING_TOPICS_ZH = """税率 地价 电价 水价 工业用水价格 天然气价格 员工人数 平均工资 最低工资
    房价 厂房租金 贷款利率 污水处理费 机场距离 高铁 地铁 学校 医院 人口
    GDP 物流成本 上市公司数量 外资企业数量 环评要求 容积率 社保费率""".split()
_MISSING_TOPICS_EN = ["tax rate", "land price", "electricity price", "water price", "minimum wage",
                      "office rent", "distance to the airport", "population", "housing prices",
                      "corporate income tax"]  # fmt: skip
# A quantity asked in a unit of measure, with the unit's marks: an entry writing none of them
# cannot answer it (the matcher's own unit words are in bot/search/figures.py)
_UNITS_ZH = [
    ("每年产量多少吨", "吨|ton"), ("年产能是几万吨", "吨|ton"), ("一年能出多少吨货", "吨|ton"),
    ("一年排放多少吨二氧化碳", "吨|ton"), ("一年用多少度电", "千瓦时|度"),
    ("年发电量有多少千瓦时", "千瓦时|度"), ("装机容量多少兆瓦", "瓦"), ("用电负荷几千瓦", "瓦"),
    ("养了多少头牛", "头"), ("存栏有几头", "头"), ("年处理量多少万吨", "吨"),
    ("最大功率多少千瓦", "瓦"),
]  # fmt: skip
_UNITS_EN = [
    ("How many tons a year does {} produce?", "ton|吨"),
    ("What is the output of {} in tonnes?", "ton|吨"),
    ("How many kWh a year does {} use?", "kwh|kilowatt-hour|千瓦时|度"),
    ("What is the capacity of {} in MW?", "mw|megawatt|兆瓦"),
    ("How many megawatts is {}?", "watt|瓦"),
    ("How many head of cattle does {} keep?", "head|头"),
    ("How many GWh does {} supply a year?", "wh|watt-hour|千瓦时|度"),
    ("How many tonnes of CO2 does {} emit?", "ton|吨"),
]
# The asker's own frame around a detail of an answer: words that set the question up and
# name no topic of their own (主要 / 具体 / 规划 / 专项 / 配套 / 来抓 / 靠什么 / 除了…还…).
_FRAME_BEFORE = """主要 具体 目前 重点 整体上 总体 一般 现在 规划的 计划的 专项的 配套的
    生产用的 下一步 主要是 大体上""".split()
_FRAME_AFTER = """方面 这块 这一块 相关 规划 配套 安排 专项 工作 上面 部分 举措 布局 方案
    打算 计划 建设 设置 思路 动作""".split()
_FRAME_ASK = """靠什么 主要靠什么 怎么来抓 是怎么安排的 主要有哪些 具体是啥 是怎么规划的 有哪些
    是什么样的 怎么搞的 怎么弄 咋安排 有啥说法 是怎么定的 包括什么""".split()
_FRAME_BESIDES = """除了{}，还有什么 除了{}以外，还包括啥 {}之外还有哪些 除了{}还建了什么
    除开{}，还有啥""".split()
_EN_FRAME_BEFORE = ["programme:", "spec:", "set-up:", "production side:", "breakdown:",
                    "line-up:", "arrangements:", "scheme details:", "overall plan:",
                    "details:", "build-out:", "the main"]  # fmt: skip
_EN_FRAME_AFTER = ["programme", "spec", "set-up", "arrangements", "line-up", "scheme", "plans",
                   "breakdown", "status", "specifics", "details", "build-out"]  # fmt: skip
_ZONE_KINDS = """经开区 经济技术开发区 综合保税区 自贸区 保税港区 出口加工区 农业科技园
    物流园 新区 西海岸新区 东部新城 临空经济区 软件园 大学科技园""".split()
_OTHER_PLACES_ZH = """杭州 苏州 成都 武汉 深圳 广州南沙 合肥 西安 长沙 厦门 昆明 南宁 大连
    宁波 无锡 东莞 佛山 贵阳 南昌 福州 兰州 银川 乌鲁木齐 哈尔滨 长春
    呼和浩特 石家庄 济南 郑州 南京""".split()
_OTHER_PLACES_EN = ["Hangzhou", "Suzhou", "Chengdu", "Wuhan", "Shenzhen", "Hefei", "Xi'an",
                    "Munich", "Detroit", "Bangalore", "Osaka", "Xiamen"]  # fmt: skip
_OTHER_KINDS_EN = ["High-tech Zone", "Economic Development Zone", "Free Trade Zone",
                   "Industrial Park", "Science City"]  # fmt: skip
_ZONE_WORDS_EN = frozenset("high tech hi zone park industrial development".split())
_QUOTES_RE = re.compile(r"[“”\"'‘’「」《》（）()]")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _stable(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _half(words: list[str], half: Half) -> list[str]:
    """Every other word, in an order fixed by each word's hash: the fit or the held-out half."""
    ordered = sorted(words, key=_stable)
    picked = ordered[0::2] if half == "fit" else ordered[1::2]
    return picked or ordered


def _half_each(groups: dict[str, list[str]], half: Half) -> dict[str, list[str]]:
    """`_half` of each group of words, by its key."""
    return {key: _half(words, half) for key, words in groups.items()}


def _half_pairs(pairs: list[tuple[str, str]], half: Half) -> list[tuple[str, str]]:
    """`_half` of phrasings that carry a label word."""
    by_text = dict(pairs)
    return [(text, by_text[text]) for text in _half(list(by_text), half)]


@dataclass(frozen=True)
class _Vocab:
    """The generator's vocabulary, one half of every list."""

    before: list[str]
    after: list[str]
    en_before: list[str]
    en_after: list[str]
    particles: list[str]
    preambles: list[str]
    second_parts: list[str]
    en_second: list[str]
    ask: dict[str, list[str]]
    ask_kind: dict[str, list[str]]
    ask_entity: dict[str, list[str]]
    en_ask_entity: dict[str, list[str]]
    en_ask: dict[str, list[str]]
    paraphrase_zh: dict[str, list[str]]
    paraphrase_en: dict[str, list[str]]
    missing_zh: list[str]
    missing_en: list[str]
    zone_kinds: list[str]
    places_zh: list[str]
    places_en: list[str]
    joiners: list[str]
    en_joiners: list[str]
    scenes: list[str]
    en_scenes: list[str]
    trades: list[str]
    en_trades: list[str]
    asides: list[str]
    en_asides: list[str]
    guesses: list[str]
    en_guesses: list[str]
    units: list[tuple[str, str]]
    en_units: list[tuple[str, str]]
    totals: list[tuple[str, str]]
    en_totals: list[tuple[str, str]]
    investments: list[str]
    askers: list[tuple[str, str]]
    en_askers: list[tuple[str, str]]
    asker_frames: list[str]
    cantonese_ask: dict[str, list[str]]
    cantonese_before: list[str]
    cantonese_after: list[str]
    frame_before: list[str]
    frame_after: list[str]
    frame_ask: list[str]
    frame_besides: list[str]
    en_frame_before: list[str]
    en_frame_after: list[str]


@cache
def _vocab(half: Half) -> _Vocab:
    asks = {
        "count": _ASK_COUNT, "area": _ASK_AREA, "money": _ASK_MONEY,
        "where": _ASK_WHERE, "any": _ASK_ANY,
    }  # fmt: skip
    return _Vocab(
        before=_half(_GREETINGS_BEFORE, half),
        after=_half(_GREETINGS_AFTER, half),
        en_before=_half(_EN_GREETINGS, half),
        en_after=_half(_EN_AFTER, half),
        particles=_half(_PARTICLES, half),
        preambles=_half(_PREAMBLES, half),
        second_parts=_half(_SECOND_PARTS, half),
        en_second=_half(_EN_SECOND, half),
        ask=_half_each(asks, half),
        ask_kind=_half_each(_ASK_KIND, half),
        ask_entity=_half_each(_ASK_ENTITY, half),
        en_ask_entity=_half_each(_EN_ASK_ENTITY, half),
        en_ask=_half_each(_EN_ASK, half),
        paraphrase_zh=_half_each(_PARAPHRASES_ZH, half),
        paraphrase_en=_half_each(_PARAPHRASES_EN, half),
        missing_zh=_half(_MISSING_TOPICS_ZH, half),
        missing_en=_half(_MISSING_TOPICS_EN, half),
        zone_kinds=_half(_ZONE_KINDS, half),
        places_zh=_half(_OTHER_PLACES_ZH, half),
        places_en=_half(_OTHER_PLACES_EN, half),
        joiners=_half(_JOINERS, half),
        en_joiners=_half(_EN_JOINERS, half),
        scenes=_half(_SCENES, half),
        en_scenes=_half(_EN_SCENES, half),
        trades=_half(_TRADES, half),
        en_trades=_half(_EN_TRADES, half),
        asides=_half(_ASIDES_ZH, half),
        en_asides=_half(_EN_ASIDES, half),
        guesses=_half(_GUESSES_ZH, half),
        en_guesses=_half(_EN_GUESSES, half),
        units=_half_pairs(_UNITS_ZH, half),
        en_units=_half_pairs(_UNITS_EN, half),
        totals=_half_pairs(_TOTALS, half),
        en_totals=_half_pairs(_EN_TOTALS, half),
        investments=_half(_INVESTMENTS, half),
        askers=_half_pairs(_ASKERS, half),
        en_askers=_half_pairs(_EN_ASKERS, half),
        asker_frames=_half(_ASKER_FRAMES, half),
        cantonese_ask=_half_each(_CANTONESE_ASK, half),
        cantonese_before=_half(_CANTONESE_BEFORE, half),
        cantonese_after=_half(_CANTONESE_AFTER, half),
        frame_before=_half(_FRAME_BEFORE, half),
        frame_after=_half(_FRAME_AFTER, half),
        frame_ask=_half(_FRAME_ASK, half),
        frame_besides=_half(_FRAME_BESIDES, half),
        en_frame_before=_half(_EN_FRAME_BEFORE, half),
        en_frame_after=_half(_EN_FRAME_AFTER, half),
    )


@dataclass(frozen=True)
class _Target:
    """An entry with what the generator reads from it."""

    zone: Zone
    entry: Entry
    topic_zh: str  # the title, quotes removed
    topic_en: str
    tags_zh: tuple[str, ...]  # Chinese tags no other entry of the zone has
    measure: str  # count, area, money, where or any


class _Generator:
    """Questions of every class for one knowledge base and one half of the vocabulary."""

    def __init__(self, kb: KnowledgeBase, half: Half, seed: int) -> None:
        self.v = _vocab(half)
        self.rng = random.Random(f"{seed}:{half}")
        self.targets = [t for zone in kb.zones.values() for t in self._targets(zone)]
        self.by_zone: dict[str, list[_Target]] = {}
        for target in self.targets:
            self.by_zone.setdefault(target.zone.id, []).append(target)
        self.known_places = {
            key for zone in kb.zones.values() for key, _kind in chinese_zone_keys(zone)
        }
        self._homophones = _homophones(kb)
        self.zone_names = frozenset(
            k for z in kb.zones.values() for k, kind in chinese_zone_keys(z) if kind != "city"
        )
        self._details: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        # "the Xuzhou zone" of a city with several zones names none of them: not asked so
        cores = Counter(_core_en(z) for z in kb.zones.values())
        heads = Counter(c.split()[0] for c in cores.elements() if c)
        self.shared_cores = frozenset(
            c for c in cores if c and (cores[c] > 1 or (" " not in c and heads[c] > 1))
        )
        self.entities_zh = frozenset(e for z in kb.zones.values() for e in z.entities.zh)
        self.entity_words = frozenset(
            w for z in kb.zones.values() for e in z.entities.en for w in _en_words(e)
        )

    @staticmethod
    def _targets(zone: Zone) -> Iterator[_Target]:
        tag_count = Counter(t for e in zone.entries for t in set(e.tags))
        for entry in zone.entries:
            if entry.topic == "overview" or not entry.title or not entry.title.zh:
                continue
            unique = tuple(t for t in entry.tags if _CJK_RE.search(t) and tag_count[t] == 1)
            where = any(t in ("location", "位置", "地址") for t in entry.tags)
            measure = (
                "where"
                if where
                else next(
                    (name for name, pattern in _MEASURES if pattern.search(entry.title.zh)), "any"
                )
            )
            yield _Target(
                zone,
                entry,
                _QUOTES_RE.sub("", entry.title.zh),
                _QUOTES_RE.sub("", entry.title.en or "").strip(),
                unique,
                measure,
            )

    def pick(self, words: list[str]) -> str:
        return self.rng.choice(words)

    def zone_name(self, zone: Zone) -> str:
        names = [k for k, kind in chinese_zone_keys(zone) if kind in ("name", "alias")]
        short = [k for k, kind in chinese_zone_keys(zone) if kind == "short" and len(k) >= 4]
        return self.pick(names + short)

    def zone_name_en(self, zone: Zone) -> str:
        name = zone.name.en or ""
        core = _core_en(zone)
        short = f"the {core} zone" if core and core not in self.shared_cores else name
        return self.pick([name, name, short])

    def ask(self, target: _Target) -> str:
        return self.pick(self.v.ask[target.measure] + self.v.ask["any"][:1])

    def plain(self, target: _Target, zone: str | None = None) -> str:
        """A plain question: zone, topic, a question word."""
        name = zone or self.zone_name(target.zone)
        joiner = self.pick(["", "的", " "])
        return f"{name}{joiner}{target.topic_zh}{self.ask(target)}"

    # One method per class: each returns None when the target has nothing to build it from.

    def greeting(self, t: _Target) -> str | None:
        if self.rng.random() < 0.5:
            return f"{self.pick(self.v.before)}{self.plain(t)}"
        return f"{self.plain(t)}，{self.pick(self.v.after)}"

    def particle(self, t: _Target) -> str | None:
        return f"{self.plain(t)}{self.pick(self.v.particles)}"

    def colloquial(self, t: _Target) -> str | None:
        ask = self.pick(self.v.ask[t.measure])
        return f"{self.zone_name(t.zone)}{t.topic_zh}{ask}"

    def paraphrase(self, t: _Target) -> str | None:
        if self.rng.random() < 0.5 and t.topic_en:
            words = t.topic_en.lower().split()
            swaps = [i for i, w in enumerate(words) if w in self.v.paraphrase_en]
            if swaps:
                i = self.rng.choice(swaps)
                words[i] = self.pick(self.v.paraphrase_en[words[i]])
                phrase = " ".join(words)
                if len(set(phrase.split())) < len(phrase.split()):
                    return None  # "skills skills courses"
                ask = self.pick(self.v.en_ask[t.measure] + self.v.en_ask["any"])
                return f"{ask} the {phrase} of {self.zone_name_en(t.zone)}?"
        # a whole word of the title only: 产业 in 产业园 is not the word 产业
        keys = [k for k in self.v.paraphrase_zh if re.search(rf"{k}(?=$|[和及与的])", t.topic_zh)]
        if not keys:
            return None
        key = max(keys, key=len)
        topic = t.topic_zh.replace(key, self.pick(self.v.paraphrase_zh[key]), 1)
        if _REPEAT_RE.search(topic):
            return None
        return f"{self.zone_name(t.zone)}{topic}{self.ask(t)}"

    def detail_apart(self, t: _Target) -> str | None:
        """A word several entries of the zone carry, with a detail only this entry holds.

        The detail is a firm or project of the zone that only this entry's answer names, or
        a kind of figure asked (有多少人, 什么时候) that only this entry, of those carrying or
        writing the word, gives: "<zone>人才有多少人" where the talent funding gives an amount
        and the talent count a number of people.
        """
        entries = t.zone.entries
        answer = t.entry.answer.zh or ""
        shared = [
            tag
            for tag in t.entry.tags
            if _CJK_RE.search(tag) and sum(tag in e.tags for e in entries) >= 2
        ]
        if not shared:
            return None
        tag = self.pick(shared)
        # every other entry carrying the word or writing it: none may give the kind asked
        others = [e for e in entries if e is not t.entry and (tag in e.tags or tag in _texts(e))]
        firms = [
            n
            for n in t.zone.entities.zh
            if len(n) >= 3
            and n in answer
            and n not in t.topic_zh
            and not any(n in (e.answer.zh or "") for e in entries if e is not t.entry)
        ]
        kinds = [
            kind
            for kind, written in _KIND_WRITTEN.items()
            if written.search(answer)
            and not any(written.search(e.answer.zh or "") for e in others)
        ]
        if firms and (not kinds or self.rng.random() < 0.5):
            return (
                f"{self.zone_name(t.zone)}{tag} {self.pick(firms)}{self.pick(self.v.ask['any'])}"
            )
        if not kinds:
            return None
        kind = self.pick(kinds)
        return f"{self.zone_name(t.zone)}的{tag}{self.pick(self.v.ask_kind[kind])}"

    def entity_detail(self, t: _Target) -> str | None:
        """A detail of the firm or project an entry's title names, which only that entry gives.

        "<zone><park>有多少家企业" where the people named in the article mention the park's head
        and the park's own entry gives the count: the other entries naming the firm (in the
        paragraphs naming it) give no figure of the kind asked.
        """
        found = [e for e in t.zone.entities.zh if len(e) >= 3 and e in t.topic_zh]
        if not found:
            return None
        entity = max(found, key=len)
        answer = t.entry.answer.zh or ""
        said = [
            p
            for e in t.zone.entries
            if e is not t.entry
            for p in (e.answer.zh or "").split("\n")
            if entity in p
        ]
        written = {**_KIND_WRITTEN, "count": _COUNT_WRITTEN}
        kinds = [
            kind
            for kind, pattern in written.items()
            if pattern.search(answer) and not any(pattern.search(p) for p in said)
        ]
        if not kinds:
            return None
        kind = self.pick(kinds)
        english = [
            n for n in t.zone.entities.en if len(n) >= 3 and n.lower() in t.topic_en.lower()
        ]
        if english and self.rng.random() < 0.5:
            name = max(english, key=len)
            ask = self.pick(self.v.en_ask_entity[kind])
            return f"{ask} the {name} in {self.zone_name_en(t.zone)}?"
        joiner = self.pick(["", "的", " "])
        return f"{self.zone_name(t.zone)}{joiner}{entity}{self.pick(self.v.ask_entity[kind])}"

    def typo_zone(self, t: _Target) -> str | None:
        name = t.zone.name.zh or ""
        typo = self.typo(name)
        if typo is None or typo in self.known_places or _kind_changed(name, typo):
            return None
        return self.plain(t, zone=typo)

    def typo_topic(self, t: _Target) -> str | None:
        if len(t.topic_zh) < 3:
            return None
        typo = self.typo(t.topic_zh)
        return typo and f"{self.zone_name(t.zone)}{typo}{self.ask(t)}"

    def typo_entity(self, t: _Target) -> str | None:
        found = [e for e in t.zone.entities.zh if len(e) >= 3 and e in t.topic_zh]
        if not found:
            return None
        entity = max(found, key=len)
        typo = self.typo(entity)
        if typo is None:
            return None
        return f"{self.zone_name(t.zone)} {t.topic_zh.replace(entity, typo)} {self.ask(t)}"

    def keyword(self, t: _Target) -> str | None:
        words = [t.topic_zh, *t.tags_zh]
        return f"{self.zone_name(t.zone)} {self.pick(words)}"

    def two_part(self, t: _Target) -> str | None:
        if self.rng.random() < 0.3 and t.topic_en:
            return (
                f"{self.pick(self.v.en_before)} we are looking at {self.zone_name_en(t.zone)}. "
                f"What is its {t.topic_en.lower()}, {self.pick(self.v.en_second)}"
            )
        return (
            f"{self.pick(self.v.preambles)}想了解一下{self.zone_name(t.zone)}的{t.topic_zh}，"
            f"{self.ask(t)}？{self.pick(self.v.second_parts)}"
        )

    def other_target(self, t: _Target) -> _Target | None:
        """Another entry of the zone, its title sharing no two characters with t's."""
        others = [
            u
            for u in self.by_zone[t.zone.id]
            if u.entry.id != t.entry.id
            and not _shares_a_pair(u.topic_zh, t.topic_zh)
            and not set(u.topic_en.lower().split()) & set(t.topic_en.lower().split()) - _EN_SMALL
        ]
        return self.rng.choice(others) if others else None

    def two_entries(self, t: _Target) -> tuple[str, str] | None:
        """Two things asked of one zone, each held by its own entry: (question, second entry)."""
        u = self.other_target(t)
        if u is None:
            return None
        if self.rng.random() < 0.3 and t.topic_en and u.topic_en:
            ask_t = self.pick(self.v.en_ask[t.measure] + self.v.en_ask["any"])
            ask_u = self.pick(self.v.en_ask[u.measure] + self.v.en_ask["any"])
            return (
                f"{ask_t} the {t.topic_en.lower()} of {self.zone_name_en(t.zone)}"
                f"{self.pick(self.v.en_joiners)} {ask_u} its {u.topic_en.lower()}?"
            ), u.entry.id
        return (
            f"{self.zone_name(t.zone)}{self.pick(['的', ''])}{t.topic_zh}{self.ask(t)}"
            f"{self.pick(self.v.joiners)}{u.topic_zh}{self.ask(u)}？"
        ), u.entry.id

    def scene(self, t: _Target) -> str | None:
        """A question opening on who asks and what they saw, then asking about one entry."""
        if self.rng.random() < 0.3 and t.topic_en:
            seen = self.pick(self.v.en_scenes).format(z=self.zone_name_en(t.zone))
            ask = self.pick(self.v.en_ask[t.measure] + self.v.en_ask["any"])
            return f"We are {self.pick(self.v.en_trades)}. {seen}. {ask} its {t.topic_en.lower()}?"
        seen = self.pick(self.v.scenes).format(z=self.zone_name(t.zone))
        return f"我们是做{self.pick(self.v.trades)}的，{seen}，想问一下{t.topic_zh}{self.ask(t)}"

    def aside(self, t: _Target) -> str | None:
        """A question, then an aside typed after it: the asker's line, or a guess at a place."""
        if t.topic_en and self.rng.random() < 0.3:
            ask = self.pick(self.v.en_ask[t.measure] + self.v.en_ask["any"])
            english = f"{ask} the {t.topic_en.lower()} of {self.zone_name_en(t.zone)}"
            return self.with_aside(t, english, english=True, guess=t.measure == "where")
        return self.with_aside(t, self.plain(t), english=False, guess=t.measure == "where")

    def with_aside(self, t: _Target, question: str, *, english: bool, guess: bool = False) -> str:
        """`question` with an aside after it, set off by a space or a mark; for a place asked
        (`guess`), half the asides guess at it."""
        guess = guess and self.rng.random() < 0.5
        if english:
            if guess:
                aside = self.pick(self.v.en_guesses).format(self.pick(self.v.places_en))
            else:
                aside = self.pick(self.v.en_asides).format(self.pick(self.v.en_trades))
            return f"{question.rstrip('?')}{self.pick(['? ', ', ', ' - '])}{aside}"
        if guess:
            aside = self.pick(self.v.guesses).format(self.pick(self.v.places_zh))
        else:
            aside = self.pick(self.v.asides).format(self.pick(self.v.trades))
        return f"{question}{self.pick([' ', '，', '？'])}{aside}"

    def oos_aside(self, t: _Target) -> str | None:
        """A topic the zone does not hold, asked with an aside after it."""
        missing = self.oos_topic(t)
        if missing is None:
            return None
        return self.with_aside(t, missing, english=not _CJK_RE.search(missing))

    def oos_unit(self, t: _Target) -> str | None:
        """The entry's own topic asked in a unit of measure its answer writes nowhere."""
        text = f"{t.entry.answer.zh or ''} {t.entry.answer.en or ''}".lower()
        if t.topic_en and self.rng.random() < 0.3:
            fair_en = [ask for ask, units in self.v.en_units if not _writes_any(text, units)]
            if fair_en:
                subject = f"the {t.topic_en.lower()} of {self.zone_name_en(t.zone)}"
                return self.pick(fair_en).format(subject)
        fair = [ask for ask, units in self.v.units if not _writes_any(text, units)]
        if not fair:
            return None
        return f"{self.zone_name(t.zone)}{self.pick(['的', ''])}{t.topic_zh}{self.pick(fair)}"

    def traditional(self, t: _Target) -> str | None:
        return to_traditional(self.plain(t))

    def pinyin(self, t: _Target) -> str | None:
        zone = _spell(self.zone_name(t.zone))
        topic = _spell(t.topic_zh)
        return f"{zone} {topic}" if zone and topic else None

    def english(self, t: _Target) -> str | None:
        if not t.topic_en:
            return None
        zone, topic = self.zone_name_en(t.zone), t.topic_en.lower()
        ask = self.pick(self.v.en_ask[t.measure] + self.v.en_ask["any"])
        if self.rng.random() < 0.5:
            return f"{self.pick(self.v.en_before)} {ask} the {topic} of {zone}?"
        return f"{zone} {topic}, {self.pick(self.v.en_after)}"

    def typo_english(self, t: _Target) -> str | None:
        """The English question with a slip in a long word of its topic ("talants") and, when
        it has one, in a long word of the zone's name ("Luzhuo")."""
        topic = (t.topic_en or "").lower()
        words = re.findall(r"[a-z]{6,}", topic)
        typo = self.typo(word := self.pick(words)) if words else None
        if typo is None:
            return None
        zone, topic = self.zone_name_en(t.zone), topic.replace(word, typo, 1)
        names = re.findall(r"[A-Za-z]{6,}", zone)
        name_typo = self.typo(name := self.pick(names)) if names else None
        if name_typo:
            zone = zone.replace(name, name_typo, 1)
        ask = self.pick(self.v.en_ask[t.measure] + self.v.en_ask["any"])
        return f"{self.pick(self.v.en_before)} {ask} the {topic} of {zone}?"

    def cantonese(self, t: _Target) -> str | None:
        """Written Cantonese, traditional or simplified: an opener or an ending, a way to ask."""
        ask = self.pick(self.v.cantonese_ask[t.measure] + self.v.cantonese_ask["any"][:1])
        text = f"{self.zone_name(t.zone)}{self.pick(_CANTONESE_JOIN)}{t.topic_zh}{ask}"
        if self.rng.random() < 0.5:
            text = f"{self.pick(self.v.cantonese_before)}{text}"
        if self.rng.random() < 0.6:
            text = f"{text}{self.pick(self.v.cantonese_after)}"
        return to_traditional(text) if self.rng.random() < 0.6 else text

    def oos_topic(self, t: _Target) -> str | None:
        text = _zone_text(t.zone)
        labels = _labels(t.zone)
        if self.rng.random() < 0.3:
            missing_en = [
                m
                for m in self.v.missing_en
                if m not in text.lower() and not any(_holds_en(m, en) for _zh, en in labels)
            ]
            if missing_en:
                return f"What is the {self.pick(missing_en)} in {self.zone_name_en(t.zone)}?"
        missing = [
            m
            for m in self.v.missing_zh
            if m not in text and not any(_holds_zh(m, zh) for zh, _en in labels)
        ]
        if not missing:
            return None
        topic = self.pick(missing)
        entities = [e for e in t.zone.entities.zh if e in t.topic_zh]
        subject = self.pick(entities) if entities else self.zone_name(t.zone)
        return f"{subject}的{topic}{self.pick(['是多少', '多少', '怎么样', '有多少'])}"

    def detail(self, t: _Target) -> str | None:
        """A detail of the entry's answer, framed in the asker's own words."""
        zh, en = self.details(t.zone).get(t.entry.id, ((), ()))
        if en and (self.rng.random() < 0.3 or not zh):
            return self.framed_en(t.zone, self.pick(list(en)))
        if not zh:
            return None
        return self.framed_zh(t.zone, self.pick(list(zh)))

    def oos_detail(self, t: _Target) -> str | None:
        """Another zone's detail, framed alike, asked of a zone none of whose texts holds it."""
        others = [o for o in self.targets if o.zone.id != t.zone.id and not _names_entity(o)]
        if not others:
            return None
        other = self.rng.choice(others)
        zh, en = self.details(other.zone).get(other.entry.id, ((), ()))
        # a firm or project named is where it is: asked of another zone, it is not missing
        zh = tuple(d for d in zh if not any(e in d or d in e for e in self.entities_zh))
        en = tuple(d for d in en if not any(w in self.entity_words for w in d.split()))
        text = _zone_text(t.zone)
        if en and (self.rng.random() < 0.3 or not zh):
            words = set(re.findall(r"[a-z]+", text.lower()))
            fair = [d for d in en if not any(w in words for w in _en_words(d))]
            return self.framed_en(t.zone, self.pick(fair)) if fair else None
        # a thing the zone lacks altogether: no two characters of it written anywhere in it
        fair = [d for d in zh if not any(d[i : i + 2] in text for i in range(len(d) - 1))]
        return self.framed_zh(t.zone, self.pick(fair)) if fair else None

    def framed_zh(self, zone: Zone, detail: str) -> str:
        name = self.zone_name(zone)
        if self.rng.random() < 0.25:
            return f"{name}{self.pick(self.v.frame_besides).format(detail)}"
        before = self.pick(self.v.frame_before) if self.rng.random() < 0.5 else ""
        after = self.pick(self.v.frame_after)
        return f"{name}{self.pick(['的', ''])}{before}{detail}{after}{self.pick(self.v.frame_ask)}"

    def framed_en(self, zone: Zone, detail: str) -> str:
        name = self.zone_name_en(zone)
        if self.rng.random() < 0.5:
            return f"{name} - {self.pick(self.v.en_frame_before)} {detail}?"
        return f"{name}: {detail} {self.pick(self.v.en_frame_after)}?"

    def details(self, zone: Zone) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Each entry's details: runs of its answer no other entry of the zone writes."""
        if zone.id not in self._details:
            self._details[zone.id] = _details(zone, self.zone_names)
        return self._details[zone.id]

    def oos_zone(self, t: _Target) -> str | None:
        places = [p for p in location_parts(t.zone) if len(p) >= 2]
        if not places or _names_entity(t):
            return None
        name = f"{self.pick(places)}{self.pick(self.v.zone_kinds)}"
        if any(name in key or key in name for key in self.zone_names):
            return None
        return f"{name}{self.pick(['的', ''])}{t.topic_zh}{self.ask(t)}"

    def oos_place(self, t: _Target) -> str | None:
        if _names_entity(t):
            return None
        if self.rng.random() < 0.3:
            place = self.pick(self.v.places_en)
            return f"What {t.topic_en.lower() or 'incentives'} does the {place} " + (
                f"{self.pick(_OTHER_KINDS_EN)} offer?"
            )
        places = [p for p in self.v.places_zh if not self._known_place(p)]
        if not places:
            return None
        kind = self.pick(["高新区", "经开区", "开发区", "产业园", ""])
        return f"{self.pick(places)}{kind}的{t.topic_zh}{self.ask(t)}"

    def oos_figure(self, t: _Target) -> str | None:
        """A figure the zone's sources do not give: a project's investment, or a total."""
        text = _zone_text(t.zone)
        labels = _labels(t.zone)
        entities = [e for e in t.zone.entities.zh if len(e) >= 3 and e in t.topic_zh]
        if entities and self.rng.random() < 0.5:
            entity = self.pick(entities)
            paragraphs = [
                p
                for e in t.zone.entries
                for p in (e.answer.zh or "").split("\n")
                if entity in p or (e.title and entity in (e.title.zh or ""))
            ]
            if any("投资" in p for p in paragraphs):
                return None  # the project's investment is given
            return f"{entity}{self.pick(self.v.investments)}"
        if self.rng.random() < 0.3:
            phrase, word = self.rng.choice(self.v.en_totals)
            if any(word in en for _zh, en in labels) or f"total {word}" in text.lower():
                return None
            return phrase.format(z=self.zone_name_en(t.zone)) + "?"
        phrase, word = self.rng.choice(self.v.totals)
        if any(_holds_zh(word, zh) for zh, _en in labels):
            return None  # an entry is about it: a total may be what it gives
        return f"{self.zone_name(t.zone)}{phrase}"

    def oos_asker(self, t: _Target) -> str | None:
        """An incentive asked for askers the zone's sources never mention (外资企业, start-ups)."""
        if not _POLICY_RE.search(f"{t.topic_zh} {t.topic_en.lower()}"):
            return None
        text = _zone_text(t.zone).lower()
        if self.rng.random() < 0.3 and t.topic_en:
            asker, words = self.rng.choice(self.v.en_askers)
            if any(w in text for w in words.split()):
                return None
            return f"what {t.topic_en.lower()} does {self.zone_name_en(t.zone)} offer {asker}?"
        asker, words = self.rng.choice(self.v.askers)
        if any(w in text for w in words.split()):
            return None
        frame = self.pick(self.v.asker_frames)
        return f"{self.zone_name(t.zone)}{frame.format(a=asker, t=t.topic_zh)}"

    def _known_place(self, place: str) -> bool:
        return any(place in key or key in place for key in self.known_places)

    def typo(self, word: str) -> str | None:
        """A homophone, a swapped pair, a missing or an extra character in `word`."""
        chars = list(word)
        if len(chars) < 3:
            return None
        kind = self.pick(["homophone", "swap", "missing", "extra"])
        at = self.rng.randrange(1, len(chars) - 1) if len(chars) > 2 else 0
        if kind == "homophone":
            options = self._homophones.get(chars[at], ())
            if not options:
                kind = "swap"
            else:
                chars[at] = self.pick(list(options))
        if kind == "swap":
            if chars[at] == chars[at + 1]:
                return None
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
        elif kind == "missing":
            del chars[at]
        elif kind == "extra":
            chars.insert(at, chars[at - 1] if self.rng.random() < 0.5 else chars[at + 1])
        typo = "".join(chars)
        return typo if typo != word else None


_EN_SMALL = frozenset("the of and a an in for to on".split())


def _writes_any(text: str, marks: str) -> bool:
    """Tell whether a text writes one of a unit's marks ("kwh|千瓦时|度")."""
    return any(mark in text for mark in marks.split("|"))


def _shares_a_pair(a: str, b: str) -> bool:
    """Tell whether two titles share a run of two characters (the same topic, in part)."""
    return any(a[i : i + 2] in b for i in range(len(a) - 1))


_BUILDERS: dict[str, Callable[[_Generator, _Target], str | tuple[str, str] | None]] = {
    name: getattr(_Generator, name) for name in CLASSES
}


def _spell(text: str) -> str:
    """Pinyin the way people type it: the syllables of each two characters run together."""
    syllables = [char_pinyin(ch) or "" for ch in text if _CJK_RE.match(ch)]
    if not syllables or not all(syllables):
        return ""
    return " ".join("".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2))


def _kind_changed(name: str, typo: str) -> bool:
    """Tell whether a typo made another kind of zone of a name (泸州高新区 -> 泸州新区)."""
    after = ZONE_SUFFIX_RE.findall(typo)
    return bool(after) and after[-1:] != ZONE_SUFFIX_RE.findall(name)[-1:]


def _names_entity(t: _Target) -> bool:
    """Tell whether an entry's title names one of its zone's entities (a firm, a project).

    Asked about in another place, it is not out of scope: the entity is where it is.
    """
    return any(e in t.topic_zh for e in t.zone.entities.zh) or any(
        e.lower() in t.topic_en.lower() for e in t.zone.entities.en
    )


def _core_en(zone: Zone) -> str:
    """A zone's English name without its kind's words (Xuzhou of Xuzhou Industrial Park)."""
    name = zone.name.en or ""
    return " ".join(w for w in name.split() if w.lower().strip("-") not in _ZONE_WORDS_EN)


def _labels(zone: Zone) -> list[tuple[str, str]]:
    """Each entry's title and tags, Chinese and English (lower case): what it is about."""
    return [
        (
            " ".join([e.title.zh or "", *e.tags]) if e.title else " ".join(e.tags),
            " ".join([e.title.en or "", *e.tags]).lower() if e.title else " ".join(e.tags).lower(),
        )
        for e in zone.entries
    ]


_SAME_MEANING_ZH = {p: key for key, ps in _PARAPHRASES_ZH.items() for p in ps if len(p) >= 2}


def _holds_zh(topic: str, label: str) -> bool:
    """Tell whether an entry's label is about a topic, in its own words or more narrowly.

    Taking out of the topic every run of two characters or more the label writes must
    leave single characters only: 污水处理费 is held by ...污水处理 (its fee), 工业用水价格
    by 工业水价, 外资企业数量 by 外资云计算企业数量, 上市公司数量 by 上市...企业数量 (公司 is
    the generator's own paraphrase of 企业); 外资企业数量 is not held by 企业数量 (外资 left),
    nor 贷款利率 by 贷款贴息 (利率 left).
    """
    readings = [topic] + [
        topic.replace(p, key) for p, key in _SAME_MEANING_ZH.items() if p in topic
    ]
    for reading in readings:
        covered = [False] * len(reading)
        for i in range(len(reading)):
            for j in range(i + 2, len(reading) + 1):
                if reading[i:j] in label:
                    covered[i:j] = [True] * (j - i)
        left = "".join(ch if not c else " " for ch, c in zip(reading, covered, strict=True))
        if all(len(run) < 2 for run in left.split()):
            return True
    return False


def _holds_en(topic: str, label: str) -> bool:
    """Tell whether an entry's English label holds each word (three letters or more) of a topic."""
    words = set(re.findall(r"[a-z]+", label))
    return all(w in words for w in re.findall(r"[a-z]{3,}", topic) if w != "the")


# Characters that join a detail to the next: the answer is cut at them.
_JOINERS_RE = re.compile(
    "[的和及与、了在是为等将对由并也都把被从向以其之于或即共约达近超已中上下内后前时起]"
)
_UNITS = frozenset("层栋个家年月日号万亿元多余项名人次期批座所套台条倍")
# The last characters of a noun phrase (a building, a place, a body, a scheme, a product): a
# detail is a thing the answer names, not a verb or a clause cut short.
_HEADS = frozenset(
    "楼房厂棚园区间心地站线所院校馆室库局会司团队城"
    "网链群品料器池源程施金贴励策目业台制系机划动点位"
)
_EN_VERBISH = frozenset(
    """took made said held paid says make take gave give being also carries occupies serves
    plans include includes including reached reaches expected became become having""".split()
)
_EN_STOP = frozenset(
    """the a an and or of in on at to for from by with its their is are was were be been
    has have had will would this that these those than then over under into about also
    which who what when where it as not only more most other some such each per nor now both
    his her all any neither either could should before after while since there here can get
    got first new one two three several many major minor text calls person people part parts
    way ways thing things item items side sides level among them""".split()
)


def _en_noun(word: str, zone_words: frozenset[str]) -> bool:
    """Tell whether an English word may be part of a thing named (not a verb, a stop word,
    a piece of the zone's name)."""
    return (
        len(word) >= 3
        and word.strip("-").isalpha()
        and word not in _EN_STOP
        and word not in _EN_VERBISH
        and word not in zone_words
        and not word.endswith(("ed", "ly", "ing"))
    )


def _en_words(detail: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", detail.lower()) if len(w) >= 4 and w not in _EN_STOP]


def _details(
    zone: Zone, zone_names: frozenset[str]
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Runs of each entry's answer (Chinese: two to six characters; English: one to three
    words) that no other entry of the zone writes anywhere: details only that entry gives."""
    names = sorted((k for k, _kind in chinese_zone_keys(zone)), key=len, reverse=True)
    texts = {
        e.id: (
            " ".join([e.answer.zh or "", e.title.zh or "" if e.title else "", *e.tags])
            + " ".join(e.questions.all()),
            " ".join([e.answer.en or "", e.title.en or "" if e.title else "", *e.tags]).lower()
            + " ".join(e.questions.all()).lower(),
        )
        for e in zone.entries
    }
    zone_words = frozenset((zone.name.en or "").lower().replace("-", " ").split()) | _ZONE_WORDS_EN
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for entry in zone.entries:
        if entry.topic == "overview":
            continue
        rest = [t for key, t in texts.items() if key != entry.id]
        answer = entry.answer.zh or ""
        for name in names:
            answer = answer.replace(name, " ")
        zh: list[str] = []
        for found in re.finditer(r"[\u4e00-\u9fff]+", answer):
            run = found.group(0)
            if found.start() and answer[found.start() - 1].isdigit() and run[0] in _UNITS:
                run = run[1:]
            for piece in _JOINERS_RE.split(run):
                piece = piece if len(piece) <= 6 else piece[-4:]
                if (
                    len(piece) >= 3
                    and piece[-1] in _HEADS
                    and "园区" not in piece
                    # the thing it names, its last two characters, only this entry writes
                    and not any(piece[-2:] in zh_text for zh_text, _en in rest)
                ):
                    zh.append(piece)
        en: list[str] = []
        for clause in re.split(r"[^a-zA-Z -]+", entry.answer.en or ""):
            tokens = clause.lower().split()
            for i in range(len(tokens)):
                for size in (3, 2):
                    span = tokens[i : i + size]
                    if len(span) < size or not all(_en_noun(w, zone_words) for w in span):
                        continue
                    phrase = " ".join(span)
                    if _en_words(phrase) and not any(
                        w in en_text for _zh, en_text in rest for w in _en_words(phrase)
                    ):
                        en.append(phrase)
                        break
        if zone_names:
            zh = [d for d in zh if not any(d in n for n in zone_names)]
        out[entry.id] = (tuple(dict.fromkeys(zh)), tuple(dict.fromkeys(en)))
    return out


def _texts(entry: Entry) -> str:
    """An entry's answer and title, in Chinese."""
    return f"{entry.title.zh if entry.title else ''} {entry.answer.zh or ''}"


def _zone_text(zone: Zone) -> str:
    parts = [zone.summary.zh or "" if zone.summary else ""]
    for entry in zone.entries:
        parts += [entry.answer.zh or "", entry.answer.en or "", *entry.tags]
        parts += entry.questions.all()
    return " ".join(parts)


def _homophones(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Characters sounding alike, among those the knowledge base writes (so they are common)."""
    table = char_pinyin_table()
    seen: set[str] = set()
    for zone in kb.zones.values():
        for entry in zone.entries[:50]:
            seen.update(ch for ch in (entry.answer.zh or "") if ch in table)
        seen.update(zone.name.zh or "")
    by_sound: dict[str, list[str]] = {}
    for ch in sorted(seen):
        by_sound.setdefault(table.get(ch, ""), []).append(ch)
    return {
        ch: tuple(other for other in by_sound[table[ch]] if other != ch)
        for ch in seen
        if ch in table
    }


_LATER_CLASSES = frozenset(
    {
        "detail_apart",
        "cantonese",
        "entity_detail",
        "typo_english",
        "aside",
        "oos_aside",
        "oos_unit",
    }
)


def generate_corpus(
    kb: KnowledgeBase,
    *,
    half: Half,
    seed: int = 0,
    per_class: int | None = None,
    per_entry: int = 1,
) -> list[CorpusQuestion]:
    """Generate questions of every class from `kb`.

    `per_class` samples that many entries a class (for a large base); `per_entry` asks about
    each entry that many times (for a small one), so that every class has enough questions.
    """
    gen = _Generator(kb, half, seed)
    out: list[CorpusQuestion] = []
    main_rng = gen.rng
    for cls in CLASSES:
        # a class added later draws from its own generator: the others' questions stay as they were
        gen.rng = random.Random(f"{seed}:{half}:{cls}") if cls in _LATER_CLASSES else main_rng
        targets = gen.targets * per_entry
        if per_class is not None and per_class < len(targets):
            targets = gen.rng.sample(targets, per_class)
        answerable = cls in ANSWERABLE_CLASSES
        for target in targets:
            built = _BUILDERS[cls](gen, target)
            if not built:
                continue
            text, also = built if isinstance(built, tuple) else (built, None)
            lang: Lang = "zh" if _CJK_RE.search(text) or cls == "pinyin" else "en"
            out.append(
                CorpusQuestion(
                    text=text,
                    cls=cls,
                    answerable=answerable,
                    zone_id=target.zone.id if answerable else None,
                    entry_id=target.entry.id if answerable else None,
                    lang=lang,
                    also=also,
                )
            )
    return out


ZONELESS_CLASSES = ("ambiguous", "zoneless")  # no zone named: several zones hold it, or one


def generate_zoneless(kb: KnowledgeBase, *, half: Half, seed: int = 0) -> list[CorpusQuestion]:
    """Questions naming no zone, made from the knowledge base's Chinese tags.

    A tag that entries of two or more zones carry is a topic several zones answer: the right
    reply asks which zone ("ambiguous", zone_id and entry_id None). A tag only one entry of the
    whole base carries, and no other zone writes, names that entry's topic: the right reply
    answers with it ("zoneless"); unless it is two words another zone writes (人才政策: 人才
    and 政策), which askers take for a topic any zone may have.
    Each topic is asked in several phrasings from the generator's vocabulary half.
    """
    gen = _Generator(kb, half, seed)
    holders: dict[str, set[tuple[str, str]]] = {}
    for zone in kb.zones.values():
        for entry in zone.entries:
            if entry.topic == "overview" and entry.id == "overview":
                continue
            for tag in entry.tags:
                if _CJK_RE.search(tag) and tag not in gen.zone_names:
                    holders.setdefault(tag, set()).add((zone.id, entry.id))
    texts = {zone.id: _zone_text(zone) for zone in kb.zones.values()}
    out: list[CorpusQuestion] = []
    for tag, entries in sorted(holders.items()):
        zones = {z for z, _e in entries}
        written = {z for z, text in texts.items() if tag in text}
        if len(zones) >= 2:
            expected: tuple[str, str] | None = None
        elif (
            len(entries) == 1 and written == zones and not _two_words_elsewhere(tag, zones, texts)
        ):
            expected = next(iter(entries))
        else:
            continue  # several entries of one zone: a question for that zone's own clarify
        partner = _partner(holders, tag, zones) if expected is None else None
        for text in _zoneless_phrasings(gen, tag, partner):
            out.append(
                CorpusQuestion(
                    text=text,
                    cls="ambiguous" if expected is None else "zoneless",
                    answerable=expected is not None,
                    zone_id=expected[0] if expected else None,
                    entry_id=expected[1] if expected else None,
                )
            )
    return out


def _two_words_elsewhere(tag: str, zones: set[str], texts: dict[str, str]) -> bool:
    """Tell whether a tag is two words of two characters or more that another zone writes."""
    return any(
        tag[:i] in text and tag[i:] in text
        for zone_id, text in texts.items()
        if zone_id not in zones
        for i in range(2, len(tag) - 1)
    )


def _partner(holders: dict[str, set[tuple[str, str]]], tag: str, zones: set[str]) -> str | None:
    """Another tag that the same zones also carry, to ask two words together ("项目" "开工")."""
    for other, entries in sorted(holders.items()):
        distinct = other != tag and other not in tag and tag not in other
        if distinct and {z for z, _e in entries} >= zones:
            return other
    return None


def _zoneless_phrasings(gen: _Generator, topic: str, partner: str | None) -> list[str]:
    """A topic asked without a zone: plain, after a greeting, with a particle, with a partner."""
    ask = gen.pick(gen.v.ask["any"])
    texts = [
        f"{topic}{ask}",
        f"{gen.pick(gen.v.before)}{topic}{gen.pick(gen.v.ask['any'])}",
        f"{topic}{gen.pick(gen.v.ask['any'])}{gen.pick(gen.v.particles)}",
        f"{gen.pick(['请问', '想了解', '问一下'])}{topic}",
    ]
    if partner:
        texts.append(f"{gen.pick(gen.v.before)}{partner}{topic}{gen.pick(gen.v.ask['any'])}")
    return texts


# Questions about the sources themselves (the headline, the newspaper, the date, the link):
# the generator's own phrasings, split in halves like the rest of its vocabulary.
SOURCE_CLASSES = ("source", "source_zoneless", "source_person", "source_oos")
_SOURCE_ASKS_ZH = {
    "title": ["{z}那篇报道的标题是什么", "{z}的新闻标题叫啥", "讲{z}的文章题目是啥",
              "{z}报道的大标题", "关于{z}的那篇文章标题是什么", "{z}那篇稿子的标题"],
    "publisher": ["{z}是哪家媒体报道的", "哪家报纸写了{z}", "{z}的报道登在什么报纸上",
                  "{z}的新闻是哪个报社发的", "报道{z}的是什么媒体", "{z}上了哪份报纸"],
    "date": ["{z}的报道什么时候发表的", "{z}那篇文章的刊登时间", "{z}新闻的发表时间",
             "{z}的报道刊发日期是哪天", "{z}那篇稿子哪天见报的", "{z}报道的发表日期"],
    "url": ["{z}报道的原文链接", "{z}那篇文章的链接在哪", "{z}的新闻有网址吗",
            "哪里可以看{z}报道的原文", "{z}文章链接发我一下", "{z}报道原文在哪看"],
    "any": ["{z}的消息来源是哪里", "{z}的资料出处", "{z}的信息从哪来的", "{z}的资料来源",
            "{z}的消息出自哪里", "{z}这些信息的来源"],
}  # fmt: skip
_SOURCE_ASKS_EN = {
    "title": ["What was the headline of the {z} article?", "headline of the {z} story",
              "What is the {z} report titled?", "title of the article about {z}"],
    "publisher": ["Which newspaper covered {z}?", "Which paper reported on {z}?",
                  "what outlet published the {z} story", "Which media outlet wrote about {z}?"],
    "date": ["When was the {z} article published?", "publication date of the {z} story",
             "What is the publication date of the {z} report?",
             "when was the {z} story published"],
    "url": ["Where can I read the {z} article?", "link to the {z} story",
            "Is there a URL for the {z} report?", "original article on {z}, where to read it"],
    "any": ["What is the source for {z}?", "Where does the {z} information come from?",
            "source of the {z} info", "Where did you get the {z} information?"],
}  # fmt: skip
_SOURCE_ZONELESS = [
    "这篇报道的标题是什么", "哪家媒体报道的", "消息来源是哪里", "出处在哪", "文章是什么时候发表的",
    "原文链接有吗", "这些信息从哪来的", "报道登在哪份报纸上", "what was the headline",
    "which paper covered it", "where did you get this", "Where can I read it?",
    "when was the article published", "what's the source",
]  # fmt: skip
_SOURCE_PERSON_ZH = ["{z}报道的记者是谁", "{z}的新闻是谁写的", "{z}报道的作者是哪位",
                     "写{z}报道的记者叫什么"]  # fmt: skip
_SOURCE_PERSON_EN = [
    "Who was the reporter on the {z} article?", "who wrote the {z} story",
    "journalist of the {z} report", "Who is the author of the {z} article?",
]  # fmt: skip
SOURCE_ENTRY_TAGS = frozenset(  # an entry on the article itself: its reporters
    "记者 reporters reporter journalist 作者".split()
)


def generate_source_questions(
    kb: KnowledgeBase, *, half: Half, seed: int = 0
) -> list[CorpusQuestion]:
    """Questions about the sources: a zone's (answered with the zone's sources, entry_id None),
    none named (every zone's: zone_id None), who reported (the zone's entry tagged with its
    reporters, where it has one) and an unknown zone's (refused)."""
    gen = _Generator(kb, half, seed)
    asks_zh = _half_each(_SOURCE_ASKS_ZH, half)
    asks_en = _half_each(_SOURCE_ASKS_EN, half)
    out: list[CorpusQuestion] = []
    for zone in kb.zones.values():
        for facet in asks_zh:
            for ask in asks_zh[facet]:
                text = ask.format(z=gen.zone_name(zone))
                out.append(CorpusQuestion(text, "source", True, zone.id, None))
            for ask in asks_en[facet]:
                text = ask.format(z=gen.zone_name_en(zone)).replace("the the ", "the ")
                out.append(CorpusQuestion(text, "source", True, zone.id, None, "en"))
        people = [e for e in zone.entries if SOURCE_ENTRY_TAGS & set(e.tags)]
        if len(people) == 1:
            for ask in _half(_SOURCE_PERSON_ZH, half):
                text = ask.format(z=gen.zone_name(zone))
                out.append(CorpusQuestion(text, "source_person", True, zone.id, people[0].id))
            for ask in _half(_SOURCE_PERSON_EN, half):
                text = ask.format(z=gen.zone_name_en(zone)).replace("the the ", "the ")
                out.append(
                    CorpusQuestion(text, "source_person", True, zone.id, people[0].id, "en")
                )
        places = [p for p in gen.v.places_zh if not gen._known_place(p)]
        for facet in asks_zh:
            name = f"{gen.pick(places)}{gen.pick(gen.v.zone_kinds)}"
            text = gen.pick(asks_zh[facet]).format(z=name)
            out.append(CorpusQuestion(text, "source_oos", False, None, None))
    for text in _half(_SOURCE_ZONELESS, half):
        lang: Lang = "zh" if _CJK_RE.search(text) else "en"
        out.append(CorpusQuestion(text, "source_zoneless", True, None, None, lang))
    return out


# Questions on an entry that says what its source does not give (`not_given`): asking which
# ones (哪几个, Cantonese 边几个) is answered; asking the amount it lacks gets the hedge.
HEDGE_CLASSES = ("hedge_which", "hedge_amount")
_WHICH_ASKS = ["是哪几个", "有哪几个", "包括哪几个", "是哪几家", "涉及哪几项", "哪几个部门负责",
               "系边几个", "边几个单位", "由哪几家单位负责", "哪几个方面"]  # fmt: skip
_AMOUNT_ASKS = ["金额是多少", "给多少钱", "能拿多少钱", "具体多少钱", "数额多少", "有多少钱",
                "金额有多少", "钱是多少"]  # fmt: skip


def _leaves_out_its_own_topic(kb: KnowledgeBase, entry: Entry) -> bool:
    """Tell whether what an entry leaves out is its title said another way (位置 / 地址: the
    zone's location, its address not given): no amount nor list to ask of it."""
    title = entry.title.zh if entry.title else None
    group = next((g for g in kb.synonyms if title in g), None)
    items = entry.not_given.zh
    return group is not None and bool(items) and all(item in group for item in items)


def _gives_an_amount(entry: Entry) -> bool:
    """Tell whether an entry's answer gives an amount of money."""
    return gives_figure(f"{entry.answer.zh or ''} {entry.answer.en or ''}", frozenset({"money"}))


def generate_hedge_questions(
    kb: KnowledgeBase, *, half: Half, seed: int = 0
) -> list[CorpusQuestion]:
    """Questions on each entry with a `not_given`: which ones ("hedge_which", answered with the
    entry) and the amount ("hedge_amount", the entry shown under the hedge)."""
    gen = _Generator(kb, half, seed)
    out: list[CorpusQuestion] = []
    for zone in kb.zones.values():
        for entry in zone.entries:
            if not entry.not_given.all() or not entry.title or not entry.title.zh:
                continue
            if _leaves_out_its_own_topic(kb, entry):
                continue
            topic = _QUOTES_RE.sub("", entry.title.zh)
            for cls, asks in (("hedge_which", _WHICH_ASKS), ("hedge_amount", _AMOUNT_ASKS)):
                if cls == "hedge_amount" and _gives_an_amount(entry):
                    continue  # the amount asked is given (a project's investment)
                for ask in _half(asks, half):
                    text = f"{gen.zone_name(zone)}{gen.pick(['', '的'])}{topic}{ask}"
                    out.append(CorpusQuestion(text, cls, True, zone.id, entry.id))
    return out
