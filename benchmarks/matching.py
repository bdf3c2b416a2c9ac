"""Matching benchmark: a synthetic 10,000-entry knowledge base, our matcher beside a WRatio scan.

Run: .venv/bin/python benchmarks/matching.py [--entries N] [--questions N] [--json] [--check]
At national scale: .venv/bin/python benchmarks/matching.py --zones 500 2500 [--kb-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import national
import numpy as np
from rapidfuzz import fuzz, process, utils
from synthetic_kb import (
    COMMON_CHARS,
    PERTURBATIONS,
    Question,
    SyntheticEntry,
    make_questions,
    write_synthetic_kb,
)

from bot.answer.build import answer_question
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_knowledge_base
from bot.quality.corpus import CorpusQuestion, generate_corpus
from bot.quality.corpus_score import Pick, Picker, bot_picker, overall, score_corpus
from bot.search import decision
from bot.search.index import ZoneIndex, build_index
from bot.search.matcher import match_question
from bot.search.textnorm import MAX_QUESTION_CHARS

SHIPPED_KB = Path(__file__).resolve().parents[1] / "knowledge"
THRESHOLDS = (42.0, 47.0, 52.0, 57.0, 62.0, 67.0)  # ANSWER_SCORE values tried on the fit half
LONG_QUESTION_CHARS = 4096
LONG_SAMPLE = 200  # questions timed both as asked and padded to LONG_QUESTION_CHARS
PREFIX_CHARS = 2 * MAX_QUESTION_CHARS  # as much of a question as normalize() reads

Target = tuple[str, str]  # (zone id, entry id)


@dataclass(frozen=True)
class Row:
    """One line of the report: a figure, and its target when it has one."""

    key: str
    label: str
    unit: str
    target: str = ""
    passes: bool | None = None  # None: reported, not judged


def time_each(call: Callable[[str], object], texts: list[str], repeat: int) -> list[float]:
    """Time `call` on every text `repeat` times; return each text's median time in seconds."""
    runs: list[list[float]] = [[] for _ in texts]
    for _ in range(repeat):
        for k, text in enumerate(texts):
            start = time.perf_counter()
            call(text)
            runs[k].append(time.perf_counter() - start)
    return [statistics.median(r) for r in runs]


def _median_p99_ms(seconds: list[float]) -> tuple[float, float]:
    ms = np.array(seconds) * 1000
    return float(np.median(ms)), float(np.percentile(ms, 99))


def _load_and_index(kb_dir: Path) -> ZoneIndex:
    return build_index(load_knowledge_base(kb_dir))


def memory_probe(kb_dir: Path, mode: str) -> dict[str, float]:
    """Load and index once in this fresh process; report its time and memory growth."""
    if mode == "tracemalloc":
        tracemalloc.start()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    _load_and_index(kb_dir)
    seconds = time.perf_counter() - start
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    peak = tracemalloc.get_traced_memory()[1] if mode == "tracemalloc" else 0
    return {"seconds": seconds, "rss_mb": rss_growth / 1024, "peak_mb": peak / 2**20}


def _probe_in_child(kb_dir: Path, mode: str) -> dict[str, float]:
    """Run the memory probe in a new interpreter, so nothing this process did counts."""
    command = [sys.executable, __file__, "--probe", str(kb_dir), "--probe-mode", mode]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    figures: dict[str, float] = json.loads(result.stdout)
    return figures


