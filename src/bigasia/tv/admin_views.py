"""Admin: publish one story of an episode as an article ("Publish a story as an article")."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bigasia.articles.models import SectionPage

from .models import EpisodePage
from .publish import publish_story


class PublishStoryForm(forms.Form):
    story = forms.TypedChoiceField(label=gettext_lazy("Story"), coerce=int)
    section = forms.ModelChoiceField(
        label=gettext_lazy("Section"), queryset=SectionPage.objects.none()
    )

    def __init__(self, episode: EpisodePage, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # form.fields is typed as plain Fields; these two are declared above.
        self.fields["story"].choices = [  # type: ignore[attr-defined]
            (chapter["number"], f"{chapter['number']}. {chapter['title']}")
            for chapter in episode.chapters()
        ]
        self.fields["section"].queryset = sections_for(episode)  # type: ignore[attr-defined]


def sections_for(episode: EpisodePage) -> QuerySet[SectionPage]:
    """The sections a story of `episode` may go to: its language's, those on the home page."""
    return SectionPage.objects.filter(locale=episode.locale, show_on_home=True).order_by("path")


def may_publish_a_story(episode: EpisodePage, user: Any) -> bool:
    """Whether `user` may publish in at least one of the episode's sections."""
    return any(
        section.permissions_for_user(user).can_publish_subpage()
        for section in sections_for(episode)
    )


def publish_story_view(request: HttpRequest, pk: int) -> HttpResponse:
    episode = get_object_or_404(EpisodePage, pk=pk)
    form = PublishStoryForm(episode, request.POST or None)
    if request.method == "POST" and form.is_valid():
        section = form.cleaned_data["section"]
        if not section.permissions_for_user(request.user).can_publish_subpage():
            raise PermissionDenied
        article = publish_story(episode, form.cleaned_data["story"], section)
        messages.success(request, _("Published “%(title)s”.") % {"title": article.title})
        return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    return TemplateResponse(
        request, "tv/admin/publish_story.html", {"episode": episode, "form": form}
    )
