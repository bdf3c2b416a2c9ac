"""Run the bot: long polling by default, a webhook when configured; SIGTERM stops it cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import time
from collections.abc import Awaitable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError

from bot.config import Settings
from bot.errors import (
    BadUpdateError,
    DatabaseUrlError,
    KnowledgeBaseError,
    ListenError,
    NotServingError,
    StoppedError,
    StorageUnavailableError,
)
from bot.kb.loader import load_knowledge_base
from bot.leads.notices import run_notices
from bot.logs import configure_logging
from bot.metrics import ANY_METHOD, METRICS
from bot.reloader import KnowledgeReloader
from bot.startup import load_index
from bot.storage.db import create_engine, unavailable
from bot.storage.store import Store, open_store
from bot.telegram.app import (
    ALLOWED_UPDATES,
    POLL_TIMEOUT_SECONDS,
    ZonebotApplication,
    build_application,
)
from bot.telegram.context import RELOADER_KEY, SERVICES_KEY, BotServices
from bot.telegram.health import (
    HEALTH_PATH,
    POLLING_METHOD,
    Watchdog,
    keep_in_touch,
    serving_health,
)
from bot.telegram.webhook import build_webhook_app, webhook_path
from bot.telegram.webserver import start_web_server

logger = logging.getLogger(__name__)


_POLLING_TASK = "Updater:start_polling:polling_task"


T = TypeVar("T")
YOUNG_GENERATION_THRESHOLD = 10_000  # allocations between collections (Python's default: 700)


async def unless_stopped(work: Awaitable[T], stop: asyncio.Event) -> T:
    """Await `work`, or cancel it and raise StoppedError as soon as `stop` is set.

    Start-up waits on the network and the database (retries, timeouts, a migration lock);
    a signal must end it at once rather than after the last retry.
    """
    task = asyncio.ensure_future(work)
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
    if task.done():
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
    raise StoppedError


def unreachable_telegram(settings: Settings, error: Exception) -> str:
    """Say in one line that Telegram cannot be reached, why, and what to check."""
    where = urlsplit(settings.api_base_url)
    cause = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return (
        f"cannot reach Telegram at {where.scheme}://{where.hostname} "
        f"({type(error).__name__}{': ' + cause if cause else ''}): check the network, DNS and "
        "firewall, ZONEBOT_PROXY_URL if a proxy is needed, and ZONEBOT_API_BASE_URL"
    )


async def open_services(
    settings: Settings, worker: ProcessPoolExecutor | None = None
) -> BotServices:
    """Load and index the knowledge base and open the store.

    `worker`: a start-up worker started before the imports (bot/prestart.py), if any.
    """
    started = time.perf_counter()
    index = load_index(settings.kb_path, settings.index_cache, worker)
    METRICS.record_knowledge_base(
        index.kb.version, time.perf_counter() - started, len(index.records)
    )
    services = BotServices(index, await open_store(settings.database_url), settings)
    # What is loaded now lives as long as the process: the collector need not walk it again.
    gc.collect()
    gc.freeze()
    # A reply makes thousands of short-lived objects, most freed at once; a collection of the
    # youngest generation every 700 allocations walked the replies in hand over and over.
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD)
    return services


async def serve(settings: Settings, services: BotServices, stop: asyncio.Event) -> None:
    """Run the bot until `stop` is set, then finish the updates in hand and return."""
    app = build_application(settings, services, polling=settings.webhook_url is None)
    reloader: KnowledgeReloader = app.bot_data[RELOADER_KEY]
    try:
        await unless_stopped(_start(app), stop)
    except BaseException:
        await _close(app)
        raise
    try:
        notices_stop = asyncio.Event()
        watching_stop = asyncio.Event()
        watching = asyncio.create_task(reloader.watch(watching_stop))
        notices = asyncio.create_task(
            run_notices(
                services.store,
                settings,
                lambda chat_id, html: app.bot.send_message(chat_id, html),
                lambda: services.kb,
                notices_stop,
            )
        )
        try:
            if settings.webhook_url is None:
                async with _polling_health(settings, services):
                    await _poll(app, stop)
            else:
                await _serve_webhook(app, settings, settings.webhook_url, stop)
        finally:
            notices_stop.set()
            watching_stop.set()
            await notices  # a notice being sent is finished first
            await watching  # so is a reload
            await app.stop()  # waits for the handlers of every update already taken
    finally:
        await app.shutdown()


def _polling_health(
    settings: Settings, services: BotServices
) -> contextlib.AbstractAsyncContextManager[None]:
    """Serve /healthz and /metrics while polling, when ZONEBOT_HEALTH_SERVER asks for it."""
    if not settings.health_server:
        return contextlib.nullcontext()
    watchdog = Watchdog(POLLING_METHOD, settings.health_max_silence_seconds)
    return serving_health(settings, lambda: watchdog.health(services.kb.version))


async def _start(app: ZonebotApplication) -> None:
    """Introduce the bot to Telegram (getMe, the command menus) and start taking updates."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()


async def _close(app: ZonebotApplication) -> None:
    """Undo whatever part of `_start` was done."""
    if app.running:
        await app.stop()
    await app.shutdown()


def _polling_failed(error: TelegramError) -> None:
    """Say in one line why getUpdates failed; PTB then tries again, waiting longer each time."""
    if isinstance(error, Conflict):
        logger.error(
            "another process takes this bot's updates (a second `zonebot run`, or a webhook); "
            "retrying until it stops"
        )
    else:
        logger.warning("polling for updates failed (%s); retrying", error)


