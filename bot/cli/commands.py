"""The `zonebot` command line: one subcommand per job, each returning an exit code."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import __version__
from bot.cli import help as cli_help

if TYPE_CHECKING:
    from bot.answer.model import Answer
    from bot.kb.knowledge import KnowledgeBase
    from bot.search.index import ZoneIndex
    from bot.storage.store import Store

Handler = Callable[[argparse.Namespace], int]


def _kb_dir(args: argparse.Namespace) -> Path:
    """Resolve the knowledge base: --kb wins over ZONEBOT_KB_PATH, which wins over ./knowledge."""
    if args.kb is not None:
        return Path(args.kb)
    from bot.config import Settings

    return Settings().kb_path


def _cmd_validate(args: argparse.Namespace) -> int:
    from bot.kb.loader import check_knowledge_base

    kb_dir = _kb_dir(args)
    kb, problems = check_knowledge_base(kb_dir)
    if args.format == "github":
        from bot.kb.annotations import github_annotation

        for problem in problems:
            print(github_annotation(problem, kb_dir))
    else:
        for problem in problems:
            print(problem, file=sys.stderr)
    if kb is None:
        errors = sum(1 for p in problems if p.severity == "error")
        print(f"{errors} error(s): the knowledge base was not loaded", file=sys.stderr)
        return 1
    entries = sum(len(z.entries) for z in kb.zones.values())
    print(f"ok: {len(kb.zones)} zones, {entries} entries, {len(kb.sources)} sources")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from bot.kb.schemas import json_schema

    print(json.dumps(json_schema(args.kind), ensure_ascii=False, indent=2))
    return 0


def _load_index(args: argparse.Namespace) -> ZoneIndex | None:
    """Load and index the knowledge base, or explain on stderr why it can't be.

    Callers import their own modules after it: a start-up worker imports meanwhile.
    """
    from bot.prestart import early_worker_from_environment

    worker = early_worker_from_environment(args.kb)  # before any import: it imports too

    from bot.config import IndexCacheSetting

    cache = IndexCacheSetting().index_cache
    kb_dir = _kb_dir(args)

    from bot.errors import KnowledgeBaseError
    from bot.startup import load_index

    try:
        return load_index(kb_dir, cache, worker)
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("the knowledge base has errors: run `zonebot validate`", file=sys.stderr)
        return None


def _answer_json(answer: Answer) -> str:
    """Serialise an answer as the one-line JSON object `zonebot ask --json` promises."""
    from bot.answer.render import render_answer_text

    payload = {
        "question": answer.question,
        "status": answer.status,
        "lang": answer.lang,
        "zone_id": answer.zone_id,
        "entry_id": answer.entry_id,
        "score": float(answer.score),
        "text": render_answer_text(answer),
        "citations": [
            {"id": c.id, "title": c.title, "publisher": c.publisher, "date": c.date, "url": c.url}
            for c in answer.citations
        ],
        "suggestions": [
            {"zone_id": s.zone_id, "entry_id": s.entry_id, "question": s.question}
            for s in answer.suggestions
        ],
    }
    line = json.dumps(payload, ensure_ascii=False)
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _cmd_ask(args: argparse.Namespace) -> int:
    index = _load_index(args)
    if index is None:
        return 1
    from bot.answer.build import answer_question
    from bot.answer.render import render_answer_text

    if args.context is not None and args.context not in index.kb.zones:
        known = ", ".join(index.kb.zones)
        print(
            f"unknown zone {args.context!r} for --context; known zones: {known}", file=sys.stderr
        )
        return 2
    questions = [args.question] if args.question is not None else _stdin_lines()
    for question in questions:
        answer = answer_question(index, question, context_zone=args.context)
        print(_answer_json(answer) if args.json else render_answer_text(answer) + "\n", flush=True)
    return 0


def _stdin_lines() -> Iterator[str]:
    """Yield standard input line by line as it arrives, without line endings."""
    for line in sys.stdin:
        yield line.rstrip("\r\n")


def _cmd_test_kb(args: argparse.Namespace) -> int:
    index = _load_index(args)
    if index is None:
        return 1
    from bot.quality.golden import check_golden, read_golden, unknown_entries
    from bot.quality.kbtest import find_alike_pairs, find_misses

    misses = find_misses(index)
    for miss in misses:
        print(f"{miss.zone_id}/{miss.entry_id}: {miss.question!r} -> {miss.got}", file=sys.stderr)
        _print_explanation(index, miss.question, miss.zone_id)
    for pair in find_alike_pairs(index):
        print(
            f"warning: {pair.zone_id}: entries {pair.first!r} and {pair.second!r} have questions "
            f"{pair.similarity:.0f}% alike ({pair.question_a!r} / {pair.question_b!r})",
            file=sys.stderr,
        )
    total = sum(len(r.entry.questions.all()) for r in index.records)
    print(f"{total - len(misses)}/{total} questions answered by their own entry")
    enquiries, problems = read_golden(index.kb.root)
    unknown = unknown_entries(index.kb, enquiries)
    problems += unknown
    for problem in problems:
        print(problem, file=sys.stderr)
    golden_misses = check_golden(index, enquiries)
    for golden in golden_misses:
        enquiry = golden.enquiry
        print(
            f"golden.yaml:{enquiry.line}: {enquiry.item.q!r} -> {golden.got}: {golden.why}",
            file=sys.stderr,
        )
        _print_explanation(index, enquiry.item.q, None, enquiry.item.entry)
    if enquiries:
        passed = len(enquiries) - len(golden_misses) - len(unknown)
        print(f"{passed}/{len(enquiries)} golden enquiries answered as expected")
    return 1 if misses or golden_misses or problems else 0


def _print_explanation(
    index: ZoneIndex, question: str, context_zone: str | None, expected: str | None = None
) -> None:
    """Show the best candidates for a missed question, and the expected entry, with their gaps."""
    from bot.search.explain import explain, explain_entry

    candidates = explain(index, question, context_zone=context_zone)
    if not candidates:
        print("    no entry shares a word with the question", file=sys.stderr)
    labels = [f"{rank}." for rank in range(1, len(candidates) + 1)]
    shown = {f"{c.zone_id}/{c.entry_id}" for c in candidates}
    if expected is not None and expected not in shown:
        zone_id, _, entry_id = expected.partition("/")
        found = explain_entry(index, question, zone_id, entry_id)
        if found is None:
            print(f"    expected: {expected} shares no word with the question", file=sys.stderr)
        else:
            candidates.append(found)
            labels.append("expected:")
    for label, candidate in zip(labels, candidates, strict=True):
        missing = ", ".join(candidate.uncovered) or "-"
        print(
            f"    {label} {candidate.zone_id}/{candidate.entry_id} "
            f"score {candidate.score:.1f}; not covered: {missing}",
            file=sys.stderr,
        )


def _cmd_draft(args: argparse.Namespace) -> int:
    from bot.draft.job import choose_source, draft, write_drafts, yaml_stream
    from bot.errors import DraftInputError

    usable, kb = _draft_kb(args)
    if not usable:
        return 2
    try:
        text = _read_article(args.article)
        details = {"title": args.title, "publisher": args.publisher, "date": args.date}
        source = choose_source(kb, args.source_id, details | {"url": args.url})
        outcome = draft(text, kb, source, args.zone)
        if args.out == "-":
            sys.stdout.write(yaml_stream(outcome))
        else:
            for path in write_drafts(outcome, Path(args.out)):
                print(f"wrote {path}", file=sys.stderr)
    except DraftInputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(outcome.summary, file=sys.stderr)
    return 0 if outcome.drafted else 1


def _draft_kb(args: argparse.Namespace) -> tuple[bool, KnowledgeBase | None]:
    """The knowledge base to compare with (None: there is none); False when it is broken."""
    from bot.kb.loader import check_knowledge_base

    root = _kb_dir(args)
    if args.kb is None and not root.exists():
        return True, None
    kb, problems = check_knowledge_base(root)
    if kb is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("the knowledge base has errors: run `zonebot validate`", file=sys.stderr)
        return False, None
    return True, kb


def _read_article(name: str) -> str:
    """The article's text: a UTF-8 file (a BOM is dropped), or standard input for -."""
    from bot.errors import DraftInputError

    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        return raw.decode("utf-8-sig")
    except OSError as exc:
        raise DraftInputError(f"cannot read the article {name}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise DraftInputError(f"the article {name} is not UTF-8: save it as UTF-8") from None


def _database_url(args: argparse.Namespace) -> str:
    """Resolve the database: --database-url wins over ZONEBOT_DATABASE_URL."""
    if args.database_url is not None:
        return str(args.database_url)
    from bot.config import Settings

    return Settings().database_url


def _run_database_job(job: Coroutine[Any, Any, str]) -> int:
    """Run one database job and print its output; a database failure is one line, exit 1."""
    import asyncio

    from bot.errors import DatabaseUrlError, StorageUnavailableError

    try:
        output = asyncio.run(job)
    except (DatabaseUrlError, StorageUnavailableError) as exc:
        print(exc, file=sys.stderr)
        return 1
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0


async def _with_store(args: argparse.Namespace, work: Callable[[Store], Awaitable[str]]) -> str:
    """Open the store named by the arguments, do one piece of work on it, and close it."""
    from bot.storage.store import open_store

    store = await open_store(_database_url(args))
    try:
        return await work(store)
    finally:
        await store.close()


def _since_arg(text: str) -> datetime:
    """Read a --since value: 7d, 24h, 30m or an ISO date."""
    from bot.quality.gaps import parse_since

    try:
        return parse_since(text, datetime.now(UTC))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    from bot.storage.db import head_revision, upgrade_database

    async def upgrade() -> str:
        await upgrade_database(_database_url(args))
        return f"database schema at revision {head_revision()}"

    return _run_database_job(upgrade())


def _cmd_db_purge(args: argparse.Namespace) -> int:
    from bot.config import Settings

    settings = Settings()

    async def purge(store: Store) -> str:
        counts = await store.purge_expired(
            datetime.now(UTC),
            question_log_retention=timedelta(days=settings.question_log_retention_days),
            lead_retention=timedelta(days=settings.lead_retention_days),
            lead_form_retention=timedelta(hours=settings.lead_form_retention_hours),
        )
        return (
            f"deleted {counts.questions} question(s), {counts.leads} lead(s), "
            f"{counts.lead_forms} unfinished lead form(s), "
            f"{counts.processed_updates} processed update id(s)"
        )

    return _run_database_job(_with_store(args, purge))


def _cmd_leads(args: argparse.Namespace) -> int:
    from bot.leads.export import format_leads, leads_csv

    async def export(store: Store) -> str:
        leads = await store.list_leads(since=args.since)
        return leads_csv(leads) if args.csv else format_leads(leads)

    return _run_database_job(_with_store(args, export))


def _cmd_report(args: argparse.Namespace) -> int:
    from bot.quality.gaps import format_report, format_stub_yaml, group_questions

    async def report(store: Store) -> str:
        groups = group_questions(await store.gap_questions(args.since))
        return format_stub_yaml(groups) if args.yaml else format_report(groups)

    return _run_database_job(_with_store(args, report))


def _add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="database (default: $ZONEBOT_DATABASE_URL or sqlite:///./data/zonebot.db)",
    )


