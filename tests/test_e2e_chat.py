"""End to end: the real bot answers users of the Bot API stand-in in private chats and groups."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from helpers.bot_harness import RunningBot, button_data, buttons, running_bot
from helpers.botapi_standin import BOT_ID, BOT_USERNAME, FakeChat, FakeUser

from bot.answer.build import answer_question
from bot.answer.render import render_answer_html
from bot.telegram import callbacks

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
ZH = FakeUser(101, "zh-hans")
EN = FakeUser(102, "en-US")


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(tmp_path) as running:
        yield running


def sent_text(bot: RunningBot, chat_id: int, since: int) -> str:
    return "\n".join(c.params["text"] for c in bot.api.sent(chat_id=chat_id, since=since))


async def test_start_welcomes_in_the_users_language_and_names_the_zones(bot: RunningBot) -> None:
    zh = await bot.ask(ZH, "/start")
    en = await bot.ask(EN, "/start")
    assert "您好" in zh.params["text"]
    assert "青岛高新区" in zh.params["text"]
    assert "Welcome" in en.params["text"]
    assert "Qingdao High-tech Zone" in en.params["text"]
    assert button_data(en, "All zones") == callbacks.ZONES


async def test_help_lists_the_commands(bot: RunningBot) -> None:
    reply = await bot.ask(EN, "/help")
    for command in ("/zones", "/compare", "/sources", "/lang"):
        assert command in reply.params["text"]


async def test_command_menu_is_set_in_chinese_english_and_by_default(bot: RunningBot) -> None:
    assert set(bot.api.commands) == {"zh", "en", ""}
    assert [c["command"] for c in bot.api.commands["zh"]] == [
        "start", "help", "zones", "compare", "sources", "contact", "privacy", "lang"
    ]  # fmt: skip
    assert bot.api.commands["zh"][2]["description"] == "浏览园区"


async def test_a_question_gets_the_same_answer_as_zonebot_ask(bot: RunningBot) -> None:
    question = "太原中北高新区搬迁补贴多少"
    reply = await bot.ask(ZH, question)
    expected = render_answer_html(answer_question(bot.services.index, question, lang="zh"))
    assert reply.params["text"] == expected
    assert "来源" in reply.result["text"]
    assert reply.params["link_preview_options"] == {"is_disabled": True}
    assert reply.params["parse_mode"] == "HTML"
    labels = [b["text"] for b in buttons(reply)]
    assert labels[:3] == ["企业技术中心研发费用有奖励吗？", "👍", "👎"]


async def test_an_english_question_is_answered_in_english_whatever_the_users_language(
    bot: RunningBot,
) -> None:
    reply = await bot.ask(ZH, "Does Taiyuan Zhongbei High-tech Zone subsidise relocation?")
    assert "RMB 5 million" in reply.params["text"]
    assert "Source" in reply.result["text"]


async def test_a_follow_up_keeps_the_zone_of_the_previous_question(bot: RunningBot) -> None:
    first = await bot.ask(EN, "What was Qingdao's biomedicine revenue in 2022?")
    assert "Qingdao" in first.params["text"]
    follow_up = await bot.ask(EN, "and the policy?")
    assert "Qingdao High-tech Zone" in follow_up.params["text"]
    switched = await bot.ask(EN, "How long does it take to settle in Taiyuan Zhongbei?")
    assert "3 months" in switched.params["text"]


async def test_clarify_offers_candidates_and_a_press_opens_the_chosen_one(bot: RunningBot) -> None:
    reply = await bot.ask(ZH, "产业")
    labels = [b["text"] for b in buttons(reply)]
    assert labels[-1] == "都不是"
    assert len(labels) >= 3
    since = await bot.press(ZH, reply, buttons(reply)[0]["callback_data"])
    opened = await bot.api.reply(ZH.id, since=since)
    assert "来源" in opened.result["text"]
    assert any(c.method == "answerCallbackQuery" for c in bot.api.calls[since:])
    none_since = await bot.press(ZH, reply, button_data(reply, "都不是"))
    hint = await bot.api.reply(ZH.id, since=none_since)
    assert "换个说法" in hint.params["text"]


async def test_no_match_says_what_the_zone_does_hold(bot: RunningBot) -> None:
    reply = await bot.ask(ZH, "青岛高新区的企业所得税税率？")
    assert "资料中没有青岛高新区" in reply.params["text"]
    assert buttons(reply)


async def test_a_stale_entry_button_says_so_and_never_opens_another_entry(bot: RunningBot) -> None:
    reply = await bot.ask(ZH, "太原中北高新区搬迁补贴多少")
    vanished = "e:000000000000.000000"
    since = await bot.press(ZH, reply, vanished)
    said = await bot.api.reply(ZH.id, since=since)
    assert "已没有这条内容" in said.params["text"]
    related = button_data(reply, "企业技术中心")
    edited = related[: -len("000000")] + "000000"
    since = await bot.press(ZH, reply, edited)
    await bot.api.wait_for(lambda c: c.method == "sendMessage", since=since, count=2)
    notice, answer = bot.api.sent(chat_id=ZH.id, since=since)[:2]
    assert "已更新" in notice.params["text"]
    assert "500万元以上的市级以上企业技术中心" in answer.params["text"]


async def test_forged_button_data_is_answered_and_ignored(bot: RunningBot) -> None:
    reply = await bot.ask(EN, "/zones")
    since = bot.api.mark()
    for forged in ("admin:export", "z:../../etc", "f:1:999999", "e:" + "a" * 60):
        bot.api.press(EN, reply.result, forged)
    answered = await bot.api.wait_for(
        lambda c: c.method == "answerCallbackQuery", since=since, count=4
    )
    assert all(c.ok for c in answered)
    assert not bot.api.sent(chat_id=EN.id, since=since)


async def test_zones_card_topic_and_entry_buttons_browse_the_knowledge_base(
    bot: RunningBot,
) -> None:
    listing = await bot.ask(EN, "/zones")
    assert "Taiyuan, Shanxi" in listing.params["text"]
    card_since = await bot.press(EN, listing, button_data(listing, "Taiyuan"))
    card = await bot.api.reply(EN.id, since=card_since)
    assert "special steel" in card.params["text"]
    topic_since = await bot.press(EN, card, button_data(card, "Incentives"))
    topic = await bot.api.reply(EN.id, since=topic_since)
    entry_since = await bot.press(EN, topic, buttons(topic)[0]["callback_data"])
    entry = await bot.api.reply(EN.id, since=entry_since)
    assert "Source" in entry.result["text"]


async def test_compare_shows_two_zones_topic_by_topic_with_sources(bot: RunningBot) -> None:
    prompt = await bot.ask(EN, "/compare")
    second_since = await bot.press(EN, prompt, button_data(prompt, "Qingdao"))
    second = await bot.api.reply(EN.id, since=second_since)
    assert [b["text"] for b in buttons(second)] == ["Taiyuan Zhongbei High-tech Zone"]
    since = await bot.press(EN, second, buttons(second)[0]["callback_data"])
    await bot.api.reply(EN.id, since=since)
    text = sent_text(bot, EN.id, since)
    assert "Qingdao High-tech Zone ⇄ Taiyuan Zhongbei High-tech Zone" in text
    assert "Incentives" in text
    assert "[1]" in text
    assert "Science and Technology Daily" in text


@pytest.mark.parametrize("names", ["青岛高新区 太原中北高新区", "qingdao zhongbei"])
async def test_compare_with_two_names_compares_at_once(bot: RunningBot, names: str) -> None:
    reply = await bot.ask(EN, f"/compare {names}")
    assert "Qingdao High-tech Zone ⇄ Taiyuan Zhongbei High-tech Zone" in reply.params["text"]
    assert buttons(reply) == []


async def test_compare_with_one_name_asks_only_for_the_other(bot: RunningBot) -> None:
    prompt = await bot.ask(EN, "/compare 太原")
    assert "Compare Taiyuan Zhongbei High-tech Zone with" in prompt.params["text"]
    assert [b["text"] for b in buttons(prompt)] == ["Qingdao High-tech Zone"]
    since = await bot.press(EN, prompt, button_data(prompt, "Qingdao"))
    await bot.api.reply(EN.id, since=since)
    text = sent_text(bot, EN.id, since)
    assert "Taiyuan Zhongbei High-tech Zone ⇄ Qingdao High-tech Zone" in text


async def test_names_matching_no_zone_get_a_clear_reply_and_the_usual_picker(
    bot: RunningBot,
) -> None:
    compare = await bot.ask(EN, "/compare Atlantis Mars")
    assert "No zone I know matches “Atlantis”, “Mars”." in compare.params["text"]
    assert "choose the first one" in compare.params["text"]
    assert len(buttons(compare)) == len(bot.services.kb.zones)
    zones = await bot.ask(ZH, "/zones 火星")
    assert "我了解的园区中没有与“火星”对应的。" in zones.params["text"]
    assert button_data(zones, "太原中北高新区")


async def test_zones_with_a_name_opens_that_zones_card(bot: RunningBot) -> None:
    card = await bot.ask(ZH, "/zones Taiyuan")
    assert card.params["text"].startswith("<b>太原中北高新区</b>")
    assert button_data(card, "与其他园区对比")


async def test_sources_lists_every_cited_document(bot: RunningBot) -> None:
    reply = await bot.ask(ZH, "/sources")
    for source in bot.services.kb.sources.values():
        assert source.title.best("zh") in reply.result["text"]


async def test_lang_sets_the_language_of_menus(bot: RunningBot) -> None:
    prompt = await bot.ask(ZH, "/lang")
    since = await bot.press(ZH, prompt, button_data(prompt, "English"))
    confirmed = await bot.api.reply(ZH.id, since=since)
    assert confirmed.method == "editMessageText"
    assert "English" in confirmed.params["text"]
    menu = await bot.ask(ZH, "/zones")
    assert "The zones I know" in menu.params["text"]
    digits = await bot.ask(ZH, "2022")
    assert "zones" in digits.params["text"]


async def test_lang_with_a_language_switches_at_once(bot: RunningBot) -> None:
    confirmed = await bot.ask(ZH, "/lang en")
    assert confirmed.params["text"] == "Done: menus are now in English."
    menu = await bot.ask(ZH, "/zones")
    assert "The zones I know" in menu.params["text"]
    unknown = await bot.ask(ZH, "/lang klingon")
    assert "I do not know the language “klingon”." in unknown.params["text"]
    assert button_data(unknown, "中文")


@pytest.mark.parametrize("command", ["/start", "/help"])
async def test_text_after_start_or_help_is_answered_as_a_question(
    bot: RunningBot, command: str
) -> None:
    question = "太原中北高新区搬迁补贴多少"
    reply = await bot.ask(ZH, f"{command} {question}")
    expected = render_answer_html(answer_question(bot.services.index, question, lang="zh"))
    assert reply.params["text"] == expected


async def test_feedback_is_kept_and_its_buttons_go_away(bot: RunningBot) -> None:
    reply = await bot.ask(EN, "What was Qingdao's biomedicine revenue in 2022?")
    since = await bot.press(EN, reply, button_data(reply, "👍"))
    edit = await bot.api.answered("editMessageReplyMarkup", since=since)
    assert "👍" not in str(edit.params.get("reply_markup"))
    thanks = await bot.api.answered("answerCallbackQuery", since=since)
    assert "Thank you" in thanks.params["text"]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("taiyuan-zhongbei_relocation-subsidy", "RMB 5 million"),
        ("qingdao-hitech", "Qingdao High-tech Zone"),
        ("no-such-zone", "leads nowhere"),
    ],
)
async def test_deep_links_open_a_zone_card_or_one_answer(
    bot: RunningBot, payload: str, expected: str
) -> None:
    reply = await bot.ask(EN, f"/start {payload}")
    assert expected in reply.params["text"]


async def test_share_button_links_to_the_answer_as_a_deep_link(bot: RunningBot) -> None:
    reply = await bot.ask(EN, "Does Taiyuan Zhongbei High-tech Zone subsidise relocation?")
    share = next(b for b in buttons(reply) if "url" in b)
    assert f"{BOT_USERNAME}%3Fstart%3Dtaiyuan-zhongbei_relocation-subsidy" in share["url"]


async def test_in_a_group_the_bot_answers_only_when_addressed(bot: RunningBot) -> None:
    group = FakeChat(-1001, "supergroup")
    since = bot.api.mark()
    bot.api.send_text(EN, "What was Qingdao's biomedicine revenue in 2022?", chat=group)
    mention = f"@{BOT_USERNAME} What was Qingdao's biomedicine revenue in 2022?"
    reply = await bot.ask(EN, mention, chat=group)
    assert "Qingdao" in reply.params["text"]
    assert len(bot.api.sent(chat_id=group.id, since=since)) == 1
    assert reply.params["reply_parameters"]["message_id"] > 0
    to_bot = {**reply.result, "from": {"id": BOT_ID, "is_bot": True, "first_name": "ZoneBot"}}
    since = bot.api.mark()
    bot.api.send_text(EN, "and the policy?", chat=group, reply_to=to_bot)
    follow_up = await bot.api.reply(group.id, since=since)
    assert "Qingdao" in follow_up.params["text"]
    command = await bot.ask(EN, f"/zones@{BOT_USERNAME}", chat=group)
    assert "The zones I know" in command.params["text"]


async def test_user_text_full_of_html_is_answered_with_valid_html(bot: RunningBot) -> None:
    reply = await bot.ask(EN, '<b>bold</b> <script>alert("x")</script> & <a href="x">R&D</a> <')
    assert reply.ok


async def test_a_10000_character_message_gets_a_reply(bot: RunningBot) -> None:
    reply = await bot.ask(ZH, "太原中北高新区搬迁补贴" * 1000)
    assert reply.ok


async def test_a_sticker_gets_a_hint_and_an_edit_is_ignored(bot: RunningBot) -> None:
    since = bot.api.mark()
    bot.api.send_sticker(ZH)
    hint = await bot.api.reply(ZH.id, since=since)
    assert "文字" in hint.params["text"]
    original = bot.api.send_text(EN, "hello")["message"]
    await bot.api.reply(EN.id, since=since)
    edit_since = bot.api.mark()
    bot.api.edit_text(EN, original, "What was Qingdao's revenue?")
    check = await bot.ask(EN, "/help")
    assert [c.method for c in bot.api.sent(since=edit_since)] == ["sendMessage"]
    assert check.ok


async def test_inline_mode_offers_the_answer_with_its_sources(bot: RunningBot) -> None:
    since = bot.api.mark()
    bot.api.inline_query(EN, "What was Qingdao's biomedicine revenue in 2022?")
    call = await bot.api.answered("answerInlineQuery", since=since)
    [article] = call.params["results"]
    assert article["type"] == "article"
    content = article["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert "Science and Technology Daily" in content["message_text"]


async def test_inline_mode_offers_each_candidate_answer_when_unclear(bot: RunningBot) -> None:
    since = bot.api.mark()
    bot.api.inline_query(ZH, "产业")
    call = await bot.api.answered("answerInlineQuery", since=since)
    results = call.params["results"]
    assert len(results) >= 2
    assert all("来源" in r["input_message_content"]["message_text"] for r in results)
    assert len({r["id"] for r in results}) == len(results)


async def test_a_figure_the_source_lacks_is_said_so_in_chat_and_inline(tmp_path: Path) -> None:
    async with running_bot(tmp_path, ZONEBOT_KB_PATH=str(KNOWLEDGE)) as bot:
        reply = await bot.ask(EN, "How much is the one-off settling reward in Zhongbei?")
        assert "do not give" in reply.params["text"]
        assert "Golden Ten" in reply.params["text"]
        since = bot.api.mark()
        bot.api.inline_query(ZH, "中北高新区落户一次性奖励能拿多少钱")
        call = await bot.api.answered("answerInlineQuery", since=since)
        [article] = call.params["results"]
        assert "没有给出" in article["input_message_content"]["message_text"]


async def test_inline_mode_offers_nothing_for_an_empty_or_unknown_query(bot: RunningBot) -> None:
    since = bot.api.mark()
    bot.api.inline_query(EN, "")
    bot.api.inline_query(EN, "Suzhou Industrial Park tax")
    calls = await bot.api.wait_for(lambda c: c.method == "answerInlineQuery", since=since, count=2)
    assert [c.params["results"] for c in calls] == [[], []]


async def test_a_reply_longer_than_telegram_allows_comes_in_parts_at_paragraphs(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path, ZONEBOT_KB_PATH=str(KNOWLEDGE)) as bot:
        prompt = await bot.ask(ZH, "/compare")
        data = callbacks.compare("qingdao-hitech", "taiyuan-zhongbei")
        since = await bot.press(ZH, prompt, data)
        parts = await bot.api.wait_for(
            lambda c: c.ok and c.method == "sendMessage", since=since, count=2
        )
    assert all(len(p.result["text"]) <= 4096 for p in parts)
    assert parts[1].params["text"].startswith(("<b>", "<i>", "来源"))  # a paragraph begins it
