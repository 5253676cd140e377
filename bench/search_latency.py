"""p95 latency of a search results page (match, rank, count, first page, highlights) over N
synthetic articles in PostgreSQL, against a plain primary-key lookup in the same table.

    .venv/bin/python -m bench.search_latency --rows 100000
    .venv/bin/python -m bench.search_latency --rows 1000000
    .venv/bin/python -m bench.search_latency --rows 100000 --small-vocabulary

The corpus is news-like: words follow Zipf's law (the word of rank k is 1/k as frequent as the
first) over 50,000 words per language — the demo stories' words first, then made-up words.
`--small-vocabulary` is the old worst case: every word drawn uniformly from the demo stories'
1,600/1,200 word forms, so any one-word query matches about a third of its language.

Queries are 1-2 words whose rank is drawn the same Zipfian way (so about a fifth of them are
among the ten commonest words), reported together and split into "common" (a word of rank
≤ 20: the most expensive, many thousands of matches) and "other".

Rows are made here and streamed with one COPY into the index table (so PostgreSQL computes the
generated weighted tsvector as in production while this process makes the next rows); the
table is UNLOGGED and its indexes are dropped during the fill and rebuilt afterwards from their
own definitions. Each size has its
own database (bigasia_bench_search_<rows>[_small]); `--reuse` keeps the rows of the last run.
"""

import argparse
import random
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench._pgbench_site import percentile, say, use_database

STORIES = Path(__file__).resolve().parents[1] / "src/bigasia/demo/stories.py"
VOCABULARY_SIZE = 50_000
COMMON_RANK = 20
TARGETS_MS = {100_000: 50, 1_000_000: 150}
SYLLABLES = {
    "ru": ("бвгдзклмнпрстфхцчшщ", "аеиоуыэюя"),
    "en": ("bcdfghjklmnprstvwz", "aeiouy"),
}


def demo_words(language: str) -> list[str]:
    letters = "а-яё" if language == "ru" else "a-z"
    return sorted(set(re.findall(rf"\b[{letters}]{{4,}}\b", STORIES.read_text().lower())))


def zipf_vocabulary(language: str, rng: random.Random) -> list[str]:
    """Words by rank: the demo stories' words (shuffled), then made-up words of 2-4 syllables."""
    words = demo_words(language)
    rng.shuffle(words)
    taken = set(words)
    consonants, vowels = SYLLABLES[language]
    while len(words) < VOCABULARY_SIZE:
        count = rng.randint(2, 4)
        word = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(count))
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


COLUMNS = (
    "page_id, language, url, title, lead, body, keywords, section_id, section_title,"
    " countries, source_id, source_name, published_at"
)
TITLE_WORDS, LEAD_WORDS, BODY_WORDS = 7, 25, 120


def synthetic_rows(count: int, vocabularies: dict[str, list[str]], zipf: bool) -> Iterator:
    """Rows of the index table, half Russian, half English, one a minute back from now."""
    rng = random.Random(6)
    now = datetime.now(UTC)
    per_row = TITLE_WORDS + LEAD_WORDS + BODY_WORDS
    for g in range(1, count + 1):
        language = "ru" if g % 2 == 0 else "en"
        vocab = vocabularies[language]
        size = len(vocab)
        random_ = rng.random
        if zipf:
            # rank = size ** u with u uniform in [0, 1): rank k is about 1/k as likely as 1.
            words = [vocab[int(size ** random_()) - 1] for _ in range(per_row)]
        else:
            words = [vocab[int(size * random_())] for _ in range(per_row)]
        lead_end = TITLE_WORDS + LEAD_WORDS
        yield (
            g, language, f"/{language}/s/{g}/",
            " ".join(words[:TITLE_WORDS]), " ".join(words[TITLE_WORDS:lead_end]),
            " ".join(words[lead_end:]), "", 1 + g % 5, "section", f"|{1 + g % 9}|",
            1 + g % 4, "source", now - timedelta(minutes=g),
        )  # fmt: skip


