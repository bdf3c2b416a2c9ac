"""How `zonebot draft`'s cost grows with the article: medians at 1x, 4x and 16x one article."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.draft.job import choose_source, draft  # noqa: E402
from bot.kb.loader import load_knowledge_base  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_7c0e3b62e9f8622c.txt"
FALLBACK = ROOT / "examples" / "more-zones" / "articles"
SIZES = (1, 4, 16)
LINEAR_SLACK = 2.0  # a ratio within twice the size ratio counts as linear


def _article() -> str:
    if SEED.is_file():
        return SEED.read_text(encoding="utf-8")
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(FALLBACK.glob("*.md")))


def _median_seconds(text: str, repeat: int) -> float:
    kb = load_knowledge_base(ROOT / "knowledge")
    source = choose_source(kb, None, {"title": "T", "publisher": "P", "date": "2023-05"})
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        draft(text, kb, source)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Print one row per size: characters, median seconds, ratio to 1x, and the verdict."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per size (median)")
    args = parser.parse_args()
    text = _article()
    _median_seconds(text, 1)  # warm the gazetteer, pinyin and YAML caches
    base = _median_seconds(text, args.repeat)
    print("| article | characters | median | ratio to 1x | linear? |")
    print("|---|---|---|---|---|")
    for size in SIZES:
        seconds = base if size == 1 else _median_seconds(text * size, args.repeat)
        ratio = seconds / base
        verdict = "yes" if ratio <= size * LINEAR_SLACK else "NO"
        print(f"| {size}x | {len(text) * size:,} | {seconds:.3f} s | {ratio:.1f} | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
