"""StreamField blocks of an article body."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from bigasia.core.embeds import player_for

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]


class QuotationBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=200)
    role = blocks.CharBlock(label=_("Speaker's role"), max_length=300, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "articles/blocks/quotation.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=500, required=False)
    credit = blocks.CharBlock(label=_("Credit"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "articles/blocks/image.html"


class VideoValue(blocks.StructValue):
    @cached_property
    def player(self):
        return player_for(self["url"])


class VideoEmbedBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Video link"), help_text=_("A YouTube, RUTUBE or VK Video page address.")
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=500, required=False)

    def clean(self, value):
        value = super().clean(value)
        try:
            player_for(value["url"])
        except ValidationError as exc:
            raise blocks.StructBlockValidationError(block_errors={"url": exc}) from exc
        return value

    class Meta:
        icon = "media"
        label = _("Video")
        value_class = VideoValue
        template = "articles/blocks/video.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="articles/blocks/paragraph.html"
    )
    quotation = QuotationBlock()
    image = CaptionedImageBlock()
    video = VideoEmbedBlock()
