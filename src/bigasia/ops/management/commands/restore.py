"""`bigasia restore ARCHIVE [--replace]`: unpack a backup here, then verify it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bigasia.ops import backup

from .backup import describe


class Command(BaseCommand):
    help = "Restore a `bigasia backup` archive into this installation and verify the result."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="Overwrite a database or media that hold data."
        )

    def handle(self, *args, **options):
        try:
            manifest = backup.restore(options["archive"], replace=options["replace"])
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {options['archive']} of {manifest['created_at']}: {describe(manifest)}; "
            "verified. Next: `bigasia migrate` if the backup is from an older release."
        )
