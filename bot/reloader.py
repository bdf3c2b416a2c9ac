"""Hot reload: take the editors' changes without a restart, never serving a broken knowledge base.

A reload waits until the files have settled, parses and validates the files that changed (then
checks the whole knowledge base across files), builds its index off the event loop and swaps it
in with one assignment, so a question uses the old or the new index, never a mix. A knowledge
base that fails validation, that lost most of its zones or entries at once (a half-copied
folder), or one of whose files is the served file cut short (a cut YAML file often still
parses), is refused and the old one keeps answering.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, Protocol

from watchfiles import awatch

from bot.errors import FileRejected
from bot.kb.knowledge import KnowledgeBase, Problem, ReadFile
from bot.kb.loader import (
    SOURCES_FILE,
    SYNONYMS_FILE,
    ZONES_DIR,
    FileReader,
    check_knowledge_base,
)
from bot.metrics import METRICS
from bot.search.index import ZoneIndex, build_index

logger = logging.getLogger(__name__)

Outcome = Literal["reloaded", "unchanged", "refused"]
Trigger = Literal["watch", "command"]
Fingerprint = tuple[tuple[str, int, int, int], ...]
ResultSink = Callable[["ReloadResult"], Awaitable[None]]

POLL_SECONDS = 5.0  # a change the file watcher misses (bind mounts, symlink swaps) waits this long
STAT_GAP_SECONDS = 0.05  # two looks at the files at least this far apart must agree
WATCH_STEP_MS = 50


class IndexHolder(Protocol):
    """Whatever serves questions from `index` (the bot's services)."""

    index: ZoneIndex


@dataclass(frozen=True)
class EntryChanges:
    """Entries, as zone-id/entry-id, that a reload adds, changes or removes."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReloadResult:
    """What a reload did: the versions, the entries it changed, or why it was refused."""

    outcome: Outcome
    trigger: Trigger
    old_version: str
    new_version: str  # the version read from disk; "" when it could not be read
    changes: EntryChanges = field(default_factory=EntryChanges)
    problems: tuple[Problem, ...] = ()  # errors first when refused; else the warnings
    forced: bool = False
    load_seconds: float = 0.0

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that made the reload refused."""
        return tuple(p for p in self.problems if p.severity == "error")


def entry_changes(old: KnowledgeBase, new: KnowledgeBase) -> EntryChanges:
    """Compare two knowledge bases entry by entry."""
    before = _entries(old)
    after = _entries(new)
    return EntryChanges(
        added=tuple(key for key in after if key not in before),
        changed=tuple(key for key in after if key in before and after[key] != before[key]),
        removed=tuple(key for key in before if key not in after),
    )


def shrink_problems(old: KnowledgeBase, new: KnowledgeBase) -> list[Problem]:
    """Report an edit that removes most zones or most entries at once."""
    problems = []
    gone_zones = [zone_id for zone_id in old.zones if zone_id not in new.zones]
    if 2 * len(gone_zones) > len(old.zones):
        message = (
            f"{len(gone_zones)} of {len(old.zones)} zone files are gone at once "
            f"({', '.join(gone_zones)}): if that is meant, an admin sends /reload force"
        )
        problems.append(Problem(f"{ZONES_DIR}/", 1, 1, message))
    gone_entries = len(entry_changes(old, new).removed)
    old_entries = len(_entries(old))
    if not problems and 2 * gone_entries > old_entries:
        message = (
            f"{gone_entries} of {old_entries} entries are gone at once: a file may be cut short; "
            "if that is meant, an admin sends /reload force"
        )
        problems.append(Problem(f"{ZONES_DIR}/", 1, 1, message))
    return problems


def truncation_problems(
    served: Mapping[str, bytes], current: Mapping[str, bytes]
) -> list[Problem]:
    """Report each file that is its served version cut short, trailing white space aside."""
    problems = []
    for file, content in sorted(current.items()):
        kept = content.rstrip()
        whole = served.get(file, b"").rstrip()
        if len(kept) < len(whole) and whole.startswith(kept):
            problems.append(_cut_short(file, kept, whole))
    return problems


def served_files(root: Path) -> dict[str, bytes]:
    """The bytes of every file the loader reads, to compare later edits with."""
    files = {}
    reader = FileReader(root)
    for path in _watched_paths(root):
        if path.suffix != ".yaml":
            continue
        relative = path.relative_to(root).as_posix()
        try:  # only what the loader reads: regular files inside the folder
            files[relative] = reader.read(relative)
        except FileRejected:
            continue
    return files


def fingerprint(root: Path) -> Fingerprint:
    """Name, size, modification time and inode of every file the loader reads."""
    marks = []
    for path in _watched_paths(root):
        try:
            stat = path.stat()  # follows symlinks: a retargeted ..data link changes the inode
        except OSError:
            continue
        marks.append((str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(marks)


class KnowledgeReloader:
    """Reloads one knowledge base folder into `holder.index`, one reload at a time."""

    def __init__(
        self,
        root: Path,
        holder: IndexHolder,
        *,
        settle_seconds: float,
        on_result: ResultSink | None = None,
    ) -> None:
        self.root = root
        self.holder = holder
        self.settle_seconds = settle_seconds
        self.on_result = on_result
        self._lock = asyncio.Lock()
        self._seen = fingerprint(root)
        self._served = served_files(root)  # the files `holder.index` was read from

    async def reload(self, *, force: bool = False, trigger: Trigger = "command") -> ReloadResult:
        """Read the settled files, and swap the new index in unless it must be refused."""
        async with self._lock:
            result = await self._reload(force=force, trigger=trigger)
        METRICS.record_reload(result.outcome)
        _log(result)
        if self.on_result is not None:
            try:
                await self.on_result(result)
            except Exception:
                logger.exception("telling the admins about a reload failed")
        return result

    async def watch(self, stop: asyncio.Event) -> None:
        """Reload whenever the files change, until `stop` is set."""
        while not stop.is_set():
            try:
                async for _ in awatch(
                    self.root,
                    stop_event=stop,
                    step=WATCH_STEP_MS,
                    rust_timeout=int(POLL_SECONDS * 1000),
                    yield_on_timeout=True,
                ):
                    if fingerprint(self.root) != self._seen:
                        await self.reload(trigger="watch")
            except (OSError, RuntimeError) as exc:
                logger.warning("watching %s failed (%s); trying again", self.root, exc)
                await _sleep_unless(stop, POLL_SECONDS)

    async def _reload(self, *, force: bool, trigger: Trigger) -> ReloadResult:
        old = self.holder.index.kb
        while True:
            settled = await self._settled()
            started = time.perf_counter()
            kb, problems, files = await asyncio.to_thread(_read, self.root, old.files)
            if fingerprint(self.root) == settled:
                break  # else a file changed while it was read: wait and read it again
        self._seen = settled
        base = ReloadResult("unchanged", trigger, old.version, "", forced=force)
        if kb is None:
            return replace(base, outcome="refused", problems=_errors_first(problems))
        loaded = replace(base, new_version=kb.version, problems=tuple(problems))
        if kb.version == old.version:
            return loaded
        guarded = truncation_problems(self._served, files) + shrink_problems(old, kb)
        if guarded and not force:
            return replace(loaded, outcome="refused", problems=tuple(guarded))
        cache = self.holder.index.cache
        index = await asyncio.to_thread(build_index, kb, cache)  # a large base takes a while
        seconds = time.perf_counter() - started
        self.holder.index = index  # the one assignment every question sees atomically
        self._served = files
        METRICS.record_knowledge_base(kb.version, seconds, len(index.records))
        return replace(
            loaded, outcome="reloaded", changes=entry_changes(old, kb), load_seconds=seconds
        )

    async def _settled(self) -> Fingerprint:
        """Wait until no file has changed for the settle time (a file being written waits)."""
        current = fingerprint(self.root)
        while True:
            quiet = time.time() - _newest_change(current)
            await asyncio.sleep(max(self.settle_seconds - quiet, STAT_GAP_SECONDS))
            latest = fingerprint(self.root)
            if latest == current and time.time() - _newest_change(latest) >= self.settle_seconds:
                return latest
            current = latest


def _read(
    root: Path, known: Mapping[str, ReadFile]
) -> tuple[KnowledgeBase | None, list[Problem], dict[str, bytes]]:
    """Validate, in a worker thread, keeping the bytes of a valid knowledge base's files.

    Files unchanged since the served version are not parsed or validated again.
    """
    kb, problems = check_knowledge_base(root, known)
    return kb, problems, {} if kb is None else served_files(root)


def _watched_paths(root: Path) -> list[Path]:
    """The top-level files the loader reads and everything in the zones folder."""
    zones = root / ZONES_DIR
    paths = [root / SOURCES_FILE, root / SYNONYMS_FILE]
    if zones.is_dir():
        paths += sorted(zones.iterdir())
    return paths


def _cut_short(file: str, kept: bytes, whole: bytes) -> Problem:
    """Place the problem where the cut file ends, the next character an editor would type."""
    text = kept.decode("utf-8-sig", errors="replace")
    line = text.count("\n") + 1
    col = len(text) - text.rfind("\n")
    lines = whole.count(b"\n") + 1
    message = (
        f"the file ends early: it is the version being served cut short at line {line} of "
        f"{lines}; finish saving it, or if its end was removed on purpose, "
        "an admin sends /reload force"
    )
    return Problem(file, line, col, message)


def _entries(kb: KnowledgeBase) -> dict[str, object]:
    return {f"{zone.id}/{entry.id}": entry for zone in kb.zones.values() for entry in zone.entries}


def _newest_change(marks: Fingerprint) -> float:
    return max((mtime_ns for _, _, mtime_ns, _ in marks), default=0) / 1e9


def _errors_first(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: p.severity != "error"))


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except TimeoutError:
        return


def _log(result: ReloadResult) -> None:
    if result.outcome == "refused":
        details = "\n".join(str(p) for p in result.errors)
        logger.warning(
            "knowledge base edit refused; still serving %s:\n%s", result.old_version, details
        )
    elif result.outcome == "reloaded":
        changes = result.changes
        logger.info(
            "knowledge base %s -> %s: %d added, %d changed, %d removed",
            result.old_version,
            result.new_version,
            len(changes.added),
            len(changes.changed),
            len(changes.removed),
        )
