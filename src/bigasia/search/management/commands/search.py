"""`bigasia search reindex`: rebuild the site search index with a progress bar."""

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from bigasia.search.indexing import reindex_all

BAR_WIDTH = 30


def progress_bar(done: int, total: int) -> str:
    filled = BAR_WIDTH * done // total if total else BAR_WIDTH
    percent = 100 * done // total if total else 100
    return f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {percent}%"


class Command(BaseCommand):
    help = "Site search index maintenance. Actions: reindex."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["reindex"])
        parser.add_argument("--no-progress", action="store_true", help="Print no progress bar.")

    def handle(self, *args, action: str, no_progress: bool = False, **options):
        show = not no_progress and options["verbosity"] > 0
        done = 0
        for done, total in reindex_all():
            if show:
                self.stderr.write(progress_bar(done, total), ending="")
                sys.stderr.flush()
        if show:
            self.stderr.write("")
        if options["verbosity"] > 0:
            self.stdout.write(_("Indexed %(count)d articles.") % {"count": done})
