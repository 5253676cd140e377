"""A mover that dies after claiming a batch leaves it listed by name: the next mover moves
it once, and nothing is left behind. Against a redis-server of the test's own."""

import time

import pytest

from bigasia.readership.models import ArticleViews
from bigasia.readership.stores import RedisStore

pytestmark = pytest.mark.django_db


def test_it_moves_a_batch_a_crashed_mover_claimed(own_redis, seed_article):
    store = RedisStore(own_redis.url)
    key = (seed_article.pk, seed_article.locale_id, int(time.time() // 3600 * 3600))
    before = ArticleViews.objects.get(page_id=seed_article.pk).views
    # Unrelated keys, like every reader's de-duplication key: the registry, not a walk over
    # the keyspace, finds the orphan.
    store.client.mset({f"readership:seen:{n}": 1 for n in range(2000)})

    store.write({key: 4})
    orphan = store._claim_batches()  # claimed, then the mover "dies" before moving
    assert len(orphan) == 1 and store.client.exists(orphan[0])
    store.write({key: 3})

    assert store.move_to_database() == 7
    assert ArticleViews.objects.get(page_id=seed_article.pk).views == before + 7
    assert store.move_to_database() == 0
    assert store.client.smembers(store.moving_registry) == set()
    assert not store.client.exists(orphan[0])
