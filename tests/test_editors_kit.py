"""The editors' kit: schemas in sync with the models, modelines, hooks, CI annotations."""

from __future__ import annotations

import configparser
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers.kbcopy import VALID_KB, copy_kb

from bot.cli.commands import build_parser, main
from bot.kb.annotations import github_annotation
from bot.kb.knowledge import Problem
from bot.kb.loader import check_knowledge_base
from bot.kb.schemas import SCHEMA_FILES, json_schema

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
MODELINE_RE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
ANNOTATION_RE = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+)::(.+)$")


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_each_schema_file_is_what_zonebot_schema_prints_from_the_models(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", kind]) == 0
    printed = json.loads(capsys.readouterr().out)
    committed = json.loads((KNOWLEDGE / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
    assert printed == committed == json_schema(kind), f"run: zonebot schema {kind}"
    jsonschema.Draft202012Validator.check_schema(committed)


@pytest.mark.parametrize("kb", [KNOWLEDGE, VALID_KB], ids=["shipped", "tests"])
@pytest.mark.parametrize("kind", ["sources", "synonyms"])
def test_the_sources_and_synonyms_the_loader_accepts_meet_their_schemas(
    kb: Path, kind: str
) -> None:
    assert check_knowledge_base(kb)[0] is not None
    jsonschema.validate(load_yaml(kb / f"{kind}.yaml"), json_schema(kind))


@pytest.mark.parametrize(
    ("kind", "document"),
    [
        ("sources", [{"id": "a", "title": "标题", "publisher": "出版者", "date": "May 2023"}]),
        ("sources", [{"id": "a", "title": "标题", "publisher": "出版者"}]),
        ("sources", [{"id": "A b", "title": "标题", "publisher": "出版者", "date": "2023"}]),
        ("sources", [{"id": "a", "title": "t", "publisher": "p", "date": "2023", "link": "x"}]),
        ("sources", [{"id": "a", "title": {"fr": "t"}, "publisher": "p", "date": "2023"}]),
        ("synonyms", [["grant"]]),
        ("synonyms", [["grant", ""]]),
        ("synonyms", {"grant": "subsidy"}),
    ],
)
def test_what_the_loader_refuses_the_schemas_refuse_too(
    kind: str, document: object, tmp_path: Path
) -> None:
    kb = copy_kb(tmp_path / "kb")
    (kb / f"{kind}.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
    assert check_knowledge_base(kb)[0] is None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json_schema(kind))


@pytest.mark.parametrize(
    "path",
    [KNOWLEDGE / "sources.yaml", KNOWLEDGE / "synonyms.yaml", *(KNOWLEDGE / "zones").glob("*")],
    ids=lambda path: path.relative_to(KNOWLEDGE).as_posix(),
)
def test_every_knowledge_file_names_its_schema_in_its_first_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    found = MODELINE_RE.match(first)
    assert found, f"{path.name}: first line is {first!r}"
    schema = (path.parent / found[1]).resolve()
    expected = SCHEMA_FILES.get(path.stem, SCHEMA_FILES["zone"])
    assert schema == KNOWLEDGE / expected


def test_validate_for_github_annotates_each_problem_at_its_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb = copy_kb(tmp_path / "kb")
    sources = kb / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(re.sub(r'date: "[^"]*"', 'date: "in May, 2023"', text, count=1), "utf-8")

    assert main(["validate", "--kb", str(kb), "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out
    annotations = [ANNOTATION_RE.match(line) for line in out]
    assert all(annotations), out
    first = annotations[0]
    assert first is not None
    level, file, line, col, message = first.groups()
    assert (level, file) == ("error", sources.as_posix())
    assert "in May, 2023" in sources.read_text("utf-8").splitlines()[int(line) - 1]
    assert int(col) >= 1
    assert "not a date" in message


def test_an_annotation_names_the_file_relative_to_the_working_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    problem = Problem("sources.yaml", 1, 1, "bad")
    assert github_annotation(problem, KNOWLEDGE).startswith("::error file=knowledge/sources.yaml,")


def test_an_annotation_escapes_what_github_reads_as_its_own_syntax() -> None:
    problem = Problem("zones/a,b.yaml", 3, 5, "100% wrong:\nsee line 2", "warning")
    assert github_annotation(problem, Path("knowledge")) == (
        "::warning file=knowledge/zones/a%2Cb.yaml,line=3,col=5::100%25 wrong:%0Asee line 2"
    )


def test_the_pre_commit_hooks_run_validate_and_test_kb_on_knowledge_edits() -> None:
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    commands = {}
    for hook in repo["hooks"]:
        command = hook["entry"].split()
        assert command[0] == "zonebot"
        build_parser().parse_args(command[1:])
        assert re.search(hook["files"], "knowledge/zones/luzhou-hitech.yaml"), hook["id"]
        assert hook["pass_filenames"] is False
        commands[command[1]] = hook
    assert set(commands) == {"validate", "test-kb"}


def test_the_ci_workflow_runs_validate_with_annotations_and_test_kb_on_knowledge_edits() -> None:
    workflow = load_yaml(ROOT / ".github" / "workflows" / "knowledge.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    for event in ("push", "pull_request"):
        assert "knowledge/**" in triggers[event]["paths"]
    [job] = workflow["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    zonebot = [run.split() for run in runs if run.startswith("zonebot ")]
    for command in zonebot:
        build_parser().parse_args(command[1:])
    assert ["zonebot", "validate", "--format", "github"] in zonebot
    assert ["zonebot", "test-kb"] in zonebot


def test_editorconfig_keeps_utf8_and_indents_yaml_by_two_spaces() -> None:
    config = configparser.ConfigParser()
    config.read_string("[root]\n" + (ROOT / ".editorconfig").read_text(encoding="utf-8"))
    assert config["*"]["charset"] == "utf-8"
    assert config["*"]["indent_style"] == "space"
    assert config["*.{yaml,yml}"]["indent_size"] == "2"


def test_the_knowledge_manual_tells_editors_about_the_kit() -> None:
    manual = (KNOWLEDGE / "README.md").read_text(encoding="utf-8")
    for name in [*SCHEMA_FILES.values(), ".pre-commit-config.yaml", ".editorconfig"]:
        assert name in manual, name
    assert "--format github" in manual
    assert ".github/workflows/knowledge.yml" in manual
