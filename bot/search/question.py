"""Read a question: its text, language and script, and the wordings that say what it asks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot.kb.models import Entry, Lang
from bot.search.decision import MAX_CLAUSES
from bot.search.foreign import from_foreign_words, from_japanese
from bot.search.index import ContentWord
from bot.search.textnorm import (
    CJK_RE,
    MAX_QUESTION_CHARS,
    detect_lang,
    from_cantonese,
    is_traditional,
    latin_words,
    looks_like_pinyin,
    normalize,
    normalize_all,
)

# a title's or a firm's dot (Mr. Meng, Dr. Liu, Co. Ltd.) ends no sentence
_DOT = (
    r"(?<!\bmr)(?<!\bms)(?<!\bdr)(?<!\bmrs)(?<!\bprof)(?<!\bvs)(?<!\bco)(?<!\bltd)(?<!\binc)"
    r"(?<!\bno)(?<!\bst)\.(?=\s)"
)
CLAUSE_RE = re.compile(r"[，,。；;？?！!\n]+|" + _DOT, re.IGNORECASE)
_CLAUSE_ENDS_RE = re.compile(f"({CLAUSE_RE.pattern})", re.IGNORECASE)  # the marks kept
_COMMA_RE = re.compile(r"[，,；;]+")
_SENTENCE_ENDS_RE = re.compile(r"([。！？!?]+|" + _DOT + ")", re.IGNORECASE)  # marks kept
_STATEMENT_ENDS_RE = re.compile(r"^[^?？]*[。.!！][^?？]*$")  # a full stop, no question mark
# a clause saying that the question comes: 俺想问问, 想请教一下, my question is
_ASKING_OPENS_RE = re.compile(
    r"(?:我|俺|咱|额|阿拉|伢)?们?(?:就是)?(?:想|要)?(?:问问|问一下|问下|请教|咨询一下|咨询下)"
    r"|(?:我|俺|咱|额|阿拉|伢)?们?(?:就是)?(?:想|要)(?:问|咨询)(?![题过])|请问"  # not 问过
    r"|\b(?:my question is|i (?:want|would like|d like|wanted) to (?:ask|know)|question:)"
)
# clauses, and a part set off by a dash or joined by "and" before a question word:
# "<fact>——是谁说的", "when did it start and who runs it?"
PARTS_RE = re.compile(
    r"[，,。；;？?！!\n]+|"
    + _DOT
    + r"|\s*(?:——|—|--|–)\s*|\s+-\s+|\s(?:and|,)\s(?=(?:who|when|where|what|which|how)\b)",
    re.IGNORECASE,
)
# a part asking who said what the question states ("<fact>，是谁说的", "— and who said so?")
WHO_SAID_RE = re.compile(
    r"谁(?:说|讲|提|表示|介绍|透露)的?|(?:出自|来自)谁"
    r"|\bwho (?:said|says|stated|mentioned|claimed)\b|\baccording to whom\b"
    r"|\bwho(?: is|s| was)? (?:saying|claiming|stating) (?:so|this|that)\b"
)
# a part of a question asking, besides ASKS_RE's words: 咋样, 是什么情况, tell me about
PART_ASKS_RE = re.compile(
    r"咋|情况|说说|讲讲|多[大高久长远]|想问|请问|想了解"
    r"|\b(?:tell me|info(?:rmation)? (?:on|about)|details? (?:on|of|about)|what about|how about)\b"
)
SPEAKERS: dict[Lang, str] = {"zh": "谁说的", "en": "people named"}  # what WHO_SAID_RE asks
# ... and, in a question typed without punctuation, a space between two Chinese runs
# ("…有多少家 2022年营收增长多少")
SPACED_PARTS_RE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff\d])")
JOIN_RE = re.compile(r"以及|还有|和|与|及|、|\band\b|&")  # two topics asked together
# Words that open a sentence without naming anything ("Describe the Golden Ten").
SENTENCE_OPENERS = frozenset(
    """describe summarize summarise show list explain find compare provide share send okay ok
    thanks thank hmm hi hello hey yes yeah no so now then also well kindly let lets quick brief
    info information detail details regarding need want looking interested question questions
    more other another""".split()
)
_GREETINGS = frozenset(
    "你好 您好 哈喽 嗨 在吗 在不在 谢谢 多谢 感谢 再见 拜拜 早上好 晚上好 下午好 好的 收到 嗯 哦 "
    "帮助 help hi hello hey thanks thank you thx bye goodbye ok okay yes no start morning "
    "good day afternoon evening gday greetings dear sir madam all "
    "你是谁 你是什么 你能做什么 你会什么 你能干什么 怎么用 你好吗 "  # about the bot itself
    "who what are is can do your name".split()
)
ASKS_RE = re.compile(  # a clause worded as a question
    r"吗|呢|多少|几|哪|什么|啥|怎么|如何|是否|有没有|能否|可否|谁|\b(?:what|which|who|when|where|how|is|are"
    r"|does|do|can|could)\b"
)
# a Chinese A-not-A question (收不收钱, 凶不凶), not 时不时 or 动不动
A_NOT_A_RE = re.compile(r"(?!时不时|动不动)([\u3400-\u9fff])不\1")
# ... but not a remark after it ("hoping green power is cheap"): it asks nothing
REMARK_RE = re.compile(
    r"^\s*(?:i |we )?(?:hope|hoping|assume|assuming|guess|guessing|think|believe|suppose|reckon"
    r"|bet|sounds|seems|looks like)\b"
)
# ASKS_RE's Chinese words: "is" and "are" may open a statement (I read that it is ...)
_ASKS_ZH = re.compile(r"吗|呢|多少|几|哪|什么|啥|怎么|如何|是否|有没有|能否|可否|谁")
# ... and its English: a question word anywhere, a verb asking only where a clause opens
_ASKS_EN = re.compile(r"\b(?:what|which|who|when|where|how)\b|^\s*(?:is|are|does|do|can|could)\b")
# 多大, 几个月, 哪个省, how big; what percentage: a figure asked, which an answer must give
QUESTION_WORD_RE = re.compile(r"多|几|哪|在哪|how\b|percent(?:age)?s?\b|百分比|百分之")
# "哪几个部门" (Cantonese 边几个) asks which ones, not how many: 哪/边 before 几 asks no amount
FIGURE_RE = re.compile(  # 第几 asks which in order, not how many
    r"多少|(?<![哪边第])几[个家名位项层年所座栋期人次亿万]|\bhow (?:much|many)\b"
)
# a clause the asker opens on (俺: the northern I)
ASKER_OPENS_RE = re.compile(r"我|咱|俺|本公司|\b(?:we|our|i|my)\b")
_ABOUT_THE_ASKER = re.compile(  # a clause saying who asks: 我们是做…的, we are a … company
    r"(?:我们|我司|我方|本公司|我公司|咱们|我们家|我家|俺们|俺|伢|本人)(?:公司|企业|这边)?"
    r"(?:是|做|主要做|从事|搞)"
    # … or where they work first: 我们海城做耐火材料的, 俺待淄博做玻璃瓶的, 伢是柯桥搞印染的
    r"|(?:我们|我|咱们|俺们|俺|伢)(?:在|待|是)?(?:(?![想可需怎哪该能会])[\u3400-\u9fff]){2,3}?"
    r"(?:是|主要)?(?:做|搞|从事)"
    r"|(?:we are|we're|we re|we run|we make|we do|we sell|we supply|we produce|we export"
    r"|our company|our firm|i am|i'm|i m|i run|i own|i have a)\b"
)
# a clause saying only what the asker plans, naming nothing: 我们准备在那边落地, we plan to invest
_ASKERS_PLAN = re.compile(
    r"(?:我们|我司|我方|本公司|我公司|咱们)(?:公司|企业)?(?:准备|打算|计划|正在考虑|考虑|有意|想)"
    r"(?:在|去|到)?(?:那边|这边|那里|这里|当地)?(?:落地|落户|投资|建厂|设厂|入驻|发展)?"
    r"|(?:we|i) (?:plan|want|intend|hope|are planning|am planning) to (?:invest|settle|build|move)"
    r"(?: (?:there|here))?"
)
# a clause setting the scene, asking nothing: 最近看到…在建设, 听说…, I read that … is being built
_SCENE = re.compile(
    r"(?:我们?|我司|我方)?(?:最近|近期|近来|前段时间|前几天|日前|刚刚|刚)?(?:在(?:新闻|报道|网上)[上里中]?)?"
    r"(?:看到|看见|听说|听闻|了解到|注意到|关注到|获悉|得知|据说|据报道|新闻说|报道说|读到)"
    r"|(?:i|we) (?:recently )?(?:saw|read|heard|noticed|learned|learnt|see|hear)\b"
    r"|recently,? (?:i|we) (?:saw|read|heard|noticed|learned|learnt)\b"
)
# a clause saying what the asker is doing, whole: 正在比较几个地方, 我们在做投资调研 (its 几 asks
# nothing: "a few places")
_ASKERS_WORK = re.compile(
    r"(?:我们?|我司|我方|咱们)?(?:公司|企业)?(?:目前|现在|最近)?(?:正在|在)"
    r"(?:比较|对比|考察|调研|选址|做(?:投资|选址|市场|前期)?调研)"
    r"(?:几个|多个|一些|各个|不同)?(?:地方|园区|城市|地区|选址|的地方)?"
    r"|(?:we are|we re|i am|i m) (?:comparing|looking at|scouting|visiting) (?:a few|several|some)"
    r" (?:places|sites|parks|zones|cities|locations)"
)
# a clause saying what the asker asks for, whole: 我们在准备山西方向的简报, in preparing an
# assessment of …, as part of a study on …, our HR team is assessing …
_ASKERS_PURPOSE = re.compile(
    r"(?:我们?|我司|我方|咱们)?(?:正在|在|为了?)?(?:准备|写|做|撰写)[^ ]{0,16}"
    r"(?:报告|论文|简报|作业|研究|方案|材料|稿子|文章|汇报|提案)"
    r"|(?:in preparing|in preparation|as part of|in the context of|with a view to|to prepare"
    r"|for (?:a|an|our|my) (?:\w+ ){0,2}(?:study|report|assessment|presentation|proposal"
    r"|analysis|review|paper|briefing|brief|piece|memo|client))\b"
    r"|(?:i am|i m|we are|we re) (?:compiling|preparing|writing|drafting|putting together|doing)"
    r" (?:a|an|our|my|some)\b"
    r"|(?:our|my) (?:\w+ ){0,2}(?:team|firm|company|fund|client|office|department)"
    r" (?:is|are) (?:assessing|evaluating|preparing|comparing|reviewing|studying|analysing"
    r"|analyzing|looking)\b"
)
_TRADE_HEAD_RE = re.compile(r"^(?:主要做|做|从事|搞|生产|a |an )")
_TRADE_TAIL_RE = re.compile(r"(?:的|\b(?:company|firm|business|maker|manufacturer))$")
_ABOUT_THE_BOT = re.compile(r"(?:你|您)们?(?:是|叫|会)|(?:who |what )?(?:are|r) (?:you|u)\b")


@dataclass
class _Memo:
    """What matching one question works out more than once: for several zones, or again."""

    # English? and the topic; then each text's score
    fuzzy: dict[tuple[bool, str], dict[str, float]] = field(default_factory=dict)
    words: dict[tuple[str, bool], list[ContentWord]] = field(default_factory=dict)
    norms: dict[str, str] = field(default_factory=dict)  # each text normalised

    def normalized(self, text: str) -> str:
        """normalize(text), worked out once a question: its clauses are read again."""
        if text not in self.norms:
            self.norms[text] = normalize(text)
        return self.norms[text]


@dataclass(frozen=True)
class Question:
    """A question as read: its text, language and script, and how it named its zones."""

    raw: str
    norm: str
    lang: Lang
    traditional: bool
    pinyin: bool
    names: tuple[str, ...] = ()  # how the question named its zones, typos included
    slips: tuple[str, ...] = ()  # latin words that named a zone misspelt (quingdao)
    memo: _Memo = field(default_factory=_Memo, compare=False, repr=False)


def asked_apart(norm: str) -> list[str]:
    """The parts of a question asking two figures side by side, split where it is typed
    apart ("<zone>现在多少企业 22年营收又是多少"): each part asks for a figure."""
    pieces = norm.split()
    asking = [p for p in pieces if FIGURE_RE.search(p)]
    return asking if len(asking) >= 2 else []


# "kindly share ...", "could you share with us ...": share asks to be told, not a share
_SHARE_ASKED_RE = re.compile(
    r"\b(?:kindly|please|pls|plz|pl|you|u) (?:share|shed light on|throw light on)"
    r"(?: (?:with )?(?:me|us))?\b"
)

# English idioms whose words name something else: "if your firm lands one of those titles"
# (land before a determiner wins, it names no land), "the headline number" (the main figure,
# not the article's headline)
_IDIOMS = (
    (
        re.compile(
            r"(?<!the )(?<!of )(?<!much )(?<!more )\bland(?:s|ed|ing)?"
            r"(?= (?:a|an|one|some|any|those|these|such|your|their|our|my|his|her)\b)"
        ),
        "win",
    ),
    (re.compile(r"\bheadline(?= (?:numbers?|figures?|rates?|growth)\b)"), "main"),
    (re.compile(r"\b(?:or not|yes or no)\b(?! only)"), " "),  # "IVD or not?" asks whether: 吗
)


def read_question(question: str, preferred: Lang | None) -> Question:
    """Read a question as typed; `preferred` is its language when its words tell none."""
    raw = question[: MAX_QUESTION_CHARS * 2].strip()  # the prefix normalize() reads
    norm = _SHARE_ASKED_RE.sub(" ", normalize(from_japanese(raw)))
    for idiom, meaning in _IDIOMS:
        norm = idiom.sub(meaning, norm)
    pinyin = not CJK_RE.search(norm) and looks_like_pinyin(norm)
    norm = norm if pinyin else from_foreign_words(norm)  # quanti of "quanti piani", not 全体
    lang = detect_lang(raw, norm) or preferred or "zh"
    # the script of the Mandarin it says: 嗰 and 喎 are no traditional characters
    traditional = is_traditional(from_cantonese(raw))
    return Question(raw, norm, lang, traditional, pinyin, memo=_Memo(norms={raw: norm}))


_LATIN_WORD_RE = re.compile(r"[A-Za-z]{3,}")


def in_title_case(raw: str) -> bool:
    """Tell whether a question capitalises most of its words: its capitals name nothing."""
    words: list[str] = _LATIN_WORD_RE.findall(raw)
    return sum(w[0].isupper() for w in words) > 0.75 * len(words)


def is_smalltalk(norm: str) -> bool:
    """Tell whether a message asks nothing to look up: a greeting, thanks, or no words."""
    words = norm.split()
    if not CJK_RE.search(norm) and not latin_words(norm):
        return True
    compact = norm.replace(" ", "")
    return compact in _GREETINGS or (bool(words) and all(w in _GREETINGS for w in words))


def about_the_bot(norm: str) -> bool:
    """Tell whether a question naming no zone asks about the bot itself (你是机器人吗)."""
    return bool(_ABOUT_THE_BOT.match(norm.replace(" ", "") if CJK_RE.search(norm) else norm))


def without_the_asker(q: Question) -> Question | None:
    """A question without its clauses about the asker ("我们是做医疗器械的", "we are a maker").

    What the asker's firm does says who asks, not which zone is asked about. None when no
    clause is about the asker, or every one is.
    """
    asking = _clauses_but(q, lambda c: _ABOUT_THE_ASKER.match(c) and not _ASKS_ZH.search(c))
    return read_question(" ".join(asking), q.lang) if asking else None


# words in brackets: a gloss, a guess or a note on the place ("Luzhou (the wine city in Sichuan)")
_BRACKETED_RE = re.compile(r"\s*[(（][^()（）]{1,60}[)）]")


def without_the_brackets(q: Question) -> Question | None:
    """A question without what it says in brackets, asked again when the whole finds nothing:
    a note on the place or a word glossed again is no topic of its own."""
    bare = _BRACKETED_RE.sub(" ", q.raw)
    if bare == q.raw or not bare.strip():
        return None
    return replace(read_question(bare, q.lang), names=q.names, slips=q.slips)


def without_the_plans(q: Question) -> Question | None:
    """A question without its clauses saying only what the asker plans ("我们准备在那边落地").

    Their words (落地, invest) would otherwise be read as what is asked about the zone.
    """
    asking = _clauses_but(q, _ASKERS_PLAN.fullmatch)
    if not asking:
        return None
    return replace(read_question(" ".join(asking), q.lang), names=q.names, slips=q.slips)


# a last part asking whether the asker's own line fits the zone (跟我们光通信沾不沾边, 数控机床
# 用得着伐, any room for machinery makers): the answer to the part before lets them judge
_FITS = re.compile(
    r"沾不沾边|沾边[吗么伐不]|用得着|用得上|能进[吗么伐不]|能不能进|进得去|好去[伐吗么]"
    r"|有机会[吗么伐]|有没有机会|有搞头|对口[吗么伐]|对不对口|合不合适|适不适合|合适[吗么伐]"
    r"|适合[吗么伐]|\broom for\b|\bfit (?:for|in)\b|\bsuits? (?:us|a|an|our|me)\b"
    r"|\brelevant (?:to|for) (?:us|our|me|my)\b|\bplace for (?:us|a|an|our|me)\b"
    r"|\b(?:something|anything) (?:in it )?for (?:us|me|our|my)\b|\bgood for (?:us|our|me)\b"
    r"|适合我们|有没有适合|对我们有用"
)
# ... or offering a guess at what a question asking which or where finds (钢铁？ 西宁伐,
# "xining or somewhere else", "is it xining?"), offered as a question: a mark or a particle
# ends it
_GUESS = re.compile(
    r"(?:是|在|跟|和)?[\u3400-\u9fff]{1,4}(?:有关系)?(?:[吗么伐嘛吧]|[呀啊]?[?？])"
    r"|(?:[a-z]+ ){1,2}or (?:(?:somewhere|something|someone|anywhere) else|other|elsewhere)\??"
    r"|is it (?:[a-z]+ ){0,2}[a-z]+\?|[a-z]+(?: [a-z]+)?\?"  # xining?
)
# ... not a part asking more (老总是谁, 开工了没, 有补贴吗, 电话？) or naming a time (2022年？,
# 去年吗: a year's figure)
_GUESS_ASKS = re.compile(
    r"[年月号季期没不谁几哪啥价钱费率]|\d|今天|明天|今年|去年|明年|前年|以前|以后|之前|之后"
    r"|多少|什么|怎么|如何|电话|手机|邮箱|微信|联系|^(?:有|能|可以|可|会|要|需|还|离)"
    r"|\b(?:who|when|how|what|which|why|where)\b"
)
_ASKS_WHICH = re.compile(r"哪|啥|什么|么事|\b(?:which|what|where)\b")  # the part before asks
# ... which is not left waiting for its noun (有哪些 产业？: the noun is what is asked)
_WHICH_WAITING = re.compile(r"(?:什么|啥|哪些|哪个|哪种|哪类|哪家|哪样|\bwhich|\bwhat)\s*$")
# the asker's own words ask all the same: a wh-word, a request, a want ("我想知道…营收",
# "I should be grateful if you could inform me of ...", "my main interest is the revenue")
_ASKER_ASKS = re.compile(
    r"想知道|想了解|想问|想查|想看|需要|关心|希望了解|能不能|可不可以|可以|\d"
    r"|\b(?:what|which|who|when|where|how|could|would|can|please|kindly|let (?:me|us) know"
    r"|inform|indicate|advise|tell|need|needs|wants? to know|interested in|interest is"
    r"|know (?:the|its|their|about))\b"
)
_WH_WORD = re.compile(r"哪|什么|啥|\b(?:which|what|who|when|where|how)\b")


@dataclass(frozen=True)
class Aside:
    """A question's last part asking nothing the base holds, and the question without it."""

    bare: Question
    text: str  # the aside, normalised
    guessed: bool  # a guess at what is asked: it may name what the answer holds


