"""The loaded knowledge base: what the core answers from, independent of files and YAML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from bot.kb.models import Entry, Source, Zone, ZoneProfile

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing an editor should fix, located in a file of the knowledge base."""

    file: str  # relative to the knowledge base root, e.g. "zones/qingdao-hitech.yaml"
    line: int  # 1-based
    col: int  # 1-based
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {prefix}{self.message}"


@dataclass(frozen=True)
class ReadFile:
    """A file's validated contents and the hash of its bytes: a reload re-reads only changes."""

    digest: bytes  # SHA-256 of the file's bytes
    model: BaseModel


@dataclass(frozen=True)
class KnowledgeBase:
    """A validated knowledge base: zones in file order, sources and synonym groups.

    Read from the knowledge cache, its zones are built when first looked up (bot/kb/cache.py)
    and `zone_profiles` holds every zone's profile, read at once.
    """

    root: Path
    zones: Mapping[str, Zone]
    sources: dict[str, Source]
    synonyms: list[list[str]] = field(default_factory=list)
    version: str = ""  # content hash of the files it was read from
    warnings: list[Problem] = field(default_factory=list)
    files: Mapping[str, ReadFile] = field(default_factory=dict, repr=False, compare=False)
    content_hash: str = field(default="", repr=False, compare=False)  # all of it: version's
    zone_profiles: Mapping[str, ZoneProfile] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def profiles(self) -> Mapping[str, ZoneProfile]:
        """Every zone's profile (all but its entries), by id, in file order."""
        return self.zones if self.zone_profiles is None else self.zone_profiles

    def entry(self, zone_id: str, entry_id: str) -> Entry | None:
        """Return an entry by its zone and id, or None when it does not exist."""
        zone = self.zones.get(zone_id)
        if zone is None:
            return None
        return next((e for e in zone.entries if e.id == entry_id), None)
