"""Local development: `make run`. DEBUG comes from the environment (the Makefile turns it on)."""

from .base import *  # noqa: F403
from .base import DATA_DIR, DEBUG, INSTALLED_APPS, SECRET_KEY
from .env import env_str, local_secret_key

# A local-only key so `make run` needs no set-up; it is generated on first start and kept
# under var/, never committed. Production refuses to start without SECRET_KEY.
if not SECRET_KEY:
    SECRET_KEY = local_secret_key(DATA_DIR)

# WhiteNoise warns when STATIC_ROOT is missing; `collectstatic` is for production only.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# `make run` has no mail server: mail is captured in the local outbox (Admin → Local outbox)
# unless EMAIL_TRANSPORT names a real transport.
if DEBUG and not env_str("EMAIL_TRANSPORT"):
    EMAIL_TRANSPORT = "bigasia.newsletters.outbox.LocalOutboxBackend"

# The autoreloaders of `make run` (the development server's and the worker's) wait on inotify
# through watchfiles instead of polling the mtime of every module several times a second.
INSTALLED_APPS = [*INSTALLED_APPS, "django_watchfiles"]
