"""`zonebot run` and `zonebot healthcheck`: one-line errors, a clean stop on SIGTERM."""

from __future__ import annotations

import asyncio
import fcntl
import os
import signal
import socket
from pathlib import Path

import pytest
from helpers.bot_harness import TEST_KB, free_port, run_environment, zonebot_run
from helpers.botapi_standin import BotApiStandIn, FakeUser, Fault
from pydantic import ValidationError

from bot.cli.commands import main
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


def test_run_stops_the_start_up_worker_it_started_when_it_cannot_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from concurrent.futures import ProcessPoolExecutor

    from bot import prestart

    started: list[ProcessPoolExecutor] = []
    early = prestart.early_worker_from_environment

    def recorded(kb: str | None) -> ProcessPoolExecutor | None:
        worker = early(kb)
        started.extend([worker] if worker is not None else [])
        return worker

    monkeypatch.setattr(prestart, "PARALLEL_FROM_BYTES", 1)  # any base counts as large
    monkeypatch.setattr(prestart, "early_worker_from_environment", recorded)
    monkeypatch.setenv("ZONEBOT_KB_PATH", str(Path(__file__).resolve().parents[1] / "knowledge"))
    assert main(["run"]) == 2  # no token
    assert len(started) == 1
    with pytest.raises(RuntimeError, match="shutdown"):
        started[0].submit(print)


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


SETTINGS_COMMANDS = (
    ["validate"],
    ["ask", "青岛"],
    ["test-kb"],
    ["db", "upgrade"],
    ["db", "purge"],
    ["leads"],
    ["report"],
    ["healthcheck"],
    ["run"],
)


@pytest.mark.parametrize("command", SETTINGS_COMMANDS, ids=" ".join)
def test_every_command_turns_a_bad_setting_into_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:" + "A" * 35)
    monkeypatch.setenv("ZONEBOT_ADMIN_IDS", "alice")
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "ZONEBOT_ADMIN_IDS takes numeric Telegram user ids" in err


@pytest.mark.parametrize(
    "command", [["db", "upgrade"], ["db", "purge"], ["leads"], ["report"], ["healthcheck"]]
)
def test_every_database_command_turns_an_unopenable_database_into_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    monkeypatch.setenv("ZONEBOT_KB_PATH", str(TEST_KB))
    monkeypatch.setenv("ZONEBOT_DATABASE_URL", "sqlite:////dev/null/zonebot.db")
    assert main(command) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "/dev/null" in err


def test_an_unreadable_knowledge_base_is_one_line_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZONEBOT_ADMIN_IDS", "alice")
    assert main(["validate"]) == 2
    with pytest.raises(ValidationError):
        main(["--debug", "validate"])
    monkeypatch.setenv("ZONEBOT_LOG_LEVEL", "DEBUG")
    with pytest.raises(ValidationError):
        main(["validate"])


async def _environment(tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment of a `zonebot run` (its Bot API address given in `settings`)."""
    async with BotApiStandIn() as api:
        return run_environment(api, tmp_path, **settings)


def _silent_listener() -> socket.socket:
    """A port that accepts connections (into its backlog) and never answers: a black hole."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    return listener


async def test_run_with_telegram_unreachable_exits_1_with_one_line_naming_the_cause(
    tmp_path: Path,
) -> None:
    env = await _environment(
        tmp_path,
        ZONEBOT_API_BASE_URL=f"http://127.0.0.1:{free_port()}/bot",
        ZONEBOT_TELEGRAM_TIMEOUT_SECONDS="1",
        ZONEBOT_SEND_RETRY_DELAY_SECONDS="0.1",
    )
    async with zonebot_run(env) as process:
        output, _ = await asyncio.wait_for(process.communicate(), 120)
    text = output.decode()
    assert process.returncode == 1, text
    assert "Traceback" not in text
    [error] = [line for line in text.splitlines() if " ERROR " in line]
    assert "cannot reach Telegram at http://127.0.0.1" in error
    assert "ZONEBOT_PROXY_URL" in error
    assert len(text.splitlines()) < 20


async def _sigterm_while_starting(env: dict[str, str], reached: str) -> str:
    """Start `zonebot run`, send SIGTERM once `reached` is logged; return the output."""
    async with zonebot_run(env) as process:
        assert process.stdout is not None
        seen = ""
        while reached not in seen:
            line = await asyncio.wait_for(process.stdout.readline(), 60)
            assert line, seen
            seen += line.decode()
        await asyncio.sleep(1.0)  # well inside the wait being tested
        process.send_signal(signal.SIGTERM)
        rest, _ = await asyncio.wait_for(process.communicate(), 10)
    assert process.returncode == 0, seen + rest.decode()
    return seen + rest.decode()


async def test_sigterm_while_telegram_does_not_answer_at_start_exits_at_once(
    tmp_path: Path,
) -> None:
    with _silent_listener() as black_hole:
        port = black_hole.getsockname()[1]
        env = await _environment(
            tmp_path,
            ZONEBOT_API_BASE_URL=f"http://127.0.0.1:{port}/bot",
            ZONEBOT_TELEGRAM_TIMEOUT_SECONDS="60",
        )
        output = await _sigterm_while_starting(env, "database schema at revision")
    assert "Traceback" not in output
    assert "stopped while starting" in output


async def test_sigterm_while_waiting_for_the_migration_lock_exits_at_once(
    tmp_path: Path,
) -> None:
    env = await _environment(tmp_path, ZONEBOT_LOG_LEVEL="DEBUG")
    with (tmp_path / "zonebot.db.migrate-lock").open("a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # another process is migrating
        output = await _sigterm_while_starting(env, "asyncio")
    assert "Traceback" not in output
