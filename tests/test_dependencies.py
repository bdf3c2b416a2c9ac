"""Declared dependencies: what bot/ imports, the hashed lock the image installs, SOCKS proxies."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from helpers.bot_harness import TEST_KB
from helpers.botapi_standin import TEST_TOKEN, BotApiStandIn
from helpers.dockerfile import dockerfile
from helpers.socks_proxy import Socks5Proxy
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bot.config import Settings
from bot.kb.loader import load_knowledge_base
from bot.search.index import build_index
from bot.storage.store import open_store
from bot.telegram.app import build_application
from bot.telegram.context import BotServices

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(line) for line in PROJECT["dependencies"]]
LOCK = (ROOT / "requirements.lock").read_text(encoding="utf-8")
PIN_RE = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)", re.MULTILINE)
PINS = {canonicalize_name(name): version for name, version in PIN_RE.findall(LOCK)}


def extra_requirements(requirement: Requirement) -> list[Requirement]:
    """What the requirement's extras add, read from the installed distribution's metadata."""
    found = []
    for line in metadata.requires(requirement.name) or []:
        needed = Requirement(line)
        if needed.marker is not None and any(
            needed.marker.evaluate({**default_environment(), "extra": extra})
            for extra in requirement.extras
        ):
            found.append(needed)
    return found


def test_the_lock_pins_every_runtime_dependency_and_extra_within_pyprojects_bounds() -> None:
    for requirement in RUNTIME:
        for needed in [requirement, *extra_requirements(requirement)]:
            name = canonicalize_name(needed.name)
            assert name in PINS, f"requirements.lock lacks {needed.name} (for {requirement})"
            assert needed.specifier.contains(PINS[name], prereleases=True), (
                f"requirements.lock pins {name}=={PINS[name]}, outside {needed}"
            )


def test_every_locked_package_carries_its_hashes() -> None:
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.split("\n", 2)[2])
    for entry in entries:
        if "==" in entry.split("\n")[0]:
            assert "--hash=sha256:" in entry, entry.split("\n")[0]


def test_every_third_party_package_bot_imports_is_declared() -> None:
    declared = {canonicalize_name(r.name) for r in RUNTIME}
    providers = metadata.packages_distributions()
    for path in (ROOT / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for top in {name.split(".")[0] for name in names}:
                if top in sys.stdlib_module_names or top == "bot":
                    continue
                dists = {canonicalize_name(d) for d in providers.get(top, [top])}
                assert dists & declared, f"{path.name} imports {top}, undeclared"


def test_the_image_installs_the_lock_with_hashes_in_a_layer_before_the_code() -> None:
    steps = dockerfile()
    build = steps[: [i for i, s in enumerate(steps) if s.keyword == "FROM"][1]]
    copied = [s.arguments.split()[0] for s in build if s.keyword == "COPY"]
    assert copied[0] == "requirements.lock"
    runs = [s.arguments for s in build if s.keyword == "RUN"]
    assert "--require-hashes -r requirements.lock" in runs[0]
    assert "--no-deps ." in runs[1]
    lock_step = build.index(next(s for s in build if "requirements.lock" in s.arguments))
    code_step = build.index(next(s for s in build if s.arguments.startswith("bot ")))
    assert lock_step < code_step


def test_lazy_imports_leave_alembic_out_of_commands_that_do_not_migrate() -> None:
    script = (
        "import sys\n"
        "from bot.cli.commands import main\n"
        f"assert main(['validate', '--kb', {str(TEST_KB)!r}]) == 0\n"
        f"assert main(['ask', '--kb', {str(TEST_KB)!r}, 'incentives']) == 0\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.splitlines()[-1] == "False"


async def test_a_socks5_proxy_carries_the_bots_calls_to_telegram(tmp_path: Path) -> None:
    async with BotApiStandIn() as api, Socks5Proxy() as proxy:
        settings = Settings(
            _env_file=None,
            TELEGRAM_BOT_TOKEN=TEST_TOKEN,
            ZONEBOT_API_BASE_URL=api.base_url,
            ZONEBOT_PROXY_URL=proxy.url,
        )
        store = await open_store(f"sqlite:///{tmp_path / 'z.db'}")
        services = BotServices(build_index(load_knowledge_base(TEST_KB)), store, settings)
        app = build_application(settings, services)
        telegram = ("127.0.0.1", api.port)
        try:
            await app.bot.initialize()
            me = await app.bot.get_me()
        finally:
            await app.bot.shutdown()
            await store.close()
    assert me.is_bot
    assert telegram in proxy.tunnels
    assert {call.method for call in api.calls} == {"getMe"}
