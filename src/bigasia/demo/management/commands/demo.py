"""`bigasia demo`: load the demo publication (idempotent) and, locally, an editor login."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from bigasia.core.localeditor import ensure_local_editor
from bigasia.core.progress import ProgressBar
from bigasia.demo.loader import DemoLoader
from bigasia.demo.newsroom import bring_newsroom_to_life
from bigasia.demo.synthetic import create_synthetic_articles

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}


class Command(BaseCommand):
    help = "Load the demo content: site tree in Russian and English, snippets, illustrated stories."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Also add N synthetic articles in bulk (for scale tests; not indexed).",
        )
        parser.add_argument(
            "--publication-only",
            action="store_true",
            help="Only the publication: no partners, wire, view history or newsletter issues.",
        )
        parser.add_argument(
            "--no-editor",
            action="store_true",
            help="Do not create the local editor account (always skipped unless DEBUG is on).",
        )

    def handle(self, *args, **options):
        # Wagtail queues a search-index and a reference-index job for every object saved.
        # The demo runs them as it goes, so a fresh worker does not start with a backlog of
        # hundreds of jobs (some about objects the loader has already replaced).
        with override_settings(TASKS=IMMEDIATE_TASKS):
            created = DemoLoader(progress=lambda title: self.stdout.write(f"  + {title}")).load()
            self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} new stories)."))
            if options["articles"] > 0:
                self.add_synthetic(options["articles"])
            if not options["publication_only"]:
                # After the synthetic stories, so that they get their view history too.
                bring_newsroom_to_life(report=self.stdout.write)
                ready = "Partners, wire, views and newsletters ready."
                self.stdout.write(self.style.SUCCESS(ready))
        if settings.DEBUG and not options["no_editor"]:
            username, password = ensure_local_editor()
            self.stdout.write(f"Local editor login: {username} / {password}")

    def add_synthetic(self, count: int) -> None:
        bar = ProgressBar(count, "Synthetic articles", self.stdout)
        created = create_synthetic_articles(count, advance=bar.advance)
        bar.finish()
        self.stdout.write(self.style.SUCCESS(f"Added {created} synthetic articles."))
