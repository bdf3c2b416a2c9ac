"""The bot's own code and data, hashed: caches built by another release are not trusted."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path


@cache
def code_fingerprint() -> str:
    """Hash the bot's modules and data files: a new release indexes differently."""
    package = Path(__file__).resolve().parent  # bot/, with all its subpackages
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.glob("data/**/*")]):
        if path.is_file():
            digest.update(f"{path.relative_to(package)}\0".encode() + path.read_bytes())
    return digest.hexdigest()
