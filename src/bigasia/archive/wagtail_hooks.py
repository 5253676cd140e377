from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class ReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return admin_views.may_see_report(request)


@hooks.register("register_admin_urls")
def archive_admin_urls() -> list[URLPattern]:
    return [
        path("archive/runs/", admin_views.runs, name="archive_runs"),
        path("archive/runs/<int:run_id>/", admin_views.run_detail, name="archive_run"),
    ]


@hooks.register("register_reports_menu_item")
def import_report_menu_item() -> MenuItem:
    return ReportMenuItem(
        _("Archive imports"), reverse("archive_runs"), icon_name="download", order=1100
    )
