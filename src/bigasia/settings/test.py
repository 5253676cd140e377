"""Test settings: fast hasher, in-process cache unless REDIS_URL asks for Redis, immediate tasks."""

import os
import tempfile
import uuid
from pathlib import Path

from .base import *  # noqa: F403
from .base import REDIS_URL, TASK_QUEUES

SECRET_KEY = "test-only-key-not-secret-9f3c1d7e2b"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bigasia-test-media-"))
# Immediate, and not deferred to commit: test transactions never commit.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,
        "ENQUEUE_ON_COMMIT": False,
    }
}
# One key prefix per test session, inherited by the processes it starts: two sessions on one
# Redis (the two passes of `make test` run side by side) must not see each other's keys, nor
# each other's page-cache purges, whose channel is named after the prefix (Redis channels
# ignore the database number).
TEST_SESSION = os.environ.setdefault("BIGASIA_TEST_SESSION", uuid.uuid4().hex[:10])
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = f"bigasia-test-{TEST_SESSION}"  # noqa: F405
    CACHES["edge"]["KEY_PREFIX"] = f"bigasia-test-{TEST_SESSION}-edge"  # noqa: F405
else:
    CACHES["edge"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "edge",
    }
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="bigasia-test-static-"))
