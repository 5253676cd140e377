"""Translatable snippets an article refers to: where it came from, who wrote it, where it is."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Source(TranslatableMixin, index.Indexed, models.Model):
    """An agency or outlet credited as the source: `ТАСС` / `TASS`."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@register_snippet
class Author(TranslatableMixin, index.Indexed, models.Model):
    """A journalist in a byline: `Игорь Митрофанов, телеканал «Большая Азия»`."""

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(
        _("outlet"), max_length=200, blank=True, help_text=_("Shown after the name in bylines.")
    )

    panels = [FieldPanel("name"), FieldPanel("outlet")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.outlet}" if self.outlet else self.name


@register_snippet
class Country(TranslatableMixin, index.Indexed, models.Model):
    """A country stories are about; each has a page listing its stories, /ru/country/<slug>/."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=120, help_text=_("The same in every language, e.g. kazakhstan.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_country_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name
