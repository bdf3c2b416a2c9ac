"""What follows a command: zone names in any form the zone finder knows, or a language."""

import pytest

from bot.search.index import ZoneIndex
from bot.telegram.arguments import language_named, zones_named

QINGDAO, LUZHOU = "qingdao-hitech", "luzhou-hitech"


@pytest.mark.parametrize(
    "text",
    [
        "青岛高新区 泸州高新区",
        "青岛 泸州",
        "青岛和泸州",
        "青岛、泸州",
        "qingdao luzhou",
        "Qingdao High-tech Zone vs. Luzhou High-tech Zone",
        "Qingdao and Luzhou",
        "青岛高薪区 沪州",
    ],
)
def test_two_zones_are_read_in_any_form_in_the_order_written(index: ZoneIndex, text: str) -> None:
    named = zones_named(index.finder, text)
    assert named.zone_ids == (QINGDAO, LUZHOU)
    assert named.unknown == ()


def test_a_name_matching_no_zone_is_reported_as_written(index: ZoneIndex) -> None:
    named = zones_named(index.finder, "青岛 火星 Atlantis")
    assert named.zone_ids == (QINGDAO,)
    assert named.unknown == ("火星", "Atlantis")


def test_pieces_of_a_zone_name_written_apart_are_not_unknown(index: ZoneIndex) -> None:
    named = zones_named(index.finder, "Qinghai zero-carbon park")
    assert named.zone_ids == ("qinghai-zero-carbon",)
    assert named.unknown == ()


def test_no_text_names_nothing(index: ZoneIndex) -> None:
    named = zones_named(index.finder, "")
    assert (named.zone_ids, named.unknown) == ((), ())


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("en", "en"),
        ("English", "en"),
        ("英文", "en"),
        ("zh", "zh"),
        ("中文", "zh"),
        ("zh-CN", "zh"),
    ],
)
def test_a_language_is_read_by_its_code_or_name(text: str, lang: str) -> None:
    assert language_named(text) == lang


def test_an_unknown_language_reads_as_none() -> None:
    assert language_named("klingon") is None
