"""Deferred admission: a beacon for a story this process knows is answered at once, without
the database, and judged by Redis with the next flush, in script calls pipelined in one
round trip; Redis restarting (which also forgets the loaded script) loses no beacon.
Against a redis-server of the test's own."""

import pytest
import redis
from django.test import override_settings

from bigasia.readership import admission, gate
from bigasia.readership.buffer import view_buffer
from bigasia.readership.gate import Verdict, judge_without_database
from tests.readership.conftest import BROWSER

pytestmark = pytest.mark.django_db


def _meta(ip: str, method: str = "POST", agent: str = BROWSER) -> dict:
    return {"REQUEST_METHOD": method, "REMOTE_ADDR": ip, "HTTP_USER_AGENT": agent}


def _redis_cache(url: str) -> dict:
    return {"default": {"BACKEND": "bigasia.edge.redis_cache.RedisCache", "LOCATION": url}}


def test_it_answers_a_known_articles_beacon_without_a_query(
    own_redis, seed_article, flushed_views, django_assert_num_queries
):
    page, raw_id = seed_article, str(seed_article.pk)
    with override_settings(CACHES=_redis_cache(own_redis.url)):
        before = flushed_views(page)
        # A story new to this process needs the database: the gate declines.
        assert judge_without_database(_meta("198.51.100.1"), raw_id) is None
        gate.article_locale(page.pk)
        with django_assert_num_queries(0):
            first = judge_without_database(_meta("198.51.100.1"), raw_id)
            replay = judge_without_database(_meta("198.51.100.1"), raw_id)
            head = judge_without_database(_meta("198.51.100.2", method="HEAD"), raw_id)
            junk = judge_without_database(_meta("198.51.100.3"), "12x")
        assert first == replay == junk == (Verdict.DEFERRED, 0, 0)
        assert head == (Verdict.IGNORE, 0, 0)
        assert view_buffer.pending() == 3
        assert flushed_views(page) == before + 1  # the replay and the junk id count nothing


def test_it_judges_a_big_flush_in_several_script_calls(own_redis, seed_article, flushed_views):
    page, raw_id = seed_article, str(seed_article.pk)
    readers = admission.SCRIPT_BATCH * 2 + 17
    with override_settings(CACHES=_redis_cache(own_redis.url)):
        before = flushed_views(page)
        gate.article_locale(page.pk)
        for _round in range(2):  # the second round replays every reader
            for n in range(readers):
                ip, agent = f"10.0.{n // 250}.{n % 250}", BROWSER.replace("131.0.0.0", f"131.{n}")
                verdict = judge_without_database(_meta(ip, agent=agent), raw_id)
                assert verdict == (Verdict.DEFERRED, 0, 0)
            assert flushed_views(page) == before + readers
            redis.Redis.from_url(own_redis.url).script_flush()  # EVAL sends it again


def test_it_goes_on_counting_after_redis_restarts(own_redis, seed_article, flushed_views):
    page, raw_id = seed_article, str(seed_article.pk)
    with override_settings(CACHES=_redis_cache(own_redis.url)):
        before = flushed_views(page)
        gate.article_locale(page.pk)
        assert judge_without_database(_meta("198.51.100.4"), raw_id)[0] is Verdict.DEFERRED
        assert flushed_views(page) == before + 1

        own_redis.stop()
        own_redis.start()  # a fresh server: the flushing thread's connection is dead
        assert judge_without_database(_meta("198.51.100.5"), raw_id)[0] is Verdict.DEFERRED
        # The dead connection is noticed at the flush; the queued beacon is judged through
        # Django's cache instead, and counted.
        assert flushed_views(page) == before + 2
        # For a moment beacons go step by step (the caller's `judge`), then are queued again.
        assert judge_without_database(_meta("198.51.100.6"), raw_id) is None
        admission._paused_until = 0.0  # as if the pause after the failure had passed
        assert judge_without_database(_meta("198.51.100.6"), raw_id)[0] is Verdict.DEFERRED
        assert flushed_views(page) == before + 3  # the new server got the script (EVAL)
        assert judge_without_database(_meta("198.51.100.6"), raw_id)[0] is Verdict.DEFERRED
        assert flushed_views(page) == before + 3  # and de-duplicates the replay


def test_it_refuses_an_address_over_the_limit_from_the_next_flush(
    own_redis, seed_article, flushed_views, one_rate_window
):
    page, raw_id = seed_article, str(seed_article.pk)
    agents = [BROWSER.replace("131.0.0.0", f"131.0.0.{n}") for n in range(8)]
    with override_settings(CACHES=_redis_cache(own_redis.url), READERSHIP_RATE_PER_MINUTE=5):
        before = flushed_views(page)
        gate.article_locale(page.pk)
        verdicts = [
            judge_without_database(_meta("198.51.100.7", agent=agent), raw_id)[0]
            for agent in agents
        ]
        assert verdicts == [Verdict.DEFERRED] * 8  # nobody knows yet
        assert flushed_views(page) == before + 5  # only the first five within the limit
        later = judge_without_database(_meta("198.51.100.7", agent=agents[0]), raw_id)
        assert later == (Verdict.TOO_MANY, 0, 0)
        other = judge_without_database(_meta("198.51.100.8"), raw_id)
        assert other == (Verdict.DEFERRED, 0, 0)  # other addresses unaffected
