"""The container's health check: ask the running bot's /healthz, importing nothing heavy.

`python -m bot.telegram.healthprobe` exits 0 when /healthz answers 200, else 1 with one line
saying why. It reads ZONEBOT_LISTEN_HOST and ZONEBOT_PORT from the environment, as the bot does.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

WILDCARDS = ("", "0.0.0.0", "::")  # the bot listens on every address: ask the loopback
TIMEOUT_SECONDS = 5.0


def health_url(environ: dict[str, str]) -> str:
    """The bot's /healthz as seen from its own machine."""
    host = environ.get("ZONEBOT_LISTEN_HOST", "0.0.0.0")
    host = "127.0.0.1" if host in WILDCARDS else host
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{environ.get('ZONEBOT_PORT', '8080')}/healthz"


def probe(url: str) -> str | None:
    """Return None when `url` answers 200, else why not, in one line."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()
        return f"unhealthy: {url} answered {exc.code} {detail}"
    except (OSError, ValueError) as exc:
        return f"unhealthy: {url} does not answer ({exc})"
    return None


def main() -> int:
    """Probe the bot's /healthz; 0 when healthy."""
    problem = probe(health_url(dict(os.environ)))
    if problem is not None:
        sys.stderr.write(problem + "\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
