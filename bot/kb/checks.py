"""Rules across files, run once every file is valid on its own: ids, references, names, English."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TypeVar

from bot.kb.knowledge import Problem
from bot.kb.models import DRAFT_MARK, LANGS, Source, Zone, ZoneProfile
from bot.kb.validation import did_you_mean
from bot.kb.yamlread import KeyPath, Position, YamlDocument

_T = TypeVar("_T")


@dataclass(frozen=True)
class ZoneFile:
    """A zone file that is valid on its own, with where its values are written."""

    file: str
    zone: Zone
    doc: YamlDocument


@dataclass(frozen=True)
class SourcesFile:
    """sources.yaml once valid on its own, with where its values are written."""

    file: str
    sources: list[Source]
    doc: YamlDocument


@dataclass(frozen=True)
class _Naming:
    """One place where a zone's name, alias or entity is written."""

    zone_id: str
    kind: str  # "name", "alias" or "entity"
    text: str
    zone_file: ZoneFile
    path: KeyPath

    @property
    def at(self) -> Position:
        """Where it is written (read only for a problem: positions are read on demand)."""
        return _list_item_position(self.zone_file, self.path)

    @property
    def file(self) -> str:
        return self.zone_file.file

    def __str__(self) -> str:
        return f'{self.kind} of zone "{self.zone_id}" ({self.file}:{self.at.line}:{self.at.col})'


def cross_file_problems(zones: list[ZoneFile], sources: SourcesFile | None) -> list[Problem]:
    """Check what no single file can: ids, references between files, names shared by zones."""
    problems = [*_zone_ids(zones), *_names_shared_by_zones(zones)]
    for zone_file in zones:
        problems += _entry_ids(zone_file)
        problems += _related_entries(zone_file)
        problems += _unfinished_drafts(zone_file)
    if sources is not None:
        problems += sources_problems(sources)
        known = {source.id for source in sources.sources}
        for zone_file in zones:
            problems += _source_references(zone_file, known, sources.file)
    return problems


def zone_file_errors(zf: ZoneFile, known_sources: set[str], sources_file: str) -> list[Problem]:
    """The errors of one zone file that need no other zone file: a half of a base can check it."""
    return [
        *_id_and_file_name(zf),
        *_entry_ids(zf),
        *_related_entries(zf),
        *_unfinished_drafts(zf),
        *_source_references(zf, known_sources, sources_file),
    ]


def zone_file_warnings(zf: ZoneFile) -> list[Problem]:
    """One zone file's warnings, as english_warnings and location_warnings give them."""
    return [*_zone_english_warnings(zf), *location_warnings([zf])]


def sources_problems(sources: SourcesFile) -> list[Problem]:
    """The errors of sources.yaml that need no zone file."""
    return [*_source_ids(sources), *_unfinished_sources(sources)]


def zones_clash(profiles: Sequence[ZoneProfile]) -> bool:
    """Tell whether two zones share an id, or a name, alias or entity leads to two zones."""
    ids = [profile.id for profile in profiles]
    named = ((p.id, kind, text, None) for p in profiles for kind, text, _path in _namings_of(p))
    return len(set(ids)) < len(ids) or next(_clashes(named), None) is not None


def english_warnings(zones: list[ZoneFile], sources: SourcesFile | None) -> list[Problem]:
    """Warn where English askers will get Chinese; these do not stop loading."""
    warnings: list[Problem] = []
    for zf in zones:
        warnings += _zone_english_warnings(zf)
    if sources is not None:
        warnings += _source_title_warnings(sources)
    return warnings


def location_warnings(zones: list[ZoneFile]) -> list[Problem]:
    """Warn for a zone without a location: "在哪" / "where is it" has nothing to answer from."""
    message = (
        'no "location": write where the zone is, e.g. location: {zh: 山东省青岛市, en: "Qingdao, '
        'Shandong"}; without it the zone card shows no place and "在哪" / "where is it" has '
        "nothing to answer from"
    )
    return [_warn(zf, ("name",), message) for zf in zones if zf.zone.location is None]


