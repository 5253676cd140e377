"""The environment picks the task queue: the database without REDIS_URL, Redis (RQ) with it,
TASKS_BACKEND to choose against the default; a wrong choice stops the process at start."""

import os
import subprocess
import sys

SHOW = (
    "from django.conf import settings; t = settings.TASKS['default'];"
    "print(t['BACKEND'], sorted(settings.RQ_QUEUES), t.get('OPTIONS', {}).get('RQ_QUEUES'))"
)


def _settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "TASKS_BACKEND"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="bigasia.settings.dev", SECRET_KEY="k" * 50)
    return subprocess.run(
        [sys.executable, "-m", "bigasia.cli", "shell", "--no-imports", "-c", SHOW],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_uses_the_database_queue_without_redis():
    assert _settings().stdout.startswith("django_tasks_db.DatabaseBackend [] None")


def test_it_uses_a_redis_queue_named_after_the_site_with_redis():
    result = _settings(REDIS_URL="redis://127.0.0.1:6379/14", CACHE_KEY_PREFIX="site-a")
    assert result.stdout.split(" ", 1) == [
        "bigasia.core.redis_tasks.RedisTaskBackend",
        "['site-a:channels', 'site-a:default'] "
        "{'default': 'site-a:default', 'channels': 'site-a:channels'}\n",
    ]
    result = _settings(REDIS_URL="redis://127.0.0.1:6379/14", TASKS_QUEUE_PREFIX="site-b")
    assert "'site-b:default'" in result.stdout


def test_it_keeps_the_database_queue_with_redis_when_asked():
    result = _settings(REDIS_URL="redis://127.0.0.1:6379/14", TASKS_BACKEND="database")
    assert result.stdout.startswith("django_tasks_db.DatabaseBackend")


def test_it_refuses_a_redis_queue_without_redis_and_unknown_backends():
    result = _settings(TASKS_BACKEND="redis")
    assert result.returncode != 0 and "TASKS_BACKEND=redis needs REDIS_URL" in result.stderr
    result = _settings(TASKS_BACKEND="celery")
    assert result.returncode != 0 and "TASKS_BACKEND='celery' is not valid" in result.stderr
