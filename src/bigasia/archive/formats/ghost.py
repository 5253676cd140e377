"""Ghost's JSON export (Settings → Labs → Export) of Ghost 4, 5 and 6, as archive posts.

The export is one JSON document (`{"db": [{"meta": {"version": …}, "data": {…}}]}`) whose
tables refer to each other by id: posts, tags and posts_tags, users and posts_authors, and
since Ghost 5 posts_meta (feature image alt text and caption). JSON cannot be streamed with
the standard library, so the document is read whole, under ARCHIVE_MAX_JSON_BYTES.
"""

import json
import os
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from bigasia.feeds.text import plain_text

from ..source import (
    DRAFT,
    OTHER,
    PRIVATE,
    PUBLISHED,
    ArchiveSource,
    BrokenItem,
    SourceAuthor,
    SourceImage,
    SourcePost,
    SourceTerm,
    SourceUnreadable,
)
from .common import language_code, media_path, title_or_first_words

READ_MAJOR_VERSIONS = (4, 5, 6)
# Ghost writes its own address as this placeholder; on our site those links are relative.
URL_PLACEHOLDER = "__GHOST_URL__"
IMAGES = "/content/images/"
STATUSES = {"published": PUBLISHED, "draft": DRAFT}

Row = dict[str, Any]


def _text(row: Row, name: str) -> str:
    value = row.get(name)
    return value.strip() if isinstance(value, str) else ""


def _rows(data: Row, table: str) -> list[Row]:
    rows = data.get(table)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _relative(value: str) -> str:
    return value.replace(URL_PLACEHOLDER, "")


class _Tables:
    """The export's tables indexed by what a post refers to, each link list in Ghost's
    `sort_order` (the first tag is the primary tag, the first author the primary author)."""

    def __init__(self, data: Row) -> None:
        self.tags = {row.get("id"): row for row in _rows(data, "tags")}
        self.users = {row.get("id"): row for row in _rows(data, "users")}
        self.meta = {row.get("post_id"): row for row in _rows(data, "posts_meta")}
        self.post_tags = self._links(data, "posts_tags", "tag_id", self.tags)
        self.post_authors = self._links(data, "posts_authors", "author_id", self.users)

    @staticmethod
    def _links(data: Row, table: str, target: str, rows: dict) -> dict[Any, list[Row]]:
        links = sorted(_rows(data, table), key=lambda row: _sort_order(row.get("sort_order")))
        grouped: dict[Any, list[Row]] = defaultdict(list)
        for link in links:
            if link.get(target) in rows:
                grouped[link.get("post_id")].append(rows[link.get(target)])
        return grouped


def _sort_order(value: object) -> int:
    return value if isinstance(value, int) else 0


class GhostSource(ArchiveSource):
    """`language` is given to every post; without it, the site's locale setting is."""

    kind = "ghost"

    def __init__(self, path: str | Path, language: str | None = None) -> None:
        self.path = str(path)
        self.language = language_code(language)

    def posts(self) -> Iterator[SourcePost | BrokenItem]:
        data = self._data()
        tables = _Tables(data)
        language = self.language or _site_language(data)
        posts = data.get("posts")
        for index, row in enumerate(posts if isinstance(posts, list) else []):
            if not isinstance(row, dict):
                yield BrokenItem(
                    key=f"ghost:posts[{index}]",
                    reason=_("Entry %(index)d of the posts is not an object.") % {"index": index},
                )
            elif _is_post(row):
                yield _post(row, tables, language)

    def feed_paths(self) -> list[str]:
        """`/rss/`, then each public tag's and each author's feed."""
        data = self._data()
        tags = [_text(tag, "slug") for tag in _rows(data, "tags") if not _is_internal(tag)]
        authors = [_text(user, "slug") for user in _rows(data, "users")]
        paths = ["/rss/"] + [f"/tag/{slug}/rss/" for slug in tags if slug]
        return paths + [f"/author/{slug}/rss/" for slug in authors if slug]

    def _data(self) -> Row:
        document = self._document()
        database = document.get("db") if isinstance(document, dict) else None
        # Ghost wraps its export in a one-item "db" list; some tools write the item bare.
        export = database[0] if isinstance(database, list) and database else document
        if not isinstance(export, dict) or not isinstance(export.get("data"), dict):
            raise SourceUnreadable(
                _("%(file)s is not a Ghost export: it has no “data” section.") % {"file": self.path}
            )
        _check_version(export.get("meta"))
        return export["data"]

    def _document(self) -> object:
        limit = settings.ARCHIVE_MAX_JSON_BYTES
        try:
            size = os.path.getsize(self.path)
            if size > limit:
                raise SourceUnreadable(
                    _(
                        "%(file)s is larger than ARCHIVE_MAX_JSON_BYTES (%(size)d > "
                        "%(limit)d); it is read whole, so raise the limit only if the machine "
                        "has memory for several times the file."
                    )
                    % {"file": self.path, "size": size, "limit": limit}
                )
            with open(self.path, "rb") as export:
                return json.load(export)
        except OSError as exc:
            raise SourceUnreadable(
                _("Cannot open %(file)s: %(error)s.") % {"file": self.path, "error": exc.strerror}
            ) from exc
        except (ValueError, RecursionError) as exc:  # JSONDecodeError and bad UTF-8 included
            raise SourceUnreadable(
                _("%(file)s is not readable JSON (%(error)s).") % {"file": self.path, "error": exc}
            ) from exc


