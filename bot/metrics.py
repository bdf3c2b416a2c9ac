"""Prometheus metrics of one bot process, served as text at /metrics in webhook mode."""

from __future__ import annotations

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

    def record_question(self, status: str, seconds: float) -> None:
        """Count a question answered and how long its reply took."""
        self.questions.labels(status=status).inc()
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

    def exposition(self) -> bytes:
        """Every metric in Prometheus' text format."""
        return generate_latest(self.registry)


METRICS = BotMetrics()


async def count_error(update: object, context: object) -> None:
    """An error handler beside the one that apologises: it only counts the failure."""
    METRICS.errors.inc()
