"""Turn an article into its search entry, and keep entries, FTS rows and terms in step."""

from collections.abc import Iterator
from html import unescape

from django.db import transaction
from django.utils.html import strip_tags
from wagtail.models import Page

from . import morphology
from .backends import backend
from .models import SearchEntry, SearchTerm

MIN_TERM_LENGTH = 4


def _articles():
    from bigasia.articles.models import ArticlePage

    return ArticlePage.objects.live().public().select_related("source", "locale")


def body_text(page) -> str:
    """The body's readable text: paragraphs, quotations with speakers, captions."""
    parts: list[str] = []
    for block in page.body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(unescape(strip_tags(value.source)))
        elif block.block_type == "quotation":
            parts += [value["text"], value["speaker"], value.get("role") or ""]
        elif block.block_type in ("image", "video"):
            parts += [value.get("caption") or "", value.get("credit") or ""]
    return "\n".join(part for part in parts if part)


def build_entry(page) -> SearchEntry:
    section = page.get_parent()
    countries = [link.country for link in page.article_countries.select_related("country")]
    lead = page.lead or ""
    body = body_text(page)
    country_names = " ".join(country.name for country in countries)
    keywords = morphology.country_keywords(f"{page.title} {lead} {body} {country_names}")
    return SearchEntry(
        page_id=page.pk,
        language=page.locale.language_code,
        url=page.url or "",
        title=page.title,
        lead=lead,
        body=body,
        keywords=" ".join([*keywords, country_names]),
        section_id=section.pk if section else None,
        section_title=section.title if section else "",
        countries="|" + "|".join(str(country.pk) for country in countries) + "|"
        if countries
        else "",
        source_id=page.source_id,
        source_name=page.source.name if page.source else "",
        published_at=page.first_published_at or page.last_published_at,
    )


def _terms(entry: SearchEntry) -> set[str]:
    text = f"{entry.title} {entry.source_name} {entry.keywords}"
    return {w for w in morphology.words(text) if MIN_TERM_LENGTH <= len(w) <= 100}


def save_entry(entry: SearchEntry) -> None:
    with transaction.atomic():
        entry.save()
        backend().store(entry)
        SearchTerm.objects.bulk_create(
            [SearchTerm(language=entry.language, word=word) for word in _terms(entry)],
            ignore_conflicts=True,
        )


def remove_entry(page_id: int) -> None:
    with transaction.atomic():
        SearchEntry.objects.filter(page_id=page_id).delete()
        backend().remove(page_id)


def index_page(page_id: int) -> bool:
    """Index one article; returns False (and removes any entry) when it is not live."""
    page = _articles().filter(pk=page_id).first()
    if page is None:
        remove_entry(page_id)
        return False
    save_entry(build_entry(page))
    return True


def index_pages_below(page_id: int) -> int:
    """index_page for every article below the page (live or not: the ones no longer public
    leave the index); returns how many were looked at."""
    from bigasia.articles.models import ArticlePage

    root = Page.objects.filter(pk=page_id).first()
    if root is None:
        return 0
    below = ArticlePage.objects.descendant_of(root, inclusive=True).order_by("pk")
    ids = list(below.values_list("pk", flat=True))
    for article_id in ids:
        index_page(article_id)
    return len(ids)


def reindex_all(chunk_size: int = 200) -> Iterator[tuple[int, int]]:
    """Rebuild the whole index; yields (done, total) after each article for a progress bar."""
    pages = _articles().order_by("pk")
    total = pages.count()
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()
        backend().clear()
    for done, page in enumerate(pages.iterator(chunk_size=chunk_size), start=1):
        save_entry(build_entry(page))
        yield done, total
