"""sitemap.xml (an index of files of at most 50,000 URLs), the Google News sitemap, robots.txt.

Every file is produced by generators and sent with a StreamingHttpResponse, so memory stays
flat however large the archive is: rows are read in batches of BATCH by keyset (`pk > last
seen`, never OFFSET, so every batch costs the same however deep in the archive it is), their
translations looked up per batch (at most BATCH keys), and the XML written as it goes.

Article file N holds the live articles whose page id lies in ((N-1)·L, N·L], L being
SITEMAP_URLS_PER_FILE: a file can never exceed the limit, and finding a file's rows is an
index range scan rather than counting past the files before it. Ranges without a live
article get no file.
"""

import math
from collections.abc import Iterator
from datetime import timedelta
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import Max, QuerySet
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


def _file_articles(number: int) -> QuerySet:
    """The live articles of article file `number`: a range of page ids."""
    per_file = settings.SITEMAP_URLS_PER_FILE
    return _articles().filter(pk__gt=(number - 1) * per_file, pk__lte=number * per_file)


def article_file_numbers() -> list[int]:
    """Numbers of the article files: one per id range holding at least one live article."""
    top = _articles().aggregate(top=Max("pk"))["top"] or 0
    ranges = range(1, math.ceil(top / settings.SITEMAP_URLS_PER_FILE) + 1)
    return [number for number in ranges if _file_articles(number).exists()]


def sitemap_index(base: str, others: list[str]) -> Iterator[str]:
    """Our sitemap files, then `others` (site-root names of other apps' sitemaps)."""
    yield XML_HEAD + f"<sitemapindex {SITEMAP_NS}>\n"
    names = ["sitemap-sections.xml"] + [f"sitemap-articles-{n}.xml" for n in article_file_numbers()]
    names += others
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


def _id_range_batches(queryset: QuerySet, low: int, high: int) -> Iterator[list[tuple]]:
    """ROW_FIELDS of the queryset's rows with low < pk <= high, read BATCH ids at a time.

    Batches are ranges of ids rather than "the next BATCH rows after the last one": with a
    LIMIT, PostgreSQL joined and sorted the whole rest of the file for every batch; a range
    is one index range scan of at most BATCH rows, the same cost at any depth.
    """
    rows = queryset.order_by("pk").values_list(*ROW_FIELDS)
    for start in range(low, high, BATCH):
        batch = list(rows.filter(pk__gt=start, pk__lte=min(start + BATCH, high)))
        if batch:
            yield batch


def _alternates(keys: set, make_url: UrlMaker) -> dict:
    """{translation key: {language: URL}} of the live, public pages with these keys.

    Asked of the page table alone (no join to the article table, no ordering) so that it is
    at most len(keys) probes of the (translation_key, locale) index however large the archive.
    """
    translations: dict = {}
    siblings = Page.objects.live().public().filter(translation_key__in=keys).order_by()
    for key, language, url_path in siblings.values_list(
        "translation_key", "locale__language_code", "url_path"
    ):
        translations.setdefault(key, {})[language] = make_url(url_path)
    return translations


def _url_set(batches: Iterator[list[tuple]], base: str) -> Iterator[str]:
    """<urlset> of the pages in `batches`, each with hreflang links to its live translations."""
    make_url = UrlMaker(base)
    yield XML_HEAD + f"<urlset {SITEMAP_NS} {XHTML_NS}>\n"
    for batch in batches:
        translations = _alternates({row[2] for row in batch}, make_url)
        for _pk, url_path, key, _language, lastmod in batch:
            loc = make_url(url_path)
            if loc:
                alternates = {k: v for k, v in translations.get(key, {}).items() if v}
                yield _url_element(loc, lastmod, alternates if len(alternates) > 1 else {})
    yield "</urlset>\n"


def articles_file(number: int, base: str) -> Iterator[str] | None:
    """File `number` (from 1) of the article sitemap, or None if it has no live article."""
    if number < 1 or not _file_articles(number).exists():
        return None
    per_file = settings.SITEMAP_URLS_PER_FILE
    low, high = (number - 1) * per_file, number * per_file
    return _url_set(_id_range_batches(_articles(), low, high), base)


def sections_file(base: str) -> Iterator[str]:
    """Homes and sections: a few hundred pages at most, so one batch."""
    pages = list(HomePage.objects.live().values_list("pk", flat=True)) + list(
        SectionPage.objects.live().values_list("pk", flat=True)
    )
    rows = Page.objects.filter(pk__in=pages).order_by("path").values_list(*ROW_FIELDS)
    return _url_set(iter([list(rows)]), base)


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


def robots_txt(base: str, others: list[str]) -> str:
    base = base.rstrip("/")
    sitemaps = ["sitemap.xml", "news-sitemap.xml", *others]
    return (
        "User-agent: *\n"
        "Disallow: /admin/\n"
        "Disallow: /django-admin/\n"
        "Disallow: /ru/search/\n"
        "Disallow: /en/search/\n"
    ) + "".join(f"Sitemap: {base}/{name}\n" for name in sitemaps)
