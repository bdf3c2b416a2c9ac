"""Cache files a restart reads: keyed by the bot's own code, replaced whole, never half-written."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import BinaryIO


@cache
def code_fingerprint() -> str:
    """Hash the bot's modules and data files: a new release indexes differently."""
    package = Path(__file__).resolve().parent  # bot/, with all its subpackages
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.glob("data/**/*")]):
        if path.is_file():
            digest.update(f"{path.relative_to(package)}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def replace_cache_file(target: Path, write: Callable[[BinaryIO], object], older: str) -> None:
    """Write `target` through a temporary file, then drop the other files matching `older`.

    Raises OSError when the folder cannot be written; a reader never sees a partial file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".cache-", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    for old in target.parent.glob(older):
        if old.name != target.name:
            old.unlink(missing_ok=True)
