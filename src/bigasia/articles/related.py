"""Related stories ranked by relevance: shared countries and tags, text, then recency.

Candidates are the newest stories of the language that share a country, a tag or the
section with the story. Each is scored by the cosine of its labels (countries, tags,
section) and the story's, each label weighted by how rare it is among the stories compared
(Russia is in almost every story of this publication, Kazakhstan in few: sharing Kazakhstan
says more), plus a smaller share for how alike the texts are according to a TextSimilarity
provider; ties go to the newer story.

The text similarity comes from the search index, but `articles` must never import
`search` (search depends on articles, not the reverse): so the provider is named by dotted
path in settings (RELATED_TEXT_SIMILARITY) and loaded like every other provider.
"""

import math
from functools import cache

from django.conf import settings
from django.db import models

from bigasia.core.providers import provider_class

from .labels import ArticleCountry, ArticleTag

# The newest this many candidates are scored: a bounded cost however large the archive.
CANDIDATES = 60
# Text similarity (0..1, the best candidate 1) breaks near-ties of the shared labels' cosine
# (0..1): shared countries and tags come first, the text second.
TEXT_WEIGHT = 0.1


class TextSimilarity:
    """How alike a story's text is to each candidate's; higher is more alike."""

    def scores(self, story, candidate_ids: list[int]) -> dict[int, float]:
        raise NotImplementedError


@cache
def _text_similarity() -> TextSimilarity:
    path = settings.RELATED_TEXT_SIMILARITY
    return provider_class(path, TextSimilarity, "RELATED_TEXT_SIMILARITY")()


def ranked_related(
    story, live_stories: models.QuerySet, limit: int, exclude: list[int], country_ids: list[int]
) -> list:
    """Up to `limit` public stories of `live_stories` (ArticlePage's live ones: the caller's,
    since the page models build on this module) in the story's language, most relevant first."""
    section = _section_of(story.path, story.steplen)
    tag_ids = [tag.pk for tag in story.tags.all()]
    rows = (
        live_stories.public()  # type: ignore[attr-defined]  # Wagtail's PageQuerySet is untyped
        .filter(locale_id=story.locale_id)
        .filter(
            # EXISTS rather than joins: no DISTINCT, so the newest-first index scan stops
            # after CANDIDATES rows instead of sorting every match in the archive.
            models.Exists(
                ArticleCountry.objects.filter(
                    page_id=models.OuterRef("pk"), country_id__in=country_ids
                )
            )
            | models.Exists(
                ArticleTag.objects.filter(
                    content_object_id=models.OuterRef("pk"), tag_id__in=tag_ids
                )
            )
            | models.Q(path__startswith=section)
        )
        .exclude(pk__in=exclude)
        .order_by("-first_published_at")
        .values_list("pk", "first_published_at", "path")[:CANDIDATES]
    )
    published = {pk: when for pk, when, _ in rows}
    if not published:
        return []
    labels = _labels(published, {pk: _section_of(path, story.steplen) for pk, _, path in rows})
    own = {("country", pk) for pk in country_ids} | {("tag", pk) for pk in tag_ids}
    own.add(("section", section))
    weight = _rarity([own, *labels.values()])
    text = _normalised(_text_similarity().scores(story, list(published)))

    def relevance(pk: int) -> tuple[float, object]:
        shared = _cosine(own, labels[pk], weight)
        return (shared + TEXT_WEIGHT * text.get(pk, 0.0), published[pk])

    best = sorted(published, key=relevance, reverse=True)[:limit]
    stories = live_stories.for_lists().in_bulk(best)  # type: ignore[attr-defined]  # ArticlePage's
    return [stories[pk] for pk in best if pk in stories]


def _section_of(path: str, steplen: int) -> str:
    return path[:-steplen]


def _labels(published: dict, sections: dict[int, str]) -> dict[int, set]:
    """{candidate id: {("country", id), ("tag", id), ("section", path)}}."""
    labels = {pk: {("section", sections[pk])} for pk in published}
    countries = ArticleCountry.objects.filter(page_id__in=published)
    for page_id, country_id in countries.values_list("page_id", "country_id"):
        labels[page_id].add(("country", country_id))
    tags = ArticleTag.objects.filter(content_object_id__in=published)
    for page_id, tag_id in tags.values_list("content_object_id", "tag_id"):
        labels[page_id].add(("tag", tag_id))
    return labels


def _rarity(label_sets: list[set]) -> dict:
    """Inverse document frequency of each label among the stories compared."""
    frequency: dict[tuple, int] = {}
    for labels in label_sets:
        for label in labels:
            frequency[label] = frequency.get(label, 0) + 1
    population = len(label_sets)
    return {label: math.log(1 + population / count) for label, count in frequency.items()}


def _cosine(own: set, other: set, weight: dict) -> float:
    """Cosine of the two label sets weighted by rarity: a story tagged with five countries
    shares less with each of them than one about two of them does."""
    shared = sum(weight[label] ** 2 for label in own & other)
    norm = math.sqrt(sum(weight[label] ** 2 for label in own))
    norm *= math.sqrt(sum(weight[label] ** 2 for label in other))
    return shared / norm if norm else 0.0


def _normalised(scores: dict[int, float]) -> dict[int, float]:
    best = max(scores.values(), default=0.0)
    return {pk: score / best for pk, score in scores.items()} if best > 0 else {}