def fill(rows: int, vocabularies: dict[str, list[str]], zipf: bool) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE sitesearch_searchentry")
        # A throw-away table: no WAL, and the indexes are built once over the full table
        # rather than updated row by row. The query plans are the same as for a logged table.
        cursor.execute("ALTER TABLE sitesearch_searchentry SET UNLOGGED")
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'sitesearch_searchentry'"
            " AND indexname NOT LIKE '%%_pkey'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        # COPY: this process makes the text while PostgreSQL computes the tsvectors.
        copy_sql = f"COPY sitesearch_searchentry ({COLUMNS}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for row in synthetic_rows(rows, vocabularies, zipf):
                copy.write_row(row)
        say(f"  rows written in {time.perf_counter() - started:.0f} s")
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        # What autovacuum does on a live table: statistics, and the visibility map.
        cursor.execute("VACUUM ANALYZE sitesearch_searchentry")
    return time.perf_counter() - started


def query_words(vocabularies: dict[str, list[str]], zipf: bool, count: int) -> list[tuple]:
    """(text, language, common?) for `count` queries of 1-2 words."""
    rng = random.Random(6)
    queries = []
    for n in range(count):
        language = "ru" if n % 2 == 0 else "en"
        vocab = vocabularies[language]
        if zipf:
            ranks = [int(len(vocab) ** rng.random()) for _ in range(1 + n % 2)]
        else:
            ranks = rng.sample(range(1, len(vocab) + 1), 1 + n % 2)
        text = " ".join(vocab[rank - 1] for rank in ranks)
        queries.append((text, language, min(ranks) <= COMMON_RANK))
    return queries


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def search_page(text: str, language: str) -> None:
    from django.core.paginator import Paginator

    from bigasia.search import service

    query = service.parse(text)
    page = Paginator(service.matching_entries(query, language, {}), 10).get_page(1)
    service.highlight(list(page), query, language)
    page.paginator.count  # noqa: B018 - the page shows it


def lookup(page_id: int) -> None:
    from bigasia.search.models import SearchEntry

    SearchEntry.objects.filter(page_id=page_id).first()


def report(label: str, times: list[float]) -> float:
    if not times:
        return 0.0
    p95 = percentile(times, 0.95)
    say(f"{label:<34} n={len(times):4}  p50 {percentile(times, 0.5):7.2f} ms   p95 {p95:7.2f} ms")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--small-vocabulary", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep the rows of the last run")
    args = parser.parse_args()
    zipf = not args.small_vocabulary
    suffix = "" if zipf else "_small"
    use_database(f"bigasia_bench_search_{args.rows}{suffix}")
    rng = random.Random(6)
    vocabularies = {
        language: zipf_vocabulary(language, rng) if zipf else demo_words(language)
        for language in ("ru", "en")
    }
    kind = "Zipfian, 50,000 words" if zipf else "uniform, demo words only"
    if not args.reuse:
        say(f"generating {args.rows:,} rows ({kind} per language)…")
        say(f"  filled and indexed in {fill(args.rows, vocabularies, zipf):.0f} s")
    queries = query_words(vocabularies, zipf, args.queries)
    for text, language, _common in queries[:20]:  # warm the caches as a running site would
        search_page(text, language)
    times = [(timed(lambda t=t, lang=lang: search_page(t, lang)), c) for t, lang, c in queries]
    reference = [timed(lambda: lookup(rng.randint(1, args.rows))) for _ in queries]
    say(f"rows: {args.rows:,} ({kind}); queries: 1-2 words, ru and en")
    p95 = report("search page, all queries", [t for t, _c in times])
    report(f"  of which a word of rank <= {COMMON_RANK}", [t for t, c in times if c])
    report("  of which only rarer words", [t for t, c in times if not c])
    ref95 = report("reference: primary-key lookup", reference)
    say(f"ratio p95 search / p95 lookup: {p95 / ref95:.1f}")
    target = TARGETS_MS.get(args.rows)
    if target:
        say(f"target p95 < {target} ms: p95 / target = {p95 / target:.2f}")


if __name__ == "__main__":
    main()
