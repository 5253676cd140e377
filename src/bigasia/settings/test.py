"""Test settings: fast hasher, in-process cache unless REDIS_URL asks for Redis, immediate tasks."""

import os
import tempfile
import uuid
from pathlib import Path

# One test session (a pytest process and the processes it starts, which inherit both
# variables) is one installation: its own DATA_DIR, read by base below. The two passes of
# `make test` run side by side on one host, and a shared DATA_DIR would share the edge's
# purge generation file: the embedded pass's publishes moved the scale-out pass's generation
# mid-render, so its pages were (rightly) not kept and its cache tests missed.
# A process a session started keeps the DATA_DIR it was given; a new session never uses the
# shell's (a developer's own site).
if "BIGASIA_TEST_SESSION" not in os.environ:
    os.environ["BIGASIA_TEST_SESSION"] = uuid.uuid4().hex[:10]
    os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="bigasia-test-data-")
TEST_SESSION = os.environ["BIGASIA_TEST_SESSION"]

from .base import *  # noqa: E402, F403
from .base import REDIS_URL, TASK_QUEUES  # noqa: E402

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
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = f"bigasia-test-{TEST_SESSION}"  # noqa: F405
    CACHES["edge"]["KEY_PREFIX"] = f"bigasia-test-{TEST_SESSION}-edge"  # noqa: F405
else:
    CACHES["edge"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "edge",
    }
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="bigasia-test-static-"))