# an aside hedged ("maybe we can supply them"): what follows is still the asker's line
_HEDGE_RE = re.compile(r"^(?:maybe|perhaps|possibly|hopefully|也许|或许|说不定|估计) ?")


def without_the_aside(q: Question) -> Aside | None:
    """A question without its last part when that part asks nothing the base holds: whether
    the asker's own line fits, what the asker does, or a guess at what is asked; the part
    before it must ask.

    Typed on a phone, the part is often set off by a space only ("<zone>搞哪样产业的 钢铁？").
    """
    raw = q.raw.rstrip()
    ends = [m.start() for m in PARTS_RE.finditer(raw) if m.end() < len(raw)]
    ends += [m.start() for m in SPACED_PARTS_RE.finditer(raw)]
    if not ends:
        return None
    cut = max(ends)
    aside = q.memo.normalized(PARTS_RE.sub(" ", raw[cut:])).strip()
    if not aside:
        return None
    fits = _FITS.search(aside) and not FIGURE_RE.search(aside) and not _WH_WORD.search(aside)
    hedged = _HEDGE_RE.match(aside)  # "maybe we can supply them": no "can we …?"
    told = (  # "we are a chemicals trader": its "are" asks nothing
        ASKER_OPENS_RE.match(aside[hedged.end() :] if hedged else aside)
        and not _ASKS_ZH.search(aside)
        and (hedged or not _ASKER_ASKS.search(aside))
        and not PART_ASKS_RE.search(aside)
        and not A_NOT_A_RE.search(aside)
        and not raw.endswith(("?", "？"))
    )
    guessed = aside + ("?" if raw.endswith(("?", "？")) else "")
    may_guess = (
        _GUESS.fullmatch(guessed) and not _GUESS_ASKS.search(aside) and not is_smalltalk(aside)
    )
    if not (fits or told or may_guess):
        return None  # most questions stop here, before the rest is read
    rest = raw[:cut].strip()
    asked = q.memo.normalized(rest)
    if not _asks_at_all(asked):
        return None
    guess = may_guess and _ASKS_WHICH.search(asked) and not _WHICH_WAITING.search(asked)
    if not (fits or told or guess):
        return None
    bare = replace(read_question(rest, q.lang), names=q.names, slips=q.slips)
    return Aside(bare, aside, not (fits or told))


