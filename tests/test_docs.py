"""The documentation keeps its promises: settings, promises and commands match the project."""

import re
from pathlib import Path

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
NAMES = sorted(str(field.alias) for field in Settings.model_fields.values())
START_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/zonebot run"
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e '.[dev]' && scripts/check"
SCREEN_LINES = 30


def _promises() -> list[tuple[int, str, str]]:
    """Each numbered promise of docs/promises.md: its number, bold title and whole text."""
    text = (ROOT / "docs" / "promises.md").read_text(encoding="utf-8")
    items = re.findall(r"^(\d+)\. \*\*(.+?)\*\*(.*?)(?=^\d+\. |\Z)", text, re.M | re.S)
    return [(int(n), " ".join(title.split()), title + body) for n, title, body in items]


PROMISES = [pytest.param(*promise, id=f"promise-{promise[0]}") for promise in _promises()]
TEST_FUNCTIONS = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("*.py"))


@pytest.mark.parametrize("name", NAMES)
def test_every_setting_is_in_the_readme_table_and_the_env_example(name: str) -> None:
    assert f"| `{name}` |" in README
    assert f"{name}=" in (ROOT / ".env.example").read_text(encoding="utf-8")


def test_the_readme_first_screen_says_what_the_bot_does_and_how_to_start_it() -> None:
    screen = "\n".join(README.splitlines()[:SCREEN_LINES])
    assert "Telegram bot that answers" in screen
    assert "## Quick start" in screen
    assert START_COMMAND in screen


def test_the_readme_keeps_the_test_command_that_ci_runs() -> None:
    assert TEST_COMMAND in README
    assert "scripts/check" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_promises_page_holds_all_nine_promises_in_order() -> None:
    assert [number for number, _, _ in _promises()] == list(range(1, 10))


@pytest.mark.parametrize(("number", "title", "text"), PROMISES)
def test_every_promise_names_tests_that_exist(number: int, title: str, text: str) -> None:
    files = re.findall(r"tests/(test_\w+\.py)", text)
    assert files, f"promise {number} names no test file"
    for name in files:
        assert (ROOT / "tests" / name).is_file(), f"promise {number}: tests/{name} is missing"
    for function in re.findall(r"`(test_\w+)`", text):
        assert f"def {function}(" in TEST_FUNCTIONS, f"promise {number}: {function} is missing"


@pytest.mark.parametrize(("number", "title", "text"), PROMISES)
def test_the_readme_lists_every_promise_in_one_line(number: int, title: str, text: str) -> None:
    assert f"\n{number}. {title.rstrip('.')}.\n" in README
