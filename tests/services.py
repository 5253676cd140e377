"""Reachability of the scale-out services and of the browser, with how to enable each."""

import os
import shutil
from pathlib import Path

HOW_TO_ENABLE = (
    "start PostgreSQL (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) "
    "and Redis (redis-server --daemonize yes --port 6379), or point TEST_DATABASE_URL and "
    "TEST_REDIS_URL at yours"
)
CHROMIUM = "/usr/bin/chromium"
BROWSER_OUTPUT = Path(__file__).resolve().parent.parent / "test-output" / "browser"
HOW_TO_GET_CHROMIUM = "install Debian's chromium (apt-get install chromium) to run browser tests"


def scale_out_problem() -> str | None:
    import psycopg
    import redis
    from django.conf import settings

    db = settings.DATABASES["default"]
    try:
        psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            dbname=db["NAME"],
            password=db["PASSWORD"] or None,
            connect_timeout=3,
        ).close()
    except psycopg.OperationalError as exc:
        return f"PostgreSQL is not reachable ({exc.__class__.__name__})"
    try:
        redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return f"Redis is not reachable ({exc.__class__.__name__})"
    return None


def chromium_problem() -> str | None:
    if shutil.which(CHROMIUM) is None:
        return f"{CHROMIUM} is missing"
    return None
