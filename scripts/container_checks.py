"""Check a built ZoneBot image with podman; scripts/container-check builds it and runs this.

Each check prints one `ok:` or `FAILED:` line; the exit code is 1 when any failed. The bot runs
with `--network=host` against the project's Bot API stand-in (tests/helpers/botapi_standin.py).
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers.botapi_standin import TEST_TOKEN, BotApiStandIn, FakeUser  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.kb.loader import load_knowledge_base  # noqa: E402
from bot.search.index import build_index  # noqa: E402

CONTAINER = "zonebot-check"
# Every port the bot may listen on (webhook, health and metrics servers), each set free.
PORT_SETTINGS = [str(f.alias) for f in Settings.model_fields.values() if "PORT" in str(f.alias)]
# An entry's own question, which the image must answer with that entry.
FIRST = build_index(load_knowledge_base(ROOT / "knowledge")).records[0]
QUESTION = FIRST.entry.questions.all()[0]


@dataclass(frozen=True)
class Done:
    """What a finished command printed and returned."""

    code: int
    out: str
    err: str


async def podman(*args: str, limit: float = 120) -> Done:
    """Run one podman command, ended after `limit` seconds (exit code 124, like timeout(1))."""
    process = await asyncio.create_subprocess_exec(
        "podman", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), limit)
    except TimeoutError:
        process.kill()
        await process.wait()
        return Done(124, "", f"podman {args[0]} took more than {limit} s")
    return Done(process.returncode or 0, out.decode(), err.decode())


def in_image(image: str, *command: str, env: dict[str, str] | None = None) -> list[str]:
    """The arguments of a throw-away container without network running `command`."""
    pairs = [f"--env={name}={value}" for name, value in (env or {}).items()]
    return ["run", "--rm", "--network=none", "--no-healthcheck", *pairs, image, *command]


async def runs_as_a_user_other_than_root(image: str) -> str:
    """A process that breaks out of the bot is not root in the container."""
    user = (await podman("image", "inspect", "--format", "{{.Config.User}}", image)).out.strip()
    assert user not in ("", "root", "0"), f"the image's USER is {user or 'unset'}"
    uid = (await podman(*in_image(image, "id", "-u"))).out.strip()
    assert uid not in ("", "0"), f"the container runs as uid {uid or '?'}"
    return f"runs as {user} (uid {uid})"


async def declares_a_health_check(image: str) -> str:
    """Orchestrators restart an unhealthy bot only if the image says how to tell."""
    found = await podman("image", "inspect", "--format", "{{json .Config.Healthcheck}}", image)
    check = json.loads(found.out or "null")
    assert check, "the image has no HEALTHCHECK (built with --format docker?)"
    assert check.get("Test"), "the image's HEALTHCHECK has no command"
    return "HEALTHCHECK " + " ".join(check["Test"][1:])


async def validates_its_knowledge_base(image: str) -> str:
    """The baked-in knowledge base is complete and valid."""
    done = await podman(*in_image(image, "zonebot", "validate"))
    assert done.code == 0, f"zonebot validate exited {done.code}: {done.err.strip()}"
    return done.out.strip()


async def answers_like_the_checkout(image: str) -> str:
    """The image holds this checkout's code and knowledge, not an older build's."""
    done = await podman(*in_image(image, "zonebot", "ask", "--json", QUESTION))
    assert done.code == 0, f"zonebot ask exited {done.code}: {done.err.strip()}"
    answer = json.loads(done.out)
    assert (answer["status"], answer["entry_id"]) == ("answer", FIRST.entry.id), done.out
    host = ROOT / ".venv" / "bin" / "zonebot"
    if host.exists():
        local = await asyncio.create_subprocess_exec(
            str(host), "ask", "--json", QUESTION, cwd=ROOT, stdout=asyncio.subprocess.PIPE
        )
        expected = json.loads((await local.communicate())[0])
        assert answer == expected, "the image answers otherwise than the checkout"
    return f"ask: {answer['status']} {answer['zone_id']}/{answer['entry_id']}"


async def installs_the_locked_versions(image: str) -> str:
    """The image is reproducible: what it runs is what requirements.lock pins."""
    script = (
        "import importlib.metadata as m, json; print(json.dumps("
        "{d.metadata['Name'].lower().replace('_', '-'): d.version for d in m.distributions()}))"
    )
    installed = json.loads((await podman(*in_image(image, "python", "-c", script))).out)
    pins = locked_versions(ROOT / "requirements.lock")
    wrong = {name: installed.get(name) for name in pins if installed.get(name) != pins[name]}
    assert not wrong, f"installed otherwise than requirements.lock: {wrong}"
    return f"the {len(pins)} packages of requirements.lock, at their locked versions"


def locked_versions(lock: Path) -> dict[str, str]:
    """Read `name==version` pins from a lock file."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, _, version = line.split(" ")[0].partition("==")
            pins[name.lower().replace("_", "-").replace(".", "-")] = version
    return pins


