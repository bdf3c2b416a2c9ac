from pathlib import Path

import jsonschema
import pytest

from bot.kb.loader import check_knowledge_base, zone_json_schema
from bot.kb.yamlread import parse_yaml

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
ZONE_FILES = sorted((KNOWLEDGE / "zones").glob("*.yaml"))
needs_zone_files = pytest.mark.skipif(not ZONE_FILES, reason="knowledge/zones/ is still empty")


@needs_zone_files
def test_the_shipped_knowledge_base_validates_without_errors() -> None:
    kb, problems = check_knowledge_base(KNOWLEDGE)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert kb is not None


@needs_zone_files
@pytest.mark.parametrize("zone_file", ZONE_FILES, ids=lambda path: path.name)
def test_the_shipped_zone_files_match_the_editors_schema(zone_file: Path) -> None:
    data = parse_yaml(zone_file.read_bytes(), zone_file.name).data
    jsonschema.validate(data, zone_json_schema())
