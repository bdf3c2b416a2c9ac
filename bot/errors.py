"""Every exception the project raises across modules, in one place to read and to catch."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.kb.knowledge import Problem


class KnowledgeBaseError(Exception):
    """The knowledge base failed validation; it carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class FileRejected(Exception):
    """A file of the knowledge base that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class SettingsError(Exception):
    """The settings cannot be used; the message is one line saying what to fix."""


class DatabaseUrlError(ValueError):
    """The database URL cannot be used; the message is one line naming the setting."""


class StorageUnavailableError(Exception):
    """The database cannot be reached, is busy or is full: tell the user to try again."""


class BadUpdateError(ValueError):
    """The body is JSON but not an update this bot can read."""


class BodyTooLargeError(ValueError):
    """The body is larger than any update Telegram sends."""


class ListenError(Exception):
    """The configured address cannot be listened on; the message says which, why, what to set."""


class NotServingError(Exception):
    """The bot's web server does not answer its health check."""


class StoppedError(Exception):
    """SIGTERM or SIGINT came while the bot was still starting."""


class DraftInputError(Exception):
    """Input `zonebot draft` cannot work from: the message says what to change."""
