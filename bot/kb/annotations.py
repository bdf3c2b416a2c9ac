"""Knowledge base problems as GitHub Actions annotations, shown on the changed line of a PR."""

from __future__ import annotations

from pathlib import Path

from bot.kb.knowledge import Problem


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, kb_dir: Path) -> str:
    """Write a problem as `::error file=...,line=...,col=...::message` (or ::warning).

    The file is given as `kb_dir` names it, relative to the working directory when under it.
    """
    file = kb_dir / problem.file
    if file.is_absolute() and file.is_relative_to(Path.cwd()):
        file = file.relative_to(Path.cwd())  # GitHub places annotations by repository path
    path = file.as_posix()
    level = "warning" if problem.severity == "warning" else "error"
    where = f"file={_escape_property(path)},line={problem.line},col={problem.col}"
    return f"::{level} {where}::{_escape_data(problem.message)}"
