"""Admin: videos (upload, poster, duration, HLS progress) and air times as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AirTime, Video


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    list_display = ["title", "duration_label", "hls_status", "uploaded_at"]
    search_fields = ["title"]


class AirTimeViewSet(SnippetViewSet):
    model = AirTime
    icon = "date"
    menu_label = _("Air times")
    list_display = ["programme", "starts_at", "duration_minutes"]


class TvGroup(SnippetViewSetGroup):
    items = (VideoViewSet, AirTimeViewSet)
    menu_icon = "media"
    menu_label = _("TV")
    menu_name = "tv"


register_snippet(TvGroup)
