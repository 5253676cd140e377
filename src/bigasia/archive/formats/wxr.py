"""WordPress eXtended RSS (WXR 1.0–1.2), the file of Tools → Export, as archive posts.

Two streaming passes over the file: the first (wxr_channel) collects the authors, the
category tree and the attachments (the featured image of a post is an attachment that
usually comes after it); the second makes one SourcePost per `post` item. Pages, menus,
attachments and custom post types are not posts and are left out.
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from ..source import (
    DRAFT,
    OTHER,
    PENDING,
    PRIVATE,
    PUBLISHED,
    ArchiveSource,
    BrokenItem,
    ListingPath,
    SourceAuthor,
    SourceImage,
    SourcePost,
    SourceTerm,
    SourceUnreadable,
)
from .common import language_code, title_or_first_words
from .wxr_channel import ChannelIndex, read_channel
from .wxr_fields import Fields, Term, is_post, read_fields
from .wxr_paths import feed_paths, listing_paths, post_paths
from .wxr_stream import BrokenMidFile, channel_children

STATUSES = {"publish": PUBLISHED, "draft": DRAFT, "pending": PENDING, "private": PRIVATE}
# Postmeta keys of the common view counters (WP-PostViews, Post Views Count, themes).
VIEW_COUNT_KEYS = (
    "post_views_count",
    "views",
    "_views",
    "post_views",
    "_post_views",
    "wpb_post_views_count",
    "penci_post_views_count",
    "tie_views",
)


class WxrSource(ArchiveSource):
    """`language` is given to posts the export does not mark (no Polylang);
    `site_timezone` (a zone name) dates drafts that have no GMT date: without it the
    offset is read off the posts that have both dates."""

    kind = "wxr"

    def __init__(
        self, path: str | Path, language: str | None = None, site_timezone: str | None = None
    ) -> None:
        self.path = str(path)
        self.language = language_code(language)
        self.site_timezone = _zone(site_timezone) if site_timezone else None
        self._index: ChannelIndex | None = None

    def index(self) -> ChannelIndex:
        if self._index is None:
            self._index = read_channel(self.path)
        return self._index

    def posts(self) -> Iterator[SourcePost | BrokenItem]:
        index = self.index()
        try:
            for child in channel_children(self.path):
                # Checked before reading the item: attachments are as many as posts.
                if child.name == "item" and is_post(child.element):
                    yield self._post(read_fields(child.element), index)
        except BrokenMidFile as broken:
            yield BrokenItem(
                key=f"wxr:line-{broken.line}",
                reason=_(
                    "The XML is broken at line %(line)d (%(error)s); nothing after it was read."
                )
                % {"line": broken.line, "error": broken.detail},
            )

    def expected_items(self) -> int:
        # The first pass, needed anyway for the attachments, counts the posts on its way:
        # no third read of the file for the progress bar.
        index = self.index()
        return index.posts + (1 if index.broken else 0)

    def feed_paths(self) -> list[str]:
        index = self.index()
        categories = [index.category_path(slug) for slug in index.categories]
        return feed_paths(index.base_path, categories, index.tag_slugs)

    def listing_paths(self) -> list[ListingPath]:
        index = self.index()
        return listing_paths(index.base_path, index.categories, index.category_path,
                             index.tag_names)  # fmt: skip

    def _post(self, fields: Fields, index: ChannelIndex) -> SourcePost:
        problems: list[str] = []
        post_id = fields.get("wp:post_id")
        body = fields.get("content:encoded")
        language, translation_group = _polylang(fields.terms)
        language = language or self.language
        categories = [_category(term, index) for term in _terms(fields, "category")]
        encoded_slug = fields.get("wp:post_name")
        post = SourcePost(
            key=fields.get("guid") or f"wxr:{post_id}",
            source_id=post_id,
            title=title_or_first_words(fields.get("title"), body, post_id, problems),
            slug=unquote(encoded_slug),
            status=_status(fields, problems),
            published_at=self._moment(fields, "wp:post_date"),
            modified_at=self._moment(fields, "wp:post_modified"),
            body_html=body,
            excerpt=fields.get("excerpt:encoded"),
            author=_author(fields.get("dc:creator"), index),
            categories=categories,
            tags=[SourceTerm(unquote(t.nicename), t.name) for t in _terms(fields, "post_tag")],
            featured_image=_featured_image(fields, index, problems),
            language=language,
            translation_group=translation_group,
            old_paths=post_paths(
                link=fields.get("link"),
                base=index.base_path,
                language=language,
                post_id=post_id,
                slug=encoded_slug,
                local_date=fields.date("wp:post_date"),
                category_paths=[index.category_path(term.slug) for term in categories],
            ),
            view_count=_view_count(fields.meta),
            problems=problems,
        )
        if post.published_at is None and post.status == PUBLISHED:
            problems.append(_("Its publication date is missing or unreadable in the export."))
        if fields.repaired:
            problems.append(
                _(
                    "Bytes that were not valid UTF-8 (read as Windows-1251) or forbidden "
                    "control characters were repaired in: %(fields)s."
                )
                % {"fields": ", ".join(sorted(fields.repaired))}
            )
        return post

    def _moment(self, fields: Fields, name: str) -> datetime | None:
        """The GMT field (`…_gmt`) as UTC, else the local one in the site's zone."""
        gmt = fields.utc_date(f"{name}_gmt")
        local = fields.date(name)
        if gmt is not None or local is None:
            return gmt
        if self.site_timezone is not None:
            return local.replace(tzinfo=self.site_timezone).astimezone(UTC)
        offset = self.index().utc_offset
        return (local - offset).replace(tzinfo=UTC) if offset is not None else None


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SourceUnreadable(
            _("“%(zone)s” is not a time zone name (such as Europe/Moscow).") % {"zone": name}
        ) from exc


