"""Button data and deep-link payloads: short, strictly parsed, valid across reloads and replicas.

Entries and zones are named by codes derived from their ids (a hash), so any replica and
any later version of the knowledge base reads a button the same way. An entry's button
also carries a hash of what the entry says, so a press after an edit is noticed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import TOPICS, Entry, Lang

MAX_CALLBACK_BYTES = 64
LEAD_PREFIX = "lead:"  # the lead form's buttons
ZONES = "zl"
FEEDBACK_PREFIX = "f:"
NONE_OF_THESE = "n"
_REF = r"[0-9a-f]{12}"
_PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# What this bot's links carry: zone-id, zone-id_entry-id, or x and an entry's code.
_LINK_SHAPE_RE = re.compile(rf"^(?:[a-z0-9]+(?:-[a-z0-9]+)+|[a-z0-9-]+_[a-z0-9-]+|x{_REF})$")
_TOPIC_CODES = {topic: str(i) for i, topic in enumerate(TOPICS)}


def _digest(text: str, size: int) -> str:
    return hashlib.blake2b(text.encode(), digest_size=size).hexdigest()


def zone_ref(zone_id: str) -> str:
    """Return the short code naming a zone in buttons."""
    return _digest(zone_id, 6)


def entry_ref(zone_id: str, entry_id: str) -> str:
    """Return the short code naming an entry in buttons."""
    return _digest(f"{zone_id}/{entry_id}", 6)


def entry_version(entry: Entry) -> str:
    """Return a short hash of what an entry shows, to notice edits made after a button."""
    shown = [
        entry.answer.model_dump_json(),
        entry.title.model_dump_json() if entry.title else "",
        ",".join(entry.sources),
        entry.as_of or "",
        entry.valid_until or "",
    ]
    return _digest("\n".join(shown), 3)


# --- building button data ------------------------------------------------------------


def open_entry(zone_id: str, entry: Entry) -> str:
    """Data of a button that opens one entry's answer."""
    return f"e:{entry_ref(zone_id, entry.id)}.{entry_version(entry)}"


def open_zone(zone_id: str) -> str:
    """Data of a button that opens a zone card."""
    return f"z:{zone_ref(zone_id)}"


def open_topic(zone_id: str, topic: str) -> str:
    """Data of a button that lists a zone's entries on one topic."""
    return f"t:{zone_ref(zone_id)}:{_TOPIC_CODES[topic]}"


def compare(first: str, second: str | None = None) -> str:
    """Data of a button that picks the first zone to compare, or both."""
    data = f"c:{zone_ref(first)}"
    return f"{data}:{zone_ref(second)}" if second else data


def feedback(question_id: int, *, helpful: bool) -> str:
    """Data of a 👍 or 👎 button on the answer to a logged question."""
    return f"{FEEDBACK_PREFIX}{int(helpful)}:{question_id}"


def set_language(lang: Lang) -> str:
    """Data of a /lang button."""
    return f"l:{lang}"


def lead(zone_id: str | None = None) -> str:
    """Data of a "contact the zone" button, read by the lead form."""
    return LEAD_PREFIX + (zone_ref(zone_id) if zone_id else "")


# --- reading button data ------------------------------------------------------------


@dataclass(frozen=True)
class OpenEntry:
    """Open an entry, as it was when the button was made."""

    ref: str
    version: str


@dataclass(frozen=True)
class OpenZone:
    """Open a zone card."""

    ref: str


@dataclass(frozen=True)
class OpenTopic:
    """List a zone's entries on one topic."""

    ref: str
    topic: str


@dataclass(frozen=True)
class Compare:
    """Compare zones: the first picked, then both."""

    first: str
    second: str | None


@dataclass(frozen=True)
class Feedback:
    """Rate the answer to a logged question."""

    question_id: int
    helpful: bool


@dataclass(frozen=True)
class SetLanguage:
    """Choose the language of menus and of replies to language-less input."""

    lang: Lang


@dataclass(frozen=True)
class Simple:
    """A button without arguments: the zone list, or "none of these"."""

    name: Literal["zl", "n"]


Action = OpenEntry | OpenZone | OpenTopic | Compare | Feedback | SetLanguage | Simple

