"""Matching at national scale: many zones, several a city, beside a WRatio scan, size by size.

Run through matching.py: .venv/bin/python benchmarks/matching.py --zones 500 2500
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils
from synthetic_kb import NATIONAL_KINDS, national_zones, write_national_kb

from bot.answer.build import answer_question
from bot.kb.loader import load_knowledge_base
from bot.quality.corpus import CorpusQuestion, generate_corpus
from bot.search.index import ZoneIndex, build_index
from bot.search.matcher import match_question
from bot.search.textnorm import to_simplified

SHIPPED_KB = Path(__file__).resolve().parents[1] / "knowledge"
ANSWERABLE = ("greeting", "particle", "colloquial", "typo_zone", "typo_topic", "traditional",
              "keyword")  # fmt: skip
OOS = ("oos_topic", "oos_zone", "oos_kind")  # a topic the zone lacks; a zone its city lacks
KIND_ALIASES = {"经济技术开发区": ("经开区",), "综合保税区": ("综保区",)}


@dataclass(frozen=True)
class SizeFigures:
    """One line of the table: one knowledge base, ours beside the scan."""

    label: str
    zones: int
    entries: int
    questions: int
    p50_ms: float
    p99_ms: float
    top1: float
    oos_refused: float
    wrong: float
    startup_s: float
    peak_mb: float
    scan_questions: int
    scan_p50_ms: float
    scan_top1: float
    scan_oos_refused: float
    by_class: dict[str, float]

    @property
    def ratio(self) -> float:
        """How many times faster our median is than the scan's."""
        return self.scan_p50_ms / self.p50_ms


def national_questions(
    index: ZoneIndex, cities: dict[str, str], per_class: int, seed: int
) -> list[CorpusQuestion]:
    """The corpus classes of the answers issue, plus a kind of zone the asked city lacks.

    An answerable question must name its zone by a name no other zone shares (a bare
    高新区 or 青岛 names several): such questions are left out, they ask for a choice.
    """
    corpus = generate_corpus(index.kb, half="held_out", seed=seed, per_class=per_class)
    kept = [q for q in corpus if q.cls in ANSWERABLE + OOS and _names_own_zone(index, q)]
    return kept + _other_kind_questions(index, cities, kept, seed)


def _names_own_zone(index: ZoneIndex, q: CorpusQuestion) -> bool:
    if not q.answerable or q.cls == "typo_zone" or q.zone_id is None:
        return True
    zone = index.kb.zones[q.zone_id]
    names = [zone.name.zh or "", *zone.aliases.zh]
    return any(n and n in to_simplified(q.text) for n in names)


def _other_kind_questions(
    index: ZoneIndex, cities: dict[str, str], asked: list[CorpusQuestion], seed: int
) -> list[CorpusQuestion]:
    """Ask a plain question of a zone with its kind changed to one its city lacks."""
    rng = random.Random(seed)
    kinds_in: dict[str, set[str]] = {}
    for zone_id, city in cities.items():
        kinds_in.setdefault(city, set()).add(index.kb.zones[zone_id].name.zh or "")
    out = []
    for q in asked:
        if q.cls not in ("colloquial", "particle") or q.zone_id not in cities:
            continue
        city, name = cities[q.zone_id], index.kb.zones[q.zone_id].name.zh or ""
        if name not in q.text:
            continue
        lacking = [
            city + kind
            for kind, _en, _id in NATIONAL_KINDS
            if city + kind not in kinds_in[city]
            and not any(city + k in kinds_in[city] for k in (kind, *KIND_ALIASES.get(kind, ())))
        ]
        if lacking:
            text = q.text.replace(name, rng.choice(lacking))
            out.append(replace(q, text=text, cls="oos_kind", answerable=False, entry_id=None))
    return out


def _time_each(index: ZoneIndex, texts: list[str], repeat: int) -> list[float]:
    runs: list[list[float]] = [[] for _ in texts]
    for _ in range(repeat):
        for k, text in enumerate(texts):
            start = time.perf_counter()
            match_question(index, text)
            runs[k].append(time.perf_counter() - start)
    return [statistics.median(r) * 1000 for r in runs]


