"""Most-read query time over a large bucket table, against a primary-key lookup in the same run.

A throw-away PostgreSQL database gets synthetic buckets with SQL generate_series: page ids
spread over --articles articles, --per-hour articles read in every hour of 90 days (hourly
buckets) and --per-day articles per day (daily buckets), two languages. Then the real
`top_page_views` queries (24 hours from hourly buckets, 7 days from daily buckets) are timed,
as readers get them (from the ranking the periodic job `rank_most_read` stores) and summed
live (what the job does once a minute, and the fallback when no ranking is fresh).

Usage: .venv/bin/python -m bench.readership_most_read [--articles 1000000] [--per-hour 1000]
"""

import argparse
import statistics
import time

from bench._pgbench_site import say, use_database


def fill(articles: int, per_hour: int, per_day: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE readership_hourlyviews, readership_dailyviews")
        cursor.execute(
            """INSERT INTO readership_hourlyviews (page_id, locale_id, hour, views)
            SELECT DISTINCT ON (page_id, hour) page_id, 1 + page_id %% 2, hour, views FROM (
              SELECT (1 + floor(random() * %s))::bigint AS page_id,
                     date_trunc('hour', now()) - (h || ' hours')::interval AS hour,
                     (1 + floor(random() * 50))::bigint AS views
              FROM generate_series(0, 90 * 24 - 1) AS h, generate_series(1, %s) AS k
            ) AS rows ON CONFLICT DO NOTHING""",
            [articles, per_hour],
        )
        cursor.execute(
            """INSERT INTO readership_dailyviews (page_id, locale_id, day, views)
            SELECT page_id, 1 + page_id %% 2, day, views FROM (
              SELECT (1 + floor(random() * %s))::bigint AS page_id,
                     (current_date - d) AS day, (1 + floor(random() * 500))::bigint AS views
              FROM generate_series(0, 365) AS d, generate_series(1, %s) AS k
            ) AS rows ON CONFLICT DO NOTHING""",
            [articles, per_day],
        )
        cursor.execute("ANALYZE readership_hourlyviews; ANALYZE readership_dailyviews")
        cursor.execute("SELECT count(*) FROM readership_hourlyviews")
        hourly = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM readership_dailyviews")
        say(f"buckets: {hourly} hourly (90 days), {cursor.fetchone()[0]} daily (1 year)")


def timed(call, repeat: int = 30) -> float:
    call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--per-hour", type=int, default=1000)
    parser.add_argument("--per-day", type=int, default=20000)
    args = parser.parse_args()
    use_database("bigasia_bench_mostread", fresh=True)
    from bigasia.readership.models import ArticleViews
    from bigasia.readership.mostread import RANKING_SIZE, rank_all, summed_top, top_page_views

    fill(args.articles, args.per_hour, args.per_day)
    reference = timed(lambda: list(ArticleViews.objects.filter(page_id=12345)))
    say(f"primary-key lookup (reference): {reference:.2f} ms")
    for window, label in (("day", "24 h"), ("week", "7 days")):
        live = timed(lambda w=window: summed_top(1, w, RANKING_SIZE))
        say(f"summed live, {label} (the job's work, per language): {live:.2f} ms")
    started = time.perf_counter()
    rank_all()
    ranking = (time.perf_counter() - started) * 1000
    say(f"rank_most_read, both languages and windows: {ranking:.0f} ms")
    for window, label in (("day", "24 h"), ("week", "7 days")):
        read = timed(lambda w=window: top_page_views(1, w, 5))
        say(
            f"most read {label} (readers' query): {read:.2f} ms "
            f"({read / reference:.1f}x reference; target 20 ms, ratio {read / 20:.2f})"
        )


if __name__ == "__main__":
    main()
