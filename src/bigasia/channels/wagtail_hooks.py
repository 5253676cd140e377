from collections.abc import Iterator

from django.contrib.auth.models import PermissionsMixin
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from bigasia.articles.models import ArticlePage
from bigasia.core.admin_lists import BigAsiaSnippetViewSet, yes_no

from . import admin_views, editor
from .models import Channel


class ChannelViewSet(BigAsiaSnippetViewSet):
    model = Channel
    icon = "site"
    menu_label = _("Publishing channels")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "kind", "locale", "site", yes_no(Channel, "enabled")]
    list_filter = ["kind", "locale", "enabled"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("site"),
        FieldPanel("locale"),
        FieldPanel("enabled"),
        FieldPanel("options"),
        FieldPanel("secret_env"),
        FieldPanel("max_attempts"),
        FieldPanel("sections"),
    ]


register_snippet(ChannelViewSet)


@hooks.register("register_admin_viewset")
def article_page_viewset() -> editor.ArticlePageViewSet:
    """The article editor with the channels side panel (editor.py says why a viewset)."""
    return editor.ArticlePageViewSet()


@hooks.register("register_admin_urls")
def channels_admin_urls() -> list[URLPattern]:
    return [
        path("channels/deliveries/", admin_views.delivery_log, name="channels_log"),
        path("channels/deliveries/page/<int:page_id>/", admin_views.delivery_log,
             name="channels_page_log"),
        path("channels/deliveries/<int:pk>/retry/", admin_views.retry_delivery,
             name="channels_retry"),
        path("channels/article/<int:page_id>/preview/<int:channel_id>/",
             editor.channel_preview, name="channels_preview"),
    ]  # fmt: skip


class DeliveryLogMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("channels.view_delivery"))


@hooks.register("register_reports_menu_item")
def delivery_log_menu_item() -> MenuItem:
    return DeliveryLogMenuItem(
        _("Channel deliveries"), reverse("channels_log"), icon_name="site", order=1200
    )


def _article_buttons(page: Page, user: PermissionsMixin) -> Iterator[Button]:
    if page.specific_class is None or not issubclass(page.specific_class, ArticlePage):
        return
    if user.has_perm("channels.view_delivery"):
        yield Button(_("Channel deliveries"), reverse("channels_page_log", args=[page.pk]),
                     icon_name="list-ul", priority=63)  # fmt: skip


@hooks.register("register_page_listing_more_buttons")
def page_listing_channel_buttons(
    page: Page, user: PermissionsMixin, next_url: str | None = None
) -> Iterator[Button]:
    yield from _article_buttons(page, user)


@hooks.register("register_page_header_buttons")
def page_header_channel_buttons(
    page: Page, user: PermissionsMixin, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    yield from _article_buttons(page, user)
