from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import exchange_report


@hooks.register("register_admin_urls")
def partner_admin_urls():
    return [path("partners/exchange/", exchange_report, name="partners_exchange_report")]


class ExchangeMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("feeds.view_feedsource")


@hooks.register("register_reports_menu_item")
def exchange_menu_item():
    return ExchangeMenuItem(
        _("Partners' exchange"), reverse("partners_exchange_report"), icon_name="link", order=700
    )
