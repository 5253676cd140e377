"""`bigasia feeds poll`: poll sources once, now, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError

from bigasia.core.progress import ProgressBar
from bigasia.feeds.models import FeedSource
from bigasia.feeds.polling import poll_source
from bigasia.feeds.tasks import due_source_ids


class Command(BaseCommand):
    help = "Feed engine operations. `feeds poll` polls due (or --all, or --source) sources once."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        poll = subcommands.add_parser("poll", help="Poll sources once, in this process.")
        poll.add_argument("--all", action="store_true", help="Every enabled source, due or not.")
        poll.add_argument("--source", type=int, action="append", help="Only this source id.")

    def handle(self, *args, **options):
        if options["subcommand"] == "poll":
            self.poll(options)

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
