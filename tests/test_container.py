"""The Dockerfile and compose file checked against the project (no Docker engine runs here)."""

from __future__ import annotations

import asyncio
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers.bot_harness import free_port, run_environment, wait_healthy, zonebot_run
from helpers.botapi_standin import TEST_TOKEN, BotApiStandIn
from helpers.dockerfile import Instruction, dockerfile

from bot.cli.commands import build_parser
from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
SETTING_NAMES = {field.alias for field in Settings.model_fields.values()}


def final_stage() -> list[Instruction]:
    """The instructions of the image that runs: those after the last FROM."""
    instructions = dockerfile()
    last_from = max(i for i, step in enumerate(instructions) if step.keyword == "FROM")
    return instructions[last_from:]


def of(keyword: str, instructions: list[Instruction] | None = None) -> list[str]:
    return [i.arguments for i in instructions or dockerfile() if i.keyword == keyword]


def exec_form(arguments: str) -> list[str]:
    """A CMD written as a JSON array (exec form): no shell between Docker and the process."""
    command = json.loads(arguments)
    assert isinstance(command, list), f"not exec form: {arguments}"
    return [str(part) for part in command]


def assert_zonebot_command(command: list[str]) -> None:
    """The command runs `zonebot` with arguments its parser accepts."""
    assert command[0] == "zonebot", command
    build_parser().parse_args(command[1:])


def image_environment() -> dict[str, str]:
    """The ENV of the image that runs."""
    env: dict[str, str] = {}
    for arguments in of("ENV", final_stage()):
        for pair in shlex.split(arguments):
            name, _, value = pair.partition("=")
            env[name] = value
    return env


def copies() -> list[tuple[list[str], str]]:
    """(sources, destination) of each COPY from the build context."""
    found = []
    for arguments in of("COPY"):
        parts = arguments.split()
        if any(part.startswith("--from=") for part in parts):
            continue
        paths = [part for part in parts if not part.startswith("--")]
        found.append((paths[:-1], paths[-1]))
    return found


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return data


def bot_services() -> dict[str, dict[str, Any]]:
    return {
        name: service
        for name, service in compose()["services"].items()
        if service.get("command", [""])[0] == "zonebot"
    }


def test_the_image_is_a_slim_python_running_as_a_user_other_than_root() -> None:
    for base in of("FROM"):
        assert re.match(r"python:3\.1[1-9]-slim\b", base), base
    users = of("USER", final_stage())
    assert users
    assert users[-1] not in ("root", "0")


def test_every_copy_source_exists_and_is_not_left_out_by_dockerignore() -> None:
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    sources = [source for paths, _ in copies() for source in paths]
    assert {"bot", "knowledge", "pyproject.toml"} <= set(sources)
    for source in sources:
        assert (ROOT / source).exists(), f"COPY {source}: no such file in the project"
        assert source not in ignored, f"COPY {source}: .dockerignore leaves it out"


def test_the_start_is_a_zonebot_command_and_the_health_check_a_cheap_probe_in_exec_form() -> None:
    [start] = of("CMD", final_stage())
    assert_zonebot_command(exec_form(start))
    options, command = health_check()
    assert "--interval" in options
    assert command == ["python", "-m", "bot.telegram.healthprobe"]


def test_the_image_keeps_its_sqlite_file_on_the_data_volume_and_serves_the_baked_in_kb() -> None:
    env = image_environment()
    assert {name for name in env if name.startswith(("ZONEBOT_", "TELEGRAM_"))} <= SETTING_NAMES
    assert env["ZONEBOT_DATABASE_URL"] == "sqlite:////data/zonebot.db"
    assert json.loads(of("VOLUME", final_stage())[0]) == ["/data"]
    assert (["knowledge"], env["ZONEBOT_KB_PATH"]) in copies()


def health_check() -> tuple[str, list[str]]:
    """The HEALTHCHECK's options and its command."""
    [health] = of("HEALTHCHECK", final_stage())
    options, _, command = health.partition("CMD ")
    return options, exec_form(command)


def run_health_check(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the image's HEALTHCHECK command, with this interpreter as the image's python."""
    command = health_check()[1]
    assert command[0] == "python"
    return subprocess.run(
        [sys.executable, *command[1:]],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


async def test_the_image_health_check_passes_on_its_polling_bot_and_fails_once_it_stops(
    tmp_path: Path,
) -> None:
    async with BotApiStandIn(TEST_TOKEN) as api:
        image = image_environment()
        env = run_environment(
            api,
            tmp_path,
            **{name: value for name, value in image.items() if name.startswith("ZONEBOT_")},
        )
        env["ZONEBOT_DATABASE_URL"] = env["ZONEBOT_DATABASE_URL"].replace("/data/", f"{tmp_path}/")
        env["ZONEBOT_KB_PATH"] = str(ROOT / "knowledge")
        env["ZONEBOT_PORT"] = str(free_port())
        async with zonebot_run(env) as bot:
            await wait_healthy(f"http://127.0.0.1:{env['ZONEBOT_PORT']}/healthz", within=60)
            healthy = await asyncio.to_thread(run_health_check, env, tmp_path)
            bot.terminate()
            assert await asyncio.wait_for(bot.wait(), 60) == 0
        stopped = await asyncio.to_thread(run_health_check, env, tmp_path)
    assert healthy.returncode == 0, healthy.stderr
    assert stopped.returncode == 1
    assert stopped.stderr.startswith("unhealthy: http://127.0.0.1:")
    assert len(stopped.stderr.strip().splitlines()) == 1


def test_compose_runs_postgresql_and_two_webhook_replicas_behind_a_proxy() -> None:
    services = compose()["services"]
    bots = bot_services()
    assert len(bots) == 2
    assert services["postgres"]["image"].startswith("postgres:")
    for service in bots.values():
        assert_zonebot_command(service["command"])
        env = service["environment"]
        assert set(env) <= SETTING_NAMES, set(env) - SETTING_NAMES
        assert env["ZONEBOT_DATABASE_URL"].startswith("postgresql://")
        assert "@postgres:5432/" in env["ZONEBOT_DATABASE_URL"]
        assert env["ZONEBOT_WEBHOOK_URL"].startswith("https://")
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    for name, service in bots.items():
        assert f"{name}:{service['environment']['ZONEBOT_PORT']}" in caddyfile
    assert "health_uri /healthz" in caddyfile


@pytest.mark.parametrize("service", ["proxy", "bot-1", "bot-2"])
def test_every_file_compose_mounts_from_the_project_exists(service: str) -> None:
    for volume in compose()["services"][service].get("volumes", []):
        source = volume.split(":")[0]
        if source.startswith("./"):
            assert (ROOT / source).exists(), f"{service} mounts {source}, which is missing"
