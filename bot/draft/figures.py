"""Find figures (numbers with their units) and dates in Chinese and English text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.search.textnorm import chinese_number

_WIDTH = {**{0xFF10 + i: 0x30 + i for i in range(10)}, 0xFF05: 0x25, 0xFF0E: 0x2E, 0x2236: 0x3A}
_WIDTH |= {0xFF21 + i: 0x41 + i for i in range(26)} | {0xFF41 + i: 0x61 + i for i in range(26)}
_CN_NUMERAL = "零〇一二两三四五六七八九十百千"
_NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?|[{_CN_NUMERAL}]+)"
_BIG = r"(?:千万|百万|万|亿)"
_ZH_UNITS = (
    "亿美元 万美元 美元 亿元 万元 元 亿千瓦时 万千瓦时 千瓦时 万千瓦 千瓦 兆瓦 千伏 "
    "平方公里 平方千米 平方米 公顷 亩 万吨 吨 人次 家 人 名 位 项 台 架 套 支 期 座 栋 "
    "个机柜 个月 个 倍 天 %"
).split()
_ZH_UNIT = "|".join(sorted(map(re.escape, _ZH_UNITS), key=len, reverse=True))
_EN_UNIT = (
    r"(?:%|per ?cent|percent|(?:square )?(?:kilomet(?:er|re)s?|met(?:er|re)s?)|km2|km²|m²|"
    r"sq\.? ?m|mu|hectares?|yuan|dollars|(?:[a-z-]+ ){0,2}(?:companies|firms|enterprises|people|"
    r"workers|employees|projects)|kilowatt-hours|kwh|kv|mw|gw|tons|tonnes|racks|patents|units)"
)
_EN_SCALE = r"(?:thousand|million|billion|trillion|bn|m)"
_EN_MONEY = r"(?:RMB|CNY|US\$|USD|\$|€|EUR)"
FIGURE_RE = re.compile(
    rf"(?P<ratio>\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?(?:\s*或\s*\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?)?)"
    rf"|(?P<fraction>\d+\s*/\s*\d+)(?![\d/])"
    rf"|(?P<percentof>百分之[{_CN_NUMERAL}][{_CN_NUMERAL}点]*)"
    rf"|(?P<zh>{_NUMBER}\s*(?:多|余)?\s*{_BIG}?\s*(?:多|余)?\s*"
    rf"(?:(?:{_ZH_UNIT})?\s*[—–\-~～至到]\s*{_NUMBER}\s*{_BIG}?\s*(?:{_ZH_UNIT})|(?:{_ZH_UNIT})))"
    rf"|(?P<en>(?:{_EN_MONEY}\s?)?\d[\d,]*(?:\.\d+)?\s?(?:{_EN_SCALE}\b\s?)?(?:{_EN_UNIT}\b|%)?)",
    re.IGNORECASE,
)
DATE_RE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年(?:\s*(?P<month>1[0-2]|0?[1-9])\s*月(?:\s*(?P<day>[1-3]?\d)\s*日)?)?"
    r"|(?P<md_month>1[0-2]|0?[1-9])\s*月\s*(?P<md_day>[1-3]?\d)\s*日"
    r"|(?P<en_month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)\s+"
    r"(?:(?P<en_day>[1-3]?\d),?\s+)?(?P<en_year>(?:19|20)\d{2})"
    r"|\b(?:in|since|by|of|end of|as of)\s+(?P<en_only_year>(?:19|20)\d{2})\b"
)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_CN_NUMERAL_RUN_RE = re.compile(f"[{_CN_NUMERAL}]+")
_CN_NUMBER_AT_RE = re.compile(f"(?:^|(?<=-))[{_CN_NUMERAL}]+")
_SPACE_RE = re.compile(r"\s+")
_RANGE_DASH_RE = re.compile(r"\s*[—–~～至到-]\s*")
_BARE_NUMBER_RE = re.compile(r"^[\d,.\s]+$")
_YEAR_LIKE_RE = re.compile(r"^(?:19|20)\d{2}$")


@dataclass(frozen=True)
class Figure:
    """A figure as written and in the one form used to compare it with the knowledge base."""

    text: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Date:
    """A date in a text, as YYYY, YYYY-MM or YYYY-MM-DD (year taken from context if missing)."""

    period: str
    start: int
    end: int


def fold_width(text: str) -> str:
    """Fold full-width digits, letters, % and the ratio sign, one character for one."""
    return text.translate(_WIDTH)


def canonical(text: str) -> str:
    """One form per figure: digits, no spaces or thousands commas, ASCII signs, lower case."""
    text = _SPACE_RE.sub("", text.replace("∶", ":").replace("％", "%")).lower()
    text = _RANGE_DASH_RE.sub("-", text)
    text = text.replace("percent", "%").replace("percent", "%")
    if text.startswith("百分之"):
        whole, _, fraction = text[3:].partition("点")
        fraction = fraction.replace("点", "")
        return chinese_number(whole) + (f".{chinese_number(fraction)}" if fraction else "") + "%"
    text = _CN_NUMBER_AT_RE.sub(lambda m: chinese_number(m.group(0)), text)
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def find_figures(text: str) -> list[Figure]:
    """Every figure with a unit in `text`, dates excluded, in order."""
    text = fold_width(text)
    dates = [(d.start, d.end) for d in find_dates(text, "")]
    found: list[Figure] = []
    for match in FIGURE_RE.finditer(text):
        written = match.group(0).strip()
        if not written or any(s <= match.start() < e for s, e in dates):
            continue
        if match.lastgroup == "en" and not _has_unit(written):
            continue
        if match.lastgroup == "zh" and _is_word(written):
            continue
        start = match.start() + match.group(0).find(written)
        found.append(Figure(written, canonical(written), start, start + len(written)))
    return found


def _has_unit(written: str) -> bool:
    """An English number counts only with a currency, a scale or a unit: a year is not one."""
    return not _BARE_NUMBER_RE.match(written) and not _YEAR_LIKE_RE.match(written)


def _is_word(written: str) -> bool:
    """一个, 两家 and 三大 are words, not figures: a lone Chinese numeral needs a strong unit."""
    if written[0].isdigit():
        return False
    run = _CN_NUMERAL_RUN_RE.match(written)
    numeral = run.group(0) if run else ""
    rest = written[len(numeral) :].strip()
    return len(numeral) == 1 and rest in {"个", "人", "名", "位", "项", "家", "期", "倍", "天"}


def find_dates(text: str, default_year: str) -> list[Date]:
    """Every date in `text`; a month and day with no year take `default_year`, or are skipped."""
    found: list[Date] = []
    for match in DATE_RE.finditer(text):
        period = _period(match, default_year)
        if period:
            found.append(Date(period, match.start(), match.end()))
    return found


def _period(match: re.Match[str], default_year: str) -> str:
    groups = match.groupdict()
    if groups["year"]:
        return _join(groups["year"], groups["month"], groups["day"])
    if groups["md_month"]:
        return _join(default_year, groups["md_month"], groups["md_day"]) if default_year else ""
    if groups["en_year"]:
        month = str(_MONTHS.index(groups["en_month"][:3].lower()) + 1)
        return _join(groups["en_year"], month, groups["en_day"])
    return groups["en_only_year"] or ""


def _join(year: str, month: str | None, day: str | None) -> str:
    if not month:
        return year
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return year
    if not day:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"
