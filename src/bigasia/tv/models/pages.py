"""The TV pages: /<lang>/tv/ → programme → numbered episodes with their stories."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from bigasia.articles.models import BigAsiaPage
from bigasia.core.embeds import player_for

from ..blocks import EpisodeStoriesBlock
from .video import clock


class TvIndexPage(BigAsiaPage):
    """/tv/: the channel's programmes, upcoming broadcasts and the video sitemap."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["tv.ProgrammePage"]
    show_in_menus_default = True  # the header menu leads readers to TV
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("TV index")
        verbose_name_plural = _("TV indexes")

    def get_context(self, request, *args, **kwargs):
        # The air times come from the template's tags (templatetags/tv.py), which read the
        # schedule: schedule.py builds on these models, so they do not call it.
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = ProgrammePage.objects.child_of(self).live().order_by("path")
        return context


class ProgrammePage(BigAsiaPage):
    """A programme («Новости Большой Азии»): its episodes newest first and its air times."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["tv.TvIndexPage"]
    subpage_types = ["tv.EpisodePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("TV programme")
        verbose_name_plural = _("TV programmes")

    def episodes(self):
        return (
            EpisodePage.objects.child_of(self)
            .live()
            .select_related("video")
            .order_by("-number", "-aired_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = self.episodes()  # air times: the template's tags, as above
        return context

    def calendar_url(self) -> str:
        return reverse("tv:programme_ics", args=[self.pk])


class EpisodePage(BigAsiaPage):
    """One numbered issue of a programme: the video and its stories, each a chapter."""

    number = models.PositiveIntegerField(_("issue number"))
    aired_at = models.DateTimeField(_("aired at"), default=timezone.now)
    lead = models.TextField(_("lead"), blank=True)
    video = models.ForeignKey(
        "tv.Video",
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="episodes",
    )
    player_url = models.URLField(
        _("external player link"),
        blank=True,
        help_text=_("Instead of an uploaded video: a YouTube, RUTUBE or VK Video page address."),
    )
    stories = StreamField(EpisodeStoriesBlock(), verbose_name=_("stories"), blank=True)

    parent_page_types = ["tv.ProgrammePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("aired_at"), FieldPanel("lead")],
            heading=_("Issue"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("video"),
                FieldPanel("player_url"),
                InlinePanel("captions", label=_("Captions (WebVTT)")),
            ],
            heading=_("Video"),
        ),
        FieldPanel("stories"),
    ]

    class Meta:
        verbose_name = _("TV episode")
        verbose_name_plural = _("TV episodes")

    def clean(self) -> None:
        super().clean()
        if self.player_url:
            try:
                player_for(self.player_url)
            except ValidationError as exc:
                raise ValidationError({"player_url": exc}) from exc
        starts = [story.value["start"] for story in self.stories]
        # A draft save defers required fields (Wagtail saves drafts, and autosaves while the
        # editor types, with blanks), so an empty start reaches this check as None.
        if None in starts:
            raise ValidationError({"stories": _("Each story needs its start time, in seconds.")})
        if starts != sorted(starts):
            raise ValidationError(
                {"stories": _("Stories must be in the order they appear in the video.")}
            )
        length = self.video.duration if self.video and self.video.duration else None
        if length is not None and starts and starts[-1] >= length:
            raise ValidationError(
                {
                    "stories": _("A story starts after the end of the video (%(length)s).")
                    % {"length": clock(length)}
                }
            )

    @property
    def player(self):
        return player_for(self.player_url) if self.player_url else None

    def chapters(self) -> list[dict]:
        """Each story as a chapter: number, title, start and end in seconds, anchor."""
        values = [story.value for story in self.stories]
        length = self.video.duration if self.video and self.video.duration else None
        chapters = []
        for number, value in enumerate(values, start=1):
            following = values[number]["start"] if number < len(values) else None
            end = following if following is not None else (length or value["start"] + 600)
            chapters.append(
                {
                    "number": number,
                    "title": value["title"],
                    "start": value["start"],
                    "end": max(end, value["start"]),
                    "clock": clock(value["start"]),
                    "anchor": f"story-{number}",
                    "value": value,
                }
            )
        return chapters

    def get_context(self, request, *args, **kwargs):
        from ..structured import episode_json_ld

        context = super().get_context(request, *args, **kwargs)
        context["programme"] = self.get_parent().specific
        context["chapters"] = self.chapters()
        context["json_ld"] = episode_json_ld(request, self, context["programme"])
        return context

    def chapters_url(self) -> str:
        return reverse("tv:episode_chapters", args=[self.pk])
