"""/readyz: is this installation able to do its work? Each check answers a dict with "ok".

Checks that read the database are skipped (reported failing, "database unavailable") when
the database itself does not answer, so a PostgreSQL outage costs one connection attempt,
not six. Thresholds are READYZ_* settings (docs/operations.md, "Health").
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Min
from django.utils import timezone
from django_tasks import task_backends

from bigasia.core import periodic
from bigasia.core import redis as shared_redis
from bigasia.core.heartbeat import latest_beat
from bigasia.core.models import PeriodicJob
from bigasia.core.redis_tasks import RedisTaskBackend

Check = Callable[[], dict]
_migrations_applied = False  # once applied, they stay applied for this code's lifetime


def report() -> dict:
    checks: dict[str, dict] = {}
    for name, check, needs_database in CHECKS:
        if needs_database and not checks["database"]["ok"]:
            checks[name] = {"ok": False, "error": "database unavailable"}
            continue
        try:
            checks[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure is an answer, never a 500
            checks[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    failing = [name for name, result in checks.items() if not result["ok"]]
    return {"ready": not failing, "failing": failing, "checks": checks}


def _age(moment: datetime | None, now: datetime) -> float | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # RQ keeps naive UTC
        moment = moment.replace(tzinfo=UTC)
    return round((now - moment).total_seconds(), 1)


def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True, "vendor": connection.vendor}


def migrations() -> dict:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            return {"ok": False, "unapplied": [f"{m.app_label}.{m.name}" for m, _ in plan]}
        _migrations_applied = True
    return {"ok": True}


def redis() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "configured": False}
    shared_redis.client(settings.REDIS_URL).ping()
    return {"ok": True, "configured": True}


def queue() -> dict:
    now = timezone.now()
    backend = task_backends["default"]
    if isinstance(backend, RedisTaskBackend):
        depth, oldest = _redis_queue(backend)
    else:
        from django_tasks_db.models import DBTaskResult

        ready = DBTaskResult.objects.ready()
        depth, oldest = ready.count(), ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
    age = _age(oldest, now)
    ok = age is None or age <= settings.READYZ_QUEUE_MAX_AGE
    return {"ok": ok, "depth": depth, "oldest_age_seconds": age}


def _redis_queue(backend: RedisTaskBackend) -> tuple[int, datetime | None]:
    """Depth and the oldest job: urgent tasks go to the front, so it is at either end."""
    depth, oldest = 0, None
    for rq_queue in backend.worker_queues():
        depth += rq_queue.count
        for job_id in {*rq_queue.get_job_ids(0, 1), *rq_queue.get_job_ids(-1, 1)}:
            job = rq_queue.fetch_job(job_id)
            if job and job.enqueued_at and (oldest is None or job.enqueued_at < oldest):
                oldest = job.enqueued_at
    return depth, oldest


def worker() -> dict:
    beat, _ = latest_beat()
    beat_age = _age(beat, timezone.now())
    limit = settings.READYZ_WORKER_MAX_AGE
    return {"ok": beat_age is not None and beat_age <= limit, "heartbeat_age_seconds": beat_age}


def scheduler() -> dict:
    _, tick = latest_beat()
    age = _age(tick, timezone.now())
    return {
        "ok": age is not None and age <= settings.READYZ_WORKER_MAX_AGE,
        "tick_age_seconds": age,
    }


def periodic_jobs() -> dict:
    """A job keeps up when its last run finished within three intervals (plus a minute)."""
    now = timezone.now()
    finished = dict(PeriodicJob.objects.values_list("name", "last_finished_at"))
    behind, ages = [], {}
    for job in periodic.registered_jobs():
        age = _age(finished.get(job.name), now)
        ages[job.name] = age
        if age is not None and age > 3 * job.interval_seconds() + 60:
            behind.append(job.name)
    return {"ok": not behind, "behind": behind, "last_finished_age_seconds": ages}


def feeds() -> dict:
    from bigasia.feeds.models import FeedSource

    lag = timezone.now() - timedelta(seconds=settings.READYZ_FEEDS_MAX_LAG)
    overdue = FeedSource.objects.filter(enabled=True, next_poll_at__lt=lag).count()
    return {"ok": overdue == 0, "overdue_sources": overdue}


def views() -> dict:
    from bigasia.readership.buffer import view_buffer

    lag = view_buffer.flush_lag()
    return {
        "ok": lag <= settings.READYZ_VIEWS_MAX_LAG,
        "buffered": view_buffer.pending(),
        "flush_lag_seconds": round(lag, 1),
    }


CHECKS: list[tuple[str, Check, bool]] = [
    ("database", database, False),
    ("migrations", migrations, True),
    ("redis", redis, False),
    ("queue", queue, True),
    ("worker", worker, True),
    ("scheduler", scheduler, True),
    ("periodic", periodic_jobs, True),
    ("feeds", feeds, True),
    ("views", views, False),
]
