"""The first, cheap pass over a WXR file: what posts refer to but may find only later in the
file (attachments) or only at its top (authors, categories), collected into a small index.

Attachments of a post are usually exported after it (they get higher ids), so the second
pass, which makes the posts, needs this index to resolve featured images without holding
posts in memory. The index keeps per attachment only its URL, alt text, caption and credit:
about 45 MB at 50,000 images (docs/benchmarks.md), the one part of the reading that grows.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote, unquote, urlsplit

from lxml import etree

from bigasia.feeds.text import plain_text

from ..source import SourceAuthor, SourceImage, SourceTerm
from .common import WORDPRESS_UPLOADS, media_path
from .wxr_fields import Fields, image_credit, parse_date, post_type, read_fields
from .wxr_stream import BrokenMidFile, channel_children


@dataclass
class ChannelIndex:
    """`base_path` is the blog's path on its host ("" at the root, `/blog` in a folder);
    `category_slugs` keeps the categories' slugs as the export writes them (percent-encoded),
    for paths; `utc_offset` is the site's offset as its posts show it (local minus GMT
    date), for drafts that have no GMT date; `broken` is where the XML broke, if it did;
    `posts` counts the post items, for the import's progress bar."""

    base_path: str = ""
    authors: dict[str, SourceAuthor] = field(default_factory=dict)
    categories: dict[str, SourceTerm] = field(default_factory=dict)
    category_slugs: dict[str, str] = field(default_factory=dict)
    tag_slugs: list[str] = field(default_factory=list)
    tag_names: dict[str, str] = field(default_factory=dict)  # slug as written -> name
    attachments: dict[str, SourceImage] = field(default_factory=dict)
    utc_offset: timedelta | None = None
    broken: BrokenMidFile | None = None
    posts: int = 0

    def category_path(self, slug: str) -> str:
        """`news/politics` for `politics` under `news`: the slugs from the top, encoded as
        the export writes them (percent-encoded Cyrillic stays so)."""
        chain: list[str] = []
        while slug and slug not in chain and len(chain) < 20:
            chain.append(slug)
            term = self.categories.get(slug)
            slug = term.parent if term else ""
        return "/".join(self.category_slugs.get(each, quote(each)) for each in reversed(chain))


def read_channel(path: str) -> ChannelIndex:
    index = ChannelIndex()
    offsets: Counter[timedelta] = Counter()
    try:
        for child in channel_children(path):
            if child.name == "wp:base_blog_url":
                index.base_path = urlsplit((child.element.text or "").strip()).path.rstrip("/")
            elif child.name == "item":
                _take_item(index, child.element, offsets)
            else:
                _take(index, child.name, read_fields(child.element))
    except BrokenMidFile as broken:
        index.broken = broken
    if offsets:
        index.utc_offset = offsets.most_common(1)[0][0]
    return index


def _take(index: ChannelIndex, name: str, fields: Fields) -> None:
    if name == "wp:author":
        _take_author(index, fields)
    elif name == "wp:category":
        _take_category(index, fields)
    elif name == "wp:tag" and fields.get("wp:tag_slug"):
        slug = fields.get("wp:tag_slug")
        index.tag_slugs.append(slug)
        index.tag_names[slug] = fields.get("wp:tag_name") or unquote(slug)


def _take_item(index: ChannelIndex, item: etree._Element, offsets: Counter) -> None:
    """An attachment is read whole; of a post only its two dates (this pass must be cheap)."""
    kind = post_type(item)
    if kind == "attachment":
        fields = read_fields(item)
        index.attachments[fields.get("wp:post_id")] = _attachment(fields)
    elif kind == "post":
        index.posts += 1
        local = parse_date((item.findtext("{*}post_date") or "").strip())
        gmt = parse_date((item.findtext("{*}post_date_gmt") or "").strip())
        if local and gmt:
            # Whole quarter-hours: a site's zone offset is one, a second's drift is not.
            quarters = round((local - gmt).total_seconds() / 900)
            offsets[timedelta(minutes=15 * quarters)] += 1


def _attachment(fields: Fields) -> SourceImage:
    url = fields.get("wp:attachment_url") or fields.get("guid")
    return SourceImage(
        url=url,
        path=media_path(url, WORDPRESS_UPLOADS),
        alt=fields.meta.get("_wp_attachment_image_alt", "").strip(),
        caption=plain_text(fields.get("excerpt:encoded"), 1000),
        credit=image_credit(fields.meta.get("_wp_attachment_metadata", "")),
    )


def _take_author(index: ChannelIndex, fields: Fields) -> None:
    login = fields.get("wp:author_login")
    if login:
        index.authors[login] = SourceAuthor(
            login=login,
            email=fields.get("wp:author_email"),
            display_name=fields.get("wp:author_display_name") or login,
        )


def _take_category(index: ChannelIndex, fields: Fields) -> None:
    encoded = fields.get("wp:category_nicename")
    if not encoded:
        return
    slug = unquote(encoded)
    parent = unquote(fields.get("wp:category_parent"))
    index.categories[slug] = SourceTerm(slug, fields.get("wp:cat_name") or slug, parent)
    index.category_slugs[slug] = encoded
