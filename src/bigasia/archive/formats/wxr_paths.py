"""The old URLs of a WordPress post and of the site's feeds, as paths to redirect.

The export gives one permalink (`<link>`), the one the site used on the day of the export.
Links out there were made under whatever permalink setting the site had before, so every
shape WordPress offers is emitted for each post; a redirect that nobody requests costs a
row, a missing one costs a reader and a search ranking. The shapes:

- the `<link>` path itself and `/?p=<id>` (which every WordPress site answers);
- the "numeric" setting `/archives/<id>`;
- "post name" `/<slug>/`, "month and name" `/YYYY/MM/<slug>/`, "day and name"
  `/YYYY/MM/DD/<slug>/` (the date is the post's local date, as WordPress uses it);
- `%category%` structures: `/<category path>/<slug>/` and `/category/<category path>/<slug>/`
  for each of the post's categories (the path runs from the top category down).

Slugs stay percent-encoded as the export writes them; a site in a folder (`/blog`) and a
Polylang language folder (`/en`, when the permalink shows one) prefix every shape.
"""

from collections.abc import Callable
from datetime import datetime
from urllib.parse import unquote

from ..source import ListingPath, SourceTerm
from .common import url_path

# What WordPress serves as feeds at a site's root, in both its pretty and plain forms.
SITE_FEEDS = (
    "/feed/",
    "/feed/rss2/",
    "/feed/rss/",
    "/feed/rdf/",
    "/feed/atom/",
    "/comments/feed/",
    "/?feed=rss2",
    "/?feed=rss",
    "/?feed=rdf",
    "/?feed=atom",
    "/?feed=comments-rss2",
)


def post_paths(
    *,
    link: str,
    base: str,
    language: str | None,
    post_id: str,
    slug: str,
    local_date: datetime | None,
    category_paths: list[str],
) -> list[str]:
    """Every old path of one post, the link's first, without repeats."""
    # `?p=` is answered at the blog's root whatever the language; the pretty shapes carry
    # Polylang's language folder when the post's own permalink does (`/en/2020/01/slug/`).
    pretty = base
    if language and url_path(link).startswith(f"{base}/{language}/"):
        pretty = f"{base}/{language}"
    paths = [url_path(link), f"{base}/?p={post_id}", f"{pretty}/archives/{post_id}"]
    if slug:
        paths.append(f"{pretty}/{slug}/")
        if local_date is not None:
            paths.append(f"{pretty}/{local_date:%Y/%m}/{slug}/")
            paths.append(f"{pretty}/{local_date:%Y/%m/%d}/{slug}/")
        for category in category_paths:
            paths.append(f"{pretty}/{category}/{slug}/")
            paths.append(f"{pretty}/category/{category}/{slug}/")
    return list(dict.fromkeys(path for path in paths if path and path != "/"))


def feed_paths(base: str, category_paths: list[str], tag_slugs: list[str]) -> list[str]:
    """The site's feeds, then each category's and each tag's feed (pretty permalinks)."""
    paths = [f"{base}{path}" for path in SITE_FEEDS]
    paths += [f"{base}/category/{category}/feed/" for category in category_paths]
    paths += [f"{base}/tag/{tag}/feed/" for tag in tag_slugs]
    return list(dict.fromkeys(paths))


def listing_paths(
    base: str, categories: dict[str, SourceTerm], category_path: Callable[[str], str],
    tag_names: dict[str, str],
) -> list[ListingPath]:  # fmt: skip
    """Each category's listing at its full path (`/category/news/politics/`) and, for a
    nested one, at its own slug too (`/category/politics/`, which WordPress also answers,
    unless another category's full path is that); each tag's at `/tag/<slug>/`. Slugs stay
    percent-encoded as the export writes them."""
    full = {slug: category_path(slug) for slug in categories}
    listings = {f"{base}/category/{path}/": categories[slug] for slug, path in full.items()}
    for slug, path in full.items():
        listings.setdefault(f"{base}/category/{path.rsplit('/', 1)[-1]}/", categories[slug])
    found = [ListingPath(path, term, is_category=True) for path, term in listings.items()]
    found += [
        ListingPath(f"{base}/tag/{encoded}/", SourceTerm(unquote(encoded), name), False)
        for encoded, name in tag_names.items()
    ]
    return found
