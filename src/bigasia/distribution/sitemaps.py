"""sitemap.xml (an index of files of at most 50,000 URLs), the Google News sitemap, robots.txt.

Every file is produced by generators over `.iterator()` querysets and sent with a
StreamingHttpResponse, so memory stays flat however large the archive is: rows are read in
batches, their translations looked up per batch, and the XML written as it goes.
"""

import math
from collections.abc import Iterable, Iterator
from datetime import timedelta
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Page

from bigasia.articles.models import ArticlePage, HomePage, SectionPage

BATCH = 2000
NEWS_WINDOW = timedelta(hours=48)
NEWS_MAX_URLS = 1000
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
XHTML_NS = 'xmlns:xhtml="http://www.w3.org/1999/xhtml"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
ROW_FIELDS = ("pk", "url_path", "translation_key", "locale__language_code", "last_published_at")


class UrlMaker:
    """Page URLs from url_path without a query per page: each home's URL is its prefix."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.homes = [
            (home.url_path, home.url)
            for home in HomePage.objects.live().select_related("locale").order_by("-depth")
        ]

    def __call__(self, url_path: str) -> str | None:
        for home_path, home_url in self.homes:
            if url_path.startswith(home_path):
                return self.base + home_url + url_path[len(home_path) :]
        return None


def _articles():
    return ArticlePage.objects.live().public()


def article_file_count() -> int:
    return max(1, math.ceil(_articles().count() / settings.SITEMAP_URLS_PER_FILE))


def sitemap_index(base: str) -> Iterator[str]:
    yield XML_HEAD + f"<sitemapindex {SITEMAP_NS}>\n"
    names = ["sitemap-sections.xml"] + [
        f"sitemap-articles-{n}.xml" for n in range(1, article_file_count() + 1)
    ]
    for name in names:
        yield f"<sitemap><loc>{escape(base.rstrip('/') + '/' + name)}</loc></sitemap>\n"
    yield "</sitemapindex>\n"


def _url_element(loc: str, lastmod, alternates: dict[str, str]) -> str:
    parts = [f"<url><loc>{escape(loc)}</loc>"]
    if lastmod:
        parts.append(f"<lastmod>{lastmod.isoformat(timespec='seconds')}</lastmod>")
    for language, href in sorted(alternates.items()):
        parts.append(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(language)} href={quoteattr(href)}/>'
        )
    parts.append("</url>\n")
    return "".join(parts)


def _batches(rows: Iterable[tuple], size: int = BATCH) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _url_set(queryset, base: str) -> Iterator[str]:
    """<urlset> of a queryset's pages, each with hreflang links to its live translations."""
    make_url = UrlMaker(base)
    model = queryset.model
    yield XML_HEAD + f"<urlset {SITEMAP_NS} {XHTML_NS}>\n"
    rows = queryset.values_list(*ROW_FIELDS).iterator(chunk_size=BATCH)
    for batch in _batches(rows):
        keys = {row[2] for row in batch}
        translations: dict = {}
        siblings = model.objects.live().public().filter(translation_key__in=keys)
        for key, language, url_path in siblings.values_list(
            "translation_key", "locale__language_code", "url_path"
        ):
            translations.setdefault(key, {})[language] = make_url(url_path)
        for _pk, url_path, key, _language, lastmod in batch:
            loc = make_url(url_path)
            if loc:
                alternates = {k: v for k, v in translations.get(key, {}).items() if v}
                yield _url_element(loc, lastmod, alternates if len(alternates) > 1 else {})
    yield "</urlset>\n"


def articles_file(number: int, base: str) -> Iterator[str] | None:
    """File `number` (from 1) of the article sitemap, or None past the last file."""
    if not 1 <= number <= article_file_count():
        return None
    per_file = settings.SITEMAP_URLS_PER_FILE
    start = (number - 1) * per_file
    queryset = _articles().order_by("pk")[start : start + per_file]
    return _url_set(queryset, base)


def sections_file(base: str) -> Iterator[str]:
    pages = list(HomePage.objects.live().values_list("pk", flat=True)) + list(
        SectionPage.objects.live().values_list("pk", flat=True)
    )
    return _url_set(Page.objects.filter(pk__in=pages).order_by("path"), base)


def news_sitemap(base: str) -> Iterator[str]:
    """Stories first published in the last 48 hours, newest first, at most 1,000."""
    make_url = UrlMaker(base)
    since = timezone.now() - NEWS_WINDOW
    recent = (
        _articles()
        .filter(first_published_at__gte=since)
        .order_by("-first_published_at", "-pk")
        .values_list("url_path", "title", "first_published_at", "locale__language_code")
    )[:NEWS_MAX_URLS]
    yield XML_HEAD + f"<urlset {SITEMAP_NS} {NEWS_NS}>\n"
    for url_path, title, published, language in recent.iterator(chunk_size=BATCH):
        with override(language):
            publication = _("Big Asia")
        yield (
            f"<url><loc>{escape(make_url(url_path) or '')}</loc><news:news>"
            f"<news:publication><news:name>{escape(publication)}</news:name>"
            f"<news:language>{escape(language)}</news:language></news:publication>"
            f"<news:publication_date>{published.isoformat(timespec='seconds')}"
            f"</news:publication_date><news:title>{escape(title)}</news:title>"
            "</news:news></url>\n"
        )
    yield "</urlset>\n"


def robots_txt(base: str) -> str:
    base = base.rstrip("/")
    return (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /django-admin/\n"
        "Disallow: /ru/search/\n"
        "Disallow: /en/search/\n"
        f"Sitemap: {base}/sitemap.xml\n"
        f"Sitemap: {base}/news-sitemap.xml\n"
    )
