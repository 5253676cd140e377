"""Redis down in scale-out: readers still get pages (rendered, then kept in the process's own
memory) instead of a 500, and an editor's publish still succeeds."""

import pytest
from django.core.cache import caches

from tests.scratch import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """Both caches and the task queue on a Redis that refuses connections (nothing listens
    on the port)."""
    location = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {
        alias: {
            "BACKEND": "bigasia.edge.redis_cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"down-{alias}",
        }
        for alias in ("default", "edge")
    }
    settings.RQ_QUEUES = {"down:default": {"URL": location}}
    settings.TASKS = {
        "default": {
            "BACKEND": "bigasia.core.redis_tasks.RedisTaskBackend",
            "QUEUES": ["default"],
            "OPTIONS": {"RQ_QUEUES": {"default": "down:default"}},
        }
    }
    yield
    for alias in ("default", "edge"):
        caches[alias].clear()


def test_it_renders_pages_while_redis_is_down(client, redis_down, seed_article):
    for path in (seed_article.url, "/ru/", "/en/"):
        assert client.get(path).status_code == 200, path
    assert client.get("/ru/no-such-page/").status_code == 404


def test_it_keeps_serving_hits_from_the_process_memory(edge, redis_down, seed_article):
    first = edge(seed_article.url)
    assert first.status == 200 and first.headers["X-Cache"] == "MISS"
    assert edge(seed_article.url).headers["X-Cache"] == "HIT"


def test_it_publishes_an_edit_while_redis_is_down(
    edge, redis_down, seed_article, django_capture_on_commit_callbacks
):
    edge(seed_article.url)
    seed_article.title = "Edited while Redis was down"
    # Publishing enqueues the search-index update after the commit; the queue is down.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        seed_article.save_revision().publish()
    assert callbacks, "nothing was queued: the test no longer reaches the task queue"
    answer = edge(seed_article.url)
    assert answer.headers["X-Cache"] == "MISS"
    assert "Edited while Redis was down" in answer.text
