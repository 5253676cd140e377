"""The editor's choice of channels and post texts for one article: one form per channel, the
preview of the post each makes, and who may change them. The page editor's side panel
(`editor.py`) shows and saves them with the page."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Page

from .engine import chosen_channels
from .models import ArticleChannel, Channel
from .posts import default_text
from .providers.base import ChannelTransport, transport_class

# The hidden field that says a channel's form was on the editor's screen: without it the
# POST (an older editor tab, a channel added since the page was opened) leaves the
# channel's choice alone instead of reading a missing checkbox as "do not send".
SHOWN = "shown"


def plain_text(text: str) -> str:
    """A post's text as the channel will count it: a browser sends a textarea's line breaks
    as CRLF, and Telegram would count (and show) each CR."""
    return text.replace("\r\n", "\n").strip()


def shown_name(prefix: str) -> str:
    return f"{prefix}-{SHOWN}"


def may_edit_posts(user: PermissionsMixin | AnonymousUser, page: Page) -> bool:
    """Editors choose channels and texts for any article they may edit; an author for the
    articles they own (the ones Wagtail lets them edit)."""
    if not page.permissions_for_user(user).can_edit():
        return False
    return bool(user.has_perm("channels.change_articlechannel")) or page.owner_id == user.pk


class ArticleChannelForm(forms.Form):
    send = forms.BooleanField(label=gettext_lazy("Send to this channel"), required=False)
    text = forms.CharField(
        label=gettext_lazy("Text of the post"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Leave empty for the headline, the lead and the link."),
    )
    withdraw_on_unpublish = forms.BooleanField(
        label=gettext_lazy("Delete the post when the article is unpublished"), required=False
    )

    def __init__(
        self, *args: Any, transport: type[ChannelTransport], form_id: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.transport = transport
        if not transport.carries_text:
            del self.fields["text"]  # a ping has no text to write
        if form_id:  # fields outside the <form> they belong to, as in a side panel
            for field in self.fields.values():
                field.widget.attrs["form"] = form_id

    def clean_text(self) -> str:
        """Longer than the channel ever shows: refused, since trimming would throw away
        what the editor wrote past the limit (within it, the preview shows the cut)."""
        text = plain_text(self.cleaned_data["text"])
        limit = self.transport.text_limit(with_image=False)
        length = self.transport.measure(text)
        if limit and length > limit:
            raise forms.ValidationError(
                _("The text is %(length)s characters long as the channel counts them, over its "
                  "limit of %(limit)s. Shorten the text.") % {"length": length, "limit": limit}
            )  # fmt: skip
        return text


@dataclass(frozen=True)
class Preview:
    text: str
    image_url: str
    shortened: bool
    length_note: str


def preview_of(page: Page, channel: Channel, text: str) -> Preview:
    """The post as the channel will show it: the editor's text (or the default) trimmed as
    the channel's transport trims it, under the hero image, with its length in the
    channel's own count (Telegram counts UTF-16 code units)."""
    transport = transport_class(channel.kind)
    if not transport.carries_text:
        return Preview("", "", False, _("This channel is pinged with the address; it shows "
                                        "no text."))  # fmt: skip
    hero = getattr(page, "hero_image", None)
    written = plain_text(text) or default_text(page)
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


@dataclass
class ChannelEntry:
    """One channel of the article: its form (bound when the editor's screen showed it)."""

    page: Page
    channel: Channel
    form: ArticleChannelForm

    @property
    def shown_name(self) -> str:
        return shown_name(self.form.prefix or "")

    @cached_property
    def preview(self) -> Preview:
        text = self.form["text"].value() if "text" in self.form.fields else ""
        return preview_of(self.page, self.channel, text or "")


def channel_entries(
    page: Page, data: Mapping[str, Any] | None = None, form_id: str = ""
) -> list[ChannelEntry]:
    """A form per channel of the article's site and language, starting from the editor's
    earlier choice or the section's default; bound to `data` where the screen showed it."""
    entries = []
    for channel, choice, send in chosen_channels(page):
        prefix = f"channel-{channel.pk}"
        shown = data is not None and shown_name(prefix) in data
        form = ArticleChannelForm(
            data if shown else None,
            prefix=prefix,
            transport=transport_class(channel.kind),
            form_id=form_id,
            initial={
                "send": send,
                "text": choice.text if choice else "",
                "withdraw_on_unpublish": bool(choice and choice.withdraw_on_unpublish),
            },
        )
        if "text" in form.fields:
            form.fields["text"].widget.attrs["placeholder"] = default_text(page)
        entries.append(ChannelEntry(page, channel, form))
    return entries


def entries_valid(entries: list[ChannelEntry]) -> bool:
    return all(entry.form.is_valid() for entry in entries if entry.form.is_bound)


def save_entries(entries: list[ChannelEntry]) -> None:
    """Store the choices of the channels the editor's screen showed (valid forms only), in
    the caller's transaction: the page editor saves them with the page."""
    for entry in entries:
        if entry.form.is_bound:
            ArticleChannel.objects.update_or_create(
                page_id=entry.page.pk, channel=entry.channel, defaults=entry.form.cleaned_data
            )