def _add_kb_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kb",
        metavar="DIR",
        help="knowledge base directory (default: $ZONEBOT_KB_PATH or ./knowledge)",
    )


def _cmd_run(args: argparse.Namespace) -> int:
    from bot.prestart import early_worker_from_environment

    worker = early_worker_from_environment(None)  # before any import: it imports too

    from bot.config import load_settings
    from bot.errors import SettingsError
    from bot.telegram.runner import run

    try:
        settings = load_settings(require_token=True)
    except SettingsError as exc:
        if worker is not None:
            worker.shutdown(wait=False, cancel_futures=True)
        print(exc, file=sys.stderr)
        return 2
    return run(settings, worker)


def _cmd_healthcheck(args: argparse.Namespace) -> int:
    import asyncio

    from bot.config import load_settings
    from bot.errors import (
        DatabaseUrlError,
        KnowledgeBaseError,
        NotServingError,
        SettingsError,
        StorageUnavailableError,
    )
    from bot.telegram.runner import healthcheck

    try:
        version = asyncio.run(healthcheck(load_settings(require_token=False)))
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KnowledgeBaseError as exc:
        problems = len(exc.problems)
        print(f"unhealthy: the knowledge base has {problems} problem(s)", file=sys.stderr)
        return 1
    except (DatabaseUrlError, StorageUnavailableError) as exc:
        print(f"unhealthy: the database does not answer ({exc})", file=sys.stderr)
        return 1
    except NotServingError as exc:
        print(f"unhealthy: the bot does not answer: {exc}", file=sys.stderr)
        return 1
    print(f"ok: knowledge base {version}, database answers")
    return 0


