"""A synthetic knowledge base in the real format, and perturbed questions that know their entry.

Entries combine an industry, a measure and a kind of company from realistic investment
vocabularies, so they are distinct but share words, as real ones do.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import opencc
import yaml

ENTRIES_PER_ZONE = 50
ZH_PHRASINGS, EN_PHRASINGS = 3, 1  # four phrasings an entry, as the issue sets

INDUSTRIES = """生物医药:biomedicine|医疗器械:medical devices|新能源汽车:new energy vehicles|
光伏:photovoltaics|锂电池:lithium batteries|半导体:semiconductors|
集成电路:integrated circuits|人工智能:artificial intelligence|软件信息:software|
新材料:new materials|高端装备:high-end equipment|智能制造:intelligent manufacturing|
电子信息:electronic information|汽车零部件:auto parts|数字经济:digital economy|
跨境电商:cross-border e-commerce|现代物流:modern logistics|食品加工:food processing|
纺织服装:textiles and apparel|精细化工:fine chemicals|航空航天:aerospace|
节能环保:environmental protection|氢能:hydrogen energy|储能:energy storage|
工业机器人:industrial robots|大数据:big data|云计算:cloud computing|
物联网:internet of things|文化创意:creative industries|现代农业:modern agriculture|
光电显示:optoelectronic displays|激光:laser|北斗导航:BeiDou navigation|
通信设备:communication equipment|智能家电:smart home appliances|
新型建材:new building materials|绿色食品:green food|中医药:traditional Chinese medicine|
康复医疗:rehabilitation|检验检测:testing|工业互联网:industrial internet|
区块链:blockchain|卫星互联网:satellite internet|碳纤维:carbon fiber|稀土:rare earths|
有色金属:nonferrous metals|轨道交通:rail transit|船舶海工:shipbuilding|
农机装备:agricultural machinery|家具制造:furniture|电子元器件:electronic components|
传感器:sensors|无人机:drones|智能网联汽车:connected vehicles|
生物育种:biological breeding|合成生物:synthetic biology|创新药:innovative drugs|
预制菜:prepared dishes|第三代半导体:third-generation semiconductors|
算力:computing power"""
MEASURES = """研发补贴:R&D subsidy:incentives|设备购置补贴:equipment purchase subsidy:incentives|
房租补贴:rent subsidy:incentives|落户奖励:relocation reward:incentives|
贷款贴息:loan interest subsidy:incentives|上市奖励:listing reward:incentives|
税收奖励:tax reward:incentives|首台套奖励:first-unit equipment reward:incentives|
技改补助:technical upgrade grant:incentives|专利资助:patent funding:incentives|
物流补贴:logistics subsidy:incentives|电费补贴:electricity subsidy:incentives|
出口奖励:export reward:incentives|总部奖励:headquarters reward:incentives|
融资担保:financing guarantee:incentives|股权投资:equity investment:incentives|
固定资产投资奖励:fixed-asset investment reward:incentives|
增资扩产奖励:expansion reward:incentives|人才公寓:talent apartments:talent|
安家补贴:housing allowance:talent|博士后资助:postdoctoral funding:talent|
子女入学:children's schooling:talent|培训补贴:training subsidy:talent|
引才奖励:recruitment reward:talent|高管个税奖励:executive income tax reward:talent|
营业收入:operating revenue:figures|工业产值:industrial output:figures|
增长率:growth rate:figures|企业数量:number of companies:figures|
税收贡献:tax contribution:figures|就业人数:employment:figures|
出口额:export value:figures|研发投入:R&D spending:figures|
专利数量:number of patents:figures|年产能:annual capacity:figures|
投资总额:total investment:figures|用地价格:land price:land|
标准厂房:standard factories:land|厂房租金:factory rent:land|规划面积:planned area:land|
供地方式:land supply:land|容积率:plot ratio:land|审批时限:approval time:other|
开工周期:time to start construction:other|环评办理:environmental assessment:other|
工业水价:industrial water price:other|工业电价:industrial power price:other|
天然气价格:natural gas price:other|污水处理:wastewater treatment:other|
招商电话:investment hotline:contacts|服务专员:service contact:contacts"""
# A measure's answer gives a figure of its own kind, as real entries do (an area in mu, a
# price per unit, a rate in per cent, a count of firms, people or patents); the others give an
# amount of money.
FIGURE_FORMS = {
    "规划面积": ("{n}亩", "{n} mu"),
    "用地价格": ("每亩{n}万元，即{n}万元/亩", "RMB {n}0,000 per mu"),
    "厂房租金": ("每月{n}元/平方米", "RMB {n} per square metre a month"),
    "工业水价": ("{n}元/吨", "RMB {n} per tonne"),
    "工业电价": ("0.{n}元/千瓦时", "RMB 0.{n} per kWh"),
    "天然气价格": ("{n}元/立方米", "RMB {n} per cubic metre"),
    "增长率": ("增长{n}%", "growth of {n}%"),
    "企业数量": ("{n}家", "{n} companies"),
    "就业人数": ("{n}人", "{n} people"),
    "专利数量": ("{n}件", "{n} patents"),
}
SMALL_FIGURES = {"厂房租金", "工业水价", "工业电价", "天然气价格", "增长率"}
QUALIFIERS = """新引进:newly introduced|规模以上:above-scale|高新技术:high-tech|
专精特新:specialised|中小:small and medium|龙头:leading|外资:foreign-invested|
初创:start-up|独角兽:unicorn|
上市:listed|瞪羚:gazelle|科技型:technology-based|总部型:headquarters|研发型:R&D-focused|
制造型:manufacturing|民营:private|国有:state-owned|链主:chain-leader|
小巨人:little giant|出口型:export-oriented"""
CITIES = """四川省:成都,绵阳,德阳,宜宾,泸州,南充,乐山,自贡|
河南省:郑州,洛阳,新乡,许昌,南阳,焦作,开封|
山东省:济南,青岛,烟台,潍坊,淄博,临沂,威海,济宁|
江苏省:南京,苏州,无锡,常州,南通,徐州,扬州,盐城,镇江|
浙江省:杭州,宁波,温州,嘉兴,湖州,绍兴,金华|
广东省:广州,深圳,珠海,佛山,东莞,中山,惠州,江门,肇庆|
湖北省:武汉,襄阳,宜昌,荆州,黄石,孝感|湖南省:长沙,株洲,湘潭,衡阳,岳阳,常德|
安徽省:合肥,芜湖,蚌埠,马鞍山,滁州|江西省:南昌,赣州,九江,上饶,景德镇|
福建省:福州,厦门,泉州,漳州,莆田|河北省:石家庄,唐山,保定,廊坊,邯郸,沧州|
山西省:大同,长治,晋城|陕西省:西安,宝鸡,咸阳,榆林|辽宁省:沈阳,大连,鞍山,营口|
吉林省:长春,四平|黑龙江省:哈尔滨,大庆,齐齐哈尔|广西壮族自治区:南宁,柳州,桂林|
云南省:昆明,玉溪,曲靖|贵州省:贵阳,遵义|甘肃省:兰州,天水|
内蒙古自治区:包头,鄂尔多斯,呼和浩特|新疆维吾尔自治区:乌鲁木齐,昌吉|宁夏回族自治区:银川|
海南省:海口,三亚"""
ZONE_KINDS = (
    ("高新区", "High-tech Zone"),
    ("经开区", "Economic Development Zone"),
    ("产业园", "Industrial Park"),
)
ZH_TEMPLATES = (
    "{z}{q}{i}企业的{m}是多少",
    "{z}对{q}{i}企业有什么{m}",
    "{q}{i}企业在{z}的{m}怎么算",
    "{z}{i}{m}（{q}企业）",
    "{i}领域{q}企业{m}标准",
    "{q}{i}企业{m}有哪些规定",
    "{m}政策：{z}{q}{i}企业",
    "{i}行业{q}企业的{m}是怎样的",
)
EN_TEMPLATES = (
    "What is the {m} for {q} {i} companies in {z}?",
    "{z} {m} for {q} {i} firms",
    "How does {z} handle {m} for {i}?",
)
SYNONYMS = [
    ["补贴", "资助", "扶持", "补助", "subsidy", "grant"],
    ["奖励", "奖金", "reward", "bonus"],
    ["研发", "研究开发", "R&D", "research and development"],
    ["营业收入", "营收", "revenue"],
    ["企业", "公司", "company", "firm"],
    ["厂房", "车间", "factory"],
    ["用地", "土地", "land"],
    ["落户", "入驻", "迁入", "relocation"],
    ["税收", "纳税", "tax"],
]
# Frequent characters: the pool homophone typos are drawn from.
COMMON_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"
    "种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从"
    "业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又"
    "么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位"
    "入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放"
    "决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受"
    "联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离"
    "华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复"
    "容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值"
    "号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参"
    "红细引听该铁价严龙飞薪心芯新鑫欣辛馨"
)
PERTURBATIONS = ("deleted", "swapped", "traditional", "extra_words", "homophone")


@dataclass(frozen=True)
class SyntheticEntry:
    """One generated entry: where it lives and the phrasings written in it."""

    zone_id: str
    entry_id: str
    zone_name: str
    phrasings: tuple[str, ...]  # Chinese first, then English


@dataclass(frozen=True)
class Question:
    """A perturbed phrasing and the entry it should find."""

    text: str
    target: tuple[str, str]
    perturbation: str


def _pairs(spec: str) -> list[list[str]]:
    return [item.strip().split(":") for item in spec.replace("\n", "").split("|")]


def _latin_name(chinese: str) -> str:
    """Spell a Chinese place name in pinyin, as English texts do (泸州 -> Luzhou)."""
    from pypinyin import lazy_pinyin  # imported here so the memory probe never loads it

    return "".join(lazy_pinyin(chinese)).capitalize()


@dataclass(frozen=True)
class _ZoneName:
    id: str
    zh: str
    en: str
    location_zh: str
    location_en: str


def _zone_names(rng: random.Random) -> list[_ZoneName]:
    """Every unique zone name, city + kind of zone, in a random order."""
    places = [(prov, city) for prov, cities in _pairs(CITIES) for city in cities.split(",")]
    combos = [(prov, city, kind) for prov, city in places for kind in ZONE_KINDS]
    rng.shuffle(combos)
    names = []
    for n, (prov, city, (kind_zh, kind_en)) in enumerate(combos):
        city_en = _latin_name(city)
        prov_en = _latin_name(re.sub("(壮族|回族|维吾尔)?(自治区|省)$", "", prov))
        zone_id = f"z{n:03d}-{city_en.lower()}-{kind_en.split()[0].lower()}"
        location = (prov + city + "市", f"{city_en}, {prov_en}")
        names.append(_ZoneName(zone_id, city + kind_zh, f"{city_en} {kind_en}", *location))
    return names


def write_synthetic_kb(root: Path, n_entries: int, seed: int) -> list[SyntheticEntry]:
    """Write a knowledge base in the real format under `root`; return its entries."""
    rng = random.Random(seed)
    names = _zone_names(rng)
    zones = names[: min(len(names), math.ceil(n_entries / ENTRIES_PER_ZONE))]
    per_zone = math.ceil(n_entries / len(zones))
    (root / "zones").mkdir(parents=True)
    entries: list[SyntheticEntry] = []
    for n, zone in enumerate(zones):
        count = min(per_zone, n_entries - n * per_zone)
        zone_file, zone_entries = _zone_file(zone, count, rng)
        _dump(root / "zones" / f"{zone.id}.yaml", zone_file)
        entries += zone_entries
    _dump(root / "sources.yaml", [_source(zone) for zone in zones])
    _dump(root / "synonyms.yaml", SYNONYMS)
    return entries


def _source(zone: _ZoneName) -> dict[str, object]:
    return {
        "id": f"src-{zone.id}",
        "title": {"zh": f"{zone.zh}招商政策汇编", "en": f"{zone.en} investment policies"},
        "publisher": {"zh": f"{zone.location_zh}人民政府", "en": f"{zone.location_en} government"},
        "date": "2023-05",
    }


def _zone_file(
    zone: _ZoneName, count: int, rng: random.Random
) -> tuple[dict[str, object], list[SyntheticEntry]]:
    """Build one zone file with `count` entries, each a distinct (industry, measure, company)."""
    industries = rng.sample(_pairs(INDUSTRIES), 8)
    combos = [(i, m, q) for i in industries for m in _pairs(MEASURES) for q in _pairs(QUALIFIERS)]
    entries = [_entry(zone, n, *combo, rng) for n, combo in enumerate(rng.sample(combos, count))]
    content: dict[str, object] = {
        "id": zone.id,
        "name": {"zh": zone.zh, "en": zone.en},
        "location": {"zh": zone.location_zh, "en": zone.location_en},
        "industries": {"zh": [zh for zh, _ in industries], "en": [en for _, en in industries]},
        "summary": {
            "zh": f"{zone.zh}位于{zone.location_zh}。",
            "en": f"{zone.en} is in {zone.location_en}.",
        },
        "sources": [f"src-{zone.id}"],
        "entries": entries,
    }
    phrasings = [(*e["questions"]["zh"], *e["questions"]["en"]) for e in entries]
    return content, [
        SyntheticEntry(zone.id, e["id"], zone.zh, p)
        for e, p in zip(entries, phrasings, strict=True)
    ]


def _entry(
    zone: _ZoneName,
    n: int,
    industry: list[str],
    measure: list[str],
    qualifier: list[str],
    rng: random.Random,
) -> dict[str, Any]:
    (i, i_en), (m, m_en, topic), (q, q_en) = industry, measure, qualifier
    zh = [t.format(z=zone.zh, q=q, i=i, m=m) for t in rng.sample(ZH_TEMPLATES, ZH_PHRASINGS)]
    en_templates = rng.sample(EN_TEMPLATES, EN_PHRASINGS)
    en = [t.format(z=zone.en, q=q_en, i=i_en, m=m_en) for t in en_templates]
    amount = rng.randint(5, 2000)
    zh_figure, en_figure = FIGURE_FORMS.get(m, ("最高{n}万元", "up to RMB {n}0,000"))
    small = rng.randint(2, 40)  # a price or a rate is a small number, an area or amount not
    value = small if m in SMALL_FIGURES else amount
    return {
        "id": f"e{n:02d}-{topic}",
        "topic": topic,
        "title": {"zh": q + i + m, "en": f"{m_en} ({q_en} {i_en})"},
        "tags": [m_en],
        "questions": {"zh": zh, "en": en},
        "answer": {
            "zh": f"{zone.zh}对{q}{i}企业的{m}：{zh_figure.format(n=value)}，自2023年起执行。",
            "en": f"{zone.en}: {m_en} for {q_en} {i_en} companies, "
            f"{en_figure.format(n=value)}, from 2023.",
        },
        "sources": [f"src-{zone.id}"],
        "as_of": "2023",
    }


def _dump(path: Path, data: object) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(text, encoding="utf-8")


def make_questions(entries: list[SyntheticEntry], count: int, seed: int) -> list[Question]:
    """Perturb Chinese phrasings, one kind of perturbation each; every question names its zone."""
    rng = random.Random(seed + 1)
    perturb = _Perturber(rng)
    questions = []
    for n in range(count):
        entry = rng.choice(entries)
        phrasing = rng.choice(entry.phrasings[:ZH_PHRASINGS])
        head, found, tail = phrasing.partition(entry.zone_name)
        if not found:
            head, tail = "", phrasing
        kind = PERTURBATIONS[n % len(PERTURBATIONS)]
        text = perturb(kind, head, entry.zone_name, tail)
        questions.append(Question(text, (entry.zone_id, entry.entry_id), kind))
    return questions


class _Perturber:
    """Applies one kind of typing slip to a question: zone name in the middle."""

    def __init__(self, rng: random.Random) -> None:
        from pypinyin import lazy_pinyin

        self.rng = rng
        self.s2t = opencc.OpenCC("s2t")
        by_sound: dict[str, list[str]] = {}
        for ch in dict.fromkeys(COMMON_CHARS):
            by_sound.setdefault(lazy_pinyin(ch)[0], []).append(ch)
        self.homophones = {
            ch: [other for other in group if other != ch]
            for group in by_sound.values()
            for ch in group
        }

    def __call__(self, kind: str, head: str, zone: str, tail: str) -> str:
        rng = self.rng
        at = rng.randrange(len(tail) - 1)
        if kind == "deleted":
            tail = tail[:at] + tail[at + 1 :]
        elif kind == "swapped":
            tail = tail[:at] + tail[at + 1] + tail[at] + tail[at + 2 :]
        elif kind == "extra_words":
            head = rng.choice(("请问", "请问一下", "想问一下", "")) + head
            tail = rng.choice(("具体", "")) + tail + rng.choice(("呢", "是多少呢", "？"))
        elif kind == "homophone" and rng.random() < 0.5:
            zone = self._homophone(zone)
        elif kind == "homophone":
            tail = self._homophone(tail)
        text = head + zone + tail
        return str(self.s2t.convert(text)) if kind == "traditional" else text

    def _homophone(self, text: str) -> str:
        """Replace one character by another that sounds the same (高新区 -> 高薪区)."""
        spots = [k for k, ch in enumerate(text) if self.homophones.get(ch)]
        if not spots:
            return text
        k = self.rng.choice(spots)
        return text[:k] + self.rng.choice(self.homophones[text[k]]) + text[k + 1 :]


# Real kinds of zone, each with its English name and an id word; a city has several of them.
NATIONAL_KINDS = (
    ("高新区", "High-tech Zone", "hitech"),
    ("经济技术开发区", "Economic and Technological Development Zone", "etdz"),
    ("综合保税区", "Comprehensive Bonded Zone", "bonded"),
    ("新区", "New Area", "newarea"),
    ("产业园", "Industrial Park", "park"),
    ("工业园区", "Industrial Zone", "industrial"),
    ("科技园", "Science Park", "science"),
    ("物流园", "Logistics Park", "logistics"),
    ("软件园", "Software Park", "software"),
    ("出口加工区", "Export Processing Zone", "export"),
    ("临空经济区", "Airport Economic Zone", "airport"),
    ("保税港区", "Bonded Port Area", "port"),
)
NATIONAL_ENTRIES_PER_ZONE = 20


@dataclass(frozen=True)
class NationalZone:
    """A zone of the national base: its city and kind (中文, English, id word)."""

    name: _ZoneName
    city: str
    kind: tuple[str, str, str]


def gazetteer_cities() -> list[str]:
    """Real city names from the gazetteer (bot/data/places.txt): prefecture and county level."""
    path = Path(__file__).resolve().parents[1] / "bot" / "data" / "places.txt"
    section, seen, cities = "", set(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            section = line[2:3]
            continue
        name = line.strip()
        admin = name.endswith(("市", "区", "州", "盟", "地区"))
        if section in ("2", "3") and len(name) >= 2 and not admin and name not in seen:
            seen.add(name)
            cities.append(name)
    return cities


def national_zones(count: int, seed: int) -> list[NationalZone]:
    """`count` zones named city + kind, several a city (one to all twelve kinds), shuffled."""
    rng = random.Random(seed)
    cities = gazetteer_cities()
    rng.shuffle(cities)
    cities = cities[: max(1, min(len(cities), count // 4))]
    per_city = [1] * len(cities)
    while sum(per_city) < min(count, len(cities) * len(NATIONAL_KINDS)):
        k = rng.randrange(len(cities))
        if per_city[k] < len(NATIONAL_KINDS):
            per_city[k] += 1
    zones = []
    for city, n in zip(cities, per_city, strict=True):
        city_en = _latin_name(city)
        for kind_zh, kind_en, word in rng.sample(NATIONAL_KINDS, n):
            zone_id = f"z{len(zones):04d}-{city_en.lower()}-{word}"
            name = _ZoneName(zone_id, city + kind_zh, f"{city_en} {kind_en}", city + "市", city_en)
            zones.append(NationalZone(name, city, (kind_zh, kind_en, word)))
    rng.shuffle(zones)
    return zones[:count]


def write_national_kb(root: Path, zones: list[NationalZone], seed: int) -> list[SyntheticEntry]:
    """Write the national base (20 entries a zone) under `root`; return its entries."""
    rng = random.Random(seed)
    (root / "zones").mkdir(parents=True)
    entries: list[SyntheticEntry] = []
    for zone in zones:
        zone_file, zone_entries = _zone_file(zone.name, NATIONAL_ENTRIES_PER_ZONE, rng)
        _dump(root / "zones" / f"{zone.name.id}.yaml", zone_file)
        entries += zone_entries
    _dump(root / "sources.yaml", [_source(zone.name) for zone in zones])
    _dump(root / "synonyms.yaml", SYNONYMS)
    return entries
