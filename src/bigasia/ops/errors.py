"""Error reports to Sentry when SENTRY_DSN is set, with readers' personal data scrubbed.

Sentry is told to send no personal data (`send_default_pii=False`: no cookies, no user, no
client address); `scrub` then walks the whole event and blanks what may still carry some:
e-mail addresses (subscribers) and IP addresses anywhere in messages, exception values,
local variables, breadcrumbs and headers, and the keys that hold them.
"""

import ipaddress
import re
from typing import Any

from django.conf import settings

SCRUBBED = "[scrubbed]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Candidates only; ipaddress decides (so "01:15:23" or a version number stays).
_IP_LIKE = re.compile(r"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]{2,})")
_PERSONAL_KEYS = {
    "ip_address", "remote_addr", "x-forwarded-for", "x-real-ip", "forwarded",
    "http_x_forwarded_for", "http_x_real_ip", "cookie", "cookies", "http_cookie",
    "email", "authorization", "http_authorization",
}  # fmt: skip


def start_reporting() -> None:
    if not settings.SENTRY_DSN:
        return
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=settings.SENTRY_DSN,
        environment=settings.SENTRY_ENVIRONMENT,
        traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
        send_default_pii=False,
        integrations=[DjangoIntegration()],
        before_send=lambda event, hint: scrub(event),
        before_send_transaction=lambda event, hint: scrub(event),
        before_breadcrumb=lambda crumb, hint: scrub(crumb),
    )


def scrub(value: Any) -> Any:
    """The value with personal data blanked, recursively."""
    if isinstance(value, dict):
        return {
            key: SCRUBBED if str(key).lower() in _PERSONAL_KEYS else scrub(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    if isinstance(value, str):
        return _IP_LIKE.sub(_blank_address, _EMAIL.sub(SCRUBBED, value))
    return value


def _blank_address(match: re.Match) -> str:
    try:
        ipaddress.ip_address(match.group(0))
    except ValueError:
        return match.group(0)
    return SCRUBBED
