"""Button data and deep links: short, strictly parsed, stable across reloads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_knowledge_base
from bot.kb.models import TOPICS
from bot.telegram import callbacks

ROOT = Path(__file__).resolve().parent.parent
KBS = [ROOT / "tests" / "data" / "kb", ROOT / "knowledge"]


@pytest.fixture(params=KBS, ids=["test-kb", "knowledge"])
def kb(request: pytest.FixtureRequest) -> KnowledgeBase:
    return load_knowledge_base(request.param)


def every_button(kb: KnowledgeBase) -> list[str]:
    data = [callbacks.ZONES, callbacks.NONE_OF_THESE, callbacks.set_language("zh")]
    data += [callbacks.feedback(10**18 - 1, helpful=False), callbacks.lead()]
    for zone in kb.zones.values():
        data += [callbacks.open_zone(zone.id), callbacks.lead(zone.id)]
        data += [callbacks.open_topic(zone.id, topic) for topic in TOPICS]
        data += [callbacks.compare(zone.id, other) for other in kb.zones]
        data += [callbacks.open_entry(zone.id, entry) for entry in zone.entries]
    return data


def test_every_button_the_knowledge_base_can_make_fits_in_64_bytes(kb: KnowledgeBase) -> None:
    assert max(len(d.encode()) for d in every_button(kb)) <= callbacks.MAX_CALLBACK_BYTES


def test_every_button_reads_back_as_what_it_was_made_for(kb: KnowledgeBase) -> None:
    for data in every_button(kb):
        if not data.startswith(callbacks.LEAD_PREFIX):
            assert callbacks.parse(data) is not None, data


def test_entry_buttons_resolve_to_their_entry(kb: KnowledgeBase) -> None:
    refs = callbacks.RefTable(kb)
    for zone in kb.zones.values():
        for entry in zone.entries:
            action = callbacks.parse(callbacks.open_entry(zone.id, entry))
            assert isinstance(action, callbacks.OpenEntry)
            assert refs.entry(action) == callbacks.EntryLookup("ok", zone.id, entry.id)


@pytest.mark.parametrize(
    "forged",
    [
        "",
        "admin:export",
        "z:../../etc/passwd",
        "e:zzzzzzzzzzzz.000000",
        "t:0123456789ab:9",
        "f:1:-5",
        "f:2:5",
        "l:fr",
        "c:0123456789ab:",
        "zl ",
        "e:" + "a" * 62,
        "lead",
    ],
)
def test_forged_data_is_not_read_as_any_action(forged: str) -> None:
    assert callbacks.parse(forged) is None


def test_codes_stay_the_same_across_reloads_and_copies(tmp_path: Path) -> None:
    copy = tmp_path / "kb"
    shutil.copytree(KBS[0], copy)
    first, second = load_knowledge_base(KBS[0]), load_knowledge_base(copy)
    assert callbacks.RefTable(first).entries.keys() == callbacks.RefTable(second).entries.keys()
    assert every_button(first) == every_button(second)


def edit_answer(kb_dir: Path, old: str, new: str) -> None:
    path = kb_dir / "zones" / "taiyuan-zhongbei.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_button_for_an_edited_entry_is_reported_changed(tmp_path: Path) -> None:
    shutil.copytree(KBS[0], tmp_path / "kb")
    before = load_knowledge_base(tmp_path / "kb")
    entry = before.entry("taiyuan-zhongbei", "relocation-subsidy")
    assert entry is not None
    action = callbacks.parse(callbacks.open_entry("taiyuan-zhongbei", entry))
    assert isinstance(action, callbacks.OpenEntry)
    edit_answer(tmp_path / "kb", "最高补助500万元", "最高补助600万元")
    after = callbacks.RefTable(load_knowledge_base(tmp_path / "kb"))
    assert after.entry(action).status == "changed"


def test_a_button_for_a_removed_entry_is_reported_gone(kb: KnowledgeBase) -> None:
    action = callbacks.OpenEntry(ref=callbacks.entry_ref("no-zone", "no-entry"), version="000000")
    assert callbacks.RefTable(kb).entry(action) == callbacks.EntryLookup("gone")


def test_deep_links_round_trip_for_zones_and_entries(kb: KnowledgeBase) -> None:
    refs = callbacks.RefTable(kb)
    for zone in kb.zones.values():
        link = callbacks.parse_payload(callbacks.zone_payload(zone.id), refs)
        assert link == callbacks.DeepLink(zone.id)
        for entry in zone.entries:
            payload = callbacks.entry_payload(zone.id, entry.id)
            assert len(payload) <= 64
            assert callbacks.parse_payload(payload, refs) == callbacks.DeepLink(zone.id, entry.id)


def test_a_long_entry_link_falls_back_to_its_code() -> None:
    payload = callbacks.entry_payload("z" * 40, "e" * 40)
    assert payload == "x" + callbacks.entry_ref("z" * 40, "e" * 40)


@pytest.mark.parametrize("payload", ["", "a" * 65, "bad payload", "taiyuan-zhongbei_no-entry"])
def test_a_payload_naming_nothing_opens_nothing(payload: str) -> None:
    refs = callbacks.RefTable(load_knowledge_base(KBS[0]))
    assert callbacks.parse_payload(payload, refs) is None


def test_every_link_the_bot_makes_has_a_links_shape(kb: KnowledgeBase) -> None:
    payloads = [callbacks.zone_payload(zone_id) for zone_id in kb.zones]
    payloads += [callbacks.entry_payload(z.id, e.id) for z in kb.zones.values() for e in z.entries]
    payloads.append(callbacks.entry_payload("z" * 40, "e" * 40))
    assert all(callbacks.looks_like_link(p) for p in payloads)


@pytest.mark.parametrize("text", ["luzhou", "hello", "泸州", "2022", "What"])
def test_a_word_typed_after_start_is_not_a_link(text: str) -> None:
    assert not callbacks.looks_like_link(text)