def _terms(fields: Fields, domain: str) -> list[Term]:
    return [term for term in fields.terms if term.domain == domain and term.nicename]


def _polylang(terms: list[Term]) -> tuple[str | None, str | None]:
    """Polylang's language term (slug `ru`, `en`) and translation group (`pll_5f…`)."""
    language = group = None
    for term in terms:
        if term.domain == "language":
            language = language_code(term.nicename)
        elif term.domain == "post_translations" and term.nicename:
            group = term.nicename
    return language, group


def _category(term: Term, index: ChannelIndex) -> SourceTerm:
    slug = unquote(term.nicename)
    known = index.categories.get(slug) or SourceTerm(slug, slug)
    return SourceTerm(slug, term.name or known.name, known.parent)


def _status(fields: Fields, problems: list[str]) -> str:
    status = STATUSES.get(fields.get("wp:status"), OTHER)
    if fields.get("wp:post_password") and status != PRIVATE:
        problems.append(_("It is password-protected, so it is treated as private."))
        return PRIVATE
    return status


def _author(login: str, index: ChannelIndex) -> SourceAuthor | None:
    if not login:
        return None
    return index.authors.get(login) or SourceAuthor(login=login, email="", display_name=login)


def _featured_image(fields: Fields, index: ChannelIndex, problems: list[str]) -> SourceImage | None:
    attachment_id = fields.meta.get("_thumbnail_id", "").strip()
    if not attachment_id:
        return None
    image = index.attachments.get(attachment_id)
    if image is None:
        problems.append(
            _("Its featured image (attachment %(id)s) is not in the export.")
            % {"id": attachment_id}
        )
    return image


def _view_count(meta: dict[str, str]) -> int | None:
    """The largest count any known counter kept; counters disagree when a site changed
    plugins, and the largest is the one that ran longest."""
    counts = []
    for key in VIEW_COUNT_KEYS:
        digits = meta.get(key, "").strip().replace(",", "").replace(" ", "")
        if digits.isdigit():
            counts.append(int(digits))
    return max(counts) if counts else None
