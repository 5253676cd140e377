"""Admin: videos (upload, poster, duration, HLS progress) and air times as snippets."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from bigasia.core.admin_lists import BigAsiaSnippetViewSet

from .admin_views import may_publish_a_story, publish_story_view
from .models import AirTime, EpisodePage, Video


class VideoViewSet(BigAsiaSnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    list_display = ["title", "duration_label", "hls_status", "uploaded_at"]
    search_fields = ["title"]


class AirTimeViewSet(BigAsiaSnippetViewSet):
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


@hooks.register("register_admin_urls")
def tv_admin_urls():
    return [
        path("tv/episode/<int:pk>/publish-story/", publish_story_view, name="tv_publish_story"),
    ]


@hooks.register("register_page_header_buttons")
def publish_story_button(page, user, view_name, next_url=None):
    episode = page.specific_deferred
    # The button is shown only to who may use it: the view refuses everyone else.
    if isinstance(episode, EpisodePage) and episode.stories and may_publish_a_story(episode, user):
        yield Button(
            _("Publish a story as an article"),
            url=reverse("tv_publish_story", args=[page.pk]),
            icon_name="doc-full",
            priority=80,
        )
