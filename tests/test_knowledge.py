from pathlib import Path

import pytest

from bot.loader import check_knowledge_base

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.mark.skipif(
    not any((KNOWLEDGE / "zones").glob("*.yaml")), reason="knowledge/zones/ has no zone files yet"
)
def test_the_shipped_knowledge_base_validates_without_errors() -> None:
    kb, problems = check_knowledge_base(KNOWLEDGE)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert kb is not None
