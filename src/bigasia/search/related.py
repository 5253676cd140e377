"""Text similarity of related stories, from the search index (see articles/related.py).

The story's key terms are the words of its title and lead; each candidate is ranked by the
index for any of them (FTS5's bm25 on SQLite, ts_rank on PostgreSQL), so rare shared words
(grain, Kazakhstan) count more than common ones.
"""

from bigasia.articles.related import TextSimilarity

from . import morphology
from .backends import backend

# Enough words to catch the subject, few enough for a short OR query.
KEY_TERMS = 24


def key_terms(text: str) -> list[str]:
    """Distinct usable words of the text, in order, at most KEY_TERMS."""
    groups = morphology.query_groups(text, KEY_TERMS)
    return list(dict.fromkeys(word for group in groups for word in group))


class IndexSimilarity(TextSimilarity):
    def scores(self, story, candidate_ids: list[int]) -> dict[int, float]:
        terms = key_terms(f"{story.title} {story.lead}")
        if not terms or not candidate_ids:
            return {}
        return backend().similarity(candidate_ids, terms, story.locale.language_code)
