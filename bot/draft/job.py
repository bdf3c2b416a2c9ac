"""`zonebot draft`: from an article to draft zone files, its source and a one-line summary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bot.draft.compare import Review, review
from bot.draft.documents import ZoneDocument, source_document, zone_documents
from bot.draft.facts import ArticleFacts, find_facts
from bot.draft.zonenames import ZoneRef
from bot.errors import DraftInputError
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import DRAFT_MARK, BilingualText, Source
from bot.search.textnorm import char_pinyin

PLACEHOLDER_SOURCE = "draft-source"


@dataclass(frozen=True)
class SourceChoice:
    """The source every drafted entry cites; `new` when sources.yaml lacks it."""

    id: str
    new: Source | None


@dataclass(frozen=True)
class DraftOutcome:
    """What a draft run produced."""

    zones: list[ZoneDocument]
    source: SourceChoice
    summary: str
    drafted: int
    found: ArticleFacts
    review: Review


def choose_source(
    kb: KnowledgeBase | None,
    source_id: str | None,
    details: dict[str, str | None],
) -> SourceChoice:
    """An existing source by id, or a new one from --title, --publisher, --date (and --url)."""
    known = kb.sources if kb is not None else {}
    given = {key: value for key, value in details.items() if value}
    if source_id is not None and source_id in known:
        if given:
            message = f'source "{source_id}" is already in sources.yaml: leave out --title etc.'
            raise DraftInputError(message)
        return SourceChoice(source_id, None)
    if not given:
        if source_id is not None:
            raise DraftInputError(
                f'source "{source_id}" is not in sources.yaml: give --title, --publisher and '
                "--date to add it"
            )
        return SourceChoice(PLACEHOLDER_SOURCE, _placeholder_source())
    missing = [f"--{key}" for key in ("title", "publisher", "date") if key not in given]
    if missing:
        raise DraftInputError(f"a new source needs {', '.join(missing)} as well")
    new_id = source_id or _source_id(str(given["publisher"]), str(given["date"]))
    try:
        source = Source(
            id=new_id,
            title=BilingualText.model_validate(given["title"]),
            publisher=BilingualText.model_validate(given["publisher"]),
            date=str(given["date"]),
            url=given.get("url"),
        )
    except ValidationError as error:
        raise DraftInputError(_first_error(error)) from None
    if new_id in known:
        raise DraftInputError(f'source id "{new_id}" is taken: give another with --source-id')
    return SourceChoice(new_id, source)


def _placeholder_source() -> Source:
    return Source.model_construct(
        id=PLACEHOLDER_SOURCE,
        title=BilingualText(zh=f"{DRAFT_MARK} 文章标题", en=f"{DRAFT_MARK} article title"),
        publisher=BilingualText(zh=f"{DRAFT_MARK} 发布者", en=f"{DRAFT_MARK} publisher"),
        date=f"{DRAFT_MARK} YYYY-MM-DD",
    )


def _source_id(publisher: str, date: str) -> str:
    words = [char_pinyin(ch) or ch for ch in publisher.lower()[:8]]
    slug = "-".join(re.findall(r"[a-z0-9]+", "".join(words))) or "article"
    return f"{slug[:40]}-{date}".strip("-")


def _first_error(error: ValidationError) -> str:
    detail = error.errors()[0]
    where = ".".join(str(part) for part in detail["loc"])
    return f"{where}: {detail['msg']}".removeprefix("Value error, ")


def draft(
    text: str, kb: KnowledgeBase | None, source: SourceChoice, zone_id: str | None = None
) -> DraftOutcome:
    """Find an article's facts, keep what the knowledge base lacks, and write it as YAML."""
    known = _sources(kb)
    article_date = ""
    if source.id in known:
        article_date = known[source.id].date
    elif source.new is not None and not source.new.date.startswith(DRAFT_MARK):
        article_date = source.new.date
    facts = find_facts(text, kb, article_date, _forced_zone(zone_id, kb))
    result = review(facts.facts, kb)
    documents = zone_documents(facts.zones, result, source.id, kb)
    drafted = len(result.new)
    zones = len({fact.zone for fact in result.new})
    summary = (
        f"{len(facts.facts)} facts found: {drafted} new, {len(result.known)} already known, "
        f"{len(result.updates)} possible updates, {zones} zones"
    )
    return DraftOutcome(documents, source, summary, drafted, facts, result)


def _sources(kb: KnowledgeBase | None) -> dict[str, Source]:
    return kb.sources if kb is not None else {}


def _forced_zone(zone_id: str | None, kb: KnowledgeBase | None) -> ZoneRef | None:
    """--zone: an existing zone, or the id of a new one (checked like any id)."""
    if zone_id is None:
        return None
    if kb is not None and zone_id in kb.zones:
        return ZoneRef(zone_id, kb.zones[zone_id].name.best("zh"), existing=True)
    if not re.fullmatch(r"[a-z0-9-]{1,64}", zone_id):
        raise DraftInputError(f'"{zone_id}" is not a zone id: use a-z, 0-9 and -')
    return ZoneRef(zone_id, f"{DRAFT_MARK} 园区名称", existing=False)


def yaml_stream(outcome: DraftOutcome) -> str:
    """Every zone document, then the new source, as one YAML stream."""
    parts = [f"# zonebot draft: {outcome.summary}\n"]
    parts += [f"---\n{document.text}" for document in outcome.zones]
    if outcome.source.new is not None:
        parts.append("---\n# new entry for sources.yaml\n" + source_document(outcome.source.new))
    return "".join(parts)


def write_drafts(outcome: DraftOutcome, out: Path) -> list[Path]:
    """Write DIR/zones/<id>.yaml and add the new source to DIR/sources.yaml; never overwrite."""
    targets = [out / "zones" / f"{document.zone_id}.yaml" for document in outcome.zones]
    existing = [str(path) for path in targets if path.exists()]
    if existing:
        raise DraftInputError(
            f"{', '.join(existing)} already exists: choose another --out folder "
            "(a draft never overwrites a file)"
        )
    (out / "zones").mkdir(parents=True, exist_ok=True)
    for path, document in zip(targets, outcome.zones, strict=True):
        path.write_text(document.text, encoding="utf-8")
    sources = out / "sources.yaml"
    if outcome.source.new is not None:
        before = sources.read_text(encoding="utf-8") if sources.exists() else ""
        if before.strip() in ("", "[]"):
            before = ""
        gap = "\n" if before and not before.endswith("\n") else ""
        sources.write_text(before + gap + source_document(outcome.source.new), encoding="utf-8")
        targets.append(sources)
    elif not sources.exists():
        sources.write_text("[]\n", encoding="utf-8")
    return targets
