"""Full-text matching per database: PostgreSQL tsvector/tsquery, or SQLite FTS5 on stems.

Both take a query as groups of alternative words (see morphology.query_groups): every group
must match, any word in a group may. Words are letters and digits only, so they can be put
into tsquery or FTS5 syntax safely; they are passed as bound parameters all the same.
"""

import difflib
import json
import math
from datetime import UTC, timedelta

from django.db import connection, transaction
from django.db.models import BooleanField, FloatField, Max, QuerySet
from django.db.models.expressions import RawSQL

from . import morphology

# Marks around highlighted words, from Unicode's private use area: they cannot come from
# an editor's text, so escaping the text first and turning the marks into <mark> afterwards
# leaves nothing unescaped.
MARK_START = "\ue000"
MARK_END = "\ue001"
CONFIGS = {"ru": "russian", "en": "english"}
SUGGEST_SIMILARITY = 0.4
SNIPPET_WORDS = 30
# Only the newest this many matches are ranked (and counted): see PostgresBackend.ranked_ids.
RANKED_CANDIDATES = 1000
# The archive is searched newest first in slices this many days wide (each 4x the last,
# counted back from the newest entry), the last slice open-ended.
WINDOW_DAYS = (1, 4, 16, 64, 256, 1024, 4096)
# Below this many expected matches, they are all visited at once (no slices).
FEW_MATCHES = 5 * RANKED_CANDIDATES
# A common word's newest matches are looked for first among the newest rows of the language,
# this many times as many rows as should hold RANKED_CANDIDATES of its matches.
NEWEST_ROWS_MARGIN = 2
# ... when those rows are at most this many per expected match of the word (GIN reads one
# entry per row of that window, against one per match of the word for each time slice, and
# a word of this kind takes three to five slices), and at most NEWEST_ROWS_MAX rows: every
# match in the window is visited, and a word far commoner lately than in the whole archive
# (the news of the week) can match most of it.
NEWEST_ROWS_PER_MATCH = 4
NEWEST_ROWS_MAX = 16 * RANKED_CANDIDATES

Groups = list[tuple[str, ...]]


def config_for(language: str) -> str:
    return CONFIGS.get(language, "simple")


class SearchBackend:
    """What the index needs from a database; one subclass per vendor."""

    def store(self, entry) -> None:
        """Called after the entry row is saved."""

    def remove(self, page_id: int) -> None:
        """Called after the entry row is deleted."""

    def clear(self) -> None:
        """Called after every entry row is deleted."""

    def ranked_ids(self, entries: QuerySet, groups: Groups, language: str) -> list[int]:
        """Page ids of the matching entries, best first, at most RANKED_CANDIDATES."""
        raise NotImplementedError

    def snippets(self, entries: list, groups: Groups, language: str) -> dict[int, str]:
        """{page id: lead/body text around the matches, matches between MARK_START/END}."""
        stems = {morphology.stem(w) for group in groups for w in group}
        return {entry.page_id: mark_words(excerpt(entry, stems), stems) for entry in entries}

    def suggest_word(self, word: str, language: str) -> str | None:
        raise NotImplementedError

    def similarity(self, page_ids: list[int], words: list[str], language: str) -> dict:
        """{page id: rank} of those pages that match any of the words; higher is closer."""
        raise NotImplementedError


def excerpt(entry, stems: set[str]) -> str:
    """A window of the lead and body starting a few words before the first match."""
    tokens = f"{entry.lead} {entry.body}".split()
    first = next(
        (i for i, token in enumerate(tokens) if _token_stem(token) in stems),
        0,
    )
    start = max(0, first - 5)
    window = tokens[start : start + SNIPPET_WORDS]
    return ("… " if start else "") + " ".join(window) + (" …" if len(tokens) > start + 30 else "")


def _token_stem(token: str) -> str | None:
    found = morphology.words(token)
    return morphology.stem(found[0]) if found else None


def mark_words(text: str, stems: set[str]) -> str:
    """Wrap each word whose stem was searched for in the highlight marks."""

    def marked(match) -> str:
        word = match.group(0)
        if morphology.stem(morphology.words(word)[0]) in stems:
            return f"{MARK_START}{word}{MARK_END}"
        return word

    return morphology.WORD.sub(marked, text)


