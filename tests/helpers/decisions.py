"""What the matcher decides for a question, in a form tests compare at a glance."""

from bot.search.index import ZoneIndex
from bot.search.matcher import match_question


def kind_and_entry(index: ZoneIndex, question: str) -> tuple[str, str | None]:
    """The decision's kind, and its entry when it answers with one."""
    result = match_question(index, question)
    entry = result.candidates[0].record.entry_id if result.kind == "entry" else None
    return result.kind, entry