def _asks_at_all(norm: str) -> bool:
    """Tell whether a part asks anything: a question word, a request, an A-not-A question."""
    return any(p.search(norm) for p in (ASKS_RE, PART_ASKS_RE, A_NOT_A_RE, _ASKS_WHICH))


def without_the_scene(
    q: Question, topical: Callable[[str], bool] | None = None
) -> Question | None:
    """A question without its clauses setting the scene ("最近看到<zone>在开工建设", "I read
    that <zone> is building a plant"), when a clause left asks something.

    The scene names what the asker saw, not what is asked: its words (建设, 开工) would
    otherwise pick an entry on another aspect.
    """
    asking = _clauses_but(  # the asker's own clauses set the scene as well
        q,
        lambda c: (
            ((_SCENE.match(c) or _ABOUT_THE_ASKER.match(c)) and not _ASKS_ZH.search(c))
            or _ASKERS_WORK.fullmatch(c)
            or (_ASKERS_PURPOSE.match(c) and not ASKS_RE.search(c))
        ),
        run_on=True,
    )
    ended = _clauses_with_ends(q)
    clauses = [clause for clause, _ in ended]
    asking = _from_the_asking_clause(q, ended, asking or clauses, topical)
    if len(asking) in (0, len(clauses)):  # nothing left out, or everything
        return None
    norms = (q.memo.normalized(c) for c in asking)
    if not any(ASKS_RE.search(n) or PART_ASKS_RE.search(n) for n in norms):
        return None
    return replace(read_question(" ".join(asking), q.lang), names=q.names, slips=q.slips)


