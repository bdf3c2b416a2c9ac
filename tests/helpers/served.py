"""An index held the way the bot's services hold it, for tests of the reloader alone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.answer.build import answer_question
from bot.reloader import KnowledgeReloader
from bot.search.index import ZoneIndex
from helpers.kb_edits import QUESTION


@dataclass
class Served:
    """What the bot's services are to the reloader: the index being served."""

    index: ZoneIndex


def reloader_for(root: Path, served: Served, **options: float) -> KnowledgeReloader:
    """A reloader of `root` swapping into `served`, settling for `settle` seconds (default 0)."""
    return KnowledgeReloader(root, served, settle_seconds=options.get("settle", 0.0))


def answer_text(served: Served) -> str:
    """The served index's whole answer to the kb_edits question."""
    answer = answer_question(served.index, QUESTION)
    return "\n".join(block.text for block in answer.blocks)