class Measured:
    """Our matcher and the baseline over the same questions: what each picked, how fast."""

    def __init__(
        self,
        index: ZoneIndex,
        entries: list[SyntheticEntry],
        questions: list[Question],
        repeat: int,
    ) -> None:
        self.index = index
        self.texts = [q.text for q in questions]
        self.ours = [self._ours(q) for q in self.texts]
        self.match_times = time_each(lambda q: match_question(index, q), self.texts, repeat)
        self.statuses: Counter[str] = Counter()
        self.answer_times = time_each(self._answer, self.texts, 1)
        self.choices = [p for e in entries for p in e.phrasings]
        self.owners = [(e.zone_id, e.entry_id) for e in entries for _ in e.phrasings]
        self.baseline: list[Target | None] = []
        self.baseline_times = time_each(self._baseline, self.texts, 1)

    def _ours(self, question: str) -> Target | None:
        """Return the entry our matcher answers with, or None when it does not answer."""
        result = match_question(self.index, question)
        if result.kind != "entry":
            return None
        record = result.candidates[0].record
        return record.zone_id, record.entry.id

    def _answer(self, question: str) -> None:
        self.statuses[answer_question(self.index, question).status] += 1

    def _baseline(self, question: str) -> None:
        best = process.extractOne(
            question, self.choices, scorer=fuzz.WRatio, processor=utils.default_process
        )
        self.baseline.append(self.owners[best[2]] if best else None)


def _padded_cost(
    index: ZoneIndex, texts: list[str], lengths: tuple[int, ...], repeat: int, seed: int
) -> list[float]:
    """Median match time (ms) of questions padded with text to each length (0: as asked)."""
    rng = random.Random(seed)
    filler = "".join(rng.choice(COMMON_CHARS + " ,.!?abc123") for _ in range(max(lengths)))
    medians = []
    for length in lengths:
        padded = [(q + filler)[: max(length, len(q))] for q in texts]
        times = time_each(lambda q: match_question(index, q), padded, repeat)
        medians.append(_median_p99_ms(times)[0])
    return medians


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Build the knowledge base and questions, measure everything, return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        kb_dir = args.kb_dir or Path(tmp) / "knowledge"
        entries = write_synthetic_kb(kb_dir, args.entries, args.seed)
        questions = make_questions(entries, args.questions, args.seed)
        rss = _probe_in_child(kb_dir, "rss")
        traced = _probe_in_child(kb_dir, "tracemalloc")
        load_times = []
        for _ in range(args.load_repeat):
            start = time.perf_counter()
            fresh = _load_and_index(kb_dir)
            load_times.append(time.perf_counter() - start)
            index = fresh  # the previous run's index is freed once the clock has stopped
    m = Measured(index, entries, questions, args.repeat)
    shipped = build_index(load_knowledge_base(SHIPPED_KB))
    corpus = {
        "shipped": corpus_figures(shipped, shipped.kb, None, 3, args.seed),
        "synthetic": corpus_figures(index, index.kb, args.corpus_per_class, 1, args.seed),
    }
    median, p99 = _median_p99_ms(m.match_times)
    base_median, base_p99 = _median_p99_ms(m.baseline_times)
    sample = m.texts[:LONG_SAMPLE]
    lengths = (0, PREFIX_CHARS, LONG_QUESTION_CHARS)
    short, prefix, long = _padded_cost(index, sample, lengths, args.repeat, args.seed)
    return {
        "entries": len(index.records),
        "zones": len(index.kb.zones),
        "phrasings": len(m.choices),
        "questions": len(questions),
        "load_index_s": statistics.median(load_times),
        "load_index_cold_s": rss["seconds"],
        "memory_rss_mb": rss["rss_mb"],
        "memory_tracemalloc_peak_mb": traced["peak_mb"],
        "match_median_ms": median,
        "match_p99_ms": p99,
        "answer_median_ms": _median_p99_ms(m.answer_times)[0],
        "top1": _accuracy(m.ours, questions),
        "baseline_median_ms": base_median,
        "baseline_p99_ms": base_p99,
        "baseline_top1": _accuracy(m.baseline, questions),
        "speedup": base_median / median,
        "short_questions": len(sample),
        "short_median_ms": short,
        "prefix_median_ms": prefix,
        "long_median_ms": long,
        "top1_by_perturbation": _by_perturbation(m.ours, questions),
        "baseline_top1_by_perturbation": _by_perturbation(m.baseline, questions),
        "statuses": dict(m.statuses),
        "corpus": corpus,
    }


def _accuracy(picks: list[Target | None], questions: list[Question]) -> float:
    return sum(p == q.target for p, q in zip(picks, questions, strict=True)) / len(questions)