class PostgresBackend(SearchBackend):
    """The generated `document` column (title A, lead B, body and keywords C) with GIN."""

    def ranked_ids(self, entries, groups, language):
        """Rank the newest RANKED_CANDIDATES matches, found slice by slice of the archive.

        A common word can match a third of the archive, and every match the database looks
        at costs a visit to its row. So the matches are collected newest first, one time
        slice at a time (UNION ALL of one SELECT per slice under one LIMIT: PostgreSQL runs
        the branches in order and stops at the first one that fills the LIMIT). A word the
        planner expects to match only a few thousand rows skips the slicing: visiting all
        its matches is cheaper than combining every slice's date range with it. Either way
        the rows visited stay near RANKED_CANDIDATES, and only RANKED_CANDIDATES are ranked.

        How a slice is found depends on how common the word is (see _newest_first_slices):
        the newest rows through the GIN index on (document, published time), which reads
        only the index entries of those rows; older slices by AND-ing the word's GIN
        entries with the date index, which reads every entry of the word.
        """
        config, tsquery = config_for(language), _tsquery(groups)
        matches = entries.filter(
            RawSQL(
                "document @@ to_tsquery(%s::regconfig, %s)",
                [config, tsquery],
                output_field=BooleanField(),
            )
        )
        language_rows = entries.model.objects.filter(language=language)
        language_count = _estimated_rows(language_rows)
        estimate = _estimated_rows(matches)
        # `document`'s statistics are over both languages, and a word is found in its own
        # language's rows only: the planner multiplies each group's share of all rows (and
        # the language's share) as if independent, so for words in its statistics (the
        # common ones) it is short by the language's share once per group.
        short_by = _estimated_rows(entries.model.objects.all()) / language_count
        # A word missing from the statistics is given half the share of the least common
        # word kept there, already more than most such words have: one group is left
        # uncorrected for this decision, so rare single words still go at once.
        if estimate * short_by ** (len(groups) - 1) <= FEW_MATCHES:
            slices = [matches]
        else:
            expected = estimate * short_by ** len(groups)
            # The newest rows of the language expected to hold NEWEST_ROWS_MARGIN times
            # RANKED_CANDIDATES matches get a slice of their own if few enough for the word.
            window = math.ceil(NEWEST_ROWS_MARGIN * RANKED_CANDIDATES * language_count / expected)
            few_enough = min(NEWEST_ROWS_PER_MATCH * expected, NEWEST_ROWS_MAX)
            newest_window = window if window <= few_enough else None
            slices = _newest_first_slices(entries, matches, language_rows, newest_window)
        branches, params = [], []
        for branch in slices:
            sql, branch_params = (
                branch.order_by("-published_at")
                .values_list("page_id", "published_at", RawSQL("document", []))
                .query.sql_with_params()
            )
            branches.append(f"({sql})")
            params += branch_params
        ranked = (
            "WITH candidates (page_id, published_at, document) AS MATERIALIZED ("
            f"{' UNION ALL '.join(branches)} LIMIT %s) SELECT page_id FROM candidates"
            " ORDER BY ts_rank_cd(document, to_tsquery(%s::regconfig, %s)) DESC,"
            " published_at DESC"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            # A parallel plan could interleave the branches; in order, the first slices win.
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            # The estimated cost of branches that never run can pass jit_above_cost, and
            # compiling the plan took 70-90 ms at 1,000,000 articles, for work of a few ms.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(ranked, [*params, RANKED_CANDIDATES, config, tsquery])
            return [row[0] for row in cursor.fetchall()]

    def snippets(self, entries, groups, language):
        if not entries:
            return {}
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, "
            'MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id, ts_headline(%s::regconfig, lead || ' ' || body,"
                " to_tsquery(%s::regconfig, %s), %s)"
                " FROM sitesearch_searchentry WHERE page_id = ANY(%s)",
                [
                    config_for(language),
                    config_for(language),
                    _tsquery(groups),
                    options,
                    [entry.page_id for entry in entries],
                ],
            )
            return dict(cursor.fetchall())

    def suggest_word(self, word, language):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM sitesearch_searchterm WHERE language = %s AND word %% %s"
                " AND similarity(word, %s) >= %s ORDER BY similarity(word, %s) DESC, word"
                " LIMIT 1",
                [language, word, word, SUGGEST_SIMILARITY, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None

    def similarity(self, page_ids, words, language):
        any_word = " | ".join(words)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id, ts_rank(document, query) FROM sitesearch_searchentry,"
                " to_tsquery(%s::regconfig, %s) query"
                " WHERE page_id = ANY(%s) AND document @@ query",
                [config_for(language), any_word, page_ids],
            )
            return dict(cursor.fetchall())


