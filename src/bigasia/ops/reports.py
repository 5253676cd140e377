"""What Django's error reports (the DEBUG page, mail to ADMINS) may show of settings and of
request.META.

Django hides values by their names (KEY, TOKEN, PASS…), which misses a password carried inside
a URL: `DATABASE_URL`, `REDIS_URL`, a CACHES LOCATION. granian also copies the whole process
environment into every request's environ, so those URLs sit in request.META too. This filter
hides, in addition, any text holding a URL with a password (`scheme://user:password@host`).
"""

import re
from typing import Any

from django.views.debug import SafeExceptionReporterFilter

URL_WITH_PASSWORD = re.compile(r"[a-z][a-z0-9+.-]*://[^/@\s:]*:[^/@\s]+@", re.IGNORECASE)


class CredentialsHiddenFilter(SafeExceptionReporterFilter):
    def cleanse_setting(self, key: Any, value: Any) -> Any:
        if isinstance(value, str) and URL_WITH_PASSWORD.search(value):
            return self.cleansed_substitute
        return super().cleanse_setting(key, value)
