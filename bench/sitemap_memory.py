"""Peak memory and time of the full sitemap (index + every file) for an archive of N
articles in PostgreSQL, against the same process's baseline, and the time against a
reference measured in the same run: a bare scan of the same rows (.values_list().iterator()).

    .venv/bin/python bench/sitemap_memory.py [--articles 100000]

Articles come from `bigasia demo --articles N` (written straight into the page tree) in a
throw-away database, bigasia_bench_sitemap; rerunning reuses what is there. Peak memory is the
kernel's high-water mark of resident memory (VmHWM), reset after setup through
/proc/self/clear_refs, so it measures the sitemap alone.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pgbench_site import say, use_database  # noqa: E402


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


def stream_everything(base: str) -> tuple[int, int]:
    from bigasia.distribution import sitemaps

    files = byte_count = 0
    for chunk in sitemaps.sitemap_index(base):
        byte_count += len(chunk)
    for chunk in sitemaps.sections_file(base):
        byte_count += len(chunk)
    for number in range(1, sitemaps.article_file_count() + 1):
        files += 1
        for chunk in sitemaps.articles_file(number, base):
            byte_count += len(chunk)
    return files, byte_count


def bare_scan() -> int:
    from bigasia.articles.models import ArticlePage

    rows = ArticlePage.objects.live().public().order_by("pk")
    return sum(1 for _ in rows.values_list("pk", "url_path").iterator(chunk_size=2000))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    use_database("bigasia_bench_sitemap")
    started = time.perf_counter()
    live = ensure_articles(args.articles)
    say(f"archive: {live:,} live articles (setup {time.perf_counter() - started:.0f} s)")
    bare_scan()  # warm PostgreSQL's buffers for both measurements alike
    Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark
    baseline = rss_kib("VmRSS")
    started = time.perf_counter()
    files, size = stream_everything("https://bigasia.example/")
    elapsed = time.perf_counter() - started
    peak = rss_kib("VmHWM")
    started = time.perf_counter()
    bare_scan()
    reference = time.perf_counter() - started
    say(f"sitemap: {files} article file(s), {size / 1e6:.1f} MB of XML in {elapsed:.2f} s")
    say(
        f"peak memory above baseline: {(peak - baseline) / 1024:.1f} MB"
        f" (baseline {baseline / 1024:.0f} MB)"
    )
    say(f"bare row scan: {reference:.2f} s; ratio sitemap / scan: {elapsed / reference:.1f}")


if __name__ == "__main__":
    main()
