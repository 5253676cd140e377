"""The editor's form for one article in one channel, and the preview of the post it makes."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Page

from .models import Channel
from .posts import default_text
from .providers.base import transport_class


class ArticleChannelForm(forms.Form):
    send = forms.BooleanField(label=gettext_lazy("Send to this channel"), required=False)
    text = forms.CharField(
        label=gettext_lazy("Text of the post"),
        required=False,
        # Far above any channel's limit (Telegram's 4096): a bound, not a limit of a post.
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Leave empty for the headline, the lead and the link."),
    )
    withdraw_on_unpublish = forms.BooleanField(
        label=gettext_lazy("Delete the post when the article is unpublished"), required=False
    )


@dataclass(frozen=True)
class Preview:
    text: str
    image_url: str
    shortened: bool
    length_note: str


def preview_of(page: Page, channel: Channel, form: ArticleChannelForm) -> Preview:
    """The post as the channel will show it: the editor's text (or the default) trimmed as
    the channel's transport trims it, under the hero image, with its length in the
    channel's own count (Telegram counts UTF-16 code units)."""
    transport = transport_class(channel.kind)
    if not transport.carries_text:
        return Preview("", "", False, _("This channel is pinged with the address; it shows "
                                        "no text."))  # fmt: skip
    hero = getattr(page, "hero_image", None)
    written = form["text"].value() or default_text(page)
    shown = transport.fit(written, with_image=hero is not None)
    length = transport.measure(shown)
    note = ngettext("%(count)s character", "%(count)s characters", length) % {"count": length}
    if limit := transport.text_limit(with_image=hero is not None):
        note = _("%(length)s of at most %(limit)s") % {"length": note, "limit": limit}
    return Preview(
        text=shown, image_url=_thumbnail(hero), shortened=shown != written, length_note=note
    )


def _thumbnail(hero: object) -> str:
    """The hero image's preview, or none when its file is gone (the preview still shows)."""
    if hero is None:
        return ""
    try:
        return str(hero.get_rendition("max-400x300").url)  # type: ignore[attr-defined]
    except OSError:  # Wagtail's SourceImageIOError: the original file is missing
        return ""
