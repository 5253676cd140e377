"""One search over the index: parse the reader's text, match, rank, highlight, suggest."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.apps import apps

from . import backends, morphology
from .backends import backend, mark_words
from .models import SearchEntry

# Longer input is cut here: enough for any real question, and a 10 KB paste costs nothing.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8


@dataclass
class ParsedQuery:
    text: str
    groups: list[tuple[str, ...]]
    truncated: bool

    @property
    def stems(self) -> set[str]:
        return {morphology.stem(word) for group in self.groups for word in group}


def parse(text: str) -> ParsedQuery:
    text = " ".join(text.split())
    cut = text[:MAX_QUERY_CHARS]
    groups = morphology.query_groups(cut, MAX_QUERY_WORDS)
    all_groups = morphology.query_groups(text, MAX_QUERY_WORDS + 1)
    return ParsedQuery(cut, groups, truncated=len(text) > len(cut) or len(all_groups) > len(groups))


class Results(Sequence):
    """Ranked matches as a sequence the Paginator can count and slice.

    Ranking yields page ids only; the rows are read for the slice a page shows, so a
    results page reads ten rows however many matched.
    """

    def __init__(self, page_ids: list[int]) -> None:
        self.page_ids = page_ids

    @property
    def capped(self) -> bool:
        """True when there may be more matches than were ranked (the count is a floor)."""
        return len(self.page_ids) >= backends.RANKED_CANDIDATES

    def __len__(self) -> int:
        return len(self.page_ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            ids = self.page_ids[index]
            rows = SearchEntry.objects.in_bulk(ids)
            return [rows[page_id] for page_id in ids if page_id in rows]
        return self[index : index + 1 or None][0]

    def __iter__(self) -> Iterator[SearchEntry]:
        return iter(self[:])


def matching_entries(query: ParsedQuery, language: str, filters: dict) -> Results:
    entries = SearchEntry.objects.filter(language=language)
    if filters.get("section"):
        entries = entries.filter(section_id=filters["section"])
    if filters.get("country"):
        entries = entries.filter(countries__contains=f"|{filters['country']}|")
    if filters.get("source"):
        entries = entries.filter(source_id=filters["source"])
    if filters.get("date_from"):
        entries = entries.filter(published_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        entries = entries.filter(published_at__date__lte=filters["date_to"])
    return Results(backend().ranked_ids(entries, query.groups, language))


@dataclass
class Hit:
    entry: SearchEntry
    title: str  # with highlight marks
    snippet: str  # with highlight marks
    views: int | None = None  # None when the readership app is not installed


def highlight(entries: list[SearchEntry], query: ParsedQuery, language: str) -> list[Hit]:
    """Results of one page with their titles and snippets marked (marks, not HTML)."""
    snippets = backend().snippets(entries, query.groups, language)
    stems = query.stems
    views = _view_counts([entry.page_id for entry in entries])
    return [
        Hit(
            entry,
            mark_words(entry.title, stems),
            snippets.get(entry.page_id, ""),
            views.get(entry.page_id, 0) if views is not None else None,
        )
        for entry in entries
    ]


def _view_counts(page_ids: list[int]) -> dict[int, int] | None:
    """View counts of the results in one call, when the readership app counts views."""
    if not page_ids or not apps.is_installed("bigasia.readership"):
        return None
    from bigasia.readership.counts import view_counts

    return view_counts(set(page_ids))


def did_you_mean(query: ParsedQuery, language: str) -> str | None:
    """The query with misspelt words replaced by the closest known ones, if any changed."""
    engine = backend()
    words = [group[0] for group in query.groups]
    corrected = [engine.suggest_word(word, language) or word for word in words]
    return " ".join(corrected) if corrected != words else None
