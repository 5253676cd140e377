"""One source post as one ArticlePage: created or updated, published or a draft, with its
byline, countries, tags, images, old URLs and translation link.

The caller holds the transaction; everything here writes inside it, so a post is either all
in or not at all.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import unquote

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.base import BaseAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import get_active_log_context
from wagtail.models import Locale, Page, PageLogEntry, Revision
from wagtail.rich_text import RichText
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, published
from wagtail.tasks import update_reference_index_task

from bigasia.articles.models import ArticleAuthor, ArticleCountry, ArticlePage, ArticleTag
from bigasia.core.slugs import transliterate_slug
from bigasia.feeds.text import plain_text
from bigasia.readership.importer import import_counts

from .body import ConvertedBody
from .images import ImageMissing, ImageStore
from .models import ImportedItem
from .redirects import set_redirects
from .source import PUBLISHED, SourceImage, SourcePost
from .taxonomy import CountryFinder, KnownTags, Sections, author_for, tag_names

LEAD_LENGTH = 300
TITLE_LENGTH = 255


@dataclass
class Written:
    page: ArticlePage
    problems: list[str] = field(default_factory=list)
    complete: bool = True


@dataclass
class Language:
    """What the writer needs of one language, looked up once per run."""

    locale: Locale
    sections: Sections
    countries: CountryFinder


def wanted_slug(post: SourcePost) -> str:
    """The old slug as it is when it is Latin (our transliteration leaves a Latin slug
    alone, only cutting it to length); a Cyrillic one (percent-encoded by WordPress) or none
    is transliterated, from the title when the post has no slug."""
    old = unquote(post.slug or "").strip()
    return transliterate_slug(old or post.title) or "post"


def lead_of(post: SourcePost, body: ConvertedBody) -> str:
    """The excerpt, else the opening of the text; an article must have a lead."""
    lead = plain_text(post.excerpt, LEAD_LENGTH)
    if not lead:
        first = next((value for kind, value in body.blocks if kind == "paragraph"), "")
        lead = plain_text(first, LEAD_LENGTH)
    return lead or post.title[:LEAD_LENGTH]


@contextmanager
def savepoints_off() -> Iterator[None]:
    """Atomic blocks opened inside take no savepoint (Django's own behaviour on a database
    without savepoints): for treebeard's `add_child` and Wagtail's `save_revision`, two
    savepoints each, written as units that stand alone. Inside the post's transaction
    nothing of theirs catches an error to carry on, and nothing between them and the post
    does: an error fails the post's transaction, which rolls back as a whole, as before.
    PostgreSQL's backend honours the flag; SQLite's takes savepoints regardless (in-process
    and cheap there)."""
    features = connection.features
    before, features.uses_savepoints = features.uses_savepoints, False
    try:
        yield
    finally:
        features.uses_savepoints = before


class PublishInHand(PublishPageRevisionAction):
    """Wagtail's publish of a revision, given the page the revision was just made from.

    Wagtail's action rebuilds the page from the revision's JSON (`revision.as_object()`,
    a quarter of an imported post's time); the importer holds that very page, saved a moment
    ago with the same content, so it is published as it is. Everything else is Wagtail's:
    the row, the log entry, `page_published` and its receivers."""

    def __init__(self, page: ArticlePage, revision: Revision) -> None:
        BaseAction.__init__(self, page)  # not the parent's: that one calls as_object()
        self.revision = revision
        self.object = page
        self.changed = True
        self.log_action = True
        self.previous_revision = None


def publish_new_page(page: ArticlePage, revision: Revision) -> None:
    """Publish the first revision of a page created a moment ago, its row already holding
    that revision's content: what Wagtail's publish does for such a page (live, the live
    revision, the dates, the log entry, `page_published` and `published`), with one UPDATE
    instead of a second save of the row and of every child row (byline, countries, tags),
    half of a post's writes. What it leaves out has nothing to do on a new page: there are
    no earlier revisions, aliases, comments, scheduled go-live or workflow to settle."""
    now = timezone.now()
    page.live, page.has_unpublished_changes, page.expired = True, False, False
    page.live_revision, page.last_published_at = revision, now
    page.first_published_at = page.first_published_at or now
    # On Page: every field is its table's, and one UPDATE (an ArticlePage queryset would
    # first read the page's id from its own table).
    Page.objects.filter(pk=page.pk).update(
        live=True, has_unpublished_changes=False, expired=False, live_revision=revision,
        last_published_at=now, first_published_at=page.first_published_at,
    )  # fmt: skip
    _log_publish(page, revision, now)
    page_published.send(sender=ArticlePage, instance=page, revision=revision)
    published.send(sender=ArticlePage, instance=page, revision=revision)


def _log_publish(page: ArticlePage, revision: Revision, now: datetime) -> None:
    """Wagtail's `wagtail.publish` log entry, the row `log()` writes, without the validation
    of its save (three queries asking whether the content type, page and revision it names,
    all in hand, exist)."""
    context = get_active_log_context()
    PageLogEntry.objects.bulk_create([
        PageLogEntry(
            content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            label=page.get_admin_display_title(), action="wagtail.publish", timestamp=now,
            data={}, user=context.user, uuid=context.uuid, page=page, revision=revision,
            content_changed=True,
        )
    ])  # fmt: skip


class PostWriter:
    def __init__(self, kind: str, images: ImageStore, check_images_only: bool = False) -> None:
        self.kind = kind
        self.images = images
        self.check_images_only = check_images_only
        self._authors: dict[tuple, Any] = {}
        self._tags = KnownTags()

    def write(
        self, post: SourcePost, body: ConvertedBody, language: Language,
        item: ImportedItem | None, group: str,
    ) -> Written:  # fmt: skip
        problems: list[str] = []
        blocks, hero, complete = self._blocks_with_images(post, body, problems)
        if not blocks:
            problems.append(_("The post has no text: its lead stands in for the body."))
            blocks = [("paragraph", RichText(f"<p>{lead_of(post, body)}</p>"))]
        page = item.page if item is not None else None
        new = page is None
        if page is None:
            page = self._new_page(post, language)
        self._fill(page, post, body, blocks, hero)
        partner_key = self._partner_key(group, language.locale, page)
        if partner_key is not None:
            page.translation_key = partner_key
        # Wagtail queues a reference-index job at every save of the page, its revision and
        # each of its child rows (about 17 per post); one job for the page, queued below,
        # indexes the same references, children included.
        with disable_reference_index_auto_update():
            if new:
                self._add_new_page(page, post, body, language, problems, own_key=not partner_key)
            else:
                self._label(page, post, body, language)
            with savepoints_off():
                # A new page was validated by its save just now, with this very content.
                revision = page.save_revision(clean=not new)
            if partner_key is not None:
                # A draft's revision does not reach the row; the link must hold for drafts too.
                Page.objects.filter(pk=page.pk).update(translation_key=partner_key)
            if post.status == PUBLISHED and new:
                publish_new_page(page, revision)
            elif post.status == PUBLISHED:
                PublishInHand(page, revision).execute(skip_permission_checks=True)
        update_reference_index_task.enqueue(
            page._meta.app_label, page._meta.model_name, str(page.pk)
        )
        if post.status == PUBLISHED:
            # A draft had no public address, and a redirect to a page not live answers 404.
            self._redirect_old_paths(post, page)
        if post.view_count is not None:
            import_counts({page.pk: post.view_count})
        return Written(page=page, problems=problems, complete=complete)

    def _new_page(self, post: SourcePost, language: Language) -> ArticlePage:
        return ArticlePage(
            slug=wanted_slug(post),
            locale=language.locale,
            translation_key=uuid.uuid4(),
            live=False,
            first_published_at=post.published_at if post.status == PUBLISHED else None,
        )

    def _add_new_page(
        self, page: ArticlePage, post: SourcePost, body: ConvertedBody, language: Language,
        problems: list[str], own_key: bool,
    ) -> None:  # fmt: skip
        """Save a new page under its section, then its byline, countries and tags, one
        INSERT per table: `add_child` would save each child row on its own after asking
        for the (none) there already. The rows stay on the page in memory, as do its empty
        comments and related stories, so its revision is made without reading any back."""
        if own_key:
            # Wagtail asks at each save whether the page is a site root (a site's root page
            # or a translation of one); a page with a translation key of its own made a
            # moment ago is neither.
            page._is_site_root = False
        parent = language.sections.section_for(post.categories)
        with savepoints_off():
            parent.add_child(instance=page)  # validated (minimal_clean), saved, children apart
        self._report_slug(page, wanted_slug(post), problems)
        page.article_authors = []  # in memory, when the post has no author, too
        self._label(page, post, body, language)
        ArticleAuthor.objects.bulk_create(page.article_authors.all())
        ArticleCountry.objects.bulk_create(page.article_countries.all())
        ArticleTag.objects.bulk_create(page.tagged_items.all())
        page.wagtail_admin_comments = []
        page.related_links = []

    def _fill(
        self, page: ArticlePage, post: SourcePost, body: ConvertedBody,
        blocks: list[tuple[str, Any]], hero: dict[str, Any],
    ) -> None:  # fmt: skip
        page.title = post.title[:TITLE_LENGTH]
        page.draft_title = page.title
        page.lead = lead_of(post, body)
        page.body = blocks
        page.hero_image = hero.get("image")
        page.hero_caption = hero.get("caption", "")
        page.hero_credit = hero.get("credit", "")
        if post.status == PUBLISHED and post.published_at is not None:
            page.first_published_at = post.published_at

    def _label(
        self, page: ArticlePage, post: SourcePost, body: ConvertedBody, language: Language
    ) -> None:
        """The page's byline, countries and tags, in memory (saved with the page)."""
        if post.author is not None:
            page.article_authors = [
                ArticleAuthor(author=author_for(post.author, language.locale, self._authors))
            ]
        text = " ".join([post.title, *(v for k, v in body.blocks if k == "paragraph")])
        page.article_countries = [
            ArticleCountry(country=country)
            for country in language.countries.countries_in(plain_text(text, 1_000_000))
        ]
        page.tags.set(self._tags.known_or_names(tag_names(post.tags, post.categories[1:])))
        self._tags.remember_when_committed(page.tags.all())

    def _blocks_with_images(
        self, post: SourcePost, body: ConvertedBody, problems: list[str]
    ) -> tuple[list[tuple[str, Any]], dict[str, Any], bool]:
        """The body's blocks with Wagtail images in place of the export's; an image that
        cannot be had is left out and reported, never fatal."""
        complete = True
        blocks: list[tuple[str, Any]] = []
        for kind, value in body.blocks:
            if kind == "paragraph":
                blocks.append((kind, RichText(value)))
            elif kind != "image":
                blocks.append((kind, value))
            elif (image := self._image(value, problems)) is not None:
                blocks.append((kind, {"image": image, "caption": value.caption,
                                      "credit": value.credit}))  # fmt: skip
            else:
                complete = False
        hero: dict[str, Any] = {}
        featured = post.featured_image
        if featured is not None:
            image = self._image(featured, problems)
            complete = complete and image is not None
            if image is not None:
                hero = {"image": image, "caption": featured.caption[:500],
                        "credit": featured.credit[:200]}  # fmt: skip
        return blocks, hero, complete

    def _image(self, source: SourceImage, problems: list[str]) -> Any:
        try:
            if self.check_images_only:
                self.images.read(source)
                return None
            return self.images.image_for(source)
        except ImageMissing as missing:
            problems.append(_("Image not imported: %(reason)s") % {"reason": missing})
            return None

    def _partner_key(self, group: str, locale: Locale, page: ArticlePage) -> uuid.UUID | None:
        """The translation key of this post's translation in another language, if it was
        imported already: sharing it makes the two pages translations of one another."""
        if not group:
            return None
        partners = ImportedItem.objects.filter(kind=self.kind, translation_group=group).exclude(
            page__locale=locale
        )
        partner = partners.select_related("page").first()
        if partner is None or partner.page.translation_key == page.translation_key:
            return None
        key = partner.page.translation_key
        taken = Page.objects.filter(translation_key=key, locale=locale).exclude(pk=page.pk)
        return None if taken.exists() else key

    def _report_slug(self, page: ArticlePage, wanted: str, problems: list[str]) -> None:
        if page.slug != wanted:
            problems.append(
                _("The address “%(wanted)s” was taken in its section: the page is at “%(slug)s”.")
                % {"wanted": wanted, "slug": page.slug}
            )

    def _redirect_old_paths(self, post: SourcePost, page: ArticlePage) -> None:
        """Every old address answers 301 to the page; one that is the page's own is left."""
        own = Redirect.normalise_path(page.get_url() or "")
        paths = {Redirect.normalise_path(old) for old in post.old_paths} - {"", own}
        set_redirects(dict.fromkeys(paths, (page, "")))
