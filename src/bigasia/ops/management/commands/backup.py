"""`bigasia backup [--output PATH]`: the database and the media in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bigasia.ops import backup


def describe(manifest: dict) -> str:
    figures = ", ".join(f"{name} {value}" for name, value in manifest["counts"].items())
    return f"{manifest['database']} database ({figures}), {manifest['media_files']} media files"


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump) and MEDIA_ROOT to one archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Archive path (default: BACKUP_DIR).")

    def handle(self, *args, **options):
        output = (options["output"] or backup.default_output()).resolve()
        try:
            manifest = backup.create(output)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        size = manifest["size_bytes"] / 1024 / 1024
        self.stdout.write(f"Wrote {output} ({size:.1f} MB): {describe(manifest)}")
