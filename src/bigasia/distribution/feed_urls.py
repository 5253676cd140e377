"""The feeds a story's publication changes, as absolute URLs: what a WebSub hub is pinged
with (bigasia.channels). A story is listed by its language's feed, by the feed of every
section above it (a section's feed lists its subsections' stories too), and by the feeds of
its countries, tags and authors; each in the flavours that advertise the hub."""

from django.urls import reverse
from django.utils import translation

from bigasia.articles.models import ArticlePage, SectionPage

from .feedtypes import HUB_FLAVOURS


def changed_feed_urls(article: ArticlePage) -> list[str]:
    site = article.get_site()
    if site is None:  # a page outside every site has no public address
        return []
    with translation.override(article.locale.language_code):
        paths = [reverse(f"distribution:{flavour}") for flavour in HUB_FLAVOURS]
        paths += [
            reverse(f"distribution:{flavour}_scoped", kwargs={"scope": scope, "slug": slug})
            for scope, slug in _scopes(article)
            for flavour in HUB_FLAVOURS
        ]
    return [site.root_url + path for path in paths]


def _scopes(article: ArticlePage) -> list[tuple[str, str]]:
    sections = SectionPage.objects.ancestor_of(article).live().order_by("depth")
    countries = article.article_countries.select_related("country").order_by("sort_order")
    authors = article.article_authors.select_related("author").order_by("sort_order")
    return (
        [("section", section.slug) for section in sections]
        + [("country", link.country.slug) for link in countries]
        + [("tag", tag.slug) for tag in article.tags.order_by("slug")]
        + [("author", link.author.slug) for link in authors]
    )
