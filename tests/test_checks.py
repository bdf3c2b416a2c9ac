from bot.kb.checks import SourcesFile, ZoneFile, cross_file_problems, english_warnings
from bot.kb.loader import SOURCES_SHAPE, ZONE_SHAPE
from bot.kb.validation import validate_document
from bot.kb.yamlread import parse_yaml

SOURCES = b"- id: s-qingdao\n  title: {zh: T, en: T}\n  publisher: P\n  date: '2023-05'\n"


def zone_file(name: str, text: str) -> ZoneFile:
    file = f"zones/{name}.yaml"
    doc = parse_yaml(text.encode(), file)
    return ZoneFile(file, validate_document(ZONE_SHAPE, doc, file), doc)


def sources_file() -> SourcesFile:
    doc = parse_yaml(SOURCES, "sources.yaml")
    return SourcesFile(
        "sources.yaml", validate_document(SOURCES_SHAPE, doc, "sources.yaml").sources, doc
    )


def zone_text(zone_id: str, extra: str = "", sources: str = "s-qingdao", related: str = "") -> str:
    return (
        f"id: {zone_id}\nname: {{zh: {zone_id}区, en: {zone_id} zone}}\n{extra}entries:\n"
        "  - id: e\n    topic: other\n    questions: {zh: [问], en: [Q]}\n"
        f"    answer: {{zh: 答, en: A}}\n    sources: [{sources}]\n    related: [{related}]\n"
    )


def messages(zones: list[ZoneFile], sources: SourcesFile | None) -> list[str]:
    return [str(p) for p in cross_file_problems(zones, sources)]


def test_a_valid_pair_of_zones_has_no_problems() -> None:
    zones = [zone_file("a", zone_text("a")), zone_file("b", zone_text("b"))]
    assert messages(zones, sources_file()) == []
    assert english_warnings(zones, sources_file()) == []


def test_a_zone_level_source_must_resolve_too() -> None:
    zone = zone_file("a", zone_text("a", extra="sources: [s-qingdoa]\n"))
    assert messages([zone], sources_file()) == [
        'zones/a.yaml:3:11: source "s-qingdoa" is not in sources.yaml (did you mean "s-qingdao"?)'
    ]


def test_references_are_not_checked_when_sources_yaml_failed() -> None:
    zone = zone_file("a", zone_text("a", sources="s-unknown"))
    assert messages([zone], None) == []


def test_an_unknown_related_entry_with_nothing_close_gets_no_guess() -> None:
    zone = zone_file("a", zone_text("a", related="zzzz"))
    assert messages([zone], sources_file()) == [
        'zones/a.yaml:9:15: entry "e": related entry "zzzz" is not in this zone'
    ]


def test_english_names_clash_whatever_their_case_and_spacing() -> None:
    first = zone_file("a", zone_text("a", extra="entities: {en: [AstraZeneca]}\n"))
    second = zone_file("b", zone_text("b", extra="entities: {en: [astrazeneca ]}\n"))
    assert messages([first, second], sources_file()) == [
        'zones/a.yaml:3:17: entity "AstraZeneca" is also the entity of zone "b" '
        "(zones/b.yaml:3:17): a name, alias or entity must lead to one zone only",
        'zones/b.yaml:3:17: entity "astrazeneca" is also the entity of zone "a" '
        "(zones/a.yaml:3:17): a name, alias or entity must lead to one zone only",
    ]


def test_a_word_repeated_within_one_zone_is_not_a_clash() -> None:
    zone = zone_file("a", zone_text("a", extra="aliases: {zh: [a区], en: [A Zone]}\n"))
    assert messages([zone], sources_file()) == []