async def works_with_the_env_example_as_is(image: str) -> str:
    """`--env-file .env` made from .env.example keeps the database on the /data volume."""
    done = await podman(
        "run", "--rm", "--network=none", "--no-healthcheck",
        f"--env-file={ROOT / '.env.example'}", image, "zonebot", "db", "upgrade",
    )  # fmt: skip
    assert done.code == 0, f"zonebot db upgrade with .env.example exited {done.code}: {done.err}"
    return ".env.example as --env-file: " + done.out.strip()


async def serves_a_user_and_passes_its_health_check(image: str) -> str:
    """The bot answers through the Bot API, its HEALTHCHECK passes, SIGTERM ends it cleanly."""
    async with BotApiStandIn() as api:
        ports = [f"--env={name}={free_port()}" for name in PORT_SETTINGS]  # the host's network
        started = await podman(
            "run", "--detach", f"--name={CONTAINER}", "--network=host",
            f"--env=TELEGRAM_BOT_TOKEN={TEST_TOKEN}", f"--env=ZONEBOT_API_BASE_URL={api.base_url}",
            *ports, image,
        )  # fmt: skip
        assert started.code == 0, f"podman run failed: {started.err.strip()}"
        try:
            await api.wait_for(lambda c: c.method == "getUpdates", within=90)
            user = FakeUser(4242, "en")
            since = api.mark()
            api.send_text(user, QUESTION)
            await api.reply(user.id, since=since, within=60)
            health = await healthy_within(90)
            stopped = await podman("stop", "--time=30", CONTAINER, limit=60)
            assert stopped.code == 0, f"podman stop failed: {stopped.err.strip()}"
            code = await podman("inspect", "--format", "{{.State.ExitCode}}", CONTAINER)
            assert code.out.strip() == "0", f"the bot exited {code.out.strip()} on SIGTERM"
        except BaseException:
            logs = await podman("logs", "--tail=15", CONTAINER)
            print(logs.out + logs.err, file=sys.stderr)
            raise
        finally:
            await podman("rm", "--force", "--time=0", CONTAINER)
    return f"answered a user, healthy ({health}), exited 0 on SIGTERM"


async def healthy_within(seconds: float) -> str:
    """Run the image's HEALTHCHECK as podman's timer would until it passes."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        done = await podman("healthcheck", "run", CONTAINER)
        if done.code == 0:
            return done.out.strip() or "healthy"
        if loop.time() > deadline:
            raise AssertionError(f"podman healthcheck run: {done.out.strip()} {done.err.strip()}")
        await asyncio.sleep(3)


async def exits_cleanly_when_telegram_is_unreachable(image: str) -> str:
    """Without a network the bot says so in one line and exits 1, so a supervisor sees it."""
    env = {"TELEGRAM_BOT_TOKEN": TEST_TOKEN, "ZONEBOT_TELEGRAM_TIMEOUT_SECONDS": "3"}
    done = await podman(*in_image(image, "zonebot", "run", env=env), limit=120)
    assert done.code == 1, f"exited {done.code}, not 1"
    output = done.out + done.err
    assert "Traceback" not in output, output
    last = output.strip().splitlines()[-1]
    assert "cannot reach Telegram" in last, last
    return "without a network: " + last.split(" ", 3)[-1][:90]


def free_port() -> int:
    """A TCP port of 127.0.0.1 free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


CHECKS: list[Callable[[str], Awaitable[str]]] = [
    runs_as_a_user_other_than_root,
    declares_a_health_check,
    installs_the_locked_versions,
    validates_its_knowledge_base,
    answers_like_the_checkout,
    works_with_the_env_example_as_is,
    serves_a_user_and_passes_its_health_check,
    exits_cleanly_when_telegram_is_unreachable,
]


async def main(image: str) -> int:
    """Run every check on `image`; return 1 when any failed."""
    failed = 0
    for check in CHECKS:
        name = check.__name__.replace("_", " ")
        try:
            print(f"ok: {name}: {await check(image)}", flush=True)
        except (AssertionError, ValueError, KeyError) as exc:
            failed += 1
            print(f"FAILED: {name}: {exc}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1])))
