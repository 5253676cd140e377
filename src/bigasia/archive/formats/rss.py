"""An RSS or Atom feed as archive posts: the last resort for a site whose owner has no
export, only its feeds (a file, or a URL fetched with the feed engine's SSRF guard, caps
and deadlines).

A feed carries only its newest items, so `pages` follows older pages: the feed's RFC 5005
`rel="next"` link where it has one, else WordPress's `?paged=2…N`. Reading stops at the
first page that brings nothing new or that the site answers with 404/410 (WordPress's
answer past the last page). Items become published posts, their body from
`content:encoded` (else the summary), their old path from their link.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bigasia.feeds.errors import FetchError
from bigasia.feeds.fetch import fetch
from bigasia.feeds.parsers.rss import entry_image, entry_time, parse_safely, utc_time
from bigasia.feeds.text import plain_text, safe_link

from ..source import (
    PUBLISHED,
    ArchiveSource,
    BrokenItem,
    SourceAuthor,
    SourceImage,
    SourcePost,
    SourceTerm,
    SourceUnreadable,
)
from .common import WORDPRESS_UPLOADS, language_code, media_path, title_or_first_words, url_path

# A site past its last page answers these; anything else on a later page is reported.
_END_OF_PAGES = ("HTTP 404", "HTTP 410")
_WORDPRESS_GUID = re.compile(r"^p=\d+$")


class RssSource(ArchiveSource):
    """`url_or_path` is an http(s) URL or a local file; `pages` (≥ 1) how many pages of a
    URL's feed to read; `language` is given to the posts, else the feed's own language."""

    kind = "rss"

    def __init__(
        self, url_or_path: str | Path, pages: int = 1, language: str | None = None
    ) -> None:
        self.location = str(url_or_path)
        self.is_url = self.location.startswith(("http://", "https://"))
        self.pages = max(1, pages)
        self.language = language_code(language)

    def posts(self) -> Iterator[SourcePost | BrokenItem]:
        seen: set[str] = set()
        url = self.location
        for number in range(1, self.pages + 1):
            try:
                parsed = self._page(url)
            except FetchError as exc:
                if number == 1:
                    raise SourceUnreadable(
                        _("Cannot read the feed %(feed)s: %(error)s.")
                        % {"feed": self.location, "error": exc}
                    ) from exc
                if exc.detail not in _END_OF_PAGES:
                    yield _page_failed(number, url, exc)
                return
            language = self.language or language_code(parsed.feed.get("language"))
            fresh = 0
            for index, entry in enumerate(parsed.entries):
                item = _post(entry, language) or _no_key(number, index)
                if item.key not in seen:
                    seen.add(item.key)
                    fresh += 1
                    yield item
            if not fresh or not self.is_url:
                return
            url = _next_page(parsed, url, number + 1)

    def feed_paths(self) -> list[str]:
        return [url_path(self.location)] if self.is_url else []

    def _page(self, url: str) -> feedparser.FeedParserDict:
        if self.is_url:
            result = fetch(url)
            return parse_safely(result.body, result.content_type)
        return parse_safely(self._read())

    def _read(self) -> bytes:
        limit = settings.FEEDS_MAX_BYTES
        try:
            if os.path.getsize(self.location) > limit:
                raise FetchError("too-large", f"the file is larger than FEEDS_MAX_BYTES ({limit})")
            return Path(self.location).read_bytes()
        except OSError as exc:
            raise FetchError("file", exc.strerror or str(exc)) from exc


def _page_failed(number: int, url: str, error: FetchError) -> BrokenItem:
    return BrokenItem(
        key=f"rss:page-{number}",
        reason=_(
            "Page %(page)d of the feed (%(url)s) could not be read (%(error)s); the pages "
            "after it were not read."
        )
        % {"page": number, "url": url, "error": error},
    )


def _no_key(page: int, index: int) -> BrokenItem:
    return BrokenItem(
        key=f"rss:page-{page}:item-{index}",
        reason=_("Item %(index)d of page %(page)d has neither a link nor a GUID.")
        % {"index": index + 1, "page": page},
    )


def _next_page(parsed: feedparser.FeedParserDict, url: str, number: int) -> str:
    """The RFC 5005 `next` link of the page, else WordPress's `?paged=<number>`."""
    for link in parsed.feed.get("links", []):
        if link.get("rel") == "next" and link.get("href"):
            return urljoin(url, link["href"])
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "paged"]
    query.append(("paged", str(number)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _post(entry: feedparser.FeedParserDict, language: str | None) -> SourcePost | None:
    link = safe_link(entry.get("link"))
    guid = (entry.get("id") or link or "").strip()
    if not guid:
        return None
    problems: list[str] = []
    content = entry.get("content") or []
    summary = entry.get("summary") or ""
    body = content[0].get("value", "") if content else summary
    terms = [_term(tag) for tag in entry.get("tags", [])]
    terms = [term for term in terms if term.slug]
    image_url = entry_image(entry)
    published_at = entry_time(entry)
    return SourcePost(
        key=guid,
        source_id=guid,
        title=title_or_first_words(plain_text(entry.get("title"), 500), body, guid, problems),
        slug=unquote(urlsplit(link).path.rstrip("/").rpartition("/")[2]),
        status=PUBLISHED,
        published_at=published_at,
        modified_at=utc_time(dict.get(entry, "updated_parsed")) or published_at,
        body_html=body,
        excerpt=plain_text(summary, 1000) if content else "",
        author=_author(entry),
        # A feed does not tell categories from tags; WordPress lists the categories first.
        categories=terms[:1],
        tags=terms[1:],
        featured_image=SourceImage(image_url, media_path(image_url, WORDPRESS_UPLOADS))
        if image_url
        else None,
        language=language,
        old_paths=_old_paths(link, guid),
        problems=problems,
    )


def _term(tag: feedparser.FeedParserDict) -> SourceTerm:
    name = plain_text(tag.get("label") or tag.get("term"), 200)
    return SourceTerm(slugify(name, allow_unicode=True), name)


def _author(entry: feedparser.FeedParserDict) -> SourceAuthor | None:
    detail = entry.get("author_detail") or {}
    name = plain_text(detail.get("name") or entry.get("author"), 200)
    email = (detail.get("email") or "").strip()
    login = slugify(name, allow_unicode=True)
    if not (login or email):
        return None
    return SourceAuthor(login=login, email=email, display_name=name or email)


def _old_paths(link: str, guid: str) -> list[str]:
    """The link's path; and WordPress's `/?p=<id>`, which its GUIDs are."""
    paths = [url_path(link)] if link else []
    if _WORDPRESS_GUID.match(urlsplit(guid).query) and safe_link(guid):
        paths.append(url_path(guid))
    return list(dict.fromkeys(path for path in paths if path != "/"))
