"""End to end under load: a burst of questions while Telegram answers 10% of sends with 429."""

from __future__ import annotations

from pathlib import Path

from helpers.bot_harness import running_bot
from helpers.botapi_standin import FakeUser, Fault

QUESTIONS = [
    "太原中北高新区搬迁补贴多少",
    "What was Qingdao's biomedicine revenue in 2022?",
    "获批国家智能制造试点示范奖励多少？",
    "How long does it take to settle in Taiyuan Zhongbei High-tech Zone?",
]


async def test_200_questions_from_100_users_all_get_their_answer_despite_429s(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path) as bot:
        bot.api.fail_share("sendMessage", 0.1, Fault(status=429, retry_after=1))
        users = [FakeUser(10_000 + n, "zh" if n % 2 else "en") for n in range(100)]
        since = bot.api.mark()
        for round_ in range(2):
            for n, user in enumerate(users):
                bot.api.send_text(user, QUESTIONS[(n + round_) % len(QUESTIONS)])
        answered = await bot.api.wait_for(
            lambda c: c.ok and c.method == "sendMessage", since=since, count=200, within=120
        )
        refused = [c for c in bot.api.calls[since:] if c.error.startswith("Too Many Requests")]
    per_user = {user.id: 0 for user in users}
    for call in answered:
        per_user[call.params["chat_id"]] += 1
    assert set(per_user.values()) == {2}
    assert refused  # the 429s did happen, and were waited out