def _zone_english_warnings(zf: ZoneFile) -> Iterator[Problem]:
    if zf.zone.name.en is None:
        yield _warn(
            zf, ("name",), "name has no English text (English askers see the Chinese name)"
        )
    if zf.zone.location is not None and zf.zone.location.en is None:
        message = "location has no English text (English askers see the Chinese place)"
        yield _warn(zf, ("location",), message)
    if zf.zone.summary is not None and zf.zone.summary.en is None:
        message = "summary has no English text (English askers get the Chinese summary)"
        yield _warn(zf, ("summary",), message)
    for index, entry in enumerate(zf.zone.entries):
        if entry.answer.en is None:
            message = (
                f'entry "{entry.id}": answer has no English text '
                "(English askers get the Chinese answer)"
            )
            yield _warn(zf, ("entries", index, "answer"), message)
        if not entry.questions.en:
            message = (
                f'entry "{entry.id}": no English questions '
                "(English questions may not find this entry)"
            )
            yield _warn(zf, ("entries", index, "questions"), message)


def _source_title_warnings(sources: SourcesFile) -> Iterator[Problem]:
    for index, source in enumerate(sources.sources):
        if source.title.en is None:
            at = sources.doc.position((index, "title"))
            message = (
                f'source "{source.id}": title has no English text '
                "(English answers cite the Chinese title)"
            )
            yield Problem(sources.file, at.line, at.col, message, "warning")


def _id_and_file_name(zf: ZoneFile) -> Iterator[Problem]:
    stem = PurePosixPath(zf.file).stem
    if zf.zone.id != stem:
        message = (
            f'zone id "{zf.zone.id}" does not match the file name "{stem}.yaml": '
            "make them the same (rename the file or change the id)"
        )
        yield _error(zf, ("id",), message)


def _zone_ids(zones: list[ZoneFile]) -> Iterator[Problem]:
    first_file: dict[str, str] = {}
    for zf in zones:
        yield from _id_and_file_name(zf)
        if zf.zone.id in first_file:
            message = f'zone id "{zf.zone.id}" is already used by {first_file[zf.zone.id]}'
            yield _error(zf, ("id",), message)
        else:
            first_file[zf.zone.id] = zf.file


def _entry_ids(zf: ZoneFile) -> Iterator[Problem]:
    first_index: dict[str, int] = {}
    for index, entry in enumerate(zf.zone.entries):
        if entry.id in first_index:
            first = zf.doc.position(("entries", first_index[entry.id], "id")).line
            message = f'duplicate entry id "{entry.id}" (first at line {first})'
            message += ": give each entry of a zone its own id"
            yield _error(zf, ("entries", index, "id"), message)
        else:
            first_index[entry.id] = index


def _source_ids(sources: SourcesFile) -> Iterator[Problem]:
    first_index: dict[str, int] = {}
    for index, source in enumerate(sources.sources):
        if source.id in first_index:
            first = sources.doc.position((first_index[source.id], "id")).line
            at = sources.doc.position((index, "id"))
            message = (
                f'duplicate source id "{source.id}" (first at line {first}): '
                "give each source its own id"
            )
            yield Problem(sources.file, at.line, at.col, message)
        else:
            first_index[source.id] = index


def _source_references(zf: ZoneFile, known: set[str], sources_file: str) -> Iterator[Problem]:
    cited: list[tuple[str, KeyPath, list[str]]] = [("", ("sources",), zf.zone.sources)]
    for index, entry in enumerate(zf.zone.entries):
        cited.append((f'entry "{entry.id}": ', ("entries", index, "sources"), entry.sources))
    for owner, path, source_ids in cited:
        for position, source_id in enumerate(source_ids):
            if source_id not in known:
                hint = did_you_mean(source_id, known)
                message = f'{owner}source "{source_id}" is not in {sources_file}{hint}'
                yield _error(zf, (*path, position), message)


def _related_entries(zf: ZoneFile) -> Iterator[Problem]:
    entry_ids = {entry.id for entry in zf.zone.entries}
    for index, entry in enumerate(zf.zone.entries):
        for position, related in enumerate(entry.related):
            if related not in entry_ids:
                hint = did_you_mean(related, entry_ids)
                message = (
                    f'entry "{entry.id}": related entry "{related}" is not in this zone{hint}'
                )
                yield _error(zf, ("entries", index, "related", position), message)


