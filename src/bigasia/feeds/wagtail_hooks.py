from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from bigasia.core.admin_lists import BigAsiaSnippetViewSet, yes_no

from .models import FeedSource


class FeedSourceViewSet(BigAsiaSnippetViewSet):
    model = FeedSource
    icon = "link"
    menu_label = _("Feed sources")
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "name",
        "kind",
        "language",
        yes_no(FeedSource, "enabled"),
        "status",
        "last_success_at",
        "last_error",
        "next_poll_at",
    ]
    list_filter = ["kind", "language", "enabled", "status"]
    search_fields = ["name", "url"]


register_snippet(FeedSourceViewSet)