def _from_the_asking_clause(
    q: Question,
    whole: list[tuple[str, str]],
    clauses: list[str],
    topical: Callable[[str], bool] | None,
) -> list[str]:
    """Of `clauses` (the question's, or those left of them), those from the one saying that
    the question comes ("俺想问问这是…", "my question is ..."), when nothing before it asks
    with a question mark, and either the whole question opens on the asker's story or scene
    ("俺是开封嘞 …") or what comes before names no topic (`topical`): those clauses tell the
    story, not what is asked ("<zone>的研发奖励，请问最高多少" keeps its topic)."""
    first = q.memo.normalized(whole[0][0]).strip() if whole else ""
    story = bool(
        _ABOUT_THE_ASKER.match(first) or ASKER_OPENS_RE.match(first) or _SCENE.match(first)
    )
    for at, clause in enumerate(clauses[1:], start=1):
        if not _ASKING_OPENS_RE.match(q.memo.normalized(clause).strip()):
            continue
        before = whole[: next(i for i, (c, _) in enumerate(whole) if c == clause)]
        if any("?" in ends or "？" in ends for _, ends in before):
            return clauses
        untopical = topical is not None and not any(topical(c) for c in clauses[:at])
        return clauses[at:] if story or untopical else clauses
    return clauses


def without_the_purpose(q: Question) -> Question | None:
    """A question without its clauses saying what the asker prepares ("I am compiling a brief
    for my minister"), whatever is left."""
    asking = _clauses_but(q, lambda c: _ASKERS_PURPOSE.match(c) and not ASKS_RE.search(c))
    return read_question(" ".join(asking), q.lang) if asking else None


