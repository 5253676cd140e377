"""/metrics: the Prometheus text format, for a scraper bearing the token or coming from an
allowed network; without METRICS_TOKEN and METRICS_ALLOWED_NETWORKS the path is a 404.

Counters and histograms come from every process of the host (prometheus-client's
multiprocess files, see bigasia.core.metrics). What the database or Redis knows for the
whole site (queue depth, newsletter deliveries by state) is read at scrape time by
`SiteCollector`, so every app host reports the same figure: sum over hosts with max().
"""

import hmac
import ipaddress
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core import signals

StartResponse = Callable[..., object]


def answer(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
    if not settings.METRICS_ENABLED:
        return _plain(start_response, "404 Not Found", b"not found\n")
    if not allowed(environ):
        return _plain(start_response, "403 Forbidden", b"a metrics token is required\n")
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    from .sitemetrics import SiteCollector

    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    registry.register(SiteCollector())
    signals.request_started.send(sender=SiteCollector)
    try:
        body = generate_latest(registry)
    finally:
        signals.request_finished.send(sender=SiteCollector)
    start_response(
        "200 OK",
        [("Content-Type", CONTENT_TYPE_LATEST), ("Content-Length", str(len(body))),
         ("Cache-Control", "no-store")],
    )  # fmt: skip
    return [body]


def allowed(environ: dict) -> bool:
    given = environ.get("HTTP_AUTHORIZATION", "")
    if settings.METRICS_TOKEN and hmac.compare_digest(
        given.encode(), f"Bearer {settings.METRICS_TOKEN}".encode()
    ):
        return True
    try:
        address = ipaddress.ip_address(environ.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


def _plain(start_response: StartResponse, status: str, body: bytes) -> Iterable[bytes]:
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")]
    )
    return [body]
