"""Snippet viewsets of the admin whose words stay right in Russian (and in any language).

Two things of Wagtail's own snippet listing read wrong in Russian: the count under a list
glues the number to the plural name («8 эфиры», «6 рассылки»), and the breadcrumbs and the
chooser widget's buttons ("Choose source", "Edit this source") are translated once, when
the URLconf loads, in whatever language was active then. Every snippet of ours registers
through `BigAsiaSnippetViewSet` to get these right, and shows yes/no fields through `yes_no`.
The page chooser has the same flaw ("Choose a page (Story)" joined once, in English);
`use_per_request_page_chooser` makes every page field of the admin use one that does not.
"""

from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import models
from django.urls import reverse_lazy
from django.utils.functional import cached_property, lazy
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import AbstractPage, Page
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


class CountingPaginator(WagtailPaginator):  # type: ignore[misc]  # Wagtail ships no types
    @cached_property
    def items_count_label(self) -> str:
        # "Total: 8" needs no plural of the model's name, which Django does not have.
        return gettext("Total: %(count)s") % {"count": intcomma(self.count)}


class CountingIndexView(IndexView):  # type: ignore[misc]  # Wagtail ships no types
    paginator_class = CountingPaginator


def _translated_when_shown(message: str, model: type[models.Model]) -> str:
    return gettext(message) % {"object": model._meta.verbose_name}


_lazy_chooser_text = lazy(_translated_when_shown, str)


class PerRequestLanguageChooser(AdminSnippetChooser):  # type: ignore[misc]  # Wagtail: no types
    """Wagtail's snippet chooser, whose button texts it formats when the widget is built
    (once, with the form class); here they are formatted when rendered, in the editor's
    language. The msgids are Wagtail's own, so its catalogues translate them."""

    def __init__(self, model: type[models.Model] | None = None, **kwargs: Any) -> None:
        super().__init__(model, **kwargs)
        self.choose_one_text = _lazy_chooser_text("Choose %(object)s", self.model)
        self.choose_another_text = _lazy_chooser_text("Choose another %(object)s", self.model)
        self.link_to_chosen_text = _lazy_chooser_text("Edit this %(object)s", self.model)


class PerRequestLanguageChooserViewSet(SnippetChooserViewSet):  # type: ignore[misc]  # Wagtail
    base_widget_class = PerRequestLanguageChooser


class BigAsiaSnippetViewSet(SnippetViewSet):  # type: ignore[misc]  # Wagtail ships no types
    index_view_class = CountingIndexView
    chooser_viewset_class = PerRequestLanguageChooserViewSet

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


def _page_chooser_text(model: type[models.Model]) -> str:
    return f"{gettext('Choose a page')} ({capfirst(model._meta.verbose_name)})"


_lazy_page_chooser_text = lazy(_page_chooser_text, str)


class PerRequestLanguagePageChooser(AdminPageChooser):  # type: ignore[misc]  # Wagtail: no types
    """Wagtail's page chooser, which joins "Choose a page" and the page type's name into one
    string when the widget is built (with the form class, in whatever language is active
    then); here the two are joined when rendered, in the editor's language."""

    def __init__(self, target_models: Any = None, **kwargs: Any) -> None:
        super().__init__(target_models=target_models, **kwargs)
        # Wagtail names the type only when there is one, and it is not Page itself.
        if len(self.target_models) == 1 and self.model is not Page:
            self.choose_one_text = _lazy_page_chooser_text(self.model)


def use_per_request_page_chooser() -> None:
    """Every ForeignKey to a page gets `PerRequestLanguagePageChooser` in admin forms
    (replacing Wagtail's own entry in its form-field registry; called from core's ready())."""
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(
        models.ForeignKey,
        to=AbstractPage,
        override=lambda db_field: {
            "widget": PerRequestLanguagePageChooser(target_models=[db_field.remote_field.model])
        },
    )
