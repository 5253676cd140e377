"""`bigasia import wxr|ghost|rss SOURCE …`: bring an old site's archive in (docs/import.md);
`bigasia import report [RUN_ID]`: what the runs imported, updated, skipped and failed."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from bigasia.archive.csvfiles import BadCsv, read_pairs, read_sections
from bigasia.archive.importer import Importer, ImportOptions
from bigasia.archive.models import COUNTS, ImportRun
from bigasia.archive.source import ArchiveSource, SourceUnreadable
from bigasia.archive.sources import source_class
from bigasia.core.dates import format_datetime
from bigasia.core.terminal import terminal_language

REPORTED_RUNS = 20


class Command(BaseCommand):
    help = (
        "Import an archive: `import wxr FILE`, `import ghost FILE`, `import rss URL_OR_FILE`; "
        "`import report [RUN_ID]` shows what a run did."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True)
        wxr = kinds.add_parser("wxr", help="A WordPress export (Tools → Export), WXR XML.")
        wxr.add_argument("source", help="The .xml file.")
        wxr.add_argument("--media-dir", type=Path, help="The old wp-content/uploads folder.")
        wxr.add_argument(
            "--media-base-url", default="", help="The address the uploads folder is served at."
        )
        wxr.add_argument(
            "--language", choices=["ru", "en"], default="ru",
            help="The language of posts the export does not mark (Polylang marks them).",
        )  # fmt: skip
        wxr.add_argument("--sections", type=Path, help="CSV of category,section (a slug).")
        wxr.add_argument("--pairs", type=Path, help="CSV of ru_key,en_key translation pairs.")
        wxr.add_argument("--dry-run", action="store_true", help="Check everything, write nothing.")
        ghost = kinds.add_parser("ghost", help="A Ghost export (Settings → Labs → Export), JSON.")
        ghost.add_argument("source", help="The .json file.")
        ghost.add_argument("--media-dir", type=Path, help="The old content/images folder.")
        rss = kinds.add_parser("rss", help="An RSS or Atom feed, paged, as a last resort.")
        rss.add_argument("source", help="The feed's address or a file.")
        rss.add_argument("--pages", type=int, default=1, help="How many feed pages to read.")
        report = kinds.add_parser("report", help="The runs, or one run with its problems.")
        report.add_argument("run_id", nargs="?", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(terminal_language()):
            if options["kind"] == "report":
                self.report(options["run_id"])
            else:
                self.import_archive(options)

    # --- importing ------------------------------------------------------------------------

    def import_archive(self, options: dict[str, Any]) -> None:
        kind = options["kind"]
        import_options = self.import_options(options)
        source_options = {"pages": options["pages"]} if kind == "rss" else {}
        if kind != "rss" and not Path(options["source"]).is_file():
            raise CommandError(_("%(path)s is not a file.") % {"path": options["source"]})
        try:
            # Each format's class takes the file (or address) and its own options.
            make_source: Callable[..., ArchiveSource] = source_class(kind)
            source = make_source(options["source"], **source_options)
            importer = Importer(source, options["source"], import_options, out=self.stdout)
            run = importer.run()
        except SourceUnreadable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(_("Run #%(run)s finished.") % {"run": run.pk}))
        self.report(run.pk)

    def import_options(self, options: dict[str, Any]) -> ImportOptions:
        media_dir = options.get("media_dir")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(_("%(path)s is not a folder.") % {"path": media_dir})
        if options.get("pages") is not None and options["pages"] < 1:
            raise CommandError(_("--pages must be 1 or more."))
        try:
            sections = read_sections(options["sections"]) if options.get("sections") else {}
            pairs = read_pairs(options["pairs"]) if options.get("pairs") else {}
        except BadCsv as error:
            raise CommandError(str(error)) from error
        return ImportOptions(
            language=options.get("language") or "ru",
            media_dir=media_dir,
            media_base_url=options.get("media_base_url") or "",
            sections=sections,
            pairs=pairs,
            dry_run=bool(options.get("dry_run")),
        )

    # --- the report -----------------------------------------------------------------------

    def report(self, run_id: int | None) -> None:
        if run_id is None:
            runs = list(ImportRun.objects.all()[:REPORTED_RUNS])
            if not runs:
                self.stdout.write(_("No imports yet."))
            for run in runs:
                self.stdout.write(self.summary(run))
            return
        chosen = ImportRun.objects.filter(pk=run_id).first()
        if chosen is None:
            raise CommandError(_("There is no import run #%(run)s.") % {"run": run_id})
        self.stdout.write(self.summary(chosen))
        if chosen.message:
            self.stdout.write(chosen.message)
        for problem in chosen.problems.select_related("page"):
            where = f" → {problem.page.url_path}" if problem.page else ""
            self.stdout.write(f"  [{problem.key}] {problem.title}: {problem.message}{where}")

    def summary(self, run: ImportRun) -> str:
        labels = {
            "imported": _("Imported"),
            "updated": _("Updated"),
            "unchanged": _("Unchanged"),
            "skipped": _("Skipped"),
            "failed": _("Failed"),
        }
        counts = ", ".join(f"{labels[name]}: {getattr(run, name)}" for name in COUNTS)
        dry = f" ({_('dry run')})" if run.dry_run else ""
        return (
            f"#{run.pk} {run.kind} {run.source} · {format_datetime(run.started_at)} · "
            f"{run.state_label()}{dry}: {counts}"
        )
