"""Every setting is documented: README's table and .env.example mirror bot.config.Settings."""

from pathlib import Path

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[1]
NAMES = sorted(str(field.alias) for field in Settings.model_fields.values())


@pytest.mark.parametrize("name", NAMES)
def test_every_setting_is_in_the_readme_table_and_the_env_example(name: str) -> None:
    assert f"| `{name}` |" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{name}=" in (ROOT / ".env.example").read_text(encoding="utf-8")
