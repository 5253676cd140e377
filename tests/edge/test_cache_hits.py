"""Anonymous readers are served from the edge cache; the hit path touches no database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def test_it_serves_the_second_request_from_the_cache_without_queries(edge, seed_article):
    first = edge(seed_article.url)
    assert first.status == 200 and first.headers["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        second = edge(seed_article.url)
    assert second.headers["X-Cache"] == "HIT"
    assert second.body == first.body
    assert len(queries) == 0


def test_it_never_shows_one_language_to_the_other(edge, seed_article):
    english = seed_article.get_translation(Locale.objects.get(language_code="en"))
    edge(seed_article.url)
    answer = edge(english.url)
    assert answer.headers["X-Cache"] == "MISS"
    assert '<html lang="en">' in answer.text


def test_it_answers_304_to_a_reader_who_has_the_page(edge, seed_article):
    etag = edge(seed_article.url).headers["ETag"]
    assert edge(seed_article.url, if_none_match=etag).status == 304
    assert edge(seed_article.url, if_none_match='"stale"').status == 200


def test_it_answers_304_to_a_copy_not_older_than_the_stored_page(edge, seed_article):
    modified = edge(seed_article.url).headers["Last-Modified"]
    assert edge(seed_article.url, if_modified_since=modified).status == 304
    older = "Mon, 01 Jan 2024 00:00:00 GMT"
    assert edge(seed_article.url, if_modified_since=older).status == 200
    assert edge(seed_article.url, if_modified_since="junk").status == 200
    # An ETag that does not match wins over a date that would (RFC 9110, 13.2.2).
    stale = edge(seed_article.url, if_none_match='"stale"', if_modified_since=modified)
    assert stale.status == 200


def test_it_sends_headers_a_cdn_can_cache_by(edge, seed_article):
    answer = edge(seed_article.url)
    assert answer.headers["Cache-Control"] == "public, max-age=0, s-maxage=10"
    assert answer.headers["ETag"].startswith('"')
    assert "X-Edge-Tags" not in answer.headers, "surrogate tags are internal"


def test_it_answers_head_from_the_cache_without_a_body(edge, seed_article):
    edge(seed_article.url)
    answer = edge(seed_article.url, method="HEAD")
    assert answer.headers["X-Cache"] == "HIT" and answer.body == b""


def test_it_keeps_editors_out_of_the_shared_copy(edge, seed_article):
    edge(seed_article.url)
    answer = edge(seed_article.url, cookie="sessionid=abc123")
    assert "X-Cache" not in answer.headers


def test_it_does_not_cache_not_found_pages(edge):
    edge("/ru/no-such-page/")
    assert edge("/ru/no-such-page/").headers["X-Cache"] == "MISS"
