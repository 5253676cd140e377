from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import PermissionsMixin
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from bigasia.core.admin_lists import BigAsiaSnippetViewSet, yes_no

from . import admin_views, composer, outbox_views
from .models import Issue, Newsletter

# ---- Delivery engine: sends, live progress, figures, pause/resume (bigasia.newsletters.lifecycle)


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]  # Wagtail ships no types
def newsletter_send_admin_urls() -> list[URLPattern]:
    return [
        path("newsletters/sends/", admin_views.sends, name="newsletters_sends"),
        path("newsletters/sends/<int:issue_id>/", admin_views.send_detail, name="newsletters_send"),
        path(
            "newsletters/sends/<int:issue_id>/progress.json",
            admin_views.send_progress,
            name="newsletters_send_progress",
        ),
        path(
            "newsletters/sends/<int:issue_id>/pause/",
            admin_views.send_pause,
            name="newsletters_send_pause",
        ),
        path(
            "newsletters/sends/<int:issue_id>/resume/",
            admin_views.send_resume,
            name="newsletters_send_resume",
        ),
    ]


@hooks.register("register_reports_menu_item")  # type: ignore[untyped-decorator]
def newsletter_sends_menu_item() -> MenuItem:
    return MenuItem(
        _("Newsletter sends"), reverse("newsletters_sends"), icon_name="mail", order=1100
    )


# ---- Composer: newsletters and their issues as snippets, the composer's actions


class IssueActionsPanel(Panel):  # type: ignore[misc]  # Wagtail ships no types
    """Preview, test to yourself, schedule and send now, on a saved issue."""

    class BoundPanel(Panel.BoundPanel):  # type: ignore[misc]  # (same)
        template_name = "newsletters/admin/issue_actions.html"

        def is_shown(self) -> bool:
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
            context: dict[str, Any] = super().get_context_data(parent_context)
            pk = self.instance.pk
            context.update(
                issue=self.instance,
                preview_url=reverse("newsletters_issue_preview", args=[pk]),
                test_url=reverse("newsletters_issue_test", args=[pk]),
                schedule_url=reverse("newsletters_issue_schedule", args=[pk]),
                send_url=reverse("newsletters_issue_send", args=[pk]),
            )
            return context


class NewsletterViewSet(BigAsiaSnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = _("Newsletters")
    list_display = ["name", "language", "cadence", yes_no(Newsletter, "is_public")]
    list_filter = ["language", "cadence"]
    search_fields = ["name"]


class IssueViewSet(BigAsiaSnippetViewSet):
    model = Issue
    icon = "doc-full"
    menu_label = _("Issues")
    list_display = ["subject", "newsletter", "status", "scheduled_at", "created_at"]
    list_filter = ["newsletter", "status"]
    search_fields = ["subject"]
    panels = [
        FieldPanel("newsletter"),
        FieldPanel("subject"),
        FieldPanel("intro"),
        InlinePanel("items", label=_("Articles"), heading=_("Stories, in order")),
        FieldPanel("scheduled_at"),
        IssueActionsPanel(heading=_("Preview and send")),
    ]


class NewslettersGroup(SnippetViewSetGroup):  # type: ignore[misc]  # Wagtail ships no types
    items = (NewsletterViewSet, IssueViewSet)
    menu_icon = "mail"
    menu_label = _("Newsletters")
    menu_order = 250


register_snippet(NewslettersGroup)


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def composer_admin_urls() -> list[URLPattern]:
    return [
        path("newsletters/issues/<int:pk>/preview/", composer.preview,
             name="newsletters_issue_preview"),
        path("newsletters/issues/<int:pk>/test/", composer.send_test,
             name="newsletters_issue_test"),
        path("newsletters/issues/<int:pk>/schedule/", composer.schedule,
             name="newsletters_issue_schedule"),
        path("newsletters/issues/<int:pk>/send/", composer.send_now,
             name="newsletters_issue_send"),
        path("newsletters/<int:pk>/digest/", composer.new_digest,
             name="newsletters_new_digest"),
    ]  # fmt: skip


@hooks.register("register_snippet_listing_buttons")  # type: ignore[untyped-decorator]
def digest_button(
    snippet: object, user: PermissionsMixin, next_url: str | None = None
) -> Iterator[Button]:
    from wagtail.admin.widgets import ListingButton

    if isinstance(snippet, Newsletter) and user.has_perm("newsletters.add_issue"):
        yield ListingButton(
            _("New digest issue"),
            reverse("newsletters_new_digest", args=[snippet.pk]),
            attrs={"data-digest": "1"},
            priority=5,
        )


# ---- Local outbox (DEBUG only): the mail `make run` captured instead of sending it


class LocalOutboxMenuItem(MenuItem):  # type: ignore[misc]  # Wagtail ships no types
    def is_shown(self, request: HttpRequest) -> bool:
        return outbox_views.outbox_visible(request)


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def local_outbox_admin_urls() -> list[URLPattern]:
    return [
        path("newsletters/outbox/", outbox_views.outbox, name="newsletters_outbox"),
        path("newsletters/outbox/<str:name>/", outbox_views.outbox_message,
             name="newsletters_outbox_message"),
    ]  # fmt: skip


@hooks.register("register_admin_menu_item")  # type: ignore[untyped-decorator]
def local_outbox_menu_item() -> MenuItem:
    return LocalOutboxMenuItem(
        _("Local outbox"), reverse("newsletters_outbox"), icon_name="mail", order=260
    )
