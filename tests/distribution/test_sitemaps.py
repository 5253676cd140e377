"""Sitemaps parse as XML with the required elements, split at the limit, and robots.txt
points at them."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.test import override_settings
from django.utils import timezone

from bigasia.articles.models import ArticlePage

from .sitemap_specs import index_problems, urlset_problems

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _xml(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.streaming and response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(b"".join(response.streaming_content))


def _path(url: str) -> str:
    return url.removeprefix("http://testserver")


def _article_urls(client) -> list[ElementTree.Element]:
    index = _xml(client, "/sitemap.xml")
    locs = [_path(loc.text) for loc in index.findall("sm:sitemap/sm:loc", NS)]
    urls = []
    for loc in locs:
        if "articles" in loc:
            urls += _xml(client, loc).findall("sm:url", NS)
    return urls


def test_it_lists_every_live_article_once_with_hreflang_alternates(client, seed_article):
    urls = _article_urls(client)
    locs = [url.findtext("sm:loc", namespaces=NS) for url in urls]
    assert len(locs) == len(set(locs)) == ArticlePage.objects.live().count()
    seed = next(
        url for url in urls if url.findtext("sm:loc", namespaces=NS).endswith(seed_article.url)
    )
    alternates = {
        link.get("hreflang"): _path(link.get("href")) for link in seed.findall("xhtml:link", NS)
    }
    english = seed_article.get_translation(seed_article.get_translations().first().locale)
    assert alternates == {"ru": seed_article.url, "en": english.url}
    assert seed.findtext("sm:lastmod", namespaces=NS)


@override_settings(SITEMAP_URLS_PER_FILE=10)
def test_it_splits_the_articles_into_files_of_at_most_the_limit(client):
    index = _xml(client, "/sitemap.xml")
    files = [
        _path(loc.text) for loc in index.findall("sm:sitemap/sm:loc", NS) if "articles" in loc.text
    ]
    live = ArticlePage.objects.live().count()
    assert len(files) >= -(-live // 10)
    sizes = [len(_xml(client, name).findall("sm:url", NS)) for name in files]
    assert all(1 <= size <= 10 for size in sizes) and sum(sizes) == live
    past_the_last = ArticlePage.objects.order_by("-pk").first().pk // 10 + 2
    assert client.get(f"/sitemap-articles-{past_the_last}.xml").status_code == 404
    assert client.get("/sitemap-articles-0.xml").status_code == 404


def test_it_lists_homes_and_sections(client):
    urls = _xml(client, "/sitemap-sections.xml").findall("sm:url", NS)
    locs = {_path(url.findtext("sm:loc", namespaces=NS)) for url in urls}
    assert {"/ru/", "/en/", "/ru/content/news/politics/"} <= locs


def test_it_puts_only_the_last_48_hours_in_the_news_sitemap(client, publish_article):
    fresh = publish_article("Свежая новость о Монголии")
    stale = publish_article("Новость трёхдневной давности")
    ArticlePage.objects.filter(pk=stale.pk).update(
        first_published_at=timezone.now() - timedelta(hours=72)
    )
    root = _xml(client, "/news-sitemap.xml")
    urls = root.findall("sm:url", NS)
    assert 1 <= len(urls) <= 1000
    by_loc = {_path(url.findtext("sm:loc", namespaces=NS)): url for url in urls}
    assert fresh.url in by_loc and stale.url not in by_loc
    news = by_loc[fresh.url].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Большая Азия"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "ru"
    assert news.findtext("news:title", namespaces=NS) == fresh.title
    assert news.findtext("news:publication_date", namespaces=NS)


def test_it_points_robots_at_every_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-video.xml" in text


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_sitemap_meets_the_sitemaps_org_google_news_and_video_specs(client, publish_article):
    publish_article(title="Свежая новость для проверки схемы")
    index_url = "http://testserver/sitemap.xml"
    index = _body(client.get(index_url))
    assert index_problems(index, index_url) == []
    listed = [loc.text for loc in ElementTree.fromstring(index).findall("sm:sitemap/sm:loc", NS)]
    assert "http://testserver/sitemap-video.xml" in listed
    for url in [*listed, "http://testserver/news-sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert urlset_problems(_body(response), url) == [], url
