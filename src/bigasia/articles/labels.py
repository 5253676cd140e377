"""What stories are labelled with (tags, countries) and the publication stamp.

These models sit below the page models (`models.py`, which imports them and re-exports them)
so that the queries over them — related stories, tag translations, fragments — need no import
of the pages: pages are named here by "app.Model" strings, and those queries are handed the
live stories to search.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from bigasia.core.slugs import transliterate_slug

from .snippets import Country


class Tag(TagBase):
    """Article tags; slugs transliterated like page slugs so tag URLs stay ASCII."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = transliterate_slug(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug


class ArticleTag(ItemBase):
    tag = models.ForeignKey(Tag, related_name="tagged_articles", on_delete=models.CASCADE)
    content_object = ParentalKey("articles.ArticlePage", related_name="tagged_items")

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


class ArticleCountry(Orderable):
    page = ParentalKey(
        "articles.ArticlePage", related_name="article_countries", on_delete=models.CASCADE
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="article_links"
    )
    panels = [FieldPanel("country")]

    class Meta(Orderable.Meta):
        verbose_name = _("article country")
        verbose_name_plural = _("article countries")


class PublicationStamp(models.Model):
    """One row whose `value` moves on every change that may show on any page: the site-wide
    stamp (see stamps.py)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("publication stamp")
        verbose_name_plural = _("publication stamps")

    def __str__(self) -> str:
        return str(self.value)


class ScopedStamp(models.Model):
    """A stamp narrower than the site's: one language's listings (`lang:<code>`) or the page
    at one reader path (`path:<digest>`); see stamps.py."""

    scope = models.CharField(max_length=64, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("scoped publication stamp")
        verbose_name_plural = _("scoped publication stamps")

    def __str__(self) -> str:
        return f"{self.scope}={self.value}"
