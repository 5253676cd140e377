"""Where a full render spends its time: article, section and home page, in-process.

Production settings with the edge (page) cache off, Django's test client, the demo content
(plus --articles synthetic ones) in SQLite (default) or PostgreSQL (--pg, in a new database
named by --db or at random, dropped at the end). Prints, per page, the median full-render
time, the number of SQL queries, and with --profile a CPU-time profile (cProfile) of --runs
renders. With --cold every render measured is the first after another story's publish
(bench/_publishing.py), the publish itself neither timed nor profiled.

Usage:
  .venv/bin/python -m bench.render_profile [--pg [--db NAME]] [--runs 200] [--profile]
                                           [--cold] [--keep DIR]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench._publishing import drop_database, publish_another_story, set_up_database

PG = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--articles", type=int, default=0, help="synthetic articles to add")
    parser.add_argument("--profile", action="store_true", help="print CPU-time profiles")
    parser.add_argument("--keep", metavar="DIR", help="reuse/keep this data dir (SQLite only)")
    parser.add_argument("--db", help="name of the PostgreSQL database to create and drop")
    parser.add_argument("--cold", action="store_true", help="each render after a publish")
    args = parser.parse_args()
    data_dir = Path(args.keep or tempfile.mkdtemp(prefix="bigasia-render-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    db = set_up_database(PG, not args.pg, args.db)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bigasia.settings.production", SECRET_KEY="p" * 60,
        ALLOWED_HOSTS="testserver", EDGE_ENABLED="0", SECURE_SSL_REDIRECT="0",
        DATA_DIR=str(data_dir),
    )  # fmt: skip
    try:
        run(args)
    finally:
        drop_database(db)


def run(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bigasia.articles.models import HomePage, SectionPage

    call_command("migrate", "--no-input", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # the manifest production reads
    call_command("demo", "--no-editor", "--articles", str(args.articles), verbosity=0)
    home = HomePage.objects.get(locale__language_code="ru")
    pages = {
        "article": home.featured_article.url,
        "section": SectionPage.objects.get(locale__language_code="ru", slug="economics").url,
        "home": home.url,
    }
    client = Client()
    backend = "PostgreSQL" if args.pg else "SQLite"
    before = publish_another_story if args.cold else lambda: None
    state = "first render after another story's publish" if args.cold else "fragments cached"
    print(f"full render in-process, {backend}, production settings, edge cache off, {state},"
          f" load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'page':<8} {'median ms':>10} {'queries':>8}  url")
    for name, url in pages.items():
        for _ in range(5):
            assert client.get(url).status_code == 200
        before()
        queries = count_queries(connection, client, url)
        timings = []
        for _ in range(args.runs):
            before()
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"{name:<8} {statistics.median(timings):>10.2f} {queries:>8}  {url}")
    if args.profile:
        profile(client, pages, args.runs, before)


def count_queries(connection, client, url: str) -> int:
    queries: list[str] = []

    def counted(execute, sql, *rest):
        queries.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(counted):
        client.get(url)
    return len(queries)


def profile(client, pages: dict[str, str], runs: int, before) -> None:
    """cProfile on CPU time (not wall time: the machine is shared, waiting is noise)."""
    import cProfile
    import pstats

    for name, url in pages.items():
        profiler = cProfile.Profile(time.process_time)
        cpu = 0.0
        for _ in range(runs):
            before()
            started = time.process_time()
            profiler.enable()
            client.get(url)
            profiler.disable()
            cpu += time.process_time() - started
        cpu_ms = cpu * 1000 / runs
        print(f"\n===== {name}: {cpu_ms:.2f} ms CPU per render (profiled), top by cumulative")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(r"bigasia|wagtail|template|db/models", 40)


if __name__ == "__main__":
    main()