def _check_version(meta: object) -> None:
    version = meta.get("version") if isinstance(meta, dict) else None
    major = str(version).split(".")[0] if version else ""
    if not major.isdigit() or int(major) not in READ_MAJOR_VERSIONS:
        raise SourceUnreadable(
            _(
                "This Ghost export is of version %(version)s; exports of Ghost %(read)s are "
                "read. Export again from a supported Ghost, or upgrade the old site first."
            )
            % {
                "version": version or _("(none given)"),
                "read": ", ".join(str(each) for each in READ_MAJOR_VERSIONS),
            }
        )


def _site_language(data: Row) -> str | None:
    for setting in _rows(data, "settings"):
        if setting.get("key") in ("locale", "lang"):
            return language_code(_text(setting, "value"))
    return None


def _is_post(row: Row) -> bool:
    # Ghost 4+ marks pages with type "page"; older exports with page: true.
    return row.get("type", "post") == "post" and not row.get("page")


def _is_internal(tag: Row) -> bool:
    return tag.get("visibility") == "internal" or _text(tag, "name").startswith("#")


def _post(row: Row, tables: _Tables, language: str | None) -> SourcePost:
    problems: list[str] = []
    post_id = row.get("id")
    slug = _text(row, "slug")
    body = _body(row, problems)
    tags = [
        SourceTerm(_text(tag, "slug"), _text(tag, "name") or _text(tag, "slug"))
        for tag in tables.post_tags.get(post_id, [])
        if not _is_internal(tag) and _text(tag, "slug")
    ]
    # Ghost 1-3 kept one author on the post itself; posts_authors replaced it.
    authors = tables.post_authors.get(post_id)
    author = authors[0] if authors else tables.users.get(row.get("author_id"))
    return SourcePost(
        key=_text(row, "uuid") or f"ghost:{post_id}",
        source_id=str(post_id),
        title=title_or_first_words(_text(row, "title"), body, post_id, problems),
        slug=slug,
        status=_status(row),
        published_at=_moment(row.get("published_at")),
        modified_at=_moment(row.get("updated_at")),
        body_html=body,
        excerpt=_text(row, "custom_excerpt"),
        author=_author(author),
        categories=tags[:1],
        tags=tags[1:],
        featured_image=_featured_image(row, tables.meta.get(post_id, {})),
        language=language,
        old_paths=[f"/{slug}/", f"/{slug}/amp/"] if slug else [],
        problems=problems,
    )


def _body(row: Row, problems: list[str]) -> str:
    html = row.get("html")
    if isinstance(html, str) and html.strip():
        return _relative(html)
    if not (row.get("mobiledoc") or row.get("lexical")):
        return ""
    plaintext = _text(row, "plaintext")
    if plaintext:
        problems.append(
            _("The export has its body only as mobiledoc/lexical; its plain text was used.")
        )
        return "".join(f"<p>{escape(part)}</p>" for part in plaintext.split("\n\n") if part)
    problems.append(_("The export has its body only as mobiledoc/lexical, without HTML."))
    return ""


def _status(row: Row) -> str:
    if row.get("visibility", "public") != "public":
        return PRIVATE  # members-only and paid posts stay behind Ghost's paywall
    return STATUSES.get(_text(row, "status"), OTHER)


def _moment(value: object) -> datetime | None:
    """Ghost's dates: ISO 8601 (`2023-01-01T10:00:00.000Z`), or `2019-01-01 10:00:00` in
    UTC from SQLite-backed sites, or milliseconds since 1970 in old exports."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _author(user: Row | None) -> SourceAuthor | None:
    if not user:
        return None
    login, email = _text(user, "slug"), _text(user, "email")
    if not (login or email):
        return None
    return SourceAuthor(login=login, email=email, display_name=_text(user, "name") or login)


def _featured_image(row: Row, meta: Row) -> SourceImage | None:
    url = _relative(_text(row, "feature_image"))
    if not url:
        return None

    def field(name: str) -> str:
        return _text(row, name) or _text(meta, name)

    return SourceImage(
        url=url,
        path=media_path(url, IMAGES),
        alt=field("feature_image_alt"),
        caption=plain_text(field("feature_image_caption"), 1000),
    )
