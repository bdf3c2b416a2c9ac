"""deploy/'s Grafana dashboard and Prometheus alert rules name only metrics the bot exports."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import BotMetrics

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
DASHBOARD = DEPLOY / "grafana-dashboard.json"
ALERTS = DEPLOY / "prometheus-alerts.yml"
# A metric in PromQL, with its label matchers when it has any: zonebot_x{a="1",b!~"2"}.
SELECTOR_RE = re.compile(r"\b((?:zonebot|process|python)_[a-z0-9_]+)\b(\{[^}]*\})?")
MATCHER_RE = re.compile(r'([a-z_]+)\s*(?:=~|!~|!=|=)\s*"')
# Labels Prometheus itself adds to every scraped sample.
TARGET_LABELS = {"instance", "job"}
WATCHED = {
    "zonebot_bot_api_calls_total",
    "zonebot_bot_api_retries_total",
    "zonebot_bot_api_last_success_timestamp_seconds",
    "zonebot_database_errors_total",
    "zonebot_reloads_total",
    "zonebot_lead_notices_pending",
}


def exported() -> dict[str, set[str]]:
    """Every sample name the bot's /metrics serves once each metric has counted, with labels."""
    metrics = BotMetrics()
    metrics.record_question("answer", 0.1)
    metrics.record_knowledge_base("v1", 0.2, 3)
    metrics.record_reload("refused")
    metrics.record_lead()
    metrics.record_api_call("sendMessage", "429")
    metrics.record_api_call("getUpdates", "ok")
    metrics.record_retry("sendMessage", "429")
    metrics.record_database_error(unavailable=True)
    metrics.notices_pending.set(1)
    metrics.notice_failures.inc()
    metrics.errors.inc()
    names: dict[str, set[str]] = {}
    for family in text_string_to_metric_families(metrics.exposition().decode()):
        for found in family.samples:
            names.setdefault(found.name, set()).update(found.labels)
    return names


def dashboard_expressions() -> list[str]:
    dashboard: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]


def alert_rules() -> list[dict[str, Any]]:
    rules: dict[str, Any] = yaml.safe_load(ALERTS.read_text(encoding="utf-8"))
    return [rule for group in rules["groups"] for rule in group["rules"]]


def unknown_names(expression: str, served: dict[str, set[str]]) -> list[str]:
    """The metrics and labels `expression` uses that /metrics does not serve."""
    unknown = []
    for name, matchers in SELECTOR_RE.findall(expression):
        if name not in served:
            unknown.append(name)
            continue
        for label in MATCHER_RE.findall(matchers):
            if label not in served[name] | TARGET_LABELS:
                unknown.append(f"{name}{{{label}}}")
    return unknown


def test_every_metric_and_label_the_dashboard_plots_is_exported() -> None:
    served = exported()
    expressions = dashboard_expressions()
    assert expressions
    for expression in expressions:
        assert SELECTOR_RE.search(expression), expression
        assert unknown_names(expression, served) == [], expression


def test_every_metric_and_label_an_alert_rule_watches_is_exported() -> None:
    served = exported()
    for rule in alert_rules():
        assert SELECTOR_RE.search(rule["expr"]), rule["alert"]
        assert unknown_names(rule["expr"], served) == [], rule["alert"]


def test_every_alert_rule_has_a_severity_and_says_what_to_do() -> None:
    names = [rule["alert"] for rule in alert_rules()]
    assert len(names) == len(set(names))
    for rule in alert_rules():
        assert rule["labels"]["severity"] in {"warning", "critical"}, rule["alert"]
        assert rule["annotations"]["summary"], rule["alert"]
        assert rule["annotations"]["description"], rule["alert"]
        assert re.fullmatch(r"\d+[smh]", rule.get("for", "0s")), rule["alert"]


def test_the_dashboard_and_the_rules_cover_telegram_the_database_reloads_and_notices() -> None:
    plotted = {name for e in dashboard_expressions() for name, _ in SELECTOR_RE.findall(e)}
    watched = {name for r in alert_rules() for name, _ in SELECTOR_RE.findall(r["expr"])}
    assert plotted >= WATCHED
    assert watched >= WATCHED - {"zonebot_bot_api_retries_total"}


def test_the_dashboards_panels_have_unique_ids_and_use_the_datasource_variable() -> None:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    variables = {variable["name"] for variable in dashboard["templating"]["list"]}
    assert variables >= {"datasource", "instance"}
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
