from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from bigasia.core.admin_lists import BigAsiaSnippetViewSet

from .admin_views import filtered, inbox, newer_version, take_draft
from .models import WireAgency


@hooks.register("register_admin_urls")
def wire_admin_urls():
    return [
        path("wire/", inbox, name="wire_inbox"),
        path("wire/filtered/", filtered, name="wire_filtered"),
        path("wire/<int:item_id>/newer/", newer_version, name="wire_newer_version"),
        path("wire/<int:item_id>/take/", take_draft, name="wire_take_draft"),
    ]


@hooks.register("register_admin_menu_item")
def wire_menu_item():
    return MenuItem(_("Wire"), reverse("wire_inbox"), icon_name="doc-full", order=250)


class WireAgencyViewSet(BigAsiaSnippetViewSet):
    model = WireAgency
    icon = "doc-full"
    menu_label = _("wire agencies")
    list_display = ["feed", "source", "section"]


register_snippet(WireAgencyViewSet)
