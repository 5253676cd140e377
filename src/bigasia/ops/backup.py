"""`bigasia backup` and `bigasia restore`: the database and the media in one tar archive.

The database is copied first, then the media: an image uploaded meanwhile is in the archive
without its row (harmless), never a row without its file. SQLite is copied with its online
backup API (`sqlite3.Connection.backup`) in one step: it reads one consistent snapshot while
the site goes on writing (WAL: readers never block the writer; copied in small steps, every
write by another connection would restart the copy, and under steady beacon flushes it
might never end). PostgreSQL is dumped with `pg_dump --format=custom` under a snapshot a
transaction of ours exported, so the figures in the manifest are those of the dump.

A restore refuses a target that holds data (unless told to replace it), unpacks, then
counts again and compares with the manifest: a mismatch is an error, not a warning.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connections
from psycopg.conninfo import make_conninfo

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_DUMP_FILE = "database.pgdump"
MEDIA = "media/"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Figure:
    """One figure a restore must reproduce: a row count or a column's sum, by table."""

    name: str
    table: str
    expression: str = "COUNT(*)"


def figures() -> list[Figure]:
    from wagtail.images import get_image_model

    from bigasia.articles.models import ArticlePage
    from bigasia.newsletters.models import Subscriber
    from bigasia.readership.models import ArticleViews

    return [
        Figure("articles", ArticlePage._meta.db_table),
        Figure("subscribers", Subscriber._meta.db_table),
        Figure("images", get_image_model()._meta.db_table),
        Figure("views", ArticleViews._meta.db_table, "COALESCE(SUM(views), 0)"),
    ]


def count(cursor) -> dict[str, int]:
    found = {}
    for figure in figures():
        cursor.execute(f"SELECT {figure.expression} FROM {figure.table}")
        found[figure.name] = int(cursor.fetchone()[0])
    return found


def default_output() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return settings.BACKUP_DIR / f"bigasia-{stamp}.tar"


def create(output: Path) -> dict:
    """Write the archive at `output`; returns its manifest (with the archive's size)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    postgresql = connections["default"].vendor == "postgresql"
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as scratch:
        database_file = Path(scratch) / (PG_DUMP_FILE if postgresql else SQLITE_FILE)
        counts = (_dump_postgresql if postgresql else _copy_sqlite)(database_file)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": "postgresql" if postgresql else "sqlite",
            "counts": counts,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(database_file, database_file.name)
            manifest["media_files"] = _add_media(archive)
            manifest_file = Path(scratch) / MANIFEST
            manifest_file.write_text(json.dumps(manifest, indent=1))
            archive.add(manifest_file, MANIFEST)
        partial.rename(output)  # a crash mid-way never leaves a file that looks complete
    return {**manifest, "size_bytes": output.stat().st_size}


def _copy_sqlite(target: Path) -> dict[str, int]:
    source_path = settings.DATABASES["default"]["NAME"]
    with closing(sqlite3.connect(source_path, timeout=20)) as source:
        with closing(sqlite3.connect(target)) as copy:
            source.backup(copy)  # one step: see the module's docstring
            return count(copy.cursor())


def _pg_environment() -> dict[str, str]:
    db = settings.DATABASES["default"]
    given = {"PGHOST": db["HOST"], "PGPORT": str(db["PORT"] or ""), "PGUSER": db["USER"],
             "PGPASSWORD": db["PASSWORD"], "PGDATABASE": db["NAME"]}  # fmt: skip
    return {**os.environ, **{name: value for name, value in given.items() if value}}


def _dump_postgresql(target: Path) -> dict[str, int]:
    env = _pg_environment()
    # conninfo "" takes every parameter from the PG* variables, as pg_dump does.
    with psycopg.connect(make_conninfo("", **_libpq(env))) as conn:
        conn.read_only = True
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        exported = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert exported is not None  # the function always returns one row
        snapshot = exported[0]
        counts = count(conn.cursor())
        # The transaction stays open while pg_dump reads, so the snapshot stays valid.
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              f"--snapshot={snapshot}", f"--file={target}"], env)  # fmt: skip
    return counts


def _libpq(env: dict[str, str]) -> dict[str, str]:
    names = {"PGHOST": "host", "PGPORT": "port", "PGUSER": "user", "PGPASSWORD": "password",
             "PGDATABASE": "dbname"}  # fmt: skip
    return {names[key]: env[key] for key in names if env.get(key)}


def _run(argv: list[str], env: dict[str, str]) -> None:
    if shutil.which(argv[0]) is None:
        raise BackupError(f"{argv[0]} is not installed (Debian: postgresql-client).")
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {result.stderr.strip()}")


def _add_media(archive: tarfile.TarFile) -> int:
    root = Path(settings.MEDIA_ROOT)
    added = 0
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        if path.is_file() and not path.is_symlink():
            archive.add(path, MEDIA + path.relative_to(root).as_posix(), recursive=False)
            added += 1
    return added


def restore(source: Path, replace: bool = False) -> dict:
    """Unpack the archive into this installation's database and MEDIA_ROOT, then verify."""
    try:
        archive = tarfile.open(source)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{source} is not a backup archive: {exc}") from exc
    with archive, tempfile.TemporaryDirectory(prefix="bigasia-restore-") as scratch:
        manifest = _manifest(archive)
        postgresql = connections["default"].vendor == "postgresql"
        if manifest["database"] != ("postgresql" if postgresql else "sqlite"):
            raise BackupError(
                f"The archive holds a {manifest['database']} database; this installation "
                f"uses {connections['default'].vendor}. Restore into the same kind."
            )
        media = [m for m in archive.getmembers() if m.name.startswith(MEDIA) and m.isfile()]
        _refuse_data_unless_replacing(postgresql, media, replace)
        name = PG_DUMP_FILE if postgresql else SQLITE_FILE
        archive.extract(name, scratch, filter="data")
        connections.close_all()
        if postgresql:
            _restore_postgresql(Path(scratch) / name, replace)
        else:
            _restore_sqlite(Path(scratch) / name)
        _extract_media(archive, media)
    return {**manifest, "verified": verify(manifest, media)}


