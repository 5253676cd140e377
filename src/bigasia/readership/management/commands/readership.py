"""`bigasia readership import FILE.csv` and `bigasia readership recount`."""

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bigasia.readership.importer import import_counts, recount


def read_counts(path: Path) -> dict[int, int]:
    """Rows of `page_id,views` (a header row is allowed); bad rows stop the import."""
    counts: dict[int, int] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            if not row or (number == 1 and not row[0].strip().isdigit()):
                continue
            try:
                page_id, views = int(row[0]), int(row[1])
            except (ValueError, IndexError) as exc:
                raise CommandError(f"{path}:{number}: expected page_id,views; got {row}") from exc
            if page_id <= 0 or views < 0:
                raise CommandError(f"{path}:{number}: ids are positive and counts not negative")
            counts[page_id] = views
    return counts


class Command(BaseCommand):
    help = "Import historic view counts from CSV (page_id,views), or recount totals from buckets."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        importing = actions.add_parser("import", help="Set historic counts from a CSV file.")
        importing.add_argument("csv_file", type=Path)
        actions.add_parser("recount", help="Repair totals as imported + daily buckets.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            path = options["csv_file"]
            if not path.is_file():
                raise CommandError(f"{path} does not exist")
            imported = import_counts(read_counts(path))
            self.stdout.write(self.style.SUCCESS(f"Imported counts of {imported} pages."))
        else:
            changed = recount()
            self.stdout.write(self.style.SUCCESS(f"Recounted; {changed} totals repaired."))
