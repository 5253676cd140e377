"""/healthz and /readyz against a real server, a real worker and a redis-server of the
test's own: readiness follows the worker and Redis going away and coming back."""

import json
import urllib.error
import urllib.request

from bigasia.ops.front import OpsFront
from tests.readership.servers import OwnRedis
from tests.scratch import answers, serve_on_a_free_port, wait_until


def readiness(base: str) -> tuple[int, dict]:
    try:
        response = urllib.request.urlopen(base + "/readyz", timeout=10)
    except urllib.error.HTTPError as answer:
        return answer.code, json.loads(answer.read())
    return response.status, json.loads(response.read())


def start_server(site, **env):
    return serve_on_a_free_port(
        lambda port: site.spawn("runserver", f"127.0.0.1:{port}", "--noreload", **env),
        lambda base: answers(base + "/healthz"),
        timeout=60,
    )


def becomes(base: str, status: int, failing: str | None = None, timeout: float = 30) -> dict:
    seen = {}

    def check() -> bool:
        code, report = readiness(base)
        seen.update(code=code, report=report)
        return code == status and (failing is None or failing in report["failing"])

    assert wait_until(check, timeout=timeout, every=0.3), f"expected {status}, saw {seen}"
    return seen["report"]


def test_it_is_alive_without_asking_the_database_or_django():
    # No django_db mark: pytest-django makes any query here raise.
    def django(environ, start_response):
        raise AssertionError("/healthz reached the application")

    answered = {}
    body = OpsFront(django)(
        {"PATH_INFO": "/healthz", "REQUEST_METHOD": "GET"},
        lambda status, headers: answered.update(status=status, headers=dict(headers)),
    )
    assert answered["status"] == "200 OK" and body == [b"ok\n"]
    assert answered["headers"]["Cache-Control"] == "no-store"


def test_it_turns_unready_when_the_worker_stops_and_ready_when_it_returns(ops_site):
    server, base = start_server(ops_site)
    worker = ops_site.spawn("worker")
    try:
        report = becomes(base, 200)
        assert report["checks"]["queue"]["depth"] >= 0
        assert report["checks"]["worker"]["heartbeat_age_seconds"] <= 3
        ops_site.stop(worker)
        report = becomes(base, 503, failing="worker")
        assert "scheduler" in report["failing"]
        worker = ops_site.spawn("worker")
        becomes(base, 200)
    finally:
        ops_site.stop(worker)
        ops_site.stop(server)


def test_it_turns_unready_when_redis_goes_away_and_ready_when_it_returns(ops_site):
    redis = OwnRedis()
    redis.start()
    # The queue stays in the database, so the worker goes on beating while Redis is away.
    env = {"REDIS_URL": redis.url, "TASKS_BACKEND": "database"}
    server, base = start_server(ops_site, **env)
    worker = ops_site.spawn("worker", **env)
    try:
        assert becomes(base, 200)["checks"]["redis"] == {"ok": True, "configured": True}
        redis.stop()
        report = becomes(base, 503, failing="redis")
        assert report["failing"] == ["redis"]  # the rest of the site answers for itself
        redis.start()
        becomes(base, 200)
    finally:
        if redis.process.poll() is None:
            redis.stop()
        ops_site.stop(worker)
        ops_site.stop(server)
