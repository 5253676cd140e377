"""Small readings every archive format needs: paths out of URLs, media paths, languages,
a title made from a body."""

import re
from posixpath import normpath
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

from bigasia.feeds.text import plain_text

# Where WordPress keeps uploads; the operator's media folder is this folder's copy.
WORDPRESS_UPLOADS = "/wp-content/uploads/"
TITLE_WORDS = 10
TITLE_MAX_LENGTH = 120
_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")


def url_path(url: str) -> str:
    """The path (and query, where there is one) of a URL as the old site served it:
    `https://old.example/2020/01/slug/?x=1` → `/2020/01/slug/?x=1`; "" for no URL."""
    url = (url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    return f"{path}?{parts.query}" if parts.query else path


def media_path(url: str, marker: str) -> str:
    """Where a file sits under the operator's media folder: the part of the URL's path after
    `marker` (`/wp-content/uploads/`, `/content/images/`), percent-decoded, as a relative
    path. "" when the URL has no such part, or when the part would climb out of the folder
    (`../`): an export is outside input, and the importer joins this path to a local folder."""
    path = unquote(urlsplit((url or "").strip()).path)
    _, found, rest = path.partition(marker)
    if not found or not rest:
        return ""
    normal = normpath(rest)
    if normal != rest.rstrip("/") or normal.startswith(("/", "..")) or "\x00" in normal:
        return ""
    return normal


def language_code(value: str | None) -> str | None:
    """`ru`, `ru_RU`, `ru-RU` and `RU` → `ru`; None for nothing or for junk."""
    match = _LANGUAGE.match((value or "").strip().lower())
    return match.group(1) if match else None


def title_from_body(body_html: str) -> str:
    """The first words of a body as a title, for a post that came without one ("" for an
    empty body): at most TITLE_WORDS words and TITLE_MAX_LENGTH characters."""
    words = plain_text(body_html, 4 * TITLE_MAX_LENGTH).split()
    title = " ".join(words[:TITLE_WORDS])
    if len(title) > TITLE_MAX_LENGTH:
        title = title[: TITLE_MAX_LENGTH - 1].rsplit(" ", 1)[0]
    if len(words) > TITLE_WORDS or len(title) < len(" ".join(words)):
        title = title.rstrip(".,;:!?—-– ") + "…"
    return title


def title_or_first_words(title: str, body_html: str, post_id: object, problems: list[str]) -> str:
    """The post's title; for a post without one, its first words (or its id), noted."""
    if title:
        return title
    made = title_from_body(body_html)
    if made:
        problems.append(_("It had no title; one was made from the first words of its body."))
        return made
    problems.append(_("It had neither a title nor a body; it is titled by its id."))
    return _("Untitled post %(id)s") % {"id": post_id}
