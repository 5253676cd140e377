"""Test settings: fast hasher, in-process cache unless REDIS_URL asks for Redis, immediate tasks."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import REDIS_URL

SECRET_KEY = "test-only-key-not-secret-9f3c1d7e2b"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bigasia-test-media-"))
# Immediate, and not deferred to commit: test transactions never commit.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = "bigasia-test"  # noqa: F405
    CACHES["edge"]["KEY_PREFIX"] = "bigasia-test-edge"  # noqa: F405
else:
    CACHES["edge"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "edge",
    }
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="bigasia-test-static-"))
