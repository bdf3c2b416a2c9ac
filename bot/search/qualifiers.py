"""Who a question asks about besides the zone: foreign or Hong Kong investors, start-ups,
small firms. An entry that never mentions them does not answer "what incentives for
foreign investors": it answers what the zone gives everyone. So too for what the asker
would do there themselves (sign up, apply for a job, pay a fee, bid as a supplier): an
entry on the training or the substation does not say how."""

from __future__ import annotations

import re

from bot.kb.models import Entry
from bot.search.features import names_a_state_firm

# What the asker would do there themselves: sign up, pay a fee, look for a job, bid
_ERRANDS = re.compile(
    r"报名|招工|招普工|招不招|招聘(?![^ ]{0,3}人才)|招人(?!才|引才)|请人未|请紧人|请唔请人"
    r"|请不请人|应聘|求职|简历|履历|学费|收费|收不收钱|投标|签证|居留"
    r"|\bhiring\b|\brecruiting\b(?! talent)"
    r"|\b(?:sign(?:ing)? up|enrol(?:l|ling|ment)? (?:in|for) (?:the )?(?:training|course)"
    r"|apply(?:ing)? for (?:a )?jobs?|job openings?|vacanc(?:y|ies)|resumes?|cvs?|tuition|fees?"
    r"|register(?:ing)? as (?:a )?(?:supplier|vendor)|open tenders?|visas?|residency)\b",
    re.IGNORECASE,
)

_STATE_OWNED_WORDS = r"国企|国有|央企|\b(?:state[- ]owned|soes?)\b"
_STATE_OWNED = re.compile(_STATE_OWNED_WORDS, re.IGNORECASE)

# Each kind of asker a question may single out: the words that name it, in a question and
# in an answer (either language).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "foreign",
        re.compile(
            r"外资|外商|外企|外籍|境外|海外|国外|外国|\b(?:foreign|overseas|international "
            r"(?:investors?|companies|firms))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "greater_china",
        re.compile(
            r"港资|台资|澳资|港澳台|港澳|香港|澳门|台湾|台商|港商|侨资|华侨"
            r"|\b(?:hong kong|macau|macao|taiwan(?:ese)?|overseas chinese)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "start_up",
        re.compile(
            r"初创|创业|\b(?:start[- ]?ups?|early[- ]stage|founders?|entrepreneurs?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "small_firm",
        re.compile(
            r"中小企业|小微|中小微|个体户|\b(?:smes?|small (?:and medium[- ]sized )?"
            r"(?:businesses|firms|enterprises|companies))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ownership",
        re.compile(
            r"民营|民企|私营|\b(?:private(?:ly)?[- ]owned|private (?:firms|companies|enterprises"
            r"|businesses))\b|" + _STATE_OWNED_WORDS,
            re.IGNORECASE,
        ),
    ),
)


_WHO = re.compile(
    r"(?:企业|公司|投资者|投资商|客商|团队|厂商|资本)"
    r"| ?(?:investors?|companies|firms|businesses|enterprises|capital|teams?)\b",
    re.IGNORECASE,
)


def singled_out(text: str) -> list[tuple[str, str]]:
    """The kinds of asker a question singles out, each with the words that name it."""
    found = []
    for kind, pattern in _KINDS:
        match = pattern.search(text)
        if match:
            who = _WHO.match(text, match.end())  # 外资企业, foreign investors
            found.append((kind, text[match.start() : who.end() if who else match.end()]))
    return found


def unmentioned(question: str, entry: Entry) -> tuple[str, ...]:
    """The words of the askers a question singles out that an entry never mentions.

    Its written questions count: an editor who wrote "中小企业…" there says the entry answers it.
    """
    asked = singled_out(question)
    if not asked:
        return ()
    text = _entry_text(entry)
    return tuple(
        words
        for kind, words in asked
        if not dict(_KINDS)[kind].search(text)
        # state-owned firms asked of an entry naming one: "which SOE co-hosted it"
        and not (kind == "ownership" and _STATE_OWNED.search(words) and names_a_state_firm(text))
    )


def names_an_errand(norm: str) -> bool:
    """Tell whether a question names anything the asker would do there (报名, tuition)."""
    return _ERRANDS.search(norm) is not None


def errands_unmentioned(asking: str, entry: Entry) -> tuple[str, ...]:
    """What the asker would do there (报名, 学费, apply for a job), asked in `asking` (the
    clauses worded as asking), that an entry never mentions: an errand told of elsewhere
    ("想投简历，先查一下…") is why they ask, not what."""
    found = [m.group() for m in _ERRANDS.finditer(asking)]
    if not found:
        return ()
    text = _entry_text(entry).lower()
    return tuple(dict.fromkeys(w for w in found if w.lower() not in text))


def _entry_text(entry: Entry) -> str:
    """What an entry says: its answers, title, tags and written questions."""
    title = f"{entry.title.zh or ''} {entry.title.en or ''}" if entry.title else ""
    return " ".join(
        [entry.answer.zh or "", entry.answer.en or "", title, *entry.tags, *entry.questions.all()]
    )
