"""Knowledge-base folders written from a compact list of zones, in the real file format."""

from __future__ import annotations

from pathlib import Path

import yaml


def write_kb(root: Path, zones: list[tuple]) -> Path:  # type: ignore[type-arg]
    """Write zones in the real format: one file each, a source each, no synonyms."""
    (root / "zones").mkdir(parents=True)
    sources = []
    for zone_id, zh, en, city, province, entries in zones:
        source = f"src-{zone_id}"
        sources.append(
            {
                "id": source,
                "title": {"zh": f"{zh}政策"},
                "publisher": {"zh": "政府"},
                "date": "2024",
            }
        )
        zone = {
            "id": zone_id,
            "name": {"zh": zh, "en": en},
            "location": {"zh": f"{province}省{city}市", "en": city},
            "sources": [source],
            "entries": [
                {
                    "id": entry_id,
                    "topic": "incentives",
                    "title": {"zh": title},
                    "questions": {"zh": [question]},
                    "answer": {"zh": answer},
                    "sources": [source],
                }
                for entry_id, (title, question, answer) in entries.items()
            ],
        }
        text = yaml.safe_dump(zone, allow_unicode=True, sort_keys=False)
        (root / "zones" / f"{zone_id}.yaml").write_text(text, encoding="utf-8")
    text = yaml.safe_dump(sources, allow_unicode=True, sort_keys=False)
    (root / "sources.yaml").write_text(text, encoding="utf-8")
    return root
