"""Full-text matching per database: PostgreSQL tsvector/tsquery, or SQLite FTS5 on stems.

Both take a query as groups of alternative words (see morphology.query_groups): every group
must match, any word in a group may. Words are letters and digits only, so they can be put
into tsquery or FTS5 syntax safely; they are passed as bound parameters all the same.
"""

import difflib

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
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
RANKED_CANDIDATES = 1000

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

    def matching(self, entries: QuerySet, groups: Groups, language: str) -> QuerySet:
        raise NotImplementedError

    def snippets(self, entries: list, groups: Groups, language: str) -> dict[int, str]:
        """{page id: lead/body text around the matches, matches between MARK_START/END}."""
        stems = {morphology.stem(w) for group in groups for w in group}
        return {entry.page_id: mark_words(excerpt(entry, stems), stems) for entry in entries}

    def suggest_word(self, word: str, language: str) -> str | None:
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

    def matching(self, entries, groups, language):
        config, tsquery = config_for(language), _tsquery(groups)
        condition = RawSQL(
            "document @@ to_tsquery(%s::regconfig, %s)",
            [config, tsquery],
            output_field=BooleanField(),
        )
        rank = RawSQL(
            "ts_rank_cd(document, to_tsquery(%s::regconfig, %s))",
            [config, tsquery],
            output_field=FloatField(),
        )
        # Rank only the newest matches: a common word can match a third of the archive, and
        # ranking means reading every matching row's vector. For news the newest thousand
        # matches are the ones worth ordering; the count shown is capped the same way.
        newest = entries.filter(condition).order_by("-published_at").values("page_id")
        return (
            entries.model.objects.filter(page_id__in=newest[:RANKED_CANDIDATES])
            .defer("body", "keywords")
            .annotate(rank=rank)
            .order_by("-rank", "-published_at")
        )

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

    def matching(self, entries, groups, language):
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
        return (
            entries.filter(page_id__in=hits).annotate(rank=rank).order_by("-rank", "-published_at")
        )

    def suggest_word(self, word, language):
        from .models import SearchTerm

        candidates = SearchTerm.objects.filter(language=language, word__startswith=word[0])
        vocabulary = list(candidates.values_list("word", flat=True)[:20000])
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        return close[0] if close else None


def _fts_query(groups: Groups) -> str:
    def alternatives(group: tuple[str, ...]) -> str:
        stems = dict.fromkeys(morphology.stem(word) for word in group)
        return "(" + " OR ".join(f'"{stem}"' for stem in stems) + ")"

    return " AND ".join(alternatives(group) for group in groups)


def backend() -> SearchBackend:
    """The backend for the default database's vendor."""
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