def _by_perturbation(picks: list[Target | None], questions: list[Question]) -> dict[str, float]:
    shares = {}
    for kind in PERTURBATIONS:
        pairs = [(p, q) for p, q in zip(picks, questions, strict=True) if q.perturbation == kind]
        if pairs:
            shares[kind] = _accuracy([p for p, _ in pairs], [q for _, q in pairs])
    return shares


def wratio_picker(index: ZoneIndex) -> Picker:
    """The baseline: the entry of the closest written phrasing by WRatio (it never refuses)."""
    choices = [p for r in index.records for p in r.entry.questions.all()]
    owners = [Pick(r.zone_id, r.entry.id) for r in index.records for _ in r.entry.questions.all()]

    def pick(text: str) -> Pick | None:
        best = process.extractOne(
            text, choices, scorer=fuzz.WRatio, processor=utils.default_process
        )
        return owners[best[2]] if best else None

    return pick


def corpus_figures(
    index: ZoneIndex, kb: KnowledgeBase, per_class: int | None, per_entry: int, seed: int
) -> dict[str, Any]:
    """Per-class right shares on the held-out half, ours beside WRatio's, and the fit sweep."""
    held_out = generate_corpus(
        kb, half="held_out", seed=seed, per_class=per_class, per_entry=per_entry
    )
    fit = generate_corpus(kb, half="fit", seed=seed, per_class=per_class, per_entry=per_entry)
    ours = score_corpus(held_out, bot_picker(index))
    base = score_corpus(held_out, wratio_picker(index))
    return {
        "questions": len(held_out),
        "classes": {
            cls: {
                "n": s.questions,
                "ours": s.right_share,
                "ours_wrong": s.wrong_share,
                "baseline": base[cls].right_share,
            }
            for cls, s in ours.items()
        },
        "overall": overall(ours),
        "baseline_overall": overall(base),
        "tradeoff": _threshold_sweep(index, fit),
    }


def _threshold_sweep(index: ZoneIndex, fit: list[CorpusQuestion]) -> list[dict[str, float]]:
    """Right, wrong and refused shares on the fit half for each answer threshold tried."""
    chosen = decision.ANSWER_SCORE
    sweep = []
    try:
        for threshold in THRESHOLDS:
            decision.ANSWER_SCORE = threshold
            figures = overall(score_corpus(fit, bot_picker(index)))
            sweep.append({"threshold": threshold, **figures})
    finally:
        decision.ANSWER_SCORE = chosen
    return sweep


def print_corpus(title: str, c: dict[str, Any]) -> None:
    """Print the per-class table and the threshold trade-off."""
    print(f"\n{title}: {c['questions']} held-out questions")
    print(f"{'class':<13}{'n':>5}{'ours':>9}{'wrong':>8}{'WRatio':>9}")
    for cls, row in c["classes"].items():
        print(
            f"{cls:<13}{row['n']:>5}{row['ours']:>9.1%}{row['ours_wrong']:>8.1%}"
            f"{row['baseline']:>9.1%}"
        )
    o, b = c["overall"], c["baseline_overall"]
    print(
        f"overall: right {o['right']:.1%} (WRatio {b['right']:.1%}), wrong {o['wrong']:.1%} "
        f"(WRatio {b['wrong']:.1%}), out of scope refused {o['oos_refused']:.1%}"
    )
    print(f"fit half, by answer threshold (chosen {decision.ANSWER_SCORE:g}):")
    for t in c["tradeoff"]:
        print(
            f"  {t['threshold']:>5g}: right {t['right']:.1%}, wrong {t['wrong']:.1%}, "
            f"out of scope refused {t['oos_refused']:.1%}"
        )


