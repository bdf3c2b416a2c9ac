"""The shared dev set, scored by ../shared/eval/score.py through the real `zonebot ask --json`."""

import subprocess
import sys
from pathlib import Path

import pytest

SCORE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


@pytest.mark.skipif(
    not SCORE.is_file(), reason="../shared/eval is not here (only in the workplace)"
)
def test_dev_set_score_meets_the_issue_minimums() -> None:
    command = f"{sys.executable} -m bot ask --json"
    minimums = ["--min", "fact=0.95", "--min", "oos=0.9", "--min", "cross=0.8"]
    result = subprocess.run(
        [sys.executable, str(SCORE), "--cmd", command, "--verbose", *minimums],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr


BLIND_SETS = sorted((Path(__file__).resolve().parent / "data" / "blind").glob("set*.yaml"))


@pytest.mark.skipif(
    not SCORE.is_file(), reason="../shared/eval is not here (only in the workplace)"
)
@pytest.mark.parametrize("question_set", BLIND_SETS, ids=lambda p: p.stem)
def test_question_sets_written_without_the_knowledge_base_keep_their_level(
    question_set: Path,
) -> None:
    command = f"{sys.executable} -m bot ask --json"
    minimums = ["--min", "fact=0.8", "--min", "oos=0.85", "--max-wrong", "0.05"]  # a floor
    result = subprocess.run(
        [sys.executable, str(SCORE), "--set", str(question_set), "--cmd", command, *minimums],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 0, result.stdout + result.stderr
