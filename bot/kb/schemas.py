"""JSON Schemas of sources.yaml and synonyms.yaml, from the models the loader checks them with.

Editors' YAML plugins (yaml-language-server) read them through the files' first-line
modelines; `zonebot schema sources|synonyms` prints them and a test keeps the files in sync.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from bot.kb.loader import _DATE_PATTERN, loosen_bilingual, zone_json_schema
from bot.kb.models import SourceList, SynonymList

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# The schema files beside the knowledge base's files, by `zonebot schema` kind.
SCHEMA_FILES = {
    "zone": "schema.json",
    "sources": "sources.schema.json",
    "synonyms": "synonyms.schema.json",
}
_SOURCE_HELP = {
    "id": "Cited by entries' sources: lower-case letters, digits and -",
    "title": "The article's title, as published",
    "publisher": "Who published it",
    "date": 'When it was published: "YYYY", "YYYY-MM" or "YYYY-MM-DD", in quotes',
    "url": "Only a real, known link",
}


def _list_file(model: type[BaseModel], field: str, title: str, description: str) -> dict[str, Any]:
    """The schema of a file that is a bare YAML list: the loader wraps it in `field`."""
    schema = model.model_json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    loosen_bilingual(defs)
    body = schema["properties"][field]
    body.pop("title", None)
    return {
        "$schema": DRAFT,
        "title": title,
        "description": description,
        **body,
        **({"$defs": defs} if defs else {}),
    }


def sources_json_schema() -> dict[str, Any]:
    """The schema of knowledge/sources.yaml: a list of documents that answers cite."""
    schema = _list_file(
        SourceList,
        "sources",
        "ZoneBot sources (knowledge/sources.yaml)",
        "Every document an answer may cite, one per article; entries cite them by id",
    )
    properties = schema["$defs"]["Source"]["properties"]
    properties["date"]["pattern"] = _DATE_PATTERN
    for name, text in _SOURCE_HELP.items():
        properties[name]["description"] = text
    return schema


def synonyms_json_schema() -> dict[str, Any]:
    """The schema of knowledge/synonyms.yaml: groups of at least two words, one per line."""
    schema = _list_file(
        SynonymList,
        "groups",
        "ZoneBot synonyms (knowledge/synonyms.yaml)",
        "Groups of words an asker uses for one another; a word belongs to one group only",
    )
    schema["items"]["description"] = "Words an asker uses for one another, Chinese and English"
    return schema


def json_schema(kind: str) -> dict[str, Any]:
    """The schema of one kind of knowledge file: zone, sources or synonyms."""
    builders = {
        "zone": zone_json_schema,
        "sources": sources_json_schema,
        "synonyms": synonyms_json_schema,
    }
    return builders[kind]()