def _unfinished_drafts(zf: ZoneFile) -> Iterator[Problem]:
    """Nothing half-done is served: a draft entry or a [draft] placeholder stops loading."""
    for index, entry in enumerate(zf.zone.entries):
        if entry.draft:
            message = (
                f'entry "{entry.id}" is a draft: rewrite its answer in your own words, write the '
                'English, check questions, as_of and sources, then delete "draft: true"'
            )
            yield _error(zf, ("entries", index, "draft"), message)
    if not _may_hold_placeholder(zf.doc):
        return
    for path, text in _texts(zf.zone.model_dump(), ()):
        if DRAFT_MARK in text:
            yield _error(zf, path, _placeholder(text))


def _unfinished_sources(sources: SourcesFile) -> Iterator[Problem]:
    """A source `zonebot draft` left with placeholders is not cited until it is written."""
    if not _may_hold_placeholder(sources.doc):
        return
    for index, source in enumerate(sources.sources):
        for path, text in _texts(source.model_dump(), (index,)):
            if DRAFT_MARK in text:
                at = sources.doc.position(path)
                yield Problem(sources.file, at.line, at.col, _placeholder(text))


def _may_hold_placeholder(doc: YamlDocument) -> bool:
    """Tell whether a file may hold a placeholder: written, or escaped (\x5b, a "\" line break)."""
    return DRAFT_MARK in doc.text or "\\" in doc.text


def _texts(value: object, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every string of a zone's data, with the key path it is written at."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _placeholder(text: str, size: int = 40) -> str:
    clipped = text if len(text) <= size else text[: size - 1] + "…"
    return f'"{clipped}" is a placeholder: write the text, then remove {DRAFT_MARK}'


def _names_shared_by_zones(zones: list[ZoneFile]) -> Iterator[Problem]:
    """An alias or entity must lead to one zone only, and never to another zone's name."""
    named = (
        (zf.zone.id, kind, text, _Naming(zf.zone.id, kind, text, zf, path))
        for zf in zones
        for kind, text, path in _namings_of(zf.zone)
    )
    for naming, other in _clashes(named):
        message = (
            f'{naming.kind} "{naming.text}" is also the {other}: '
            "a name, alias or entity must lead to one zone only"
        )
        yield Problem(naming.file, naming.at.line, naming.at.col, message)


def _clashes(named: Iterable[tuple[str, str, str, _T]]) -> Iterator[tuple[_T, _T]]:
    """Each naming (zone id, kind, text, what) leading to another zone too, and the first such."""
    places: dict[str, list[tuple[str, str, _T]]] = defaultdict(list)
    for zone_id, kind, text, what in named:
        places[" ".join(text.casefold().split())].append((zone_id, kind, what))
    for namings in places.values():
        for zone_id, kind, what in namings:
            others = [other for other in namings if other[0] != zone_id]
            if others and (kind != "name" or any(o[1] != "name" for o in others)):
                yield what, others[0][2]


def _namings_of(zone: ZoneProfile) -> Iterator[tuple[str, str, KeyPath]]:
    """Each name, alias and entity of a zone: its kind, its text and where it is written."""
    for lang in LANGS:
        text = zone.name.get(lang)
        if text is not None:  # at the zh:/en: line, or the shorthand string
            yield "name", text, ("name", lang)
    for kind, field in (("alias", "aliases"), ("entity", "entities")):
        words = getattr(zone, field)
        for lang in LANGS:
            for index, word in enumerate(words.get(lang)):
                yield kind, word, (field, lang, index)


def _list_item_position(zf: ZoneFile, path: KeyPath) -> Position:
    """Where a value is written; a bilingual list's item may be written as a plain list."""
    if len(path) == 3 and (path[0], path[2]) in zf.doc.values:
        return zf.doc.position((path[0], path[2]))
    return zf.doc.position(path)


def _error(zf: ZoneFile, path: KeyPath, message: str) -> Problem:
    at = zf.doc.position(path)
    return Problem(zf.file, at.line, at.col, message)


def _warn(zf: ZoneFile, path: KeyPath, message: str) -> Problem:
    at = zf.doc.position(path)
    return Problem(zf.file, at.line, at.col, message, "warning")
