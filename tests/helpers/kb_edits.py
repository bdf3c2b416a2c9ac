"""Edits an editor makes to a copy of the real knowledge base: one valid, a dozen broken."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
ZONE_FILE = "zones/qingdao-hitech.yaml"
QUESTION = "What was Qingdao's biomedicine revenue in 2022?"
OLD_FIGURE = "growing 28%"
NEW_FIGURE = "growing 31%"
REVENUE_ENTRY = "qingdao-hitech/biomed-revenue-2022"


def _last_entry_line_in_first_half() -> int:
    """The line of the entry a cut at half the zone file leaves without its answer."""
    text = (KNOWLEDGE / ZONE_FILE).read_text(encoding="utf-8")
    lines = text[: len(text) // 2].split("\n")
    return max(number for number, line in enumerate(lines, 1) if line.startswith("  - id:"))


def copy_knowledge(target: Path) -> Path:
    """Copy the shipped knowledge base to `target`."""
    shutil.copytree(KNOWLEDGE, target)
    return target


def zone_text(root: Path) -> str:
    """The zone file the edits change."""
    return (root / ZONE_FILE).read_text(encoding="utf-8")


def write_zone(root: Path, text: str) -> None:
    """Save the zone file as an editor does."""
    (root / ZONE_FILE).write_text(text, encoding="utf-8")


def edit_figure(root: Path) -> None:
    """The valid edit: a revised figure in one English answer."""
    revenue = "had revenue of more than RMB 8 billion (80亿元)"
    text = zone_text(root).replace(f"{revenue}, {OLD_FIGURE}", f"{revenue}, {NEW_FIGURE}")
    write_zone(root, text)


def remove_most_zones(root: Path) -> list[str]:
    """Delete three of the five zone files, as a half-finished copy would leave them."""
    paths = sorted((root / "zones").glob("*.yaml"))[:3]
    for path in paths:
        path.unlink()
    return [path.stem for path in paths]


@dataclass(frozen=True)
class BrokenEdit:
    """A mistake and a piece of the message that must say what to fix."""

    name: str
    apply: Callable[[Path], None]
    message: str


def _replace(old: str, new: str) -> Callable[[Path], None]:
    return lambda root: write_zone(root, zone_text(root).replace(old, new, 1))


def _write_bytes(make: Callable[[str], bytes]) -> Callable[[Path], None]:
    return lambda root: (root / ZONE_FILE).write_bytes(make(zone_text(root)))


_ALIAS_BOMB = "\nx: &a [1, 1]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nz: [*b, *b, *b, *b]\n"

BROKEN_EDITS = (
    BrokenEdit(
        "truncated file",
        _write_bytes(lambda text: text[: len(text) // 2].encode()),
        f"{ZONE_FILE}:{_last_entry_line_in_first_half()}:5: entry",
    ),
    BrokenEdit(
        "duplicate key",
        _replace("id: qingdao-hitech\n", "id: qingdao-hitech\nid: qingdao-hitech\n"),
        f'{ZONE_FILE}:3:1: duplicate key "id" (first at line 2)',
    ),
    BrokenEdit(
        "unknown source",
        _replace("sources: [", "sources: [no-such-source, "),
        'source "no-such-source" is not in sources.yaml',
    ),
    BrokenEdit(
        "tab",
        _replace("\n  zh: [中国康湾]", "\n\tzh: [中国康湾]"),
        f"{ZONE_FILE}:5:1: a tab is used for indentation",
    ),
    BrokenEdit("GBK bytes", _write_bytes(lambda text: text.encode("gb18030")), "save it as UTF-8"),
    BrokenEdit(
        "UTF-16", _write_bytes(lambda text: text.encode("utf-16")), "(it is UTF-16): save it"
    ),
    BrokenEdit("empty file", _write_bytes(lambda _: b""), f"{ZONE_FILE}:1:1: the file is empty"),
    BrokenEdit(
        "python tag",
        _write_bytes(lambda text: ("!!python/object/apply:os.system ['true']\n" + text).encode()),
        'tags are not allowed ("!!python/object/apply:os.system")',
    ),
    BrokenEdit(
        "YAML 1.1 NO",
        _replace("id: qingdao-hitech", "id: NO"),
        '"id": "NO" is not a valid id',
    ),
    BrokenEdit(
        "alias bomb",
        _write_bytes(lambda text: (text + _ALIAS_BOMB).encode()),
        "anchors and aliases (&, *) are not allowed",
    ),
    BrokenEdit(
        "misspelt field",
        _replace("location:", "locaton:"),
        'unknown field "locaton" (did you mean "location"?)',
    ),
    BrokenEdit(
        "oversized file",
        _write_bytes(lambda text: (text + "#" * 1_100_000 + "\n").encode()),
        "over the limit of 1,048,576 bytes",
    ),
)
