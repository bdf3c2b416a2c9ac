from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings, describe_settings_error

TOKEN = "123456789:" + "A" * 35


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No setting from the machine running the tests, and no .env but the test's own."""
    for name in list(Settings.model_fields):
        alias = Settings.model_fields[name].alias
        if alias:
            monkeypatch.delenv(alias, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def settings_error(monkeypatch: pytest.MonkeyPatch, **environment: str) -> str:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings()
    return describe_settings_error(caught.value)


def test_without_any_setting_the_defaults_serve_the_shipped_knowledge_locally() -> None:
    settings = Settings()
    assert settings.telegram_bot_token is None
    assert settings.kb_path == Path("knowledge")
    assert settings.database_url == "sqlite:///./data/zonebot.db"
    assert settings.admin_ids == frozenset()
    assert settings.webhook_url is None


def test_settings_are_read_from_a_dotenv_file_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, clean_environment: Path
) -> None:
    (clean_environment / ".env").write_text(
        "ZONEBOT_PORT=9000\nZONEBOT_LOG_LEVEL=DEBUG\n", encoding="utf-8"
    )
    monkeypatch.setenv("ZONEBOT_LOG_LEVEL", "WARNING")
    settings = Settings()
    assert settings.port == 9000
    assert settings.log_level == "WARNING"


def test_admin_ids_are_read_as_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZONEBOT_ADMIN_IDS", "42, 43,")
    assert Settings().admin_ids == frozenset({42, 43})


def test_an_admin_id_that_is_not_a_number_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    message = settings_error(monkeypatch, ZONEBOT_ADMIN_IDS="42,alice")
    assert "ZONEBOT_ADMIN_IDS" in message
    assert "alice" not in message
    assert "\n" not in message


def test_an_empty_token_means_no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "  ")
    assert Settings().telegram_bot_token is None


def test_a_valid_token_is_kept_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    settings = Settings()
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings)


def test_a_webhook_needs_its_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    message = settings_error(monkeypatch, ZONEBOT_WEBHOOK_URL="https://bot.example/hook")
    assert "ZONEBOT_WEBHOOK_SECRET is required" in message


def test_a_webhook_secret_of_other_characters_is_refused_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    message = settings_error(
        monkeypatch,
        ZONEBOT_WEBHOOK_URL="https://bot.example/hook",
        ZONEBOT_WEBHOOK_SECRET="not/allowed here",
    )
    assert "ZONEBOT_WEBHOOK_SECRET must be" in message
    assert "not/allowed" not in message


def test_a_port_out_of_range_is_named_with_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    message = settings_error(monkeypatch, ZONEBOT_PORT="70000")
    assert message.startswith("ZONEBOT_PORT:")
    assert "65535" in message


def test_an_unknown_log_level_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "ZONEBOT_LOG_LEVEL" in settings_error(monkeypatch, ZONEBOT_LOG_LEVEL="LOUD")
