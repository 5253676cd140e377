"""A story of an episode: title, start time in the video, text, quotations, stills."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from bigasia.articles.blocks import PARAGRAPH_FEATURES, CaptionedImageBlock, QuotationBlock


class StoryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Story title"), max_length=255)
    start = blocks.IntegerBlock(
        label=_("Starts at, seconds"),
        min_value=0,
        help_text=_("Where the story begins in the video, in seconds from the start."),
    )
    text = blocks.RichTextBlock(label=_("Text"), features=PARAGRAPH_FEATURES)
    quotations = blocks.ListBlock(QuotationBlock(), label=_("Quotations"), default=[])
    stills = blocks.ListBlock(CaptionedImageBlock(), label=_("Stills"), default=[])

    class Meta:
        icon = "media"
        label = _("Story")


class EpisodeStoriesBlock(blocks.StreamBlock):
    story = StoryBlock()
