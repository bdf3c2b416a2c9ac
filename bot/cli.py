"""The `zonebot` command line: one subcommand per job, each returning an exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot import __version__

Handler = Callable[[argparse.Namespace], int]


def _kb_dir(args: argparse.Namespace) -> Path:
    """Resolve the knowledge base: --kb wins over ZONEBOT_KB_PATH, which wins over ./knowledge."""
    if args.kb is not None:
        return Path(args.kb)
    from bot.config import Settings

    return Settings().kb_path


def _cmd_validate(args: argparse.Namespace) -> int:
    from bot.loader import check_knowledge_base

    kb, problems = check_knowledge_base(_kb_dir(args))
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
    from bot.loader import zone_json_schema

    print(json.dumps(zone_json_schema(), ensure_ascii=False, indent=2))
    return 0


def _add_kb_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kb", metavar="DIR", help="knowledge base directory (default: $ZONEBOT_KB_PATH or ./knowledge)"
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="zonebot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"zonebot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check the knowledge base; exit 1 on errors")
    _add_kb_option(validate)
    validate.set_defaults(func=_cmd_validate)

    schema = sub.add_parser("schema", help="print the JSON Schema of a zone file")
    schema.set_defaults(func=_cmd_schema)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line interface and return the process exit code."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.func
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
