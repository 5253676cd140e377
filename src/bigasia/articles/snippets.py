"""Translatable snippets an article refers to: where it came from, who wrote it, where it is."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from bigasia.core.admin_lists import BigAsiaSnippetViewSet
from bigasia.core.slugs import transliterate_slug


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


# django-manager-missing: the relations come from ArticleAuthor and ArticleCountry, derived
# from Wagtail's untyped Orderable, which the Django plugin cannot follow.
class Author(  # type: ignore[django-manager-missing]
    TranslatableMixin, index.Indexed, models.Model
):
    """A journalist in a byline: `Игорь Митрофанов, телеканал «Большая Азия»`; each has a
    page with a photo, a biography and their stories, /ru/author/<slug>/."""

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(
        _("outlet"), max_length=200, blank=True, help_text=_("Shown after the name in bylines.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_("The same in every language; made from the name when left empty."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("biography"), blank=True)
    same_as = models.TextField(
        _("profiles elsewhere"),
        blank=True,
        help_text=_("Addresses of the author's profiles on other sites, one per line."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("outlet"),
        FieldPanel("slug"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("same_as"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # The slug and the profiles are one per person; the photo may differ per language.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("outlet"),
        TranslatableField("bio"),
        SynchronizedField("slug"),
        SynchronizedField("photo", overridable=True),
        SynchronizedField("same_as"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_author_slug_per_locale")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.outlet}" if self.outlet else self.name

    def save(self, *args, **kwargs) -> None:
        # A translation is copied with its original's slug, so only a new original makes one.
        if not self.slug:
            self.slug = self._free_slug(transliterate_slug(self.name, max_length=110) or "author")
        super().save(*args, **kwargs)

    def _free_slug(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`… for a namesake in the same language. Two namesakes
        saved at the same instant race for one slug: the unique constraint refuses the
        second save, which can be repeated."""
        taken = set(
            Author.objects.filter(locale_id=self.locale_id, slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def clean(self) -> None:
        super().clean()
        validate = URLValidator(schemes=["http", "https"])
        for line in self.profile_urls():
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    {"same_as": _("“%(line)s” is not a web address.") % {"line": line}}
                ) from None

    def profile_urls(self) -> list[str]:
        return [line.strip() for line in self.same_as.splitlines() if line.strip()]


class Country(  # type: ignore[django-manager-missing]
    TranslatableMixin, index.Indexed, models.Model
):
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


register_snippet(Source, viewset=BigAsiaSnippetViewSet)
register_snippet(Author, viewset=BigAsiaSnippetViewSet)
register_snippet(Country, viewset=BigAsiaSnippetViewSet)