def _clauses_but(q: Question, said: Callable[[str], object], *, run_on: bool = False) -> list[str]:
    """A question's clauses but those `said` finds in (normalised): none when no clause is
    left out, or every one is.

    `run_on`: a clause going on from one left out, after a comma, asking nothing and naming
    no zone, is left out too ("We are into IVD only, reagents and analysers, 18 years in
    Kolkata."): the asker's story runs to the sentence's end.
    """
    clauses = _clauses_with_ends(q)
    if len(clauses) < 2:
        return []
    ends_of_sentence = _sentence_ends([ends for _, ends in clauses])
    asking = []
    left_out = False  # the clause before was left out, and only a comma came after it
    for (clause, ends), sentence_ends in zip(clauses, ends_of_sentence, strict=True):
        norm = q.memo.normalized(clause).strip()
        left_out = bool(said(norm)) or (
            run_on and left_out and _goes_on_asking_nothing(q, norm, sentence_ends)
        )
        if not left_out:
            asking.append(clause)
        left_out = left_out and _COMMA_RE.fullmatch(ends.strip()) is not None
    return asking if 0 < len(asking) < len(clauses) else []


def tells_of_the_asker(clause: str) -> bool:
    """A clause opening on the asker and asking nothing: their own story, no topic ("my
    agent says there is a park in …": its "is" asks nothing)."""
    return bool(ASKER_OPENS_RE.match(clause.strip())) and not (
        _ASKS_ZH.search(clause) or _ASKS_EN.search(clause)
    )


