"""Importing a synthetic WordPress archive: posts per second, peak memory, and every old URL
answering afterwards.

    .venv/bin/python -m bench.archive_wxr generate --posts 2000 --out var/bench-wxr
    .venv/bin/python -m bench.archive_import var/bench-wxr [--database-url postgres://…]
                                              [--profile var/import.prof] [--no-crawl]

A fresh site in its own DATA_DIR (a temporary folder unless `--data-dir`): migrated, with the
demo publication only (its Russian and English trees and sections), on SQLite there, or in
the PostgreSQL database `--database-url` names (which must be empty: the bench migrates it).
Then `bigasia import wxr` in this process, as the command runs it (progress bar included),
with `--media-dir DIR/uploads`. Printed: the posts per second of the import, its peak RSS
(getrusage: the process's high-water mark), and the ratio of the import rate to the rate at
which the same process only reads the file through WxrSource (the reference, measured first
in the same run), and the SQL statements the import sent per post written, by kind (SELECT,
INSERT, SAVEPOINT…: on PostgreSQL each is a round trip to the server). `--profile FILE`
writes a cProfile of the import alone.

The crawl (bench/_archive_crawl.py) then requests every old address the import made a
redirect for, in-process through Django's WSGI handler, and reports the share answering 200
or a 301 to a 200 (target ≥ 99.9 %), with the pages' images that do not resolve.
"""

import argparse
import cProfile
import io
import os
import resource
import tempfile
import time
from collections import Counter
from pathlib import Path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def set_up_site(data_dir: Path, database_url: str | None) -> None:
    """Environment, Django, migrations and the demo publication of a throw-away site."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bigasia.settings.dev", DATA_DIR=str(data_dir), DEBUG="0",
        LOG_LEVEL="WARNING", ALLOWED_HOSTS="*",
    )  # fmt: skip
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("demo", "--publication-only", "--no-editor", stdout=io.StringIO())


def read_rate(export: Path) -> tuple[float, float]:
    """Posts per second of the source alone, per wall-clock and per CPU second: the
    reference the import's rate is set against. Read three times, so that it is not a
    second's luck on a shared machine."""
    from bigasia.archive.formats.wxr import WxrSource

    wall, cpu = time.perf_counter(), time.process_time()
    posts = sum(1 for _round in range(3) for _item in WxrSource(export).posts())
    return posts / (time.perf_counter() - wall), posts / (time.process_time() - cpu)


class StatementCounter:
    """A database execute wrapper counting the statements sent, by their first word."""

    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()

    def __call__(self, execute, sql, params, many, context):
        self.kinds[sql.lstrip().split(None, 1)[0].upper()] += 1
        return execute(sql, params, many, context)

    def per_post(self, posts: int) -> str:
        total = sum(self.kinds.values())
        kinds = ", ".join(f"{kind} {count / posts:.1f}" for kind, count in self.kinds.most_common())
        return f"{total / posts:.1f} SQL statements per post written ({kinds})"


def run_import(folder: Path, profile: Path | None, statements: StatementCounter):
    from django.db import connection
    from django.utils import translation

    from bigasia.archive.formats.wxr import WxrSource
    from bigasia.archive.importer import Importer, ImportOptions

    export = folder / "export.xml"
    options = ImportOptions(language="ru", media_dir=folder / "uploads")
    importer = Importer(WxrSource(export), str(export), options, out=io.StringIO())
    profiler = cProfile.Profile() if profile else None
    with translation.override("en"), connection.execute_wrapper(statements):
        if profiler:
            profiler.enable()
        wall, cpu = time.perf_counter(), time.process_time()
        run = importer.run()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
    run.refresh_from_db()
    return run, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="what `archive_wxr generate --out` wrote")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default SQLite)")
    parser.add_argument("--data-dir", type=Path, help="the site's DATA_DIR (default: temporary)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the import here")
    parser.add_argument("--no-crawl", action="store_true", help="skip the crawl of old URLs")
    arguments = parser.parse_args()
    data_dir = arguments.data_dir or Path(tempfile.mkdtemp(prefix="bench-import-"))
    started = time.perf_counter()
    set_up_site(data_dir, arguments.database_url)
    print(f"site ready in {time.perf_counter() - started:.0f} s ({data_dir}); "
          f"RSS {peak_rss_mb():.0f} MB")  # fmt: skip
    read_wall, read_cpu = read_rate(arguments.folder / "export.xml")
    before = peak_rss_mb()
    load = os.getloadavg()[0]
    statements = StatementCounter()
    run, wall, cpu = run_import(arguments.folder, arguments.profile, statements)
    written = run.imported + run.updated
    items = written + run.unchanged + run.skipped + run.failed
    print(
        f"import: {written} written, {run.skipped} skipped, {run.failed} failed in {wall:.1f} s "
        f"({cpu:.1f} s of CPU): {items / wall:.1f} posts/s, {items / cpu:.1f} per CPU second; "
        f"peak RSS {peak_rss_mb():.0f} MB (before the import: {before:.0f} MB)\n"
        f"reference, the file read alone: {read_wall:.0f} posts/s, {read_cpu:.0f} per CPU "
        f"second; import/read ratio {items / wall / read_wall:.4f} (CPU: "
        f"{items / cpu / read_cpu:.4f}); load average {load:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after\n{statements.per_post(written)}"
    )
    if not arguments.no_crawl:
        from bench._archive_crawl import crawl

        crawl()


if __name__ == "__main__":
    main()
