"""The one-trip gate: a beacon for a story this process knows is decided by one Redis script
call on the thread's own connection, without the database, and that connection survives a
Redis restart (which also forgets the loaded script). Against a redis-server of the test's own."""

import pytest
from django.test import override_settings

from bigasia.readership import gate
from bigasia.readership.gate import Verdict, judge_in_one_trip
from tests.readership.conftest import BROWSER

pytestmark = pytest.mark.django_db


def _meta(ip: str, method: str = "POST") -> dict:
    return {"REQUEST_METHOD": method, "REMOTE_ADDR": ip, "HTTP_USER_AGENT": BROWSER}


def _redis_cache(url: str) -> dict:
    return {"default": {"BACKEND": "bigasia.edge.redis_cache.RedisCache", "LOCATION": url}}


def test_it_decides_a_known_articles_beacon_without_a_query(
    own_redis, seed_article, django_assert_num_queries
):
    page, raw_id = seed_article, str(seed_article.pk)
    with override_settings(CACHES=_redis_cache(own_redis.url)):
        # A story new to this process needs the database: the one-trip gate declines.
        assert judge_in_one_trip(_meta("198.51.100.1"), raw_id) is None
        gate.article_locale(page.pk)
        with django_assert_num_queries(0):
            counted = judge_in_one_trip(_meta("198.51.100.1"), raw_id)
            replay = judge_in_one_trip(_meta("198.51.100.1"), raw_id)
            head = judge_in_one_trip(_meta("198.51.100.2", method="HEAD"), raw_id)
            junk = judge_in_one_trip(_meta("198.51.100.3"), "12x")
    assert counted == (Verdict.COUNT, page.pk, page.locale_id)
    assert replay == head == junk == (Verdict.IGNORE, 0, 0)


def test_it_goes_on_counting_after_redis_restarts(own_redis, seed_article):
    page, raw_id = seed_article, str(seed_article.pk)
    with override_settings(CACHES=_redis_cache(own_redis.url)):
        gate.article_locale(page.pk)
        assert judge_in_one_trip(_meta("198.51.100.4"), raw_id)[0] is Verdict.COUNT

        own_redis.stop()
        own_redis.start()  # a fresh server: the thread's connection is dead, the script gone
        # The dead connection is noticed, and the beacon goes step by step (Django's cache).
        assert judge_in_one_trip(_meta("198.51.100.5"), raw_id) is None
        gate._paused_until = 0.0  # as if the pause after the failure had passed
        # Reconnected; the script is sent again (EVAL after NOSCRIPT).
        assert judge_in_one_trip(_meta("198.51.100.5"), raw_id)[0] is Verdict.COUNT
        assert judge_in_one_trip(_meta("198.51.100.5"), raw_id)[0] is Verdict.IGNORE
