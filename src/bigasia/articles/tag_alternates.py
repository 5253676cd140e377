"""Which tag of another language is "the same" tag, for the language switcher of tag pages.

Tags are one table shared by both languages (`ЕАЭС` and `EAEU` are two rows), with no link
between a tag and its translation. The link is read off the translated stories instead: of
the tags on the English versions of the stories tagged `ЕАЭС`, the one whose stories overlap
most with them (Jaccard index) is its translation, so `EAEU` wins over `trade`, which those
stories carry too but which also tags many others.
"""

from django.db.models import Count, QuerySet
from wagtail.models import Locale

from .labels import ArticleTag

# The newest stories of a tag that are compared: enough to recognise a tag, and bounded so
# a tag on a hundred thousand stories costs the same as one on a hundred.
SAMPLE_STORIES = 200


def translated_tag_slug(live_stories: QuerySet, tag, source: Locale, target: Locale) -> str | None:
    """The slug of `tag`'s counterpart among the live stories (ArticlePage's, handed in by the
    page models, which build on this module) of `target`, or None."""
    keys = list(
        live_stories.filter(locale=source, tags=tag)
        .order_by("-first_published_at")
        .values_list("translation_key", flat=True)[:SAMPLE_STORIES]
    )
    if not keys:
        return None
    live_target = live_stories.filter(locale=target)
    shared = dict(
        ArticleTag.objects.filter(content_object__in=live_target.filter(translation_key__in=keys))
        .values_list("tag__slug")
        .annotate(stories=Count("content_object", distinct=True))
    )
    if not shared:
        return None
    totals = dict(
        ArticleTag.objects.filter(content_object__in=live_target, tag__slug__in=shared)
        .values_list("tag__slug")
        .annotate(stories=Count("content_object", distinct=True))
    )

    def overlap(slug: str) -> tuple[float, str]:
        together = shared[slug]
        return together / (len(keys) + totals[slug] - together), slug

    return max(shared, key=overlap)
