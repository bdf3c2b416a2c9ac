import json
import subprocess
import sys
from pathlib import Path

from bot.search.textnorm import MAX_QUESTION_CHARS

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "matching.py"
TINY = ["--entries", "200", "--questions", "50", "--repeat", "1", "--load-repeat", "1"]
FIGURES = (
    "load_index_s", "load_index_cold_s", "memory_rss_mb", "memory_tracemalloc_peak_mb",
    "match_median_ms", "match_p99_ms", "answer_median_ms", "top1", "baseline_median_ms",
    "baseline_p99_ms", "baseline_top1", "speedup", "short_median_ms", "prefix_median_ms",
    "long_median_ms",
)  # fmt: skip
TABLE_LABELS = (
    "load + index (warm, median)", "load + index (fresh process)", "maxrss growth",
    "tracemalloc peak", "match_question median", "match_question p99", "answer_question median",
    "baseline (WRatio scan) median", "baseline (WRatio scan) p99", "speed-up",
    "top-1 accuracy, ours", "top-1 accuracy, baseline", "questions as asked",
    f"padded to {2 * MAX_QUESTION_CHARS} chars", "padded to 4096 chars", "top1 by perturbation",
    "answer statuses",
)  # fmt: skip


def _run(*options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCHMARK), *TINY, *options],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_benchmark_prints_every_figure_with_its_verdict() -> None:
    result = _run()
    assert result.returncode == 0, result.stderr
    assert "200 entries in 4 zones, 800 phrasings, 50 questions" in result.stdout
    for label in TABLE_LABELS:
        assert label in result.stdout
    assert result.stdout.count("PASS") + result.stdout.count("FAIL") == 5


def test_the_benchmark_reports_json_with_every_figure_and_check() -> None:
    result = _run("--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    for key in FIGURES:
        assert isinstance(figures[key], float), key
    assert figures["entries"] == 200
    assert figures["questions"] == 50
    assert {c["figure"] for c in figures["checks"]} == {
        "load_index_s", "memory_rss_mb", "match_p99_ms", "speedup", "top1",
    }  # fmt: skip
    assert set(figures["top1_by_perturbation"]) == {
        "deleted", "swapped", "traditional", "extra_words", "homophone",
    }  # fmt: skip


def test_the_national_benchmark_prints_a_line_a_size_beside_the_scan(tmp_path: Path) -> None:
    options = ["--zones", "12", "--per-class", "4", "--scan-sample", "5", "--repeat", "1"]
    kb_dir = tmp_path / "kb"
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), *options, "--kb-dir", str(kb_dir)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["base", "zones", "entries", "qs", "p50"]
    assert lines[1].startswith("shipped")
    assert lines[2].split()[:3] == ["12", "zones", "12"]
    assert lines[2].split()[3] == "240"
    assert len(list((kb_dir / "zones").glob("*.yaml"))) == 12
