"""Publication stamps: counters in the database that say which cached fragments are current.

A cached fragment (fragments.py) or remembered answer is keyed by the stamps of what it
shows, so a change makes exactly the entries that showed it unreachable, in every app
process and on every host (the stamps live in the shared database; old entries expire):

- the **site** stamp (`PublicationStamp`, row 1): what may show on any page changed: a
  source, author, country, tag, image, Site or newsletter edited; a view restriction set or
  lifted; a page moved; anything withdrawn (unpublished, deleted), so that no fragment made
  before a withdrawal shows it again; and a publish of any page but a story (a home, a
  section, a TV page), whose title and address the pages below it and the menus show;
- a **language's** stamp (`lang:<code>`): a story of that language was published, so its
  listings (home, sections, related stories) may change;
- a **path's** stamp (`path:<digest>`): the page at that reader path, or one of its
  translations (its language switcher and hreflang links name them), was published;
- a **section's** stamp (`children:<id>`): a story in it was published, so its newest
  stories, which the home page lists, may change.

So a publish of one story leaves every other story's page, its body, byline, head and
menus, valid; only listings of its language are made again, from cards cached per card
revision. A request reads the stamps it can need in one query (`current_stamps`); the
home page, when its list is made again, reads its sections' stamps in one more.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import F, Q
from django.dispatch import receiver
from django.http import HttpRequest
from wagtail.models import Page
from wagtail.signals import post_page_move

from bigasia.core.changes import PublicChange, public_content_changed

from .labels import PublicationStamp, ScopedStamp

_ON_REQUEST = "_publication_stamps"
_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
_READ = (
    f"SELECT 'site', value FROM {PublicationStamp._meta.db_table} WHERE id = 1 "
    f"UNION ALL SELECT scope, value FROM {ScopedStamp._meta.db_table} WHERE scope IN "
)


def path_scope(path: str) -> str:
    """The stamp of a reader path (hashed: paths are long, scopes are keys)."""
    return "path:" + hashlib.blake2b(path.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True)
class Stamps:
    site: int
    languages: dict[str, int]
    path: int

    def key(self, scope: str, language: str, every_language: bool = False) -> str:
        """The part of a cache key that `scope` ("site", "page" or "listing") depends on.
        `every_language`: the page's own parts follow every language's listings too (the
        tag pages' language links are read off the stories of the other language)."""
        if scope == "site":
            return str(self.site)
        parts = [self.site, self.path]
        if every_language:
            parts.extend(self.languages[code] for code in _LANGUAGES)
        elif scope == "listing":
            parts.append(self.languages.get(language, 0))
        return ".".join(str(part) for part in parts)


def current_stamps(request: HttpRequest | None = None) -> Stamps:
    """The site's, every language's and the request path's stamps: one query per request."""
    memo = getattr(request, _ON_REQUEST, None)
    if memo is not None:
        return memo
    path = path_scope(request.path) if request is not None else ""
    scopes = [f"lang:{code}" for code in _LANGUAGES] + [path]
    # Plain SQL: this runs on every render, and building the ORM query costs more than the
    # database takes to answer it.
    with connection.cursor() as cursor:
        cursor.execute(_READ + "(" + ", ".join(["%s"] * len(scopes)) + ")", scopes)
        values = dict(cursor.fetchall())
    stamps = Stamps(
        site=values.get("site", 0),
        languages={code: values.get(f"lang:{code}", 0) for code in _LANGUAGES},
        path=values.get(path, 0),
    )
    if request is not None:
        setattr(request, _ON_REQUEST, stamps)
    return stamps


def site_stamp(request: HttpRequest | None = None) -> int:
    return current_stamps(request).site


def advance_stamp() -> None:
    """Make every cached fragment stale (a site-wide change; also by hand after SQL edits)."""
    if not PublicationStamp.objects.filter(pk=1).update(value=F("value") + 1):
        PublicationStamp.objects.get_or_create(pk=1, defaults={"value": 1})


def advance_scopes(scopes: set[str]) -> None:
    if not scopes:
        return
    ScopedStamp.objects.filter(scope__in=scopes).update(value=F("value") + 1)
    # A scope never advanced has no row and reads 0: its first advance writes 1. Two
    # publishers racing here both leave it at 1, which is still past what was cached.
    existing = set(ScopedStamp.objects.filter(scope__in=scopes).values_list("scope", flat=True))
    ScopedStamp.objects.bulk_create(
        [ScopedStamp(scope=scope, value=1) for scope in scopes - existing], ignore_conflicts=True
    )


def children_stamps(parent_ids: list[int]) -> dict[int, int]:
    """{section id: its stamp}: one query for every section a listing shows."""
    scopes = {f"children:{pk}": pk for pk in parent_ids}
    rows = ScopedStamp.objects.filter(scope__in=scopes).values_list("scope", "value")
    return {scopes[scope]: value for scope, value in rows}


def is_site_wide(change: PublicChange) -> bool:
    """Whether the change may show on any page (see the module's docstring)."""
    if change.everywhere or change.subtrees or change.withdrawn:
        return True
    story = Q(content_type__app_label="articles", content_type__model="articlepage")
    narrow = story & Q(numchild=0, show_in_menus=False, depth__gt=2)
    return Page.objects.filter(pk__in=change.pages).exclude(narrow).exists()


def _story_scopes(page_ids: frozenset[int]) -> set[str]:
    """The reader paths of the stories and of all their translations; their sections."""
    stories = Page.objects.filter(pk__in=page_ids)
    scopes = set()
    for page in Page.objects.filter(translation_key__in=stories.values("translation_key")):
        parts = page.get_url_parts()
        if parts is not None:
            scopes.add(path_scope(parts[2]))
    sections = [path[: -Page.steplen] for path in stories.values_list("path", flat=True)]
    parents = Page.objects.filter(path__in=sections).values_list("pk", flat=True)
    return scopes | {f"children:{pk}" for pk in parents}


@receiver(public_content_changed, dispatch_uid="fragments-stamp")
def _advance_on_change(sender, change: PublicChange | None = None, **kwargs) -> None:
    if change is None or is_site_wide(change):
        advance_stamp()
        return
    languages = {f"lang:{code}" for code in change.languages}
    advance_scopes(languages | _story_scopes(change.pages))


@receiver(post_page_move, dispatch_uid="fragments-stamp-move")
def _advance_on_move(sender, **kwargs) -> None:
    # A moved story leaves its old section and path, which its change does not name.
    advance_stamp()