_PATTERNS: list[tuple[re.Pattern[str], type]] = [
    (re.compile(rf"^e:({_REF})\.([0-9a-f]{{6}})$"), OpenEntry),
    (re.compile(rf"^z:({_REF})$"), OpenZone),
    (re.compile(rf"^t:({_REF}):([0-9])$"), OpenTopic),
    (re.compile(rf"^c:({_REF})(?::({_REF}))?$"), Compare),
    (re.compile(r"^f:([01]):([0-9]{1,18})$"), Feedback),
    (re.compile(r"^l:(zh|en)$"), SetLanguage),
    (re.compile(r"^(zl|n)$"), Simple),
]


def parse(data: str) -> Action | None:
    """Read button data; None for anything this bot never made (forged or foreign)."""
    for pattern, kind in _PATTERNS:
        match = pattern.match(data)
        if match is None:
            continue
        groups = match.groups()
        if kind is OpenTopic:
            code = int(groups[1])
            return OpenTopic(groups[0], TOPICS[code]) if code < len(TOPICS) else None
        if kind is Feedback:
            return Feedback(int(groups[1]), helpful=groups[0] == "1")
        return kind(*groups)  # type: ignore[no-any-return]
    return None


# --- resolving codes against the knowledge base being served ---------------------------

EntryStatus = Literal["ok", "changed", "gone"]


@dataclass(frozen=True)
class EntryLookup:
    """Where an entry button leads now: the entry as it was, edited since, or gone."""

    status: EntryStatus
    zone_id: str = ""
    entry_id: str = ""


class RefTable:
    """The codes of one knowledge base's zones and entries, to resolve buttons."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.zones = {zone_ref(z): z for z in kb.zones}
        self.entries = {
            entry_ref(zone.id, entry.id): (zone.id, entry)
            for zone in kb.zones.values()
            for entry in zone.entries
        }
        self._opening: dict[tuple[str, str], str] = {}

    def entry(self, action: OpenEntry) -> EntryLookup:
        """Find the entry a button names, and whether it changed since."""
        found = self.entries.get(action.ref)
        if found is None:
            return EntryLookup("gone")
        zone_id, entry = found
        status: EntryStatus = "ok" if entry_version(entry) == action.version else "changed"
        return EntryLookup(status, zone_id, entry.id)

    def zone(self, ref: str) -> str | None:
        """Return the id of the zone a code names, or None when it is gone."""
        return self.zones.get(ref)

    def open_entry(self, zone_id: str, entry: Entry) -> str:
        """Data of a button opening an entry of this base, worked out once per entry."""
        key = (zone_id, entry.id)
        data = self._opening.get(key)
        if data is None:
            data = self._opening[key] = open_entry(zone_id, entry)
        return data


# --- deep links (/start <payload>) ---------------------------------------------------


def zone_payload(zone_id: str) -> str:
    """Return the /start payload that opens a zone card."""
    return zone_id


def entry_payload(zone_id: str, entry_id: str) -> str:
    """Return the /start payload that opens one answer; readable ids when they fit."""
    readable = f"{zone_id}_{entry_id}"  # ids never contain "_", so the split is unambiguous
    return readable if len(readable) <= 64 else f"x{entry_ref(zone_id, entry_id)}"


@dataclass(frozen=True)
class DeepLink:
    """What a /start payload opens: a zone card, or one entry of a zone."""

    zone_id: str
    entry_id: str | None = None


def looks_like_link(text: str) -> bool:
    """Tell whether the text after /start has a deep link's shape, even one leading nowhere."""
    return bool(_PAYLOAD_RE.match(text) and _LINK_SHAPE_RE.match(text))


def parse_payload(payload: str, refs: RefTable) -> DeepLink | None:
    """Resolve a /start payload; None when it is malformed or names nothing that exists."""
    if not _PAYLOAD_RE.match(payload):
        return None
    kb = refs.kb
    if "_" in payload:
        zone_id, _, entry_id = payload.partition("_")
        return DeepLink(zone_id, entry_id) if kb.entry(zone_id, entry_id) else None
    if payload in kb.zones:
        return DeepLink(payload)
    found = refs.entries.get(payload[1:]) if payload.startswith("x") else None
    return DeepLink(found[0], found[1].id) if found else None
