"""Grace mode: while one reader rebuilds a purged page, the others get its previous copy, for
at most EDGE_GRACE_SECONDS, never for a page that was withdrawn, never in another language.

"Another reader is rebuilding it" is set up by taking the page's rebuild claim, as that
reader's request does, so what the next request gets does not depend on timing."""

import time

import pytest
from wagtail.models import Locale

from bigasia.articles.models import HomePage
from bigasia.edge import grace, store
from tests.articles.private import KINDS, make_private
from tests.edge.test_private_pages import _cached
from tests.scratch import wait_until

pytestmark = pytest.mark.django_db


def _rebuilt_elsewhere(url: str) -> str:
    """Take the page's rebuild claim as the reader rendering it would; returns its key."""
    key = store.entry_key(store.request_key("testserver", url, ""))
    assert grace.claim_rebuild(key), "nobody else may be rebuilding it yet"
    return key


def _russian_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="ru")


def test_it_serves_the_previous_copy_while_another_reader_rebuilds(edge, seed_article):
    home = _russian_home()
    before = _cached(edge, home.url)
    seed_article.title = "Заголовок, который появится после пересборки"
    seed_article.save_revision().publish()
    key = _rebuilt_elsewhere(home.url)

    stale = edge(home.url)
    assert stale.headers["X-Cache"] == "STALE"
    assert stale.body == before.body
    assert stale.headers["Cache-Control"] == "no-store", "a CDN must not keep it"

    grace.release_rebuild(key)  # that reader finished without storing: this one rebuilds
    fresh = edge(home.url)
    assert fresh.headers["X-Cache"] == "MISS"
    assert "Заголовок, который появится после пересборки" in fresh.text
    assert edge(home.url).headers["X-Cache"] == "HIT"


def test_the_first_reader_after_a_purge_renders_it(edge, seed_article):
    _cached(edge, seed_article.url)
    seed_article.title = "Первый читатель видит правку"
    seed_article.save_revision().publish()
    answer = edge(seed_article.url)
    assert answer.headers["X-Cache"] == "MISS"
    assert "Первый читатель видит правку" in answer.text


def test_it_never_serves_an_unpublished_page_stale(edge, seed_article):
    url = seed_article.url
    _cached(edge, url)
    seed_article.unpublish()
    _rebuilt_elsewhere(url)
    assert edge(url).status == 404


def test_it_never_serves_a_deleted_page_stale(edge, seed_article):
    url = seed_article.url
    _cached(edge, url)
    seed_article.delete()
    _rebuilt_elsewhere(url)
    assert edge(url).status == 404


def test_it_never_serves_the_listings_of_an_unpublished_story_stale(edge, seed_article):
    home = _russian_home()
    assert seed_article.url in _cached(edge, home.url).text
    seed_article.unpublish()
    _rebuilt_elsewhere(home.url)
    answer = edge(home.url)
    assert answer.headers["X-Cache"] == "MISS"
    assert seed_article.url not in answer.text


@pytest.mark.parametrize("kind", KINDS)
def test_it_never_serves_a_page_made_private_stale(edge, seed_article, kind):
    lead = seed_article.lead[:60]
    assert lead in _cached(edge, seed_article.url).text
    make_private(seed_article, kind)
    _rebuilt_elsewhere(seed_article.url)
    answer = edge(seed_article.url)
    assert answer.headers["X-Cache"] != "STALE"
    assert lead not in answer.text


def test_it_never_serves_the_other_language(edge, seed_article):
    russian = _russian_home()
    english = russian.get_translation(Locale.objects.get(language_code="en"))
    _cached(edge, russian.url)
    seed_article.save_revision().publish()
    _rebuilt_elsewhere(russian.url)
    _rebuilt_elsewhere(english.url)  # even were someone rebuilding it: no English copy yet

    answer = edge(english.url)
    assert answer.headers["X-Cache"] == "MISS"
    assert '<html lang="en"' in answer.text
    assert edge(russian.url).headers["X-Cache"] == "STALE"


def test_it_serves_no_stale_copy_after_the_grace_period(edge, seed_article, settings):
    settings.EDGE_GRACE_SECONDS = 1
    home = _russian_home()
    _cached(edge, home.url)
    seed_article.save_revision().publish()
    purged_at = time.time()
    _rebuilt_elsewhere(home.url)
    assert edge(home.url).headers["X-Cache"] == "STALE"

    assert wait_until(lambda: time.time() > purged_at + 1.05, timeout=5, every=0.05)
    # A rebuild still running after the grace period no longer holds readers to the old copy.
    grace.claim_rebuild(store.entry_key(store.request_key("testserver", home.url, "")))
    assert edge(home.url).headers["X-Cache"] == "MISS"


@pytest.fixture
def no_memory(settings):
    """Requested before `edge`: its cache then keeps nothing in memory, only in the store."""
    settings.EDGE_MEMORY_BYTES = 0


def test_it_serves_the_shared_stores_copy_stale_too(no_memory, edge, seed_article):
    home = _russian_home()
    before = _cached(edge, home.url)
    seed_article.save_revision().publish()
    _rebuilt_elsewhere(home.url)
    stale = edge(home.url)
    assert stale.headers["X-Cache"] == "STALE"
    assert stale.body == before.body
