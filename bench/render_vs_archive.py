"""Does a full render get slower as the archive grows? Article, section and home pages.

Full render = the edge (page) cache off; production settings; Django's test client
in-process; median of --runs requests after a warm-up. Two figures per page:

  warm  the page's fragments are cached (every render between two publishes)
  cold  Django's cache emptied before each request (the first render after a publish,
        and colder: navigation, counts and partners' lists are read again too)

Small archive: a throw-away PostgreSQL database with the demo topped up to 1,000 articles.
Large archive: the same database grown to --articles, or an existing database named with
--large-db (e.g. the one `bigasia demo --articles 1000000` filled; only read here). The
reference is the same page in the small archive: ratio = large / small (target < 1.5).

Usage: .venv/bin/python -m bench.render_vs_archive [--articles 1000000] [--runs 50]
       .venv/bin/python -m bench.render_vs_archive --large-db bigasia_1m
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

PG = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
SMALL = 1_000
TARGET = 1.5


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--large-db", help="an existing database with the large archive")
    args = parser.parse_args()
    small_db = f"bigasia_archive_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", small_db], check=True)
    os.environ.update(
        DATABASE_URL=f"{PG}/{small_db}", DJANGO_SETTINGS_MODULE="bigasia.settings.production",
        SECRET_KEY="r" * 60, ALLOWED_HOSTS="testserver", EDGE_ENABLED="0",
        SECURE_SSL_REDIRECT="0", DATA_DIR=tempfile.mkdtemp(prefix="bigasia-archive-"),
    )  # fmt: skip
    try:
        run(args, small_db)
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--force", small_db])


def run(args, small_db: str) -> None:
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
    report(args.runs, small_count, large_count, small, large)


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
        results[name, "cold"] = median_ms(lambda u=url: client.get(u), runs, before=cache.clear)
    return results


def median_ms(render, runs: int, before=lambda: None) -> float:
    timings = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        render()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def report(runs, small_count, large_count, small, large) -> None:
    print(f"full render, median of {runs}, PostgreSQL, production settings, edge cache off")
    print(f"{'page':<8} {'fragments':<9} {small_count:>9,} arts ms {large_count:>11,} arts ms"
          f" {'ratio':>6}  target < {TARGET}")  # fmt: skip
    for name, state in small:
        ratio = large[name, state] / small[name, state]
        verdict = "met" if ratio < TARGET else "MISSED"
        print(f"{name:<8} {state:<9} {small[name, state]:>17.1f} {large[name, state]:>19.1f}"
              f" {ratio:>6.2f}  {verdict}")  # fmt: skip


def progress(total: int):
    done = [0]

    def advance(step: int) -> None:
        done[0] += step
        if done[0] % 50_000 < step:
            print(f"  {done[0]:,}/{total:,}", file=sys.stderr, flush=True)

    return advance


if __name__ == "__main__":
    main()
