"""A lead, its admins and the small test knowledge base, for the lead-notice tests."""

from __future__ import annotations

from pathlib import Path

from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_knowledge_base
from bot.storage.records import NewLead

KB_PATH = Path(__file__).resolve().parents[1] / "data" / "kb"
ADMINS = (42, 43)
PHONE = "+86 138 1234 5678"


def kb() -> KnowledgeBase:
    """The small test knowledge base the notices name zones from."""
    return load_knowledge_base(KB_PATH)


def lead(key: str = "form-1", user_id: int = 7) -> NewLead:
    """A finished lead with markup in its company name and a phone number to contact."""
    return NewLead(
        user_id=user_id,
        idempotency_key=key,
        language="zh",
        company="Acme <Bio> & Co",
        industry="medical devices",
        investment="2亿元",
        zones=("qingdao-hitech",),
        contact_method="phone",
        contact_value=PHONE,
    )
