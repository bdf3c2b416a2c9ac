"""Prometheus metrics of one bot process, served as text at /metrics (bot/telegram/health.py)."""

from __future__ import annotations

import re
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)

CONTENT_TYPE = CONTENT_TYPE_LATEST
# From a cached answer on a quiet replica to a reply held up by Telegram's flood limits.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
ANY_METHOD = "*"
# A Bot API method's name; anything else is counted as "other", so labels stay few.
_METHOD_RE = re.compile(r"[A-Za-z]{1,40}")


def call_outcome(status: int) -> str:
    """Name the outcome of a Bot API answer by its HTTP status: ok, 429, 5xx or 4xx."""
    if status == 200:
        return "ok"
    if status == 429:
        return "429"
    return "5xx" if status >= 500 else "4xx"


class BotMetrics:
    """The counters an operator watches: questions, latency, the knowledge base, errors, leads."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        self.questions = Counter(
            "zonebot_questions",
            "Questions answered, by the answer's status (answer, clarify, no_match)",
            ["status"],
            registry=self.registry,
        )
        self.answer_seconds = Histogram(
            "zonebot_answer_seconds",
            "Time from taking a question to its reply being sent",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.knowledge_base = Info(
            "zonebot_knowledge_base", "The knowledge base being served", registry=self.registry
        )
        self.kb_loaded_at = Gauge(
            "zonebot_knowledge_base_loaded_timestamp_seconds",
            "When the knowledge base being served was loaded (Unix time)",
            registry=self.registry,
        )
        self.kb_load_seconds = Gauge(
            "zonebot_knowledge_base_load_seconds",
            "How long reading, checking and indexing the served knowledge base took",
            registry=self.registry,
        )
        self.kb_entries = Gauge(
            "zonebot_knowledge_base_entries",
            "Entries in the knowledge base being served",
            registry=self.registry,
        )
        self.reloads = Counter(
            "zonebot_reloads",
            "Knowledge base reloads, by outcome (reloaded, unchanged, refused)",
            ["outcome"],
            registry=self.registry,
        )
        self.errors = Counter(
            "zonebot_errors", "Updates whose handling failed", registry=self.registry
        )
        self.leads = Counter("zonebot_leads", "Leads received", registry=self.registry)
        self.api_calls = Counter(
            "zonebot_bot_api_calls",
            "Bot API calls, by method and outcome (ok, 429, 5xx, 4xx, network)",
            ["method", "outcome"],
            registry=self.registry,
        )
        self.api_retries = Counter(
            "zonebot_bot_api_retries",
            "Bot API calls made again, by method and reason (429; error: a 5xx or no answer)",
            ["method", "reason"],
            registry=self.registry,
        )
        self.api_last_ok = Gauge(
            "zonebot_bot_api_last_success_timestamp_seconds",
            "When a Bot API call last succeeded (Unix time), by method",
            ["method"],
            registry=self.registry,
        )
        self.database_errors = Counter(
            "zonebot_database_errors",
            "Failed database transactions, by kind (unavailable: down, locked or full; other)",
            ["kind"],
            registry=self.registry,
        )
        self.notices_pending = Gauge(
            "zonebot_lead_notices_pending",
            "Lead notices to admins not delivered yet (shared by every replica)",
            registry=self.registry,
        )
        self.notice_failures = Counter(
            "zonebot_lead_notice_failures",
            "Attempts to send a lead notice to an admin that failed",
            registry=self.registry,
        )
        self._last_ok: dict[str, float] = {}
        # Labelled children, looked up once: a call's labels() costs more than its inc().
        self._answered: dict[str, Counter] = {}
        self._calls: dict[tuple[str, str], tuple[Counter, Gauge | None]] = {}

    def record_question(self, status: str, seconds: float) -> None:
        """Count a question answered and how long its reply took."""
        answered = self._answered.get(status)
        if answered is None:
            answered = self._answered[status] = self.questions.labels(status=status)
        answered.inc()
        self.answer_seconds.observe(seconds)

    def record_knowledge_base(self, version: str, load_seconds: float, entries: int) -> None:
        """Show which knowledge base is served, since when, and what loading it cost."""
        self.knowledge_base.info({"version": version})
        self.kb_loaded_at.set(time.time())
        self.kb_load_seconds.set(load_seconds)
        self.kb_entries.set(entries)

    def record_reload(self, outcome: str) -> None:
        """Count a reload by its outcome."""
        self.reloads.labels(outcome=outcome).inc()

    def record_lead(self) -> None:
        """Count a lead received."""
        self.leads.inc()

    def record_api_call(self, method: str, outcome: str) -> None:
        """Count a Bot API call by its outcome, and note when a method last succeeded."""
        method = method if _METHOD_RE.fullmatch(method) else "other"
        children = self._calls.get((method, outcome))
        if children is None:
            last_ok = self.api_last_ok.labels(method=method) if outcome == "ok" else None
            children = self._calls[method, outcome] = (
                self.api_calls.labels(method=method, outcome=outcome),
                last_ok,
            )
        calls, last_ok = children
        calls.inc()
        if last_ok is not None:
            last_ok.set(time.time())
            self._last_ok[method] = self._last_ok[ANY_METHOD] = time.monotonic()

    def record_database_error(self, *, unavailable: bool) -> None:
        """Count a failed database transaction: unavailable (down, locked, full) or other."""
        self.database_errors.labels(kind="unavailable" if unavailable else "other").inc()

    def record_retry(self, method: str, reason: str) -> None:
        """Count a Bot API call made again after a 429 (reason "429") or a failure ("error")."""
        method = method if _METHOD_RE.fullmatch(method) else "other"
        self.api_retries.labels(method=method, reason=reason).inc()

    def last_success(self, method: str = ANY_METHOD) -> float | None:
        """When (time.monotonic) a call of `method`, or of any method, last succeeded."""
        return self._last_ok.get(method)

    def exposition(self) -> bytes:
        """Every metric in Prometheus' text format."""
        return generate_latest(self.registry)


METRICS = BotMetrics()


async def count_error(update: object, context: object) -> None:
    """An error handler beside the one that apologises: it only counts the failure."""
    METRICS.errors.inc()
