"""recall@10 of site search on the judged query set (36 queries, ru and en) over the demo
publication, against a naive reference measured in the same run: title/lead substring match
(what a search without stemming or ranking finds), newest first.

    .venv/bin/python -m bench.search_relevance            # PostgreSQL (database bigasia_bench_rel)
    .venv/bin/python -m bench.search_relevance --sqlite   # the embedded SQLite/FTS5 mode
"""

import argparse
import os
import tempfile
from pathlib import Path

from bench._pgbench_site import say, use_database
from bench.search_judged_queries import JUDGED


def setup(sqlite: bool) -> None:
    if sqlite:
        path = Path(tempfile.mkdtemp(prefix="bigasia-rel-")) / "db.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bigasia.settings.test")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    else:
        use_database("bigasia_bench_rel", fresh=True)
    from django.core.management import call_command

    call_command("demo", verbosity=0)
    call_command("search", "reindex", "--no-progress", verbosity=0)


def ours(text: str, language: str) -> list[str]:
    from bigasia.search import service

    query = service.parse(text)
    return [e.title for e in service.matching_entries(query, language, {})[:10]]


def naive(text: str, language: str) -> list[str]:
    from django.db.models import Q

    from bigasia.search.models import SearchEntry

    condition = Q(title__icontains=text) | Q(lead__icontains=text)
    found = SearchEntry.objects.filter(condition, language=language).order_by("-published_at")
    return list(found.values_list("title", flat=True)[:10])


def recall(found: list[str], wanted: list[str]) -> float:
    hits = sum(any(title.startswith(prefix) for title in found) for prefix in wanted)
    return hits / len(wanted)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    setup(args.sqlite)
    ours_scores, naive_scores = [], []
    for language, text, wanted in JUDGED:
        mine, reference = (
            recall(ours(text, language), wanted),
            recall(naive(text, language), wanted),
        )
        ours_scores.append(mine)
        naive_scores.append(reference)
        if mine < 1:
            say(f"  {language} {text!r}: recall@10 {mine:.2f} (naive {reference:.2f})")
    mean = sum(ours_scores) / len(ours_scores)
    reference = sum(naive_scores) / len(naive_scores)
    mode = "SQLite FTS5" if args.sqlite else "PostgreSQL"
    say(f"{mode}: {len(JUDGED)} judged queries, mean recall@10 {mean:.3f}")
    say(f"naive substring reference: mean recall@10 {reference:.3f}")
    say(f"ratio ours / reference: {mean / reference:.2f}")


if __name__ == "__main__":
    main()
