"""What `daftar run` counts as it serves, for Prometheus (`/metrics`, `bot/app/ops.py`).

Counted where it happens: updates and their handling time by the runner, sends by the platform
sender, waits for the rate limiter there too. What the store holds (backlogs, undeliverable
notices, complaints) is read from it at each scrape instead, so that every process reports the
same figures whoever wrote the rows.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry()

UPDATES = Counter(
    "daftar_updates",
    "Updates taken, by platform and outcome (handled, ignored, unreadable, failed)",
    ["platform", "outcome"],
    registry=REGISTRY,
)
HANDLING = Histogram(
    "daftar_update_handling_seconds",
    "From taking an update to its replies sent",
    ["platform"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
SENDS = Counter(
    "daftar_sends",
    "Bot API sends, by platform and outcome (sent, retry_after, transient, recipient_gone, "
    "rejected)",
    ["platform", "outcome"],
    registry=REGISTRY,
)
RATE_LIMIT_WAIT = Counter(
    "daftar_rate_limit_wait_seconds",
    "Seconds this process's messages waited for its rate limiter",
    ["platform"],
    registry=REGISTRY,
)
BACKLOG = Gauge(
    "daftar_backlog",
    "Rows waiting in the store, by queue (inbox, reply, notice), at the scrape",
    ["queue"],
    registry=REGISTRY,
)
BACKLOG_AGE = Gauge(
    "daftar_backlog_oldest_seconds",
    "Age of the oldest row waiting, by queue (0 when none), at the scrape",
    ["queue"],
    registry=REGISTRY,
)
UNDELIVERABLE = Gauge(
    "daftar_notices_undeliverable",
    "Notices recorded as undeliverable, in the store",
    registry=REGISTRY,
)
COMPLAINTS = Gauge(
    "daftar_complaints_filed",
    "Complaints filed, in the store",
    registry=REGISTRY,
)