def sentences(text: str) -> list[str]:
    """A text's sentences, each with its end mark (a title's dot, Mr. or Co., ends none)."""
    pieces = _SENTENCE_ENDS_RE.split(text)
    joined = ("".join(p) for p in zip(pieces[::2], [*pieces[1::2], ""], strict=True))
    return [sentence for sentence in joined if sentence.strip()]


def _clauses_with_ends(q: Question) -> list[tuple[str, str]]:
    """A question's clauses, each with the marks that end it; a part set off by a space
    between Chinese runs typed without marks ends with a comma."""
    pieces = _CLAUSE_ENDS_RE.split(q.raw)  # clause, what ends it, clause, ...
    return [
        (part, ends if i == len(parts) - 1 else ",")
        for text, ends in zip(pieces[::2], [*pieces[1::2], ""], strict=True)
        for parts in [[p for p in SPACED_PARTS_RE.split(text) if p.strip()]]
        for i, part in enumerate(parts)
    ][:MAX_CLAUSES]


def _sentence_ends(ends: list[str]) -> list[str]:
    """For each clause, the marks ending its sentence: the first after it that is no comma
    ("" for a question's last sentence typed without a mark)."""
    found: list[str] = []
    last = ""
    for mark in reversed(ends):
        if _COMMA_RE.fullmatch(mark.strip()) is None:
            last = mark
        found.append(last)
    return found[::-1]


