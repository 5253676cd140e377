"""An import run: every item of a source written to the site, one transaction per post.

Idempotent: a post is found again by its key (ImportedItem), so a re-run updates it, or leaves
it alone when its content hash is the same, and never adds a second page. A run killed at any
point leaves whole posts behind (each one's transaction committed or not at all), so running
it again ends in the same state as a run that was never stopped.
"""

import dataclasses
import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.core.management.base import OutputWrapper
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page

from bigasia.core.changes import PublicChange, held_changes
from bigasia.core.progress import ProgressBar

from .body import convert_body
from .images import ImageStore
from .models import ImportedItem, ImportProblem, ImportRun
from .pages import Language, PostWriter, Written
from .redirects import set_redirects
from .source import PUBLISHED, ArchiveSource, BrokenItem, SourcePost, SourceUnreadable
from .taxonomy import CountryFinder, NoHomeForLanguage, Sections

logger = logging.getLogger(__name__)
IMPORTED_STATUSES = {PUBLISHED, "draft", "pending"}
# Posts per announcement of what changed: a killed run leaves at most this many pages
# unannounced, and the next run announces them (interrupted_runs_pages).
ANNOUNCE_EVERY = 200
# A batch naming more pages than this purges the whole page cache (one write) instead of
# each page's entries (one write per page), and refreshes the search entries all the same.
EVERYWHERE_OVER = 50


@dataclass
class ImportOptions:
    language: str = "ru"
    media_dir: Path | None = None
    media_base_url: str = ""
    # category slug or name -> section slug (`--sections`)
    sections: dict[str, str] = field(default_factory=dict)
    # source key -> translation group (`--pairs`: both keys of a pair share one group)
    pairs: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False

    def recorded(self) -> dict[str, object]:
        """What the run record keeps of the options (the CSVs by size, not whole)."""
        return {
            "language": self.language,
            "media_dir": str(self.media_dir or ""),
            "media_base_url": self.media_base_url,
            "sections": len(self.sections),
            "pairs": len(self.pairs),
        }


class _DryRun(Exception):
    """Raised at the end of a post's writes in a dry run, to roll them back."""


