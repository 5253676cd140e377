"""Does a full render get slower as the archive grows? Article, section and home pages.

Full render = the edge (page) cache off; production settings; Django's test client
in-process; median of --runs requests after a warm-up. Three figures per page:

  warm   the page's fragments are cached (every render between two publishes): the
         reference of the cold figure
  cold   the first render after another story's publish (bench/_publishing.py), what the
         readers who arrive right after a publish wait on; targets: article under 20 ms,
         home under 30 ms
  empty  Django's cache emptied before each request (as after a restart or an eviction)

Small archive: a throw-away database with the demo topped up to 1,000 articles.
Large archive: the same database grown to --articles, or an existing database named with
--large-db (e.g. the one `bigasia demo --articles 1000000` filled; read, and published to
for the cold figure). The reference is the same page in the small archive: ratio = large /
small (target < 1.5).

The database is PostgreSQL (a new one, named by --db or at random, dropped at the end), or
with --sqlite a SQLite file in a temporary directory.

Usage: .venv/bin/python -m bench.render_vs_archive [--articles 1000000] [--runs 50]
       .venv/bin/python -m bench.render_vs_archive --articles 2000 --sqlite
       .venv/bin/python -m bench.render_vs_archive --large-db bigasia_1m
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

from bench._publishing import drop_database, publish_another_story, set_up_database

PG = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
SMALL = 1_000
TARGET = 1.5
COLD_TARGETS_MS = {"article": 20, "home": 30}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--large-db", help="an existing database with the large archive")
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument("--db", help="name of the PostgreSQL database to create and drop")
    args = parser.parse_args()
    if args.sqlite and args.large_db:
        parser.error("--large-db names a PostgreSQL database")
    small_db = set_up_database(PG, args.sqlite, args.db)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bigasia.settings.production",
        SECRET_KEY="r" * 60, ALLOWED_HOSTS="testserver", EDGE_ENABLED="0",
        SECURE_SSL_REDIRECT="0", DATA_DIR=tempfile.mkdtemp(prefix="bigasia-archive-"),
    )  # fmt: skip
    try:
        run(args)
    finally:
        drop_database(small_db)


def run(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from bigasia.articles.models import ArticlePage
    from bigasia.demo.synthetic import create_synthetic_articles

    call_command("migrate", "--no-input", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # the manifest production reads
    call_command("demo", "--no-editor", verbosity=0)
    create_synthetic_articles(max(SMALL - ArticlePage.objects.count(), 0))
    small_count = ArticlePage.objects.count()
    small = measure(args.runs)
    if args.large_db:
        connections.close_all()
        connection.settings_dict["NAME"] = args.large_db
        call_command("migrate", "--no-input", verbosity=0)  # a no-op when it is current
    else:
        started = time.monotonic()
        create_synthetic_articles(
            args.articles - small_count, advance=progress(args.articles - small_count)
        )
        print(f"grew the archive in {time.monotonic() - started:.0f} s", file=sys.stderr)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give
    large_count = ArticlePage.objects.count()
    large = measure(args.runs)
    backend = "SQLite" if args.sqlite else "PostgreSQL"
    report(args.runs, backend, small_count, large_count, small, large)


def pages() -> dict[str, str]:
    from bigasia.articles.models import HomePage, SectionPage

    home = HomePage.objects.get(locale__language_code="ru")
    return {
        "article": home.featured_article.url,
        "section": SectionPage.objects.get(locale__language_code="ru", slug="economics").url,
        "home": home.url,
    }


def measure(runs: int) -> dict[tuple[str, str], float]:
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    results = {}
    for name, url in pages().items():
        for _ in range(5):
            assert client.get(url).status_code == 200, url
        results[name, "warm"] = median_ms(lambda u=url: client.get(u), runs)
        results[name, "cold"] = median_ms(
            lambda u=url: client.get(u), runs, before=publish_another_story
        )
        results[name, "empty"] = median_ms(lambda u=url: client.get(u), runs, before=cache.clear)
    return results


def median_ms(render, runs: int, before=lambda: None) -> float:
    timings = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        render()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def report(runs, backend, small_count, large_count, small, large) -> None:
    load = os.getloadavg()[0]
    print(f"full render, median of {runs}, {backend}, production settings, edge cache off,"
          f" load average {load:.1f}")  # fmt: skip
    print(f"{'page':<8} {'state':<6} {small_count:>9,} arts ms {large_count:>11,} arts ms"
          f" {'ratio':>6}  target < {TARGET}  cold target (ms, vs warm)")  # fmt: skip
    for name, state in small:
        ratio = large[name, state] / small[name, state]
        verdict = "met" if ratio < TARGET else "MISSED"
        line = (f"{name:<8} {state:<6} {small[name, state]:>17.1f} {large[name, state]:>19.1f}"
                f" {ratio:>6.2f}  {verdict:<12}")  # fmt: skip
        if state == "cold" and name in COLD_TARGETS_MS:
            worst = max(small[name, state], large[name, state])
            met = "met" if worst < COLD_TARGETS_MS[name] else "MISSED"
            line += f"  < {COLD_TARGETS_MS[name]}: {met} ({worst / large[name, 'warm']:.1f}x warm)"
        print(line)


def progress(total: int):
    done = [0]

    def advance(step: int) -> None:
        done[0] += step
        if done[0] % 50_000 < step:
            print(f"  {done[0]:,}/{total:,}", file=sys.stderr, flush=True)

    return advance


if __name__ == "__main__":
    main()
