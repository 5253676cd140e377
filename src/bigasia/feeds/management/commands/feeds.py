"""`bigasia feeds poll`: poll sources once, now, with a progress bar.
`bigasia feeds load-file SOURCE FILE`: take a feed file as if a poll had fetched it."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bigasia.core.progress import ProgressBar
from bigasia.core.terminal import terminal_language
from bigasia.feeds.errors import FetchError
from bigasia.feeds.models import FeedSource
from bigasia.feeds.polling import load_body, poll_source
from bigasia.feeds.tasks import due_source_ids


class Command(BaseCommand):
    help = (
        "Feed engine operations. `feeds poll` polls due (or --all, or --source) sources once; "
        "`feeds load-file SOURCE FILE` stores a local feed file's items as a poll would."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        poll = subcommands.add_parser("poll", help="Poll sources once, in this process.")
        poll.add_argument("--all", action="store_true", help="Every enabled source, due or not.")
        poll.add_argument("--source", type=int, action="append", help="Only this source id.")
        load = subcommands.add_parser(
            "load-file", help="Parse a local RSS/Atom or ninjs file as the source's fetched body."
        )
        load.add_argument("source", help="The feed source's id or exact name.")
        load.add_argument("file", type=Path, help="The feed file.")

    def handle(self, *args, **options):
        with translation.override(terminal_language()):
            if options["subcommand"] == "poll":
                self.poll(options)
            else:
                self.load_file(options["source"], options["file"])

    def poll(self, options) -> None:
        if options["source"]:
            ids = list(
                FeedSource.objects.filter(pk__in=options["source"]).values_list("pk", flat=True)
            )
            if not ids:
                raise CommandError("No such source.")
        elif options["all"]:
            ids = list(FeedSource.objects.filter(enabled=True).values_list("pk", flat=True))
        else:
            ids = due_source_ids()
        bar = ProgressBar(len(ids), "feeds", self.stdout)
        tally: dict[str, int] = {}
        for source_id in ids:
            outcome = poll_source(source_id)
            tally[outcome.status] = tally.get(outcome.status, 0) + 1
            bar.advance()
        bar.finish()
        summary = ", ".join(f"{status}: {count}" for status, count in sorted(tally.items()))
        self.stdout.write(f"Polled {len(ids)} source(s). {summary}".rstrip(". "))

    def load_file(self, reference: str, path: Path) -> None:
        source = find_source(reference)
        body = read_feed_file(path)
        try:
            outcome = load_body(source, body)
        except FetchError as error:
            raise CommandError(
                _("%(file)s is not a feed “%(source)s” can read (%(detail)s). Nothing was stored.")
                % {"file": path, "source": source.name, "detail": error.detail}
            ) from error
        if outcome.status == "busy":
            raise CommandError(
                _("“%(source)s” is being polled right now; try again in a minute.")
                % {"source": source.name}
            )
        self.stdout.write(
            ngettext(
                "“%(source)s”: %(count)d new item stored from %(file)s.",
                "“%(source)s”: %(count)d new items stored from %(file)s.",
                outcome.new_items,
            )
            % {"source": source.name, "count": outcome.new_items, "file": path}
        )


def find_source(reference: str) -> FeedSource:
    """The source whose id or exact name is `reference`; a clear error otherwise."""
    by_id = reference.isdigit() and FeedSource.objects.filter(pk=int(reference)).first()
    if by_id:
        return by_id
    named = list(FeedSource.objects.filter(name=reference)[:2])
    if not named:
        raise CommandError(
            _("No feed source has the id or name “%(source)s”.") % {"source": reference}
        )
    if len(named) > 1:
        raise CommandError(
            _("Several feed sources are named “%(source)s”; give the id instead.")
            % {"source": reference}
        )
    return named[0]


def read_feed_file(path: Path) -> bytes:
    """The file's bytes, under the cap a fetched body has (FEEDS_MAX_BYTES)."""
    try:
        with path.open("rb") as file:
            body = file.read(settings.FEEDS_MAX_BYTES + 1)
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s.") % {"file": path, "reason": error.strerror}
        ) from error
    if len(body) > settings.FEEDS_MAX_BYTES:
        raise CommandError(
            _("%(file)s is larger than FEEDS_MAX_BYTES (%(limit)d); nothing was stored.")
            % {"file": path, "limit": settings.FEEDS_MAX_BYTES}
        )
    return body
