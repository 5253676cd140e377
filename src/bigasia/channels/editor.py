"""The «Каналы» side panel of the article editor: the article's channels, each with its
switch, its post text and a preview, saved with the page.

Wagtail 8 has no hook that adds a side panel, but it lets a page type have views of its own:
a `PageViewSet` registered for ArticlePage names the edit view (`edit_view_class`, routed
by the page's type at the usual `/admin/pages/<id>/edit/`). Its edit view is Wagtail's,
with one panel more in `get_side_panels` (the list it builds its panels in) and the
channels' forms validated and stored together with the page's own form. No template of
Wagtail is replaced and no Wagtail code is patched.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.side_panels import BaseSidePanel
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from bigasia.articles.models import ArticlePage

from .forms import (
    ArticleChannelForm,
    ChannelEntry,
    channel_entries,
    entries_valid,
    may_edit_posts,
    preview_of,
    save_entries,
)

# The id of Wagtail's page editor form: the panel sits outside it (side panels are rendered
# beside the form), so its fields name the form they belong to and go with its POST.
EDIT_FORM_ID = "page-edit-form"


class ChannelsSidePanel(BaseSidePanel):
    class SidePanelToggle(BaseSidePanel.SidePanelToggle):
        aria_label = _("Toggle channels")
        icon_name = "site"
        counter_classname = "w-bg-critical-200"

        def get_context_data(self, parent_context: Any) -> dict[str, Any]:
            context: dict[str, Any] = super().get_context_data(parent_context)
            context["count"] = sum(
                1 for entry in self.panel.entries if entry.form.is_bound and entry.form.errors
            )
            return context

    name = "channels"
    title = _("Channels")
    template_name = "channels/admin/side_panel.html"
    order = 450

    class Media:
        js = ["channels/side_panel.js"]

    def __init__(self, page: Page, request: HttpRequest, entries: list[ChannelEntry]) -> None:
        super().__init__(page, request)
        self.entries = entries

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(parent_context)
        context["entries"] = self.entries
        context["edit_form_id"] = EDIT_FORM_ID
        context["may_view_log"] = self.request.user.has_perm("channels.view_delivery")
        return context


class ArticleEditView(EditView):
    @cached_property
    def channel_entries(self) -> list[ChannelEntry] | None:
        """None when the user may not choose this article's channels: no panel then, and
        nothing of a POST touches the choices."""
        if not may_edit_posts(self.request.user, self.page):
            return None
        data = self.request.POST if self.request.method == "POST" else None
        return channel_entries(self.page, data, form_id=EDIT_FORM_ID)

    def get_side_panels(self) -> MediaContainer:
        panels: MediaContainer = super().get_side_panels()
        if self.channel_entries is not None and not self.expects_json_response:
            panels.append(ChannelsSidePanel(self.page, self.request, self.channel_entries))
        return panels

    def form_valid(self, form: Any) -> HttpResponse:
        entries = self.channel_entries or []
        if not entries_valid(entries):
            return self.form_invalid(form)
        # The choices are stored first, in the page's transaction: a publish reads them
        # when it writes its deliveries.
        with transaction.atomic():
            save_entries(entries)
            response: HttpResponse = super().form_valid(form)
        return response


class ArticlePageViewSet(PageViewSet):
    model = ArticlePage
    edit_view_class = ArticleEditView

    @cached_property
    def parent_models(self) -> list[type[Page]]:
        """None: the sections' listings stay Wagtail's own; only the editor changes."""
        return []


@require_POST
def channel_preview(request: HttpRequest, page_id: int, channel_id: int) -> TemplateResponse:
    """The preview of one post for the text the editor is typing, with the reason it would
    be refused (the panel asks for it as the text changes; a POST, so Django's CSRF check
    covers it)."""
    page = get_object_or_404(Page, pk=page_id).get_latest_revision_as_object()
    if not may_edit_posts(request.user, page):
        raise PermissionDenied
    entry = next((e for e in channel_entries(page) if e.channel.pk == channel_id), None)
    if entry is None:
        raise Http404
    text = request.POST.get("text", "")
    check = ArticleChannelForm({"text": text}, transport=entry.form.transport)
    check.is_valid()
    return TemplateResponse(request, "channels/admin/_preview.html", {
        "preview": preview_of(page, entry.channel, text), "errors": check.errors.get("text"),
    })  # fmt: skip
