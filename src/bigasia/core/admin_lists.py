"""Snippet viewsets of the admin whose words stay right in Russian (and in any language).

Two things of Wagtail's own snippet listing read wrong in Russian: the count under a list
glues the number to the plural name («8 эфиры», «6 рассылки»), and the breadcrumbs are
translated once, when the URLconf loads, in whatever language was active then. Every snippet
of ours registers through `BigAsiaSnippetViewSet` to get both right, and shows yes/no
fields through `yes_no`.
"""

from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import models
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet


class CountingPaginator(WagtailPaginator):  # type: ignore[misc]  # Wagtail ships no types
    @cached_property
    def items_count_label(self) -> str:
        # "Total: 8" needs no plural of the model's name, which Django does not have.
        return gettext("Total: %(count)s") % {"count": intcomma(self.count)}


class CountingIndexView(IndexView):  # type: ignore[misc]  # Wagtail ships no types
    paginator_class = CountingPaginator


class BigAsiaSnippetViewSet(SnippetViewSet):  # type: ignore[misc]  # Wagtail ships no types
    index_view_class = CountingIndexView

    @property
    def breadcrumbs_items(self) -> list[dict[str, Any]]:
        items = [{"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}]
        if not self.get_menu_item_is_registered():
            items.append(
                {"url": reverse_lazy("wagtailsnippets:index"), "label": gettext_lazy("Snippets")}
            )
        return items


def yes_no(model: type[models.Model], field_name: str) -> Column:
    """A list column showing a yes/no field as ✓ or — (Wagtail's own boolean column tells
    screen readers "True"/"False" in English), headed by the field's verbose name."""
    field = model._meta.get_field(field_name)
    assert isinstance(field, models.Field)  # a column of the model's own, not a relation
    return Column(
        field_name,
        label=field.verbose_name,
        accessor=lambda instance: "✓" if getattr(instance, field_name) else "—",
    )
