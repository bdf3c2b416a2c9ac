"""Settings, read once from the environment and a `.env` file into one typed object."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import SettingsError

TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{35}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
PLACEHOLDER_TOKEN = "paste-the-token-from-BotFather-here"  # .env.example's value
BOTFATHER_STEPS = (
    "create a bot with @BotFather in Telegram (/newbot), "
    "then put TELEGRAM_BOT_TOKEN=<the token> in a .env file here or in the environment"
)
BOTFATHER_HINT = "TELEGRAM_BOT_TOKEN is not set: " + BOTFATHER_STEPS


class Settings(BaseSettings):
    """Every setting of the bot; README's configuration table mirrors this class."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    api_base_url: str = Field(default="https://api.telegram.org/bot", alias="ZONEBOT_API_BASE_URL")
    proxy_url: str | None = Field(default=None, alias="ZONEBOT_PROXY_URL")
    kb_path: Path = Field(default=Path("knowledge"), alias="ZONEBOT_KB_PATH")
    index_cache: Path | None = Field(default=None, alias="ZONEBOT_INDEX_CACHE")
    database_url: str = Field(default="sqlite:///./data/zonebot.db", alias="ZONEBOT_DATABASE_URL")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", alias="ZONEBOT_LOG_LEVEL"
    )
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), alias="ZONEBOT_ADMIN_IDS"
    )
    webhook_url: str | None = Field(default=None, alias="ZONEBOT_WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(default=None, alias="ZONEBOT_WEBHOOK_SECRET")
    listen_host: str = Field(default="0.0.0.0", alias="ZONEBOT_LISTEN_HOST")
    port: int = Field(default=8080, ge=1, le=65535, alias="ZONEBOT_PORT")
    # Telegram opens at most 100 connections to a webhook (40 unless told otherwise).
    webhook_max_connections: int = Field(
        default=200, ge=1, alias="ZONEBOT_WEBHOOK_MAX_CONNECTIONS"
    )
    webhook_keep_alive_seconds: int = Field(
        default=5, ge=1, alias="ZONEBOT_WEBHOOK_KEEP_ALIVE_SECONDS"
    )
    webhook_read_timeout_seconds: float = Field(
        default=10.0, gt=0, alias="ZONEBOT_WEBHOOK_READ_TIMEOUT_SECONDS"
    )
    # Operations (bot/telegram/health.py, bot/logs.py): health, metrics in polling mode, log lines.
    health_server: bool = Field(default=False, alias="ZONEBOT_HEALTH_SERVER")
    health_max_silence_seconds: float = Field(
        default=120.0, gt=0, alias="ZONEBOT_HEALTH_MAX_SILENCE_SECONDS"
    )
    log_format: Literal["text", "json"] = Field(default="text", alias="ZONEBOT_LOG_FORMAT")
    context_max_age_minutes: int = Field(default=30, ge=1, alias="ZONEBOT_CONTEXT_MAX_AGE_MINUTES")
    questions_per_minute: int = Field(default=20, ge=1, alias="ZONEBOT_QUESTIONS_PER_MINUTE")
    leads_per_day: int = Field(default=5, ge=1, alias="ZONEBOT_LEADS_PER_DAY")
    question_log_retention_days: int = Field(
        default=180, ge=1, alias="ZONEBOT_QUESTION_LOG_RETENTION_DAYS"
    )
    lead_retention_days: int = Field(default=365, ge=1, alias="ZONEBOT_LEAD_RETENTION_DAYS")
    lead_form_retention_hours: int = Field(
        default=24, ge=1, alias="ZONEBOT_LEAD_FORM_RETENTION_HOURS"
    )
    notice_poll_seconds: float = Field(default=5.0, gt=0, alias="ZONEBOT_NOTICE_POLL_SECONDS")
    notice_retry_seconds: float = Field(default=60.0, gt=0, alias="ZONEBOT_NOTICE_RETRY_SECONDS")
    reload_settle_seconds: float = Field(default=1.0, ge=0, alias="ZONEBOT_RELOAD_SETTLE_SECONDS")
    # Telegram front end (bot/telegram/app.py, bot/telegram/sending.py)
    concurrent_updates: int = Field(default=24, ge=1, le=256, alias="ZONEBOT_CONCURRENT_UPDATES")
    send_per_second: float = Field(default=30.0, gt=0, alias="ZONEBOT_SEND_PER_SECOND")
    send_group_per_minute: float = Field(default=20.0, gt=0, alias="ZONEBOT_SEND_GROUP_PER_MINUTE")
    send_max_retries: int = Field(default=3, ge=0, alias="ZONEBOT_SEND_MAX_RETRIES")
    send_retry_delay_seconds: float = Field(
        default=1.0, ge=0, alias="ZONEBOT_SEND_RETRY_DELAY_SECONDS"
    )
    telegram_timeout_seconds: float = Field(
        default=10.0, gt=0, alias="ZONEBOT_TELEGRAM_TIMEOUT_SECONDS"
    )
    inline_cache_seconds: int = Field(default=300, ge=0, alias="ZONEBOT_INLINE_CACHE_SECONDS")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, int):
            return frozenset({value})
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not all(p.isdigit() for p in parts):
                msg = "ZONEBOT_ADMIN_IDS takes numeric Telegram user ids, written 42 or 42,43"
                raise ValueError(msg)
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _empty_token_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip():
            return None  # TELEGRAM_BOT_TOKEN= (empty) means not set
        return value

    def token_problem(self) -> str | None:
        """Say in one line why the token cannot be used; checked only by commands that need it."""
        if self.telegram_bot_token is None:
            return BOTFATHER_HINT
        token = self.telegram_bot_token.get_secret_value()
        if token == PLACEHOLDER_TOKEN:
            return f"TELEGRAM_BOT_TOKEN is still .env.example's placeholder: {BOTFATHER_STEPS}"
        if not TOKEN_RE.match(token):
            return (
                "TELEGRAM_BOT_TOKEN is not a Telegram bot token (digits, a colon, then 35 "
                "letters, digits, _ or -): copy it again from @BotFather"
            )
        return None

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            msg = "ZONEBOT_WEBHOOK_SECRET is required with ZONEBOT_WEBHOOK_URL"
            raise ValueError(msg)
        if self.webhook_secret is not None and not SECRET_RE.match(
            self.webhook_secret.get_secret_value()
        ):
            msg = "ZONEBOT_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
            raise ValueError(msg)
        return self


class IndexCacheSetting(BaseSettings):
    """ZONEBOT_INDEX_CACHE alone, for commands that need no token (zonebot ask)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    index_cache: Path | None = Field(default=None, alias="ZONEBOT_INDEX_CACHE")


def describe_settings_error(error: ValidationError) -> str:
    """Say in one line which setting is wrong and how, without echoing its value."""
    first = error.errors()[0]
    name = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return message if not name or name in message else f"{name}: {message}"


def load_settings(*, require_token: bool) -> Settings:
    """Read the settings, turning any problem into one line instead of a traceback."""
    try:
        settings = Settings()
    except ValidationError as exc:
        raise SettingsError(describe_settings_error(exc)) from None
    if require_token and (problem := settings.token_problem()) is not None:
        raise SettingsError(problem)
    return settings
