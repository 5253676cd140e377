"""The edge never holds a large answer in memory: what it will not keep streams through."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_streams_a_page_over_the_size_limit_without_storing_it(edge, settings, seed_article):
    settings.EDGE_MAX_ENTRY_BYTES = 1000  # the seed article is about 15 KB
    whole = edge(seed_article.url)
    again = edge(seed_article.url)
    assert whole.status == 200 and len(whole.body) > 1000
    assert [whole.headers["X-Cache"], again.headers["X-Cache"]] == ["MISS", "MISS"]
    assert again.body == whole.body


def test_it_keeps_a_streamed_answer_under_the_size_limit(edge):
    first = edge("/sitemap.xml")  # a StreamingHttpResponse of a few hundred bytes
    second = edge("/sitemap.xml")
    assert [first.headers["X-Cache"], second.headers["X-Cache"]] == ["MISS", "HIT"]
    assert second.body == first.body and b"<sitemapindex" in first.body