def rows(f: dict[str, Any]) -> list[Row]:
    """The report's lines, with each target judged against the figures."""
    return [
        Row("load_index_s", "load + index (warm, median)", "s", "< 2 s", f["load_index_s"] < 2),
        Row("load_index_cold_s", "load + index (fresh process)", "s"),
        Row(
            "memory_rss_mb",
            "memory: maxrss growth of load + index",
            "MB",
            "< 200 MB",
            f["memory_rss_mb"] < 200,
        ),
        Row("memory_tracemalloc_peak_mb", "memory: tracemalloc peak of load + index", "MB"),
        Row("match_median_ms", "match_question median", "ms"),
        Row("match_p99_ms", "match_question p99", "ms", "< 2 ms", f["match_p99_ms"] < 2),
        Row("answer_median_ms", "answer_question median", "ms"),
        Row("baseline_median_ms", "baseline (WRatio scan) median", "ms"),
        Row("baseline_p99_ms", "baseline (WRatio scan) p99", "ms"),
        Row("speedup", "speed-up: baseline median / ours", "x", ">= 10x", f["speedup"] >= 10),
        Row(
            "top1",
            "top-1 accuracy, ours (answer status)",
            "%",
            ">= baseline",
            f["top1"] >= f["baseline_top1"],
        ),
        Row("baseline_top1", "top-1 accuracy, baseline", "%"),
        Row("short_median_ms", f"match median, {f['short_questions']} questions as asked", "ms"),
        Row("prefix_median_ms", f"the same padded to {PREFIX_CHARS} chars", "ms"),
        Row(
            "long_median_ms",
            f"the same padded to {LONG_QUESTION_CHARS} chars",
            "ms",
            "about the same",
        ),
    ]


def print_table(f: dict[str, Any]) -> None:
    """Print each figure with its target and verdict."""
    print(
        f"{f['entries']} entries in {f['zones']} zones, {f['phrasings']} phrasings, "
        f"{f['questions']} questions"
    )
    print(f"{'figure':<44} {'value':>10}    {'target':<15}result")
    for row in rows(f):
        value = f[row.key] * 100 if row.unit == "%" else f[row.key]
        verdict = "" if row.passes is None else ("PASS" if row.passes else "FAIL")
        print(f"{row.label:<44} {value:>10.2f} {row.unit:<3}{row.target:<15}{verdict}")
    for key in ("top1_by_perturbation", "baseline_top1_by_perturbation"):
        shares = ", ".join(f"{kind} {share:.1%}" for kind, share in f[key].items())
        print(f"{key.replace('_', ' ')}: {shares}")
    print("answer statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(f["statuses"].items())))
    print_corpus("generated corpus, shipped knowledge base", f["corpus"]["shipped"])
    print_corpus(f"generated corpus, synthetic {f['entries']} entries", f["corpus"]["synthetic"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=20230501)
    parser.add_argument("--repeat", type=int, default=5, help="timings per question (ours)")
    parser.add_argument(
        "--corpus-per-class", type=int, default=60, help="synthetic corpus questions per class"
    )
    parser.add_argument("--load-repeat", type=int, default=3, help="timed loads + indexes")
    parser.add_argument("--kb-dir", type=Path, help="write the knowledge base here and keep it")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--zones", type=int, nargs="+", help="national bases of N zones (20 entries a zone)"
    )
    parser.add_argument(
        "--per-class", type=int, default=150, help="--zones: questions a class, before filtering"
    )
    parser.add_argument(
        "--scan-sample", type=int, default=150, help="--zones: questions the scan is timed on"
    )
    parser.add_argument(
        "--write-only", action="store_true", help="--zones: write the base(s) to --kb-dir only"
    )
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--probe-mode", default="rss", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(memory_probe(args.probe, args.probe_mode)))
        return 0
    if args.zones:
        return national.main(args)
    figures = run(args)
    judged = [row for row in rows(figures) if row.passes is not None]
    if args.json:
        checks = [{"figure": r.key, "target": r.target, "pass": r.passes} for r in judged]
        print(json.dumps({**figures, "checks": checks}, ensure_ascii=False))
    else:
        print_table(figures)
    return 1 if args.check and not all(row.passes for row in judged) else 0


if __name__ == "__main__":
    sys.exit(main())