def _manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.extractfile(MANIFEST)
        if member is None:  # a directory or link by that name: no manifest
            raise KeyError(MANIFEST)
        manifest = json.load(member)
    except (KeyError, ValueError) as exc:
        raise BackupError(f"The archive has no readable {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _refuse_data_unless_replacing(postgresql: bool, media: list, replace: bool) -> None:
    if replace:
        return
    root = Path(settings.MEDIA_ROOT)
    if postgresql:
        with connections["default"].cursor() as cursor:
            tables = connections["default"].introspection.table_names(cursor)
        holds = f"the database {settings.DATABASES['default']['NAME']}" if tables else None
    else:
        path = Path(settings.DATABASES["default"]["NAME"])
        holds = str(path) if path.exists() and path.stat().st_size else None
    if holds is None and media and root.is_dir() and any(root.iterdir()):
        holds = str(root)
    if holds:
        raise BackupError(f"{holds} already holds data; pass --replace to overwrite it.")


def _restore_sqlite(dump: Path) -> None:
    target = Path(settings.DATABASES["default"]["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".restoring")
    shutil.copyfile(dump, partial)
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)  # an old WAL would be replayed onto the new file
    os.replace(partial, target)


def _restore_postgresql(dump: Path, replace: bool) -> None:
    cleaning = ["--clean", "--if-exists"] if replace else []
    env = _pg_environment()
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *cleaning,
          f"--dbname={env['PGDATABASE']}", str(dump)], env)  # fmt: skip


def _extract_media(archive: tarfile.TarFile, media: list[tarfile.TarInfo]) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    for member in media:
        member.name = member.name[len(MEDIA) :]
        archive.extract(member, root, filter="data")  # no absolute paths, no "..", no links


def verify(manifest: dict, media: list[tarfile.TarInfo]) -> bool:
    """The restored database shows the manifest's figures and every media file is back."""
    connections.close_all()
    with connections["default"].cursor() as cursor:
        found = count(cursor)
    if found != manifest["counts"]:
        expected = manifest["counts"]
        raise BackupError(f"Restored figures {found} differ from the backup's {expected}.")
    root = Path(settings.MEDIA_ROOT)
    missing = [m.name for m in media if not (root / m.name).is_file()]
    if missing or len(media) != manifest["media_files"]:
        raise BackupError(f"Media files missing after the restore: {missing[:5]}")
    return True
