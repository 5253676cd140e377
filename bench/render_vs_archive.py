"""Does a full render get slower as the archive grows? Article, section and home pages.

Builds a PostgreSQL site with the demo plus synthetic articles, times full renders (the edge
cache off, Django's test client in-process, median of --runs requests after a warm-up) with
1,000 articles, then grows the archive to --articles and times again. The reference is the
same page measured at 1,000 articles in the same run: ratio = large / small (target < 1.5).

Usage: .venv/bin/python bench/render_vs_archive.py [--articles 1000000] [--runs 50]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid

PG = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    db = f"bigasia_archive_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db], check=True)
    os.environ.update(
        DATABASE_URL=f"{PG}/{db}", DJANGO_SETTINGS_MODULE="bigasia.settings.dev", DEBUG="0",
        SECRET_KEY="r" * 60, ALLOWED_HOSTS="testserver", EDGE_ENABLED="0",
    )  # fmt: skip
    try:
        run(args.articles, args.runs)
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--force", db])


def run(large: int, runs: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bigasia.articles.models import ArticlePage, HomePage, SectionPage
    from bigasia.core.demo.synthetic import create_synthetic_articles

    call_command("migrate", "--no-input", verbosity=0)
    call_command("demo", "--no-editor", verbosity=0)
    existing = ArticlePage.objects.count()
    create_synthetic_articles(max(1_000 - existing, 0))
    home = HomePage.objects.get(locale__language_code="ru")
    pages = {
        "article": home.featured_article.url,
        "section": SectionPage.objects.get(locale__language_code="ru", slug="economics").url,
        "home": home.url,
    }
    client = Client()
    small = {name: median_ms(client, url, runs) for name, url in pages.items()}
    count_small = ArticlePage.objects.count()
    started = time.monotonic()
    create_synthetic_articles(large - count_small, advance=progress(large - count_small))
    print(f"\ngrew the archive to {large:,} articles in {time.monotonic() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give
    big = {name: median_ms(client, url, runs) for name, url in pages.items()}
    print(f"full render, median of {runs}, PostgreSQL, edge cache off")
    print(f"{'page':<9} {count_small:>7,} arts ms {large:>10,} arts ms {'ratio':>6}")
    for name in pages:
        print(f"{name:<9} {small[name]:>15.1f} {big[name]:>17.1f} {big[name] / small[name]:>6.2f}")


def median_ms(client, url: str, runs: int) -> float:
    for _ in range(5):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def progress(total: int):
    done = [0]

    def advance(step: int) -> None:
        done[0] += step
        if done[0] % 50_000 < step:
            print(f"  {done[0]:,}/{total:,}", file=sys.stderr, flush=True)

    return advance


if __name__ == "__main__":
    main()
