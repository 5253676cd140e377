"""A publish purges the CDN by surrogate tag: the article, its translations and the listings
of its language (home, section, country and tag pages), through each CDN's real API."""

import pytest
from django.db import transaction

from bigasia.edge.cdn import schedule_purge

pytestmark = pytest.mark.django_db


def tags_a_publish_purges(article) -> set[str]:
    """What publishing a Russian article must purge: its own page, its translations (their
    language switchers link to it), the Russian listings and everything untagged."""
    pages = [article, *article.get_translations()]
    return {*(f"page:{page.pk}" for page in pages), "list:ru", "other"}


def publish(article, django_capture_on_commit_callbacks) -> None:
    article.title = "Правка, которая должна дойти до CDN"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()


def listings_showing(article) -> list[str]:
    home = article.home
    country = article.article_countries.first().country
    tag = article.tags.first()
    return [
        home.url,
        article.get_parent().url,
        home.subpage_url("country", country.slug),
        home.subpage_url("tag", tag.slug),
    ]


def test_publishing_purges_the_article_and_its_listings_at_cloudflare(
    cloudflare, seed_article, django_capture_on_commit_callbacks
):
    publish(seed_article, django_capture_on_commit_callbacks)
    assert [status for _tags, status in cloudflare.calls] == [200]
    assert set(cloudflare.purged()) == tags_a_publish_purges(seed_article)


def test_publishing_purges_the_same_tags_at_fastly(
    fastly, seed_article, django_capture_on_commit_callbacks
):
    publish(seed_article, django_capture_on_commit_callbacks)
    assert [status for _tags, status in fastly.calls] == [200]
    assert set(fastly.purged()) == tags_a_publish_purges(seed_article)


def test_publishing_purges_every_varnish_by_xkey(
    varnishes, seed_article, django_capture_on_commit_callbacks
):
    publish(seed_article, django_capture_on_commit_callbacks)
    for varnish in varnishes:
        assert set(varnish.purged()) == tags_a_publish_purges(seed_article)


def test_the_listings_showing_an_article_carry_a_tag_its_publish_purges(
    edge, cloudflare, seed_article, django_capture_on_commit_callbacks
):
    publish(seed_article, django_capture_on_commit_callbacks)
    purged = set(cloudflare.purged())
    for url in [seed_article.url, *listings_showing(seed_article)]:
        for answer in (edge(url), edge(url)):  # as stored, and as served from the cache
            assert answer.status == 200, url
            tags = answer.headers["Cache-Tag"].split(",")
            assert "site" in tags, (url, tags)
            assert purged & set(tags), (url, tags)
    article_tags = edge(seed_article.url).headers["Cache-Tag"].split(",")
    assert f"page:{seed_article.pk}" in article_tags
    assert "X-Edge-Tags" not in edge(seed_article.url).headers


def test_each_cdn_reads_the_tags_from_its_own_header(edge, settings, seed_article, varnishes):
    assert edge(seed_article.url).headers["xkey"].split(" ")[0] == "site"
    settings.EDGE_CDN = "fastly"
    edge_copy = edge(seed_article.home.url)
    assert "list:ru" in edge_copy.headers["Surrogate-Key"].split(" ")
    assert "xkey" not in edge_copy.headers


def test_an_answer_the_edge_does_not_keep_is_tagged_for_the_cdn_too(edge, cloudflare):
    # A 404 the CDN may keep (a story asked for before it is published) carries `other`,
    # which every publish purges.
    missing = edge("/ru/content/news/net-takoy-stati/")
    assert missing.status == 404
    assert set(missing.headers["Cache-Tag"].split(",")) == {"site", "other"}


def test_a_change_shown_everywhere_purges_the_whole_site_tag(
    cloudflare, seed_article, django_capture_on_commit_callbacks
):
    country = seed_article.article_countries.first().country
    with django_capture_on_commit_callbacks(execute=True):
        country.save()
    assert cloudflare.purged() == ["site"]


def test_a_rolled_back_publish_purges_nothing(
    cloudflare, seed_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            seed_article.save_revision().publish()
            raise RuntimeError("the editor's save failed after the publish")
    assert callbacks == []
    assert cloudflare.calls == []


def test_many_tags_go_in_as_many_calls_as_the_api_takes(
    cloudflare, django_capture_on_commit_callbacks
):
    tags = [f"page:{n}" for n in range(1, 96)]
    with django_capture_on_commit_callbacks(execute=True):
        schedule_purge(tags)
    assert [len(sent) for sent, _status in cloudflare.calls] == [30, 30, 30, 5]
    assert sorted(cloudflare.purged()) == sorted(tags)


def test_without_a_tag_cdn_nothing_is_sent_and_no_header_is_added(
    edge, settings, cloudflare, seed_article, django_capture_on_commit_callbacks
):
    settings.EDGE_CDN = None
    publish(seed_article, django_capture_on_commit_callbacks)
    assert cloudflare.calls == []
    headers = edge(seed_article.url).headers
    assert not {"Cache-Tag", "Surrogate-Key", "xkey"} & set(headers)
