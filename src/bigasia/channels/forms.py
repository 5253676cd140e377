"""The editor's form for one article in one channel, and the preview of the post it makes."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page

from .models import Channel
from .posts import default_text
from .providers.base import transport_class


class ArticleChannelForm(forms.Form):
    send = forms.BooleanField(label=_("Send to this channel"), required=False)
    text = forms.CharField(
        label=_("Text of the post"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Leave empty for the headline, the lead and the link."),
    )
    withdraw_on_unpublish = forms.BooleanField(
        label=_("Delete the post when the article is unpublished"), required=False
    )


@dataclass(frozen=True)
class Preview:
    text: str
    image_url: str
    limit: int
    over_limit: bool
    length_note: str


def preview_of(page: Page, channel: Channel, form: ArticleChannelForm) -> Preview:
    """The post as the channel will show it: the editor's text (or the default), the hero
    image, and its length against the channel's documented limit (a caption when the post
    carries the image)."""
    typed = form["text"].value() or ""
    text = typed or default_text(page)
    hero = getattr(page, "hero_image", None)
    limits = transport_class(channel.kind).limits
    limit = (limits.caption_chars if hero else limits.text_chars) or limits.text_chars
    note = ngettext("%(count)s character", "%(count)s characters", len(text)) % {"count": len(text)}
    if limit:
        note = _("%(length)s of at most %(limit)s; a longer text is shortened") % {
            "length": note, "limit": limit,
        }  # fmt: skip
    return Preview(
        text=text,
        image_url=hero.get_rendition("max-400x300").url if hero else "",
        limit=limit,
        over_limit=bool(limit) and len(text) > limit,
        length_note=note,
    )