async def _poll(app: ZonebotApplication, stop: asyncio.Event) -> None:
    """Take updates by long polling until `stop`, or until Telegram refuses the token."""
    assert app.updater is not None
    try:
        await unless_stopped(
            app.updater.start_polling(
                timeout=POLL_TIMEOUT_SECONDS,
                allowed_updates=list(ALLOWED_UPDATES),
                error_callback=_polling_failed,
            ),
            stop,
        )
    except StoppedError:
        if app.updater.running:
            await app.updater.stop()
        return
    # PTB's polling task ends only on a refused token (it retries anything else); updater.stop
    # below then raises InvalidToken, which `_run` turns into a clear exit.
    polling = {task for task in asyncio.all_tasks() if task.get_name() == _POLLING_TASK}
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({stopping, *polling}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        await app.updater.stop()  # confirms to Telegram the updates taken so far


async def _serve_webhook(
    app: ZonebotApplication, settings: Settings, url: str, stop: asyncio.Event
) -> None:
    """Register the webhook and serve it until `stop`."""
    assert settings.webhook_secret is not None  # Settings requires it with the URL
    secret = settings.webhook_secret.get_secret_value()
    await unless_stopped(
        app.bot.set_webhook(url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES)),
        stop,
    )

    async def enqueue(data: dict[str, Any]) -> None:
        try:
            update = Update.de_json(data, app.bot)
        except Exception as exc:  # a shape PTB cannot read, whatever it raises, is the sender's
            raise BadUpdateError from exc
        await app.update_queue.put(update)

    services: BotServices = app.bot_data[SERVICES_KEY]
    watchdog = Watchdog(ANY_METHOD, settings.health_max_silence_seconds)
    web = build_webhook_app(
        path=webhook_path(url),
        secret=secret,
        on_update=enqueue,
        health=lambda: watchdog.health(services.kb.version),
    )
    server, serving = start_web_server(web, settings)
    stopping = asyncio.create_task(stop.wait())
    heartbeat = asyncio.create_task(
        keep_in_touch(app.bot.get_webhook_info, settings.health_max_silence_seconds, stop)
    )
    await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
    server.should_exit = True
    stopping.cancel()
    await serving
    heartbeat.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await heartbeat


def run(settings: Settings, worker: ProcessPoolExecutor | None = None) -> int:
    """Run the bot until SIGTERM or SIGINT; return the process exit code.

    `worker`: a start-up worker started before the imports (bot/prestart.py), if any.
    """
    secrets = [
        s.get_secret_value() for s in (settings.telegram_bot_token, settings.webhook_secret) if s
    ]
    configure_logging(settings.log_level, secrets=secrets, fmt=settings.log_format)
    return asyncio.run(_run(settings, worker))


async def _run(settings: Settings, worker: ProcessPoolExecutor | None) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        services = await unless_stopped(open_services(settings, worker), stop)
    except StoppedError:
        if worker is not None:  # stopped before load_index took it
            worker.shutdown(wait=False, cancel_futures=True)
        logger.info("stopped while starting")
        return 0
    except KnowledgeBaseError as exc:
        logger.error("the knowledge base is invalid; fix it (zonebot validate):\n%s", exc)
        return 1
    except (DatabaseUrlError, StorageUnavailableError) as exc:
        logger.error("the database cannot be used: %s", exc)
        return 1
    try:
        await serve(settings, services, stop)
    except StoppedError:
        logger.info("stopped while starting")
        return 0
    except InvalidToken:
        logger.error("Telegram refused TELEGRAM_BOT_TOKEN: check it with @BotFather (/token)")
        return 1
    except NetworkError as exc:  # TimedOut too: Telegram never answered while starting
        logger.error("%s", unreachable_telegram(settings, exc))
        return 1
    except ListenError as exc:
        logger.error("%s", exc)
        return 1
    finally:
        await services.store.close()
    logger.info("stopped")
    return 0


async def healthcheck(settings: Settings) -> str:
    """Check the bot can answer and the database answers; return the knowledge base version.

    When the bot serves /healthz (webhook mode, or ZONEBOT_HEALTH_SERVER) it is asked which
    version it serves (a reload may have refused what is on disk); otherwise there is no
    server to ask, so the files are loaded and their version returned.
    """
    if settings.webhook_url is None and not settings.health_server:
        version = load_knowledge_base(settings.kb_path).version
    else:
        version = await _served_version(settings)
    try:
        store = Store(create_engine(settings.database_url))
    except OSError as exc:  # the SQLite file's folder cannot be made
        raise unavailable(exc) from exc
    try:
        await store.ping()
    finally:
        await store.close()
    return version


async def _served_version(settings: Settings) -> str:
    """Ask the bot's own /healthz which knowledge base it serves."""
    host = "127.0.0.1" if settings.listen_host in ("0.0.0.0", "::", "") else settings.listen_host
    url = f"http://{host}:{settings.port}{HEALTH_PATH}"
    try:
        async with httpx.AsyncClient(timeout=settings.telegram_timeout_seconds) as client:
            response = await client.get(url)
        response.raise_for_status()
        return str(response.json()["kb_version"])
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        raise NotServingError(f"{url} does not answer ({type(exc).__name__})") from None
