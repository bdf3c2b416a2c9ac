"""Safe YAML reading for hand-edited files: plain data, every value's position, editors' errors.

Built from libyaml's event stream rather than PyYAML's constructors, so no tag is ever
applied, no YAML 1.1 conversion happens (`NO`, `010`, `1.10` and `2023-05-01` stay text),
duplicate keys are caught, and anchors are refused before any alias could be expanded.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml
import yaml_rs
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from bot.errors import FileRejected
from bot.kb.knowledge import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # libyaml missing: same events, about eight times slower
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]
Mark = Any  # yaml.Mark, or libyaml's own mark type: both have 0-based .line and .column
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_DISCARDED_KEY = "\x00"  # YAML text cannot hold NUL, so no written key equals it
_ANCHOR_MESSAGE = "anchors and aliases (&, *) are not allowed: write the value out in full"


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    col: int


START = Position(1, 1)


@dataclass
class YamlDocument:
    """A file's data (dicts, lists, str, None); where each value and key is written, on demand."""

    data: Any
    text: str = ""  # the file's text: positions are read from it again only when asked for
    file: str = ""
    typed: bool = False  # read by parse_typed: believe the data only if it validates

    @cached_property
    def _places(self) -> _Builder:
        builder = _Builder(self.file)
        _feed(builder, self.text)
        return builder

    @property
    def values(self) -> dict[KeyPath, int]:
        """Where each value is written, packed (_place): read on first use."""
        return self._places.values

    @property
    def keys(self) -> dict[KeyPath, int]:
        """Where each key is written, packed (_place): read on first use."""
        return self._places.keys

    def position(self, path: KeyPath) -> Position:
        """Return where the value at `path` is written, or its deepest written ancestor."""
        for end in range(len(path), -1, -1):
            place = self.values.get(path[:end])
            if place is not None:
                return _position(place)
        return START

    def key_position(self, path: KeyPath) -> Position:
        """Return where the key of the value at `path` is written (its value's, failing that)."""
        place = self.keys.get(path)
        return self.position(path) if place is None else _position(place)


def _place(mark: Mark) -> int:
    """Pack a mark's line and column into one int: a file has many thousands of them."""
    return int((mark.line << 20) | mark.column)


def _position(place: int) -> Position:
    return Position((place >> 20) + 1, (place & 0xFFFFF) + 1)


def parse_yaml(raw: bytes, file: str) -> YamlDocument:
    """Parse one YAML document from UTF-8 bytes; raise FileRejected with positions if bad."""
    text = _decode_utf8(raw, file)
    try:
        return YamlDocument(_plain_data(text), text, file)
    except (_Unusual, yaml.YAMLError):
        pass  # read it again below, to say where and what is wrong
    builder = _Builder(file)
    try:
        _feed(builder, text)
    except yaml.MarkedYAMLError as error:
        raise FileRejected([*builder.problems, _syntax_problem(error, text, file)]) from None
    except yaml.reader.ReaderError as error:
        raise FileRejected([_reader_problem(error, text, file)]) from None
    if builder.problems:
        raise FileRejected(builder.problems)
    return YamlDocument(builder.root, text, file)


def parse_typed(raw: bytes, file: str) -> YamlDocument:
    """Parse a file with the Rust reader where it can only read what parse_yaml would.

    Four to five times faster, but it applies YAML 1.2's types (`2023` is a number, `true`
    a boolean): its data is believed only if it validates against strict models, which
    refuse any number, and `draft:` reads true and false alike either way. Whatever this
    reading cannot vouch for (anchors, aliases, tags, several documents, characters that
    libyaml refuses, a syntax error) is read by parse_yaml instead.
    """
    text = _decode_utf8(raw, file)
    if not _typed_reading_fits(text):
        return parse_yaml(raw, file)
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except (yaml_rs.YAMLDecodeError, RecursionError):
        return parse_yaml(raw, file)
    return YamlDocument(data, text, file, typed=True)


_UNPRINTABLE_RE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PROPERTY_MARK_RE = re.compile(r"[&*!]")  # starts an anchor, alias or tag after a separator
_DOCUMENT_MARK_RE = re.compile(r"\n(?:---|\.\.\.|%)")


def _typed_reading_fits(text: str) -> bool:
    """Tell whether the text holds nothing the typed reading would take otherwise than libyaml.

    Conservative: "R & D" or a line starting with "..." also send a file to the event reading.
    """
    return not (
        text.startswith(("...", "%"))
        or _DOCUMENT_MARK_RE.search(text)
        or _UNPRINTABLE_RE.search(text)
        or any(
            at == 0 or text[at - 1].isspace() or text[at - 1] in "[]{},"
            for at in (match.start() for match in _PROPERTY_MARK_RE.finditer(text))
        )
    )


