"""`zonebot ask`: the contract other tools rely on."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.commands import main

ROOT = Path(__file__).resolve().parents[1]
KEYS = {
    "question",
    "status",
    "lang",
    "zone_id",
    "entry_id",
    "score",
    "text",
    "citations",
    "suggestions",
}


def ask(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--kb", str(ROOT / "knowledge"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_json_mode_answers_each_stdin_line_in_order_blank_lines_too() -> None:
    result = ask("--json", stdin="泸州高新区营业收入\n\nhello\n")
    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert len(lines) == 3
    replies = [json.loads(line) for line in lines]
    assert all(set(r) == KEYS for r in replies)
    assert [r["question"] for r in replies] == ["泸州高新区营业收入", "", "hello"]
    first = replies[0]
    assert first["status"] == "answer"
    assert first["zone_id"] == "luzhou-hitech"
    assert 0 <= first["score"] <= 100
    assert first["citations"][0]["publisher"] == "科技日报"
    assert "1250亿元" in first["text"]
    assert replies[1]["status"] == "no_match"


def test_no_state_is_carried_from_line_to_line() -> None:
    result = ask("--json", stdin="泸州高新区营业收入\n那研发奖励呢？\n")
    second = json.loads(result.stdout.splitlines()[1])
    assert second["zone_id"] != "luzhou-hitech" or second["status"] != "answer"


def test_context_passes_the_zone_of_a_previous_question() -> None:
    result = ask("--json", "--context", "taiyuan-zhongbei", "那研发奖励呢？")
    reply = json.loads(result.stdout)
    assert (reply["status"], reply["zone_id"]) == ("answer", "taiyuan-zhongbei")


def test_an_unknown_context_zone_is_refused_with_the_known_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["ask", "--kb", str(ROOT / "knowledge"), "--context", "nowhere", "hi"])
    assert code == 2
    assert "luzhou-hitech" in capsys.readouterr().err


def test_line_separators_inside_strings_are_escaped() -> None:
    result = ask("--json", stdin="泸州\u2028营收\n")
    lines = result.stdout.split("\n")
    assert len([line for line in lines if line]) == 1
    assert "\u2028" not in result.stdout


def test_plain_mode_prints_the_answer_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["ask", "--kb", str(ROOT / "knowledge"), "Luzhou High-tech Zone revenue 2022"]) == 0
    )
    out = capsys.readouterr().out
    assert "RMB 125 billion" in out
    assert "Science and Technology Daily" in out


def test_an_invalid_knowledge_base_exits_1_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--kb", str(tmp_path), "hi"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_test_kb_passes_on_the_shipped_knowledge_base(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test-kb", "--kb", str(ROOT / "knowledge")]) == 0
