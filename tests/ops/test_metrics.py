"""/metrics from a real granian server with two worker processes: refused without the
token, and counting across processes (prometheus-client's multiprocess mode)."""

import urllib.error
import urllib.request

import pytest
from django.test import override_settings

from bigasia.ops import exposition
from tests.scratch import answers, serve_on_a_free_port

TOKEN = "metrics-token-for-the-test-0123456789"
PRODUCTION = {"DJANGO_SETTINGS_MODULE": "bigasia.settings.production", "SECRET_KEY": "p" * 60,
              "ALLOWED_HOSTS": "news.example.org", "WEB_CONCURRENCY": "2",
              "METRICS_TOKEN": TOKEN}  # fmt: skip


@pytest.fixture(scope="module")
def production(ops_site, tmp_path_factory):
    env = {**PRODUCTION, "METRICS_DIR": str(tmp_path_factory.mktemp("metrics"))}
    ops_site.manage("collectstatic", "--no-input", **env)
    server, base = serve_on_a_free_port(
        lambda port: ops_site.spawn("serve", "--production", PORT=str(port), **env),
        lambda base: answers(base + "/healthz"),
        timeout=60,
    )
    yield base
    ops_site.stop(server)


def status(url: str, **headers: str) -> tuple[int, str]:
    try:
        response = urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode()
    return response.status, response.read().decode()


def test_it_refuses_metrics_without_the_token(production):
    assert status(production + "/metrics")[0] == 403
    assert status(production + "/metrics", Authorization="Bearer wrong-token-0123456789")[0] == 403
    code, text = status(production + "/metrics", Authorization=f"Bearer {TOKEN}")
    assert code == 200 and "bigasia_task_queue_depth" in text


def test_it_counts_beacons_and_requests_of_every_server_process(production):
    # An unknown story: answered 204 and ignored (or, with Redis, deferred to the flush).
    for _ in range(30):
        request = urllib.request.Request(production + "/r/v/987654", method="POST")
        assert urllib.request.urlopen(request, timeout=10).status == 204
    _, text = status(production + "/metrics", Authorization=f"Bearer {TOKEN}")
    samples = dict(
        line.rsplit(" ", 1) for line in text.splitlines() if line and not line.startswith("#")
    )
    beacons = [k for k in samples if k.startswith("bigasia_beacons_total{")]
    assert sum(float(samples[k]) for k in beacons) >= 30
    requests = [k for k in samples if k.startswith("bigasia_request_duration_seconds_count{")]
    readership = [k for k in requests if 'kind="readership"' in k and 'status="2xx"' in k]
    assert sum(float(samples[k]) for k in readership) >= 30
    assert 'bigasia_newsletter_deliveries{state="sent"}' in samples


def test_probes_are_answered_before_host_checks_and_the_https_redirect(production):
    # ALLOWED_HOSTS is news.example.org and HTTPS is enforced: a page here is refused or
    # redirected, a load balancer's probe on the loopback is answered.
    assert status(production + "/ru/")[0] in (301, 400)
    assert status(production + "/healthz") == (200, "ok\n")


@override_settings(METRICS_ENABLED=False)
def test_metrics_do_not_exist_until_the_operator_enables_them():
    answered = {}
    body = exposition.answer(
        {"PATH_INFO": "/metrics", "REMOTE_ADDR": "127.0.0.1"},
        lambda status, headers: answered.update(status=status),
    )
    assert answered["status"] == "404 Not Found" and body == [b"not found\n"]