def startup(kb_dir: Path, question: str) -> tuple[float, float]:
    """Seconds from `zonebot ask --json` starting to its first JSON line, and its peak MB.

    Measured from a fresh interpreter: a child started from this process, which holds a whole
    index, would count this process's memory in its peak (maxrss includes the pages it had
    before it replaced itself with the new program).
    """
    probe = [sys.executable, "-c", _STARTUP_PROBE, sys.executable, str(kb_dir), question]
    done = subprocess.run(probe, capture_output=True, text=True, check=True)
    seconds, peak_mb = (float(figure) for figure in done.stdout.split())
    return seconds, peak_mb


_STARTUP_PROBE = """
import os, subprocess, sys, time
python, kb_dir, question = sys.argv[1:]
start = time.perf_counter()
child = subprocess.Popen([python, "-m", "bot", "ask", "--json", "--kb", kb_dir],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
child.stdin.write(question + "\\n")
child.stdin.flush()
child.stdout.readline()
seconds = time.perf_counter() - start
child.stdin.close()
child.stdout.read()
_pid, _status, usage = os.wait4(child.pid, 0)
print(seconds, usage.ru_maxrss / 1024)
"""


def _scan(index: ZoneIndex, questions: list[CorpusQuestion]) -> tuple[list[float], list[bool]]:
    """The WRatio scan over every phrasing: each question's time (ms) and whether it was right."""
    choices = [p for r in index.records for p in r.entry.questions.all()]
    owners = [(r.zone_id, r.entry.id) for r in index.records for _ in r.entry.questions.all()]
    times, right = [], []
    for q in questions:
        start = time.perf_counter()
        best = process.extractOne(
            q.text, choices, scorer=fuzz.WRatio, processor=utils.default_process
        )
        times.append((time.perf_counter() - start) * 1000)
        picked = owners[best[2]] if best else None
        right.append(q.answerable and picked == (q.zone_id, q.entry_id))  # it never refuses
    return times, right


def _right(index: ZoneIndex, q: CorpusQuestion) -> tuple[bool, bool]:
    """Whether the bot's reply is right (the entry, or a refusal), and whether it is wrong."""
    reply = answer_question(index, q.text)
    if reply.status != "answer":
        return not q.answerable, False
    right = q.answerable and (reply.zone_id, reply.entry_id) == (q.zone_id, q.entry_id)
    return right, not right


def measure(
    label: str, kb_dir: Path, cities: dict[str, str], args: argparse.Namespace
) -> SizeFigures:
    """Load `kb_dir`, ask the questions, time ours and the scan, start a fresh process."""
    index = build_index(load_knowledge_base(kb_dir))
    questions = national_questions(index, cities, args.per_class, args.seed)
    times = _time_each(index, [q.text for q in questions], args.repeat)
    verdicts = [_right(index, q) for q in questions]
    rng = random.Random(args.seed)
    sample = rng.sample(questions, min(args.scan_sample, len(questions)))
    scan_times, scan_right = _scan(index, sample)
    startup_s, peak_mb = startup(kb_dir, questions[0].text)
    pairs = list(zip(questions, verdicts, strict=True))
    by_class: dict[str, list[bool]] = {}
    for q, (right, _wrong) in pairs:
        by_class.setdefault(q.cls, []).append(right)
    return SizeFigures(
        label=label,
        zones=len(index.kb.zones),
        entries=len(index.records),
        questions=len(questions),
        p50_ms=float(np.median(times)),
        p99_ms=float(np.percentile(times, 99)),
        top1=_share([right for q, (right, _) in pairs if q.answerable]),
        oos_refused=_share([right for q, (right, _) in pairs if not q.answerable]),
        wrong=_share([v[1] for v in verdicts]),
        startup_s=startup_s,
        peak_mb=peak_mb,
        scan_questions=len(sample),
        scan_p50_ms=float(np.median(scan_times)),
        scan_top1=_share([r for q, r in zip(sample, scan_right, strict=True) if q.answerable]),
        scan_oos_refused=0.0,
        by_class={cls: _share(v) for cls, v in by_class.items()},
    )


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 1.0