def _reads(fields: Sequence[str] | None, *, required: Sequence[str] = ()) -> dict[str, Any]:
    """Make a subcommand's --help end with the settings it reads (None: all of them)."""
    return {
        "epilog": cli_help.SETTINGS_MARK,
        "formatter_class": functools.partial(
            cli_help.SettingsHelp, fields=fields, required=required
        ),
    }


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="zonebot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"zonebot {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback when a command fails"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser(
        "validate", help="check the knowledge base; exit 1 on errors", **_reads(cli_help.KB)
    )
    _add_kb_option(validate)
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text: file:line:col: problem (default); github: GitHub Actions annotations",
    )
    validate.set_defaults(func=_cmd_validate)

    schema = sub.add_parser(
        "schema", help="print the JSON Schema of a knowledge file", **_reads(())
    )
    schema.add_argument(
        "kind",
        nargs="?",
        choices=("zone", "sources", "synonyms"),
        default="zone",
        help="a zone file (default), sources.yaml or synonyms.yaml",
    )
    schema.set_defaults(func=_cmd_schema)

    ask = sub.add_parser(
        "ask", help="answer a question, or each line of standard input", **_reads(cli_help.KB)
    )
    _add_kb_option(ask)
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.add_argument("--context", metavar="ZONE_ID", help="the zone of the previous question")
    ask.add_argument("question", nargs="?", help="the question (default: read standard input)")
    ask.set_defaults(func=_cmd_ask)

    test_kb = sub.add_parser(
        "test-kb",
        help="check that entries' questions and golden.yaml's enquiries get their entry",
        **_reads(cli_help.KB),
    )
    _add_kb_option(test_kb)
    test_kb.set_defaults(func=_cmd_test_kb)

    draft = sub.add_parser(
        "draft", help="draft knowledge base entries from an article", **_reads(cli_help.KB)
    )
    _add_kb_option(draft)
    draft.add_argument("article", help="the article: a UTF-8 text or Markdown file, or -")
    draft.add_argument("--source-id", metavar="ID", help="a source of sources.yaml, or a new id")
    draft.add_argument("--title", metavar="T", help="a new source's title")
    draft.add_argument("--publisher", metavar="P", help="a new source's publisher")
    draft.add_argument("--date", metavar="YYYY-MM[-DD]", help="a new source's date")
    draft.add_argument("--url", metavar="U", help="a new source's address")
    draft.add_argument("--zone", metavar="ZONE_ID", help="put every fact under this zone")
    draft.add_argument("--out", metavar="DIR", default="-", help="a folder (default: - prints)")
    draft.set_defaults(func=_cmd_draft)

    db = sub.add_parser("db", help="manage the database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_upgrade = db_sub.add_parser(
        "upgrade",
        help="apply pending migrations (the bot does too)",
        **_reads(cli_help.DATABASE),
    )
    _add_database_option(db_upgrade)
    db_upgrade.set_defaults(func=_cmd_db_upgrade)
    db_purge = db_sub.add_parser(
        "purge", help="delete what is past its retention setting", **_reads(cli_help.RETENTION)
    )
    _add_database_option(db_purge)
    db_purge.set_defaults(func=_cmd_db_purge)

    leads = sub.add_parser(
        "leads", help="list the leads, newest first", **_reads(cli_help.DATABASE)
    )
    _add_database_option(leads)
    leads.add_argument("--csv", action="store_true", help="CSV (UTF-8, with a header row)")
    leads.add_argument(
        "--since", metavar="WHEN", type=_since_arg, help="7d, 24h, 30m or a date (default: all)"
    )
    leads.set_defaults(func=_cmd_leads)

    report = sub.add_parser(
        "report",
        help="group the questions the bot could not answer well",
        **_reads(cli_help.DATABASE),
    )
    _add_database_option(report)
    report.add_argument(
        "--since",
        metavar="WHEN",
        type=_since_arg,
        default="7d",
        help="7d, 24h, 30m or a date (default: 7d, the last seven days)",
    )
    report.add_argument("--yaml", action="store_true", help="a stub entry per group, as YAML")
    report.set_defaults(func=_cmd_report)

    run = sub.add_parser(
        "run",
        help="run the Telegram bot (long polling, or the webhook if set)",
        **_reads(cli_help.EVERY, required=("telegram_bot_token",)),
    )
    run.set_defaults(func=_cmd_run)

    health = sub.add_parser(
        "healthcheck",
        help="exit 0 when the knowledge base and database work",
        **_reads(cli_help.HEALTH),
    )
    health.set_defaults(func=_cmd_healthcheck)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line interface and return the process exit code."""
    try:
        return _main(argv)
    except BrokenPipeError:
        return cli_help.end_quietly_on_closed_pipe()


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.func
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise
    except Exception as error:  # settings, database, permission, network: one line, no trace
        from bot.cli.failures import describe_failure, wants_traceback

        if wants_traceback(args.debug):
            raise
        message, code = describe_failure(error)
        print(f"zonebot {args.command}: {message}", file=sys.stderr)
        return code