def _goes_on_asking_nothing(q: Question, norm: str, sentence_ends: str) -> bool:
    """Tell whether a clause after the asker's story goes on with it: it asks nothing, names
    no zone, and its sentence is a statement (ends in a full stop, not a question mark nor
    the question's end: "we are a steel maker, relocation subsidy, how much?" asks)."""
    return (
        not ASKS_RE.search(norm)
        and not PART_ASKS_RE.search(norm)
        and bool(_STATEMENT_ENDS_RE.search(sentence_ends))
        and not any(name in norm for name in q.names)
    )


def the_askers_trade(q: Question) -> Question | None:
    """What the asker's clauses say the asker does ("我们是做特钢的" -> 特钢), as a question."""
    clauses = [c for c in CLAUSE_RE.split(q.raw) if c.strip()][:MAX_CLAUSES]
    trades = []
    for clause in clauses:
        said = normalize(clause).strip()
        if frame := _ABOUT_THE_ASKER.match(said):
            trade = _TRADE_HEAD_RE.sub("", said[frame.end() :].strip())
            trades.append(_TRADE_TAIL_RE.sub("", trade).strip())
    trade = " ".join(t for t in trades if t)
    return replace(read_question(trade, q.lang), raw=trade) if trade else None


def written_as_its_own(q: Question, entry: Entry) -> bool:
    """Tell whether a question is one of an entry's own written questions: the editor's word
    on which entry answers it stands."""
    return q.norm in normalize_all(entry.questions.all())