def run(args: argparse.Namespace) -> list[SizeFigures]:
    """Measure the shipped base, then each size of national base asked for."""
    figures = [] if args.write_only else [measure("shipped", SHIPPED_KB, {}, args)]
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.zones:
            kb_dir = _kb_dir(args.kb_dir, Path(tmp), count, len(args.zones))
            zones = national_zones(count, args.seed)
            write_national_kb(kb_dir, zones, args.seed)
            if not args.write_only:
                cities = {z.name.id: z.city for z in zones}
                figures.append(measure(f"{count} zones", kb_dir, cities, args))
    return figures


def _kb_dir(kept: Path | None, tmp: Path, count: int, sizes: int) -> Path:
    if kept is None:
        return tmp / f"zones-{count}"
    return kept if sizes == 1 else kept / f"zones-{count}"


TARGETS = {
    "2500 zones": {"p99_ms": 3.0, "ratio": 50.0, "top1": 0.97, "oos_refused": 0.95},
    "500 zones": {"p99_ms": 1.5, "ratio": 50.0, "top1": 0.97, "oos_refused": 0.95},
}


def print_table(figures: list[SizeFigures]) -> None:
    """Print one line a size, ours beside the scan, then the right share by class."""
    print(
        f"{'base':<12}{'zones':>6}{'entries':>8}{'qs':>6}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'top-1':>7}{'OOS ref':>8}{'wrong':>7}{'start s':>8}{'peak MB':>8}"
        f"{'scan p50':>9}{'scan top-1':>11}{'scan OOS':>9}{'ratio':>7}"
    )
    for f in figures:
        print(
            f"{f.label:<12}{f.zones:>6}{f.entries:>8}{f.questions:>6}{f.p50_ms:>8.2f}"
            f"{f.p99_ms:>8.2f}{f.top1:>7.1%}{f.oos_refused:>8.1%}{f.wrong:>7.1%}"
            f"{f.startup_s:>8.2f}{f.peak_mb:>8.0f}{f.scan_p50_ms:>9.2f}{f.scan_top1:>11.1%}"
            f"{f.scan_oos_refused:>9.1%}{f.ratio:>6.0f}x"
        )
    for f in figures:
        shares = ", ".join(f"{cls} {share:.0%}" for cls, share in f.by_class.items())
        print(f"{f.label} by class: {shares} (scan on {f.scan_questions} questions)")


def verdicts(figures: list[SizeFigures]) -> list[tuple[str, str, bool]]:
    """Each size's targets, judged: (size, what, passes)."""
    out = []
    for f in figures:
        targets = TARGETS.get(f.label)
        if targets is None:
            continue
        out += [
            (f.label, f"p99 < {targets['p99_ms']} ms", f.p99_ms < targets["p99_ms"]),
            (f.label, f"median >= {targets['ratio']:g}x the scan's", f.ratio >= targets["ratio"]),
            (
                f.label,
                f"top-1 >= {targets['top1']:.0%} and >= the scan's",
                f.top1 >= targets["top1"] and f.top1 >= f.scan_top1,
            ),
            (
                f.label,
                f"out of scope refused >= {targets['oos_refused']:.0%}",
                f.oos_refused >= targets["oos_refused"],
            ),
        ]
    return out


def main(args: argparse.Namespace) -> int:
    """Run the sizes asked for; print the table (or JSON); exit 1 on a missed target if told."""
    figures = run(args)
    if args.write_only:
        return 0
    judged = verdicts(figures)
    if args.json:
        rows = [{**vars(f), "ratio": f.ratio} for f in figures]
        checks = [{"size": s, "target": t, "pass": p} for s, t, p in judged]
        print(json.dumps({"sizes": rows, "checks": checks}, ensure_ascii=False))
    else:
        print_table(figures)
        for size, target, passes in judged:
            print(f"{size}: {target}: {'PASS' if passes else 'FAIL'}")
    return 1 if args.check and not all(p for _s, _t, p in judged) else 0
