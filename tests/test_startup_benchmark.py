"""The start-up benchmark runs end to end at a tiny size (the large runs stay out of checks)."""

import json
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "startup.py"


def test_the_startup_benchmark_reports_cold_cached_and_reload_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--entries", "100", "--runs", "1", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["entries"] == 100
    for name in ("baseline", "cold", "cached"):
        assert figures[name]["first_line_s"] > 0
        assert figures[name]["maxrss_mb"] > 0
    assert figures["cold"]["vs_baseline"] > 0
    assert figures["reload"]["one_file_cpu_s"] >= 0
    assert {c["figure"] for c in figures["checks"]} == {
        "cold.first_line_s", "cached.first_line_s", "cold.maxrss_mb",
    }  # fmt: skip
