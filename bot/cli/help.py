"""The settings part of each subcommand's --help, derived from the settings model."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

KB = ("kb_path",)
DATABASE = ("database_url",)
RETENTION = (
    "database_url",
    "question_log_retention_days",
    "lead_retention_days",
    "lead_form_retention_hours",
)
HEALTH = ("kb_path", "database_url", "webhook_url", "listen_host", "port")
EVERY = None  # every setting: `zonebot run`
CLOSED_PIPE_EXIT = 141  # what a shell reports for a program ended by SIGPIPE


class SettingsHelp(argparse.RawDescriptionHelpFormatter):
    """Ends a subcommand's --help with its settings; the model is imported only for --help."""

    def __init__(
        self,
        prog: str,
        *,
        fields: Sequence[str] | None = EVERY,
        required: Sequence[str] = (),
    ) -> None:
        super().__init__(prog)
        self._fields = fields
        self._required = required

    def add_text(self, text: str | None) -> None:
        """Replace the epilog's marker with the settings listing."""
        if text == SETTINGS_MARK:
            text = settings_epilog(self._fields, required=self._required)
        super().add_text(text)


SETTINGS_MARK = "(settings)"  # the epilog of a subcommand whose formatter is SettingsHelp


def settings_epilog(fields: Sequence[str] | None, *, required: Sequence[str] = ()) -> str:
    """List the settings a command reads (None: all), each with its default."""
    from bot.config import Settings

    if fields is None:
        fields = tuple(Settings.model_fields)
    needed = set(required)
    rows = [(_name(field), _default(field, needed)) for field in fields]
    if not rows:
        return "settings: this command reads none"
    width = max(len(name) for name, _ in rows)
    lines = [f"  {name.ljust(width)}  {default}" for name, default in rows]
    heading = (
        "settings (environment, or a .env file in the current folder; docs/configuration.md):"
    )
    return "\n".join([heading, *lines])


def _name(field: str) -> str:
    from bot.config import Settings

    alias = Settings.model_fields[field].alias
    return alias or field.upper()


def _default(field: str, required: set[str]) -> str:
    from bot.config import Settings

    if field in required:
        return "required"
    default = Settings.model_fields[field].default
    if default is None:
        return "not set"
    if isinstance(default, frozenset):
        return ",".join(str(item) for item in sorted(default)) or "none"
    if isinstance(default, Path):
        return str(default)
    return f"{default}"


def end_quietly_on_closed_pipe() -> int:
    """Stop writing to a reader that went away (`zonebot ask ... | head`) without a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the flush at exit would fail again otherwise
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a file (a test's capture): nothing is flushed at exit
    return CLOSED_PIPE_EXIT
