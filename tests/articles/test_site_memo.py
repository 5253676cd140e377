"""The reader's Wagtail Site is looked up once per process between publishes, and a changed
Site is seen on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def _site_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if '"wagtailcore_site"' in q["sql"]]


def test_it_finds_the_site_without_a_query_once_it_is_remembered(client, seed_article):
    _site_queries(client, seed_article.url)
    assert _site_queries(client, seed_article.url) == []


def test_it_looks_the_site_up_again_after_the_site_is_saved(client, seed_article):
    _site_queries(client, seed_article.url)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Большая Азия (изменено)"
    site.save()
    assert _site_queries(client, seed_article.url) != []
    assert _site_queries(client, seed_article.url) == []
