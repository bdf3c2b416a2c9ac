"""`zonebot run` and `zonebot healthcheck`: one-line errors, a clean stop on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest
from bot_harness import TEST_KB, run_environment, zonebot_run
from botapi_standin import BotApiStandIn, FakeUser, Fault

from bot.cli import main
from bot.config import BOTFATHER_HINT


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No .env and no bot settings from the developer's environment."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("ZONEBOT_") or name == "TELEGRAM_BOT_TOKEN":
            monkeypatch.delenv(name)


def test_run_without_a_token_says_how_to_get_one_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run"]) == 2
    assert capsys.readouterr().err == BOTFATHER_HINT + "\n"


def test_run_with_a_malformed_token_says_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "12345:not-a-token")
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "TELEGRAM_BOT_TOKEN is not a Telegram bot token" in err
    assert "12345:not-a-token" not in err


def test_healthcheck_passes_with_the_knowledge_base_and_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZONEBOT_KB_PATH", str(TEST_KB))
    monkeypatch.setenv("ZONEBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'z.db'}")
    assert main(["healthcheck"]) == 0
    assert capsys.readouterr().out.startswith("ok: knowledge base ")


def test_healthcheck_fails_when_the_database_does_not_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZONEBOT_KB_PATH", str(TEST_KB))
    monkeypatch.setenv("ZONEBOT_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert main(["healthcheck"]) == 1
    assert capsys.readouterr().err.startswith("unhealthy: the database does not answer")


def test_healthcheck_fails_when_the_knowledge_base_does_not_load(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZONEBOT_KB_PATH", str(tmp_path / "missing"))
    monkeypatch.setenv("ZONEBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'z.db'}")
    assert main(["healthcheck"]) == 1
    assert "knowledge base" in capsys.readouterr().err


async def test_sigterm_finishes_the_reply_in_hand_then_exits_0(tmp_path: Path) -> None:
    user = FakeUser(77, "en")
    async with BotApiStandIn() as api, zonebot_run(run_environment(api, tmp_path)) as process:
        await api.wait_for(lambda c: c.method == "deleteWebhook", within=60)
        api.fail_next("sendMessage", Fault(delay=2.0))
        update = api.send_text(user, "What was Qingdao's biomedicine revenue in 2022?")
        await api.wait_for(lambda c: c.method == "sendMessage", within=60)
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, output.decode()
    assert "Traceback" not in output.decode()
    confirmed = [c for c in api.calls if c.method == "getUpdates"][-1]
    assert confirmed.params["offset"] == update["update_id"] + 1
    assert api.token.split(":")[1] not in output.decode()
