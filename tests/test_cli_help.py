"""Every subcommand's --help names the settings it reads; a closed pipe ends a command quietly."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.bot_harness import TEST_KB

from bot.cli.commands import build_parser
from bot.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def subcommands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict[str, str]:
    """The help text of every leaf subcommand, by its words (`db upgrade`)."""
    found: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found |= subcommands(child, (*path, name))
    if not found and path:
        found[" ".join(path)] = parser.format_help()
    return found


HELP = subcommands(build_parser())


@pytest.mark.parametrize("command", sorted(HELP))
def test_every_subcommand_help_has_a_settings_section(command: str) -> None:
    assert "\nsettings" in HELP[command]


def test_run_help_lists_every_setting_with_its_default_from_the_model() -> None:
    lines = HELP["run"].splitlines()
    for name, field in Settings.model_fields.items():
        [line] = [line for line in lines if line.split()[:1] == [field.alias]]
        if name == "telegram_bot_token":
            assert line.split()[1] == "required"
        elif isinstance(field.default, int | float | str):
            assert line.split()[1] == str(field.default), line


@pytest.mark.parametrize(
    ("command", "setting"),
    [
        ("validate", "ZONEBOT_KB_PATH"),
        ("ask", "ZONEBOT_KB_PATH"),
        ("db upgrade", "ZONEBOT_DATABASE_URL"),
        ("db purge", "ZONEBOT_LEAD_RETENTION_DAYS"),
        ("leads", "ZONEBOT_DATABASE_URL"),
        ("report", "ZONEBOT_DATABASE_URL"),
        ("healthcheck", "ZONEBOT_PORT"),
    ],
)
def test_a_subcommand_help_names_the_settings_it_reads(command: str, setting: str) -> None:
    assert f"\n  {setting} " in HELP[command]


def test_report_help_states_the_default_of_since() -> None:
    assert "(default: 7d" in " ".join(HELP["report"].split())


def test_ask_into_a_pipe_closed_early_ends_quietly() -> None:
    questions = "".join(f"incentives {n}\n" for n in range(2000))
    reader = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--kb", str(TEST_KB)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert reader.stdin is not None
    assert reader.stdout is not None
    reader.stdin.write(questions.encode())
    reader.stdin.close()
    assert reader.stdout.readline()  # like `| head -1`: one line read, then the pipe closes
    reader.stdout.close()
    assert reader.wait(timeout=120) == 141
    assert reader.stderr is not None
    assert reader.stderr.read() == b""
