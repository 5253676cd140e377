"""Peak memory and time of the full sitemap (index + every file) for an archive of N
articles in PostgreSQL, against the same process's baseline, and the time against a
reference measured in the same run: a bare scan of the same rows (.values_list().iterator()).

    .venv/bin/python -m bench.sitemap_memory [--articles 100000]
    .venv/bin/python -m bench.sitemap_memory --database-url postgres://…/bigasia_1m

Articles come from `bigasia demo --articles N` (written straight into the page tree) in a
throw-away database, bigasia_bench_sitemap; rerunning reuses what is there. With
--database-url the sitemap of an existing, migrated database is measured as it is: nothing
is migrated or written there (only SELECTs run). Peak memory is the
kernel's high-water mark of resident memory (VmHWM), reset after setup through
/proc/self/clear_refs, so it measures the sitemap alone.
"""

import argparse
import time
from pathlib import Path

from bench._pgbench_site import say, use_database, use_existing_database

TARGET_MB = 100


def rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def ensure_articles(count: int) -> int:
    from django.core.management import call_command

    from bigasia.articles.models import ArticlePage

    if not ArticlePage.objects.exists():
        call_command("demo", verbosity=0)
    missing = count - ArticlePage.objects.live().count()
    if missing > 0:
        call_command("demo", articles=missing, verbosity=0)
    return ArticlePage.objects.live().count()


def warm_up(base: str) -> None:
    """Run every code path once on a little data, so the peak is what grows, not imports.

    The first URL made populates Django's URL resolver and the first gettext loads the
    catalogues: a few MB paid once per process, whatever the archive's size.
    """
    from bigasia.distribution import sitemaps

    for _ in sitemaps.sitemap_index(base, []):
        pass
    for _ in sitemaps.sections_file(base):
        pass
    numbers = sitemaps.article_file_numbers()
    for count, _chunk in enumerate(sitemaps.articles_file(numbers[0], base) if numbers else []):
        if count > 100:
            break
    for _ in sitemaps.news_sitemap(base):
        pass


def stream_everything(base: str) -> tuple[int, list[float], list[float]]:
    """(bytes of XML, seconds per article file, peak MB after each article file)."""
    from bigasia.distribution import sitemaps

    byte_count = 0
    for chunk in sitemaps.sitemap_index(base, []):
        byte_count += len(chunk)
    for chunk in sitemaps.sections_file(base):
        byte_count += len(chunk)
    file_times, peaks = [], []
    for number in sitemaps.article_file_numbers():
        started = time.perf_counter()
        for chunk in sitemaps.articles_file(number, base):
            byte_count += len(chunk)
        file_times.append(time.perf_counter() - started)
        peaks.append(rss_kib("VmHWM") / 1024)
    return byte_count, file_times, peaks


def bare_scan() -> int:
    from bigasia.articles.models import ArticlePage

    rows = ArticlePage.objects.live().public().order_by("pk")
    return sum(1 for _ in rows.values_list("pk", "url_path").iterator(chunk_size=2000))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database-url", help="measure this existing database, read-only")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.database_url:
        use_existing_database(args.database_url)
        from bigasia.articles.models import ArticlePage

        live = ArticlePage.objects.live().count()
    else:
        use_database("bigasia_bench_sitemap")
        live = ensure_articles(args.articles)
    say(f"archive: {live:,} live articles (setup {time.perf_counter() - started:.0f} s)")
    base = "https://bigasia.example/"
    bare_scan()  # warm PostgreSQL's buffers for both measurements alike
    warm_up(base)
    Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark
    baseline = rss_kib("VmRSS")
    started = time.perf_counter()
    size, file_times, peaks = stream_everything(base)
    elapsed = time.perf_counter() - started
    peak = rss_kib("VmHWM")
    started = time.perf_counter()
    bare_scan()
    reference = time.perf_counter() - started
    say(
        f"sitemap: {len(file_times)} article file(s), {size / 1e6:.1f} MB of XML in {elapsed:.2f} s"
    )
    if file_times:
        say(
            "seconds per article file: first "
            f"{file_times[0]:.2f}, last {file_times[-1]:.2f}, slowest {max(file_times):.2f}"
        )
        base_mb = baseline / 1024
        say(
            "peak above baseline after the first file "
            f"{peaks[0] - base_mb:.1f} MB, after the last {peaks[-1] - base_mb:.1f} MB"
        )
    above = (peak - baseline) / 1024
    say(f"peak memory above baseline: {above:.1f} MB (baseline {baseline / 1024:.0f} MB)")
    say(f"target < {TARGET_MB} MB above baseline: ratio {above / TARGET_MB:.2f}")
    say(f"bare row scan: {reference:.2f} s; ratio sitemap / scan: {elapsed / reference:.1f}")
    say(f"time per 100,000 articles: {elapsed / max(live, 1) * 100_000:.2f} s")


if __name__ == "__main__":
    main()
