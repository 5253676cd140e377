"""Redis down: beacons still answer 204, views wait in the local buffer and reach Redis (and
then the database) when it returns. Against a real redis-server on a port of the test's own."""

import time

import pytest
from django.test import override_settings

from bigasia.readership.buffer import ViewBuffer
from bigasia.readership.models import ArticleViews
from bigasia.readership.stores import RedisStore
from tests.readership.conftest import BROWSER

pytestmark = pytest.mark.django_db


def _key(page):
    return (page.pk, page.locale_id, int(time.time() // 3600 * 3600))


def test_it_keeps_views_while_redis_is_down_and_delivers_them_after(own_redis, seed_article):
    store = RedisStore(own_redis.url)
    buffer = ViewBuffer(store=store)
    before = ArticleViews.objects.get(page_id=seed_article.pk).views
    buffer.add(_key(seed_article), 3)
    assert buffer.flush() == 3
    assert store.move_to_database() == 3  # this redis-server keeps nothing across restarts

    own_redis.stop()
    buffer.add(_key(seed_article), 2)
    assert buffer.flush() == 0  # Redis refused: nothing lost, the views wait
    assert buffer.pending() == 2

    own_redis.start()
    assert buffer.flush() == 2
    assert store.move_to_database() == 2
    assert ArticleViews.objects.get(page_id=seed_article.pk).views == before + 5
    assert store.move_to_database() == 0  # moved once, never twice


def test_it_answers_beacons_while_the_shared_cache_is_down(client, own_redis, seed_article):
    from bigasia.readership.buffer import view_buffer

    caches = {
        "default": {
            "BACKEND": "bigasia.edge.redis_cache.RedisCache",  # as configured in scale-out
            "LOCATION": own_redis.url,
        }
    }
    with override_settings(CACHES=caches):
        own_redis.stop()
        for _replay in range(2):  # the second is a replay: de-duplicated in local memory
            response = client.post(
                f"/r/v/{seed_article.pk}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.9"
            )
            assert response.status_code == 204
        answer = client.get(f"/r/counts.json?ids={seed_article.pk}")
        assert answer.status_code == 200
        # The stored figure (the 33 imported views) from the database; the new view is buffered.
        assert answer.json() == {"counts": {str(seed_article.pk): 33}}
        # The replay of a story now known waits for Redis to judge it; at the flush Redis is
        # still down, so it is judged in local memory too, and de-duplicated there.
        assert view_buffer.flush() == 1