def _estimated_rows(queryset: QuerySet) -> float:
    """The planner's estimate of the queryset's row count (from the column statistics that
    ANALYZE keeps, including the commonest lexemes of `document`): planning only, no rows."""
    sql, params = queryset.values("page_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def _newest_first_slices(
    entries: QuerySet, matches: QuerySet, language_rows: QuerySet, newest_window: int | None
) -> list[QuerySet]:
    """`matches` cut into slices, newest first.

    With `newest_window`, the first slice is the newest that many rows of the language, found
    through the per-language GIN index on (document, UTC published time): GIN then reads the
    index entries of those rows only, not the word's own entries (half a million for the
    commonest word of a million articles, read again for every slice). The rest, or all of
    the archive without `newest_window`, is cut into WINDOW_DAYS slices counted back from
    there (or from the newest entry), each found by AND-ing the word's GIN entries with the
    date index.
    """
    newest = entries.aggregate(newest=Max("published_at"))["newest"]
    if newest is None:
        return [matches]
    slices, start = [], newest
    if newest_window is not None:
        dates = language_rows.order_by("-published_at").values_list("published_at", flat=True)
        edge = dates[newest_window : newest_window + 1].first()
        # Not when the filters (a date range) leave nothing in the newest rows.
        if edge is not None and edge < newest:
            # Only the lower bound is given to GIN: btree_gin would read the entries of a
            # `<=` bound from the oldest on. Written as the index's expression, which the date
            # index does not have, so the planner cannot AND the date index in instead.
            utc_edge = edge.astimezone(UTC).replace(tzinfo=None)
            newer = RawSQL("(published_at AT TIME ZONE 'UTC') > %s", [utc_edge], BooleanField())
            slices.append(matches.filter(newer))
            start = edge
    edges = [start - timedelta(days=days) for days in WINDOW_DAYS]
    later_bounds = [start if slices else None, *edges]
    for later, earlier in zip(later_bounds, [*edges, None], strict=True):
        branch = matches
        if later is not None:
            branch = branch.filter(published_at__lte=later)
        if earlier is not None:
            branch = branch.filter(published_at__gt=earlier)
        slices.append(branch)
    return slices


def _tsquery(groups: Groups) -> str:
    return " & ".join("(" + " | ".join(group) + ")" for group in groups)


class SqliteBackend(SearchBackend):
    """FTS5 over stems computed in Python; bm25 with column weights like A/B/C."""

    # title, lead, body, keywords
    WEIGHTS = (10.0, 4.0, 1.0, 1.0)

    def store(self, entry):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sitesearch_fts WHERE rowid = %s", [entry.page_id])
            cursor.execute(
                "INSERT INTO sitesearch_fts(rowid, title, lead, body, keywords)"
                " VALUES (%s, %s, %s, %s, %s)",
                [
                    entry.page_id,
                    morphology.stemmed(entry.title),
                    morphology.stemmed(entry.lead),
                    morphology.stemmed(entry.body),
                    morphology.stemmed(entry.keywords),
                ],
            )

    def remove(self, page_id):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sitesearch_fts WHERE rowid = %s", [page_id])

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sitesearch_fts")

    def ranked_ids(self, entries, groups, language):
        match = _fts_query(groups)
        weights = ", ".join(str(w) for w in self.WEIGHTS)
        # bm25() is lower for better matches; negated so both backends sort rank descending.
        rank = RawSQL(
            f"SELECT -bm25(sitesearch_fts, {weights}) FROM sitesearch_fts"
            " WHERE sitesearch_fts MATCH %s AND rowid = sitesearch_searchentry.page_id",
            [match],
            output_field=FloatField(),
        )
        hits = RawSQL("SELECT rowid FROM sitesearch_fts WHERE sitesearch_fts MATCH %s", [match])
        # The same rule as PostgreSQL's: the best of the newest RANKED_CANDIDATES matches.
        newest = entries.filter(page_id__in=hits).order_by("-published_at").values("page_id")
        ranked = (
            entries.model.objects.filter(page_id__in=newest[:RANKED_CANDIDATES])
            .annotate(rank=rank)
            .order_by("-rank", "-published_at")
        )
        return list(ranked.values_list("page_id", flat=True))

    def suggest_word(self, word, language):
        from .models import SearchTerm

        candidates = SearchTerm.objects.filter(language=language, word__startswith=word[0])
        vocabulary = list(candidates.values_list("word", flat=True)[:20000])
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        return close[0] if close else None

    def similarity(self, page_ids, words, language):
        any_word = _fts_query([tuple(words)])
        weights = ", ".join(str(w) for w in self.WEIGHTS)
        marks = ", ".join(["%s"] * len(page_ids))
        with connection.cursor() as cursor:
            # bm25() is lower for better matches; negated like ranked_ids.
            cursor.execute(
                f"SELECT rowid, -bm25(sitesearch_fts, {weights}) FROM sitesearch_fts"
                f" WHERE sitesearch_fts MATCH %s AND rowid IN ({marks})",
                [any_word, *page_ids],
            )
            return dict(cursor.fetchall())


def _fts_query(groups: Groups) -> str:
    def alternatives(group: tuple[str, ...]) -> str:
        stems = dict.fromkeys(morphology.stem(word) for word in group)
        return "(" + " OR ".join(f'"{stem}"' for stem in stems) + ")"

    return " AND ".join(alternatives(group) for group in groups)


def backend() -> SearchBackend:
    """The backend for the default database's vendor."""
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