def unparsed_document(raw: bytes, file: str) -> YamlDocument:
    """A file read and validated before, unchanged: no data, its positions read when asked."""
    return YamlDocument(None, _decode_utf8(raw, file), file)


def _feed(builder: _Builder, text: str) -> None:
    """Give the builder every event of the text's first document."""
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            builder.feed(event)
    except _SecondDocument:
        pass
    finally:
        loader.dispose()


class _Unusual(Exception):
    """Something the fast reading leaves to the builder: a duplicate key, a tag, an anchor."""


def _plain_data(text: str) -> Any:
    """Read a well-formed file's data fast, with no positions; raise _Unusual on anything else.

    Most files are fine, and recording every value's position costs as much as reading them.
    """
    loader = _Loader(text)
    next_event: Callable[[], Any] = loader.get_event  # events of several kinds: checked below
    stack: list[Any] = []
    container: Any = None  # the mapping or list being filled
    key: str | None = None  # a mapping's key waiting for its value
    root: Any = None
    documents = 0
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                if kind is ScalarEvent:
                    value = None if not event.style and event.value in _NULLS else event.value
                else:
                    value = {} if kind is MappingStartEvent else []
                if type(container) is list:
                    container.append(value)
                elif container is None:
                    root = value
                elif key is None:
                    if kind is not ScalarEvent or not value or value in container:
                        raise _Unusual
                    key = value
                    continue
                else:
                    container[key] = value
                    key = None
                if kind is not ScalarEvent:
                    stack.append(container)
                    container = value
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                container = stack.pop()
            elif kind is AliasEvent:
                raise _Unusual
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
    finally:
        loader.dispose()
    return root


def _decode_utf8(raw: bytes, file: str) -> str:
    """Decode UTF-8 (a BOM is dropped); anything else is refused where it first goes wrong."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw:
        raise FileRejected([Problem(file, 1, 1, _not_utf8("it is UTF-16"))])
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = body.rfind(b"\n", 0, error.start) + 1
        line = body.count(b"\n", 0, error.start) + 1
        col = len(body[line_start : error.start].decode("utf-8", errors="replace")) + 1
        problem = Problem(file, line, col, _not_utf8("it may be GBK or GB18030"))
        raise FileRejected([problem]) from None


def _not_utf8(found: str) -> str:
    return f"the file is not UTF-8 ({found}): save it as UTF-8 in your editor"


class _SecondDocument(Exception):
    """Raised by the builder to stop reading at a second document."""


class _Frame:
    """A mapping or list being built, with where its children go."""

    __slots__ = ("container", "key", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: KeyPath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None  # a mapping's key waiting for its value


class _Builder:
    """Turns parser events into plain data, recording positions and refusing what is unsafe."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.root: Any = None
        self.values: dict[KeyPath, int] = {}
        self.keys: dict[KeyPath, int] = {}
        self.problems: list[Problem] = []
        self._stack: list[_Frame] = []
        self._documents = 0
        self._anchor_reported = False

    def feed(self, event: Event) -> None:
        """Take the next parser event."""
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            self._close(self._stack.pop().container)
        elif isinstance(event, (ScalarEvent, CollectionStartEvent, AliasEvent)):
            self._take_node(event)
        elif isinstance(event, DocumentStartEvent):
            self._start_document(event)

    def _take_node(self, event: ScalarEvent | CollectionStartEvent | AliasEvent) -> None:
        if isinstance(event, AliasEvent) or event.anchor is not None:
            self._refuse_anchor(event)
        if not isinstance(event, AliasEvent) and event.tag is not None:
            self._refuse_tag(event)
        frame = self._stack[-1] if self._stack else None
        if frame is None:
            path: KeyPath = ()
        elif isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
        elif frame.key is None:
            self._take_key(frame, event)
            return
        else:
            path = (*frame.path, frame.key)
        self.values[path] = _place(event.start_mark)
        if isinstance(event, ScalarEvent):
            plain = not event.style
            self._close(None if plain and event.value in _NULLS else event.value)
        elif isinstance(event, CollectionStartEvent):
            self._open(event, path)
        else:
            self._close(None)

    def _take_key(
        self, frame: _Frame, event: ScalarEvent | CollectionStartEvent | AliasEvent
    ) -> None:
        if isinstance(event, CollectionStartEvent):
            self._report(event, "a key must be a plain word followed by a colon (key: value)")
            self._open(event, (*frame.path, _DISCARDED_KEY))  # closing it discards the key
            return
        if isinstance(event, AliasEvent):
            frame.key = _DISCARDED_KEY
            return
        key = event.value
        if key == "":
            self._report(event, 'a key is missing before ":" (write key: value)')
        path = (*frame.path, key)
        if key in frame.container:
            first = _position(self.keys[path]).line
            self._report(event, f'duplicate key "{key}" (first at line {first})')
            key = _DISCARDED_KEY
        else:
            self.keys[path] = _place(event.start_mark)
        frame.key = key

    def _start_document(self, event: DocumentStartEvent) -> None:
        self._documents += 1
        if self._documents > 1:
            message = (
                'a second YAML document starts here ("---"): keep one document per file, '
                "or delete the line"
            )
            self._report(event, message)
            raise _SecondDocument

    def _open(self, event: CollectionStartEvent, path: KeyPath) -> None:
        container: dict[str, Any] | list[Any] = {} if isinstance(event, MappingStartEvent) else []
        self._stack.append(_Frame(container, path))

    def _close(self, value: Any) -> None:
        """Place a finished value in its parent mapping or list, or make it the document."""
        if not self._stack:
            self.root = value
            return
        frame = self._stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
        elif frame.key is None:
            frame.key = _DISCARDED_KEY  # a list or mapping used as a key, already reported
        else:
            if frame.key != _DISCARDED_KEY:
                frame.container[frame.key] = value
            frame.key = None

    def _refuse_anchor(self, event: Event) -> None:
        if not self._anchor_reported:
            self._anchor_reported = True  # once per file: an alias bomb holds thousands
            self._report(event, _ANCHOR_MESSAGE)

    def _refuse_tag(self, event: ScalarEvent | CollectionStartEvent) -> None:
        shown = (event.tag or "").replace("tag:yaml.org,2002:", "!!")
        self._report(event, f'tags are not allowed ("{shown}"): write the plain value')

    def _report(self, event: Event, message: str) -> None:
        mark: Mark = event.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, message))


