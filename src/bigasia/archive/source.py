"""What every archive source (a WordPress WXR file, a Ghost JSON export, an RSS feed) hands
the importer: posts as plain values, read one at a time.

A source only reads; everything that writes to the site (pages, images, redirects, counts)
is the importer's. Keeping the two apart lets each format be tested on small files made in
the tests, without a site, and lets the importer be tested with posts built by hand.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

# A post's status in the source, as the importer maps it: published posts go live, drafts
# and posts pending review become drafts, private ones are skipped and reported.
PUBLISHED = "published"
DRAFT = "draft"
PENDING = "pending"
PRIVATE = "private"
# Trash, auto-drafts, revisions, scheduled posts of a dead site: reported, not imported.
OTHER = "other"


class SourceUnreadable(Exception):
    """The whole source cannot be read (not XML, an unknown export version, a missing file).

    Its message is shown to the operator as it is, so it says what is wrong in their words.
    """


@dataclass(frozen=True)
class SourceImage:
    """An image a post refers to, as the export names it.

    `url` is the address in the export (often the old site's absolute URL); `path` is where
    the file sits under the media folder the operator passes (`wp-content/uploads` → the
    part after `uploads/`), or "" when the source cannot tell.
    """

    url: str
    path: str = ""
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class SourceAuthor:
    """An author, keyed by login and e-mail (either may be empty, not both)."""

    login: str
    email: str
    display_name: str


@dataclass(frozen=True)
class SourceTerm:
    """A category or a tag: `slug` is its key in the source, `parent` a category's parent slug."""

    slug: str
    name: str
    parent: str = ""


@dataclass
class SourcePost:
    """One post of the source, as read.

    `key` identifies the post across runs (the GUID, else the source's id), so a re-run
    updates what it imported before instead of adding a copy. `old_paths` are the paths
    (with query string where the old site used one, e.g. `/?p=12`) that must redirect to the
    new page. `language` is the post's language when the source says it (Polylang), and
    `translation_group` a key shared by a post and its translations; both are None when the
    source does not know. `problems` are what the reader noticed and repaired (a missing title,
    an undecodable byte), for the report.
    """

    key: str
    source_id: str
    title: str
    slug: str
    status: str
    published_at: datetime | None
    modified_at: datetime | None
    body_html: str
    excerpt: str = ""
    author: SourceAuthor | None = None
    categories: list[SourceTerm] = field(default_factory=list)
    tags: list[SourceTerm] = field(default_factory=list)
    featured_image: SourceImage | None = None
    language: str | None = None
    translation_group: str | None = None
    old_paths: list[str] = field(default_factory=list)
    view_count: int | None = None
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ListingPath:
    """The old address of a category's or a tag's listing (`/category/news/politics/`,
    `/tag/eaes/`), to redirect to the section or tag page it became."""

    path: str
    term: SourceTerm
    is_category: bool


@dataclass(frozen=True)
class BrokenItem:
    """An item the source could not make a post of; the import reports it and goes on."""

    key: str
    reason: str


class ArchiveSource(ABC):
    """A readable export. Subclasses stream: memory stays flat however many posts there are."""

    kind: ClassVar[str]

    @abstractmethod
    def posts(self) -> Iterator[SourcePost | BrokenItem]:
        """Every item of the source, in the source's order; raises SourceUnreadable when the
        source as a whole cannot be read."""

    def expected_items(self) -> int | None:
        """How many items posts() will yield, when the source knows without reading them
        all (for the progress bar); None makes the importer count them in a first pass."""
        return None

    def listing_paths(self) -> list[ListingPath]:
        """The old site's category and tag listings; none unless the source knows."""
        return []

    def feed_paths(self) -> list[str]:
        """Paths of the old site's feeds, to redirect to ours; none unless the source knows."""
        return []