class Importer:
    def __init__(
        self, source: ArchiveSource, label: str, options: ImportOptions,
        out: TextIO | OutputWrapper | None = None,
    ) -> None:  # fmt: skip
        self.source = source
        self.label = label
        self.options = options
        self.out = out
        images = ImageStore(options.media_dir, options.media_base_url)
        self.writer = PostWriter(source.kind, images, check_images_only=options.dry_run)
        self._languages: dict[str, Language] = {}
        self.run_record = ImportRun(
            kind=source.kind, source=label[:1000], options=options.recorded(),
            dry_run=options.dry_run,
        )  # fmt: skip

    def run(self) -> ImportRun:
        """Import everything; SourceUnreadable (the source as a whole) ends the run failed."""
        run = self.run_record
        run.save()
        try:
            # What each publish would announce (page cache purge, search index, menus,
            # fragments) goes out once per batch of committed posts: docs/import.md.
            with held_changes(self, everywhere_over=EVERYWHERE_OVER) as held:
                left_unannounced = interrupted_runs_pages(run)
                if left_unannounced.pages:
                    held.add(left_unannounced)
                bar = self._progress_bar()
                for number, item in enumerate(self.source.posts(), start=1):
                    self.import_item(item)
                    if number % ANNOUNCE_EVERY == 0:
                        held.release(self)
                    if bar is not None:
                        bar.advance()
                if bar is not None:
                    bar.finish()
                self._redirect_feeds()
                self._redirect_listings()
        except SourceUnreadable as error:
            self._finish(ImportRun.FAILED, str(error))
            raise
        self._finish(ImportRun.FINISHED, "")
        return run

    def _progress_bar(self) -> ProgressBar | None:
        if self.out is None:
            return None
        total = self.source.expected_items()
        if total is None:
            # A first pass only counts (a streaming read, no writes) so the bar can show an ETA.
            total = sum(1 for _item in self.source.posts())
        return ProgressBar(total, _("Import"), self.out)

    def _finish(self, state: str, message: str) -> None:
        run = self.run_record
        run.refresh_from_db()
        run.state, run.message, run.finished_at = state, message, timezone.now()
        run.save(update_fields=["state", "message", "finished_at", "updated_at"])

    # --- one item ---------------------------------------------------------------------

    def import_item(self, item: SourcePost | BrokenItem) -> str:
        """Write one item; returns the count it went to (imported, updated, unchanged…)."""
        if isinstance(item, BrokenItem):
            return self._record("failed", item.key, "", [item.reason])
        post = item
        if post.status not in IMPORTED_STATUSES:
            reason = _("Not imported: its status in the source is “%(status)s”.")
            return self._record("skipped", post.key, post.title, [reason % {"status": post.status}])
        code = post.language or self.options.language
        try:
            language = self._language(code)
        except (Locale.DoesNotExist, NoHomeForLanguage) as error:
            return self._record("failed", post.key, post.title, [_language_problem(error, code)])
        group = post.translation_group or self.options.pairs.get(post.key, "")
        digest = content_hash(post, language.locale.language_code, group)
        known = ImportedItem.objects.filter(kind=self.source.kind, key=post.key).first()
        if known is not None and known.content_hash == digest and known.complete:
            return self._record("unchanged", post.key, post.title, [])
        return self._write(post, language, known, group, digest)

    def _write(
        self, post: SourcePost, language: Language, known: ImportedItem | None, group: str,
        digest: str,
    ) -> str:  # fmt: skip
        count = "updated" if known is not None else "imported"
        body = convert_body(post.body_html)
        try:
            with transaction.atomic():  # the post's transaction: a dry run rolls it back
                _commit_without_waiting_for_the_disk()
                written = self.writer.write(post, body, language, known, group)
                self._keep_item(post.key, known, written, digest, group)
                if self.options.dry_run:
                    raise _DryRun
                problems = [*post.problems, *body.problems, *written.problems]
                return self._record(count, post.key, post.title, problems, written.page)
        except _DryRun:
            problems = [*post.problems, *body.problems, *written.problems]
            return self._record(count, post.key, post.title, problems)
        except Exception as error:  # one bad post must not stop the import
            # Everything of the post was rolled back. Two importers racing on one post land
            # here too: the unique key lets only one ImportedItem in.
            logger.exception("archive import: post %s failed", post.key)
            message = _("Not imported: %(error)s") % {"error": error}
            return self._record("failed", post.key, post.title, [*post.problems, message])

    def _keep_item(
        self, key: str, known: ImportedItem | None, written: Written, digest: str, group: str
    ) -> None:
        """The post's ImportedItem: one INSERT for a new post (a second importer racing on
        it fails on the unique key, and its post with it), one UPDATE for a known one."""
        fields = {"page": written.page, "content_hash": digest, "complete": written.complete,
                  "translation_group": group, "run": self.run_record}  # fmt: skip
        if known is None:
            ImportedItem.objects.create(kind=self.source.kind, key=key, **fields)
        else:
            ImportedItem.objects.filter(pk=known.pk).update(**fields)

    def _record(
        self, count: str, key: str, title: str, problems: list[str], page=None
    ) -> str:  # fmt: skip
        # Its own transaction for an item not written; inside a post's, no savepoint: what
        # fails here fails the post, whose transaction rolls back as a whole.
        with transaction.atomic(savepoint=False):
            ImportRun.objects.filter(pk=self.run_record.pk).update(
                **{count: F(count) + 1}, updated_at=timezone.now()
            )
            ImportProblem.objects.bulk_create(
                ImportProblem(run=self.run_record, key=key[:500], title=title[:500],
                              message=message, page=page)
                for message in dict.fromkeys(problems)
            )  # fmt: skip
        return count

    def _language(self, code: str) -> Language:
        if code not in self._languages:
            locale = Locale.objects.get(language_code=code)
            sections = Sections(locale, self.options.sections)
            sections.home()  # fails now, not halfway through a post, if there is none
            self._languages[code] = Language(locale, sections, CountryFinder(locale))
        return self._languages[code]

    def _redirect_feeds(self) -> None:
        """The old site's feeds lead to our feed of the import's language."""
        if self.options.dry_run:
            return
        target = f"/{self.options.language}/rss.xml"
        paths = {Redirect.normalise_path(old) for old in self.source.feed_paths()}
        set_redirects(dict.fromkeys(paths - {"", target}, (None, target)))

    def _redirect_listings(self) -> None:
        """Old category listings lead to their section, tag listings to the tag page; the
        import's language first, then the others the run met. A category that is no
        section (only ever a post's second one) became a tag: its listing leads there."""
        if self.options.dry_run:
            return
        languages = self._listing_languages()
        listings = list(self.source.listing_paths())
        names = {listing.term.name for listing in listings}
        tag_urls = [each.sections.tag_urls(names) for each in languages]
        targets: dict[str, tuple[Page | None, str]] = {}
        for listing in listings:
            section, link = None, None
            if listing.is_category:
                sections = (each.sections.existing_for(listing.term) for each in languages)
                section = next(filter(None, sections), None)
            if section is None:
                link = next(filter(None, (urls.get(listing.term.name) for urls in tag_urls)), None)
            path = Redirect.normalise_path(listing.path)
            if path and (section or link):
                targets[path] = (section, link or "")
        set_redirects(targets)

    def _listing_languages(self) -> list[Language]:
        found = []
        for code in dict.fromkeys([self.options.language, *self._languages]):
            try:
                found.append(self._language(code))
            except (Locale.DoesNotExist, NoHomeForLanguage):
                continue
        return found


def _commit_without_waiting_for_the_disk() -> None:
    """On PostgreSQL, this transaction's commit does not wait for its WAL to reach the disk
    (`synchronous_commit` off for it alone: about 2 ms a post on this machine's disk). Only
    a crash of the database server itself can then lose the last posts committed, a
    fraction of a second of them, whole: their items go with them, and the next run
    imports them again, as after a killed run."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def interrupted_runs_pages(run: ImportRun) -> PublicChange:
    """The pages written by runs that were killed (still marked running): what they
    published may not have been announced, and a re-run leaves unchanged posts alone. Their
    items become this run's, which announces them, so that later runs do not again."""
    items = ImportedItem.objects.filter(run__state=ImportRun.RUNNING).exclude(run=run)
    pages = dict(items.values_list("page_id", "page__locale__language_code"))
    items.update(run=run)
    return PublicChange(pages=frozenset(pages), languages=frozenset(pages.values()))


def content_hash(post: SourcePost, language: str, group: str) -> str:
    """What was imported, as a digest: the post as read, its language and translation group."""
    as_read = json.dumps(dataclasses.asdict(post), default=str, sort_keys=True)
    return hashlib.sha256(f"{language}\n{group}\n{as_read}".encode()).hexdigest()


def _language_problem(error: Exception, code: str) -> str:
    if isinstance(error, NoHomeForLanguage):
        return str(error)
    return _("The language “%(language)s” is not set up on this site.") % {"language": code}