_TAB_HINT = "a tab is used for indentation: indent with spaces only"
_AT_START = False  # the problem is where libyaml stopped
_AT_OPENING = True  # the problem is what was opened earlier (a quote, a bracket)
_SYNTAX_HINTS = (  # libyaml's wording, what an editor should change, where to point
    ("tab character", _TAB_HINT, _AT_START),
    (
        "mapping values are not allowed",
        'unexpected ":" here: check the indentation of this line, '
        'or put text that contains ": " in quotes',
        _AT_START,
    ),
    ("could not find expected ':'", 'a key needs a ":" after it (key: value)', _AT_START),
    (
        "did not find expected key",
        "this line does not line up with the keys above it: check its indentation",
        _AT_START,
    ),
    (
        "did not find expected '-'",
        'this line does not line up with the list items ("- ") above it: check its indentation',
        _AT_START,
    ),
    ("expected ',' or ']'", 'this list in [ ] is not closed: add the missing "]"', _AT_OPENING),
    ("expected ',' or '}'", 'this mapping in { } is not closed: add the missing "}"', _AT_OPENING),
    (
        "did not find expected node content",
        "a value is missing here: write one after the comma, or close the bracket",
        _AT_START,
    ),
    ("end of stream", "this quoted text is not closed: add the closing quote", _AT_OPENING),
    (
        "cannot start any token",
        "a value cannot start with this character: put the whole text in quotes",
        _AT_START,
    ),
)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """Reword a YAML syntax error in an editor's words, at the place to look at."""
    problem = error.problem or ""
    known = next((hint for hint in _SYNTAX_HINTS if hint[0] in problem), None)
    mark = error.problem_mark or error.context_mark
    if known is None:
        message = f"YAML syntax error: {problem or error.context}"
    else:
        message = known[1]
        if known[2] is _AT_OPENING and error.context_mark is not None:
            mark = error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if _char_at(text, line, col) == "\t":
        message = _TAB_HINT
    return Problem(file, line, col, message)


def _reader_problem(error: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """Locate a character that YAML refuses (a control character) and say to delete it."""
    before = text[: error.position]
    line = before.count("\n") + 1
    col = error.position - (before.rfind("\n") + 1) + 1
    message = f"the file contains a control character (U+{error.character:04X}): delete it"
    return Problem(file, line, col, message)


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    if line > len(lines) or col > len(lines[line - 1]):
        return ""
    return lines[line - 1][col - 1]
