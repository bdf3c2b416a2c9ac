"""Masking benchmark: the cost of masking adversarial texts of 4,000 and 64,000 characters.

Each text is masked `--repeat` times and the median taken; the ratio of the long to the
short median is 16 when the cost is linear, 256 when it is quadratic. A plain question of
the same length, masked in the same run, is the baseline each text is compared with.

Run: .venv/bin/python benchmarks/masking.py [--repeat N] [--json] [--check]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from bot.personal_data import MAX_MASKED_CHARS, mask_personal_data

SHORT, LONG = 4_000, 64_000
LINEAR_LIMIT = 100  # 16 is linear (up to ~45 here, with cache effects); 256 is quadratic
UNITS = {
    "digits": "1",
    "digits and spaces": "1 ",
    "digit pairs": "12 ",
    "plus signs": "+1 ",
    "a@ runs": "a@",
    "dotted a@ runs": "a.b@",
    "@ runs": "@a",
    "long word": "supercalifragilistic",
    "mixed scripts": "青岛Qingdao高新区12 ",
    "baseline question": "What subsidies does Qingdao give for R&D? ",
}


def median_ms(text: str, repeat: int) -> float:
    """The median time to mask `text`, in milliseconds."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        mask_personal_data(text)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def measure(repeat: int) -> dict[str, dict[str, float]]:
    """Time each adversarial text at both lengths and at the stored prefix's length."""
    figures = {}
    for name, unit in UNITS.items():
        short, long = (unit * SHORT)[:SHORT], (unit * LONG)[:LONG]
        prefix = (unit * MAX_MASKED_CHARS)[:MAX_MASKED_CHARS]
        short_ms, long_ms = median_ms(short, repeat), median_ms(long, repeat)
        figures[name] = {
            "short_ms": round(short_ms, 3),
            "long_ms": round(long_ms, 3),
            "ratio": round(long_ms / max(short_ms, 1e-6), 1),
            "stored_prefix_ms": round(median_ms(prefix, repeat), 3),
        }
    return figures


def main() -> int:
    """Print the table (or JSON); with --check, exit 1 when a ratio is not linear."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    figures = measure(args.repeat)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(f"| text | {SHORT:,} chars | {LONG:,} chars | ratio | stored prefix |")
        print("|---|---|---|---|---|")
        for name, row in figures.items():
            print(
                f"| {name} | {row['short_ms']} ms | {row['long_ms']} ms | {row['ratio']}x "
                f"| {row['stored_prefix_ms']} ms |"
            )
    quadratic = [name for name, row in figures.items() if row["ratio"] > LINEAR_LIMIT]
    if quadratic:
        print(f"not linear: {', '.join(quadratic)}", file=sys.stderr)
    return 1 if args.check and quadratic else 0


if __name__ == "__main__":
    sys.exit(main())
