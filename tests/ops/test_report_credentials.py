"""Error reports never show a password carried inside a URL, neither from the settings nor
from request.META (where granian copies the process environment)."""

import pytest
from django.test import RequestFactory
from django.views.debug import get_default_exception_reporter_filter

pytestmark = pytest.mark.db_independent

SECRET_URL = "postgres://bigasia:s3cr3t-pw@db.internal:5432/bigasia"


def test_a_url_with_a_password_is_hidden_in_the_requests_environment():
    request = RequestFactory().get("/ru/", DATABASE_URL=SECRET_URL, SITE_URL="https://bigasia.ru/")
    meta = get_default_exception_reporter_filter().get_safe_request_meta(request)
    assert "s3cr3t-pw" not in meta["DATABASE_URL"]
    assert meta["SITE_URL"] == "https://bigasia.ru/", "a URL with no password stays readable"


def test_a_url_with_a_password_is_hidden_in_the_settings(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://:r3dis-pw@cache.internal:6379/0",
        }
    }
    shown = get_default_exception_reporter_filter().get_safe_settings()
    assert "r3dis-pw" not in str(shown["CACHES"])
    assert shown["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
