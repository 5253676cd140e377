from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

# ---- Delivery engine: sends, live progress, figures, pause/resume (bigasia.newsletters.sending)


@hooks.register("register_admin_urls")
def newsletter_send_admin_urls():
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


@hooks.register("register_reports_menu_item")
def newsletter_sends_menu_item():
    return MenuItem(
        _("Newsletter sends"), reverse("newsletters_sends"), icon_name="mail", order=1100
    )
