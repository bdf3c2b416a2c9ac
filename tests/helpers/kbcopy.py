"""Copies of the test knowledge bases in a temporary folder, for tests that change them."""

import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
VALID_KB = DATA / "kb"
BROKEN_KB = DATA / "kb_broken"


def copy_kb(target: Path, broken_case: str | None = None) -> Path:
    """Copy the tiny valid knowledge base to `target`, with a broken case's files laid over it."""
    shutil.copytree(VALID_KB, target)
    if broken_case is not None:
        shutil.copytree(BROKEN_KB / broken_case, target, dirs_exist_ok=True)
    return target
