"""A first run: `.env.example` copied to `.env` as is, and one line for any bad setting."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from dotenv import dotenv_values

from bot.cli.commands import main
from bot.config import PLACEHOLDER_TOKEN, Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / ".env.example"


@pytest.fixture
def fresh_clone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A folder with the shipped knowledge base and `cp .env.example .env`, no bot settings."""
    for name in list(os.environ):
        if name.startswith("ZONEBOT_") or name == "TELEGRAM_BOT_TOKEN":
            monkeypatch.delenv(name)
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    shutil.copy(EXAMPLE, tmp_path / ".env")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [["validate"], ["db", "upgrade"], ["leads"], ["report"], ["ask", "--json", "hello"]],
    ids=" ".join,
)
def test_commands_that_need_no_token_work_with_the_env_example_as_is(
    fresh_clone: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main(command) == 0, capsys.readouterr().err
    assert capsys.readouterr().err == ""


def test_run_refuses_the_example_placeholder_token_in_one_line(
    fresh_clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("TELEGRAM_BOT_TOKEN is still .env.example's placeholder")
    assert "@BotFather" in err


def test_the_env_example_leaves_the_images_data_and_knowledge_paths_alone() -> None:
    values = dotenv_values(EXAMPLE)
    assert values["TELEGRAM_BOT_TOKEN"] == PLACEHOLDER_TOKEN
    assert "ZONEBOT_DATABASE_URL" not in values
    assert "ZONEBOT_KB_PATH" not in values


def test_the_env_example_shows_each_setting_with_its_default() -> None:
    lines = [line.removeprefix("# ") for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    defaults = Settings(_env_file=None)
    for field_name, field in Settings.model_fields.items():
        alias = str(field.alias)
        shown = [line.split("=", 1)[1] for line in lines if line.startswith(f"{alias}=")]
        assert shown, f"{alias} is not in .env.example"
        if field.default not in (None, frozenset()):  # those show an example instead
            example = Settings(_env_file=None, **{alias: shown[0]})
            assert getattr(example, field_name) == getattr(defaults, field_name), alias


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ZONEBOT_PORT", "http"),
        ("ZONEBOT_PORT", "0"),
        ("ZONEBOT_LOG_LEVEL", "verbose"),
        ("ZONEBOT_SEND_PER_SECOND", "-1"),
        ("ZONEBOT_ADMIN_IDS", "alice"),
        ("ZONEBOT_WEBHOOK_URL", "https://bot.example.com/hook"),
        ("ZONEBOT_WEBHOOK_SECRET", "not a secret"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it_without_a_traceback(
    fresh_clone: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
) -> None:
    monkeypatch.setenv(name, value)
    for command in (["validate"], ["run"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert name in err
        assert "Traceback" not in err
        assert ": :" not in err, err
