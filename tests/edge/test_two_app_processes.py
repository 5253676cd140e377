"""Two app servers and a worker share one installation: an edit published anywhere is what
both serve next, pages kept in a server's memory are dropped by a purge made elsewhere, and
view beacons sent to both servers add up in the database."""

import os
import urllib.request

import pytest

from tests.readership.servers import send_beacons
from tests.scratch import wait_until

PRODUCTION = {
    "SECRET_KEY": "e" * 60,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "WEB_CONCURRENCY": "1",  # one process per server: the memory a test warms is the one it asks
    "READERSHIP_RATE_PER_MINUTE": "1000000",  # every beacon here comes from 127.0.0.1
}
SCALE_OUT = bool(os.environ.get("BIGASIA_SCALE_OUT_PASS"))


def _get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.headers.get("X-Cache", ""), response.read().decode()


@pytest.fixture(scope="module")
def two_servers(scratch_site):
    servers = [scratch_site.serve_production(**PRODUCTION) for _ in range(2)]
    yield [base for _server, base in servers]
    for server, _base in servers:
        scratch_site.stop(server)


@pytest.fixture(scope="module")
def article_path(scratch_site) -> str:
    return scratch_site.python(
        "from bigasia.articles.models import ArticlePage;"
        "print(ArticlePage.objects.filter(locale__language_code='ru').live().first().url)"
    )


def _publish_title(scratch_site, path: str, title: str) -> None:
    scratch_site.python(
        "from bigasia.articles.models import ArticlePage;"
        f"p = ArticlePage.objects.get(url_path__endswith='{path.split('/')[-2]}/', "
        f"locale__language_code='ru'); p.title = '{title}';"
        "p.save_revision().publish()"
    )


def _empty_shared_store(scratch_site) -> None:
    scratch_site.python("from django.core.cache import caches; caches['edge'].clear()")


def test_it_shows_an_edit_published_elsewhere_on_both_servers(
    two_servers, scratch_site, article_path
):
    for base in two_servers:
        _get(base + article_path)
        assert _get(base + article_path)[0] == "HIT"

    _publish_title(scratch_site, article_path, "Правка, видная всем серверам")
    for base in two_servers:
        cache_state, html = _get(base + article_path)
        assert cache_state == "MISS"
        assert "Правка, видная всем серверам" in html


def test_it_drops_a_page_from_memory_when_another_process_purges(
    two_servers, scratch_site, article_path
):
    for base in two_servers:
        _get(base + article_path)
    _empty_shared_store(scratch_site)
    for base in two_servers:  # nothing in the shared store: these hits come from memory
        assert _get(base + article_path)[0] == "HIT"

    _publish_title(scratch_site, article_path, "Правка, которую память не прячет")
    for base in two_servers:
        cache_state, html = _get(base + article_path)
        assert cache_state == "MISS"
        assert "Правка, которую память не прячет" in html


@pytest.mark.skipif(not SCALE_OUT, reason="hosts share purges through Redis: scale-out pass")
def test_it_drops_a_page_from_memory_on_another_host(
    two_servers, scratch_site, article_path, tmp_path
):
    # Another data directory: no shared counter file, as on a second machine.
    other_host, base = scratch_site.serve_production(**PRODUCTION, DATA_DIR=str(tmp_path))
    try:
        _get(base + article_path)
        _empty_shared_store(scratch_site)
        assert _get(base + article_path)[0] == "HIT"
        _publish_title(scratch_site, article_path, "Правка с другой машины")
        cache_state, html = _get(base + article_path)
        assert cache_state == "MISS" and "Правка с другой машины" in html
    finally:
        scratch_site.stop(other_host)


def test_it_adds_up_the_views_counted_by_both_servers(two_servers, scratch_site):
    page_id = int(
        scratch_site.python(
            "from bigasia.articles.models import ArticlePage;"
            "print(ArticlePage.objects.live().order_by('pk').first().pk)"
        )
    )
    total = (
        "from bigasia.readership.models import ArticleViews;"
        f"row = ArticleViews.objects.filter(page_id={page_id}).first();"
        "print(row.views if row else 0)"
    )
    before = int(scratch_site.python(total))
    first, second = two_servers
    send_beacons(first, page_id, range(0, 30))
    send_beacons(second, page_id, range(1000, 1020))
    send_beacons(second, page_id, range(0, 30))  # the same readers again: not counted twice

    # In scale-out the servers flush into Redis and the worker moves the counts on.
    worker = scratch_site.spawn("worker", "--tick", "0.2", READERSHIP_MOVE_EVERY="1")
    try:
        assert wait_until(lambda: int(scratch_site.python(total)) >= before + 50, timeout=60)
        assert int(scratch_site.python(total)) == before + 50
    finally:
        scratch_site.stop(worker)
