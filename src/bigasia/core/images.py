"""Uploaded images are measured, then read to the end, before Wagtail keeps them.

Wagtail's upload field reads only an image's header, so a file with a valid header and a cut
or broken body was accepted and failed later, in the first rendition (a 500 in the upload
form's own thumbnail); and a small file may declare a huge canvas (a 15 KB PNG of 121
megapixels), whose every rendition costs seconds and hundreds of MB. Every admin path that
takes an image file (add, multiple upload, chooser upload, replacing the file) builds its
form on `CheckedImageForm` (`WAGTAILIMAGES_IMAGE_FORM_BASE`), so each one refuses both with
a form error. The canvas is measured from the header before anything is decoded.
"""

import struct
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from PIL import Image as PILImage
from PIL import ImageSequence
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.models import Image

MEGAPIXEL = 1_000_000
# What Pillow raises on a body it cannot decode: cut (OSError, struct.error), broken chunks
# (SyntaxError), bad parameters (ValueError), a canvas past its own bomb guard.
UNREADABLE = (OSError, SyntaxError, ValueError, struct.error, PILImage.DecompressionBombError)


def too_many_pixels(
    limit: int, width: int = 0, height: int = 0, frames: int = 1
) -> ValidationError:
    """The limit's error; without a size when Pillow's own bomb guard stopped the reading."""
    limit_mp = limit // MEGAPIXEL
    values = {"limit": limit_mp, "width": width, "height": height}
    values["megapixels"] = round(width * height * frames / MEGAPIXEL)
    if not width:
        message = ngettext(
            "This image has far too many pixels: at most %(limit)s megapixel is accepted. "
            "Scale it down and upload it again.",
            "This image has far too many pixels: at most %(limit)s megapixels are accepted. "
            "Scale it down and upload it again.",
            limit_mp,
        )
    else:
        message = ngettext(
            "This image has %(megapixels)s megapixels (%(width)s × %(height)s): at most "
            "%(limit)s megapixel is accepted. Scale it down and upload it again.",
            "This image has %(megapixels)s megapixels (%(width)s × %(height)s): at most "
            "%(limit)s megapixels are accepted. Scale it down and upload it again.",
            limit_mp,
        )
    return ValidationError(message % values, code="file_too_many_pixels")


def unreadable_image() -> ValidationError:
    return ValidationError(
        _(
            "The image file is damaged or incomplete: it cannot be read to the end. "
            "Save it again from an image editor and upload it again."
        ),
        code="unreadable_image",
    )


def read_to_the_end(upload: UploadedFile) -> None:
    """Decode every frame, as a rendition would, so a broken body fails here, not there."""
    upload.seek(0)
    try:
        with PILImage.open(upload) as image:
            for frame in ImageSequence.Iterator(image):
                frame.load()
    except UNREADABLE as error:
        raise unreadable_image() from error
    finally:
        upload.seek(0)


class CheckedImageField(WagtailImageField):  # type: ignore[misc]  # wagtail has no types
    """Wagtail's image field, with the canvas limit in megapixels and a full decode."""

    def check_image_pixel_size(self, f: Any) -> None:  # Wagtail's file with .image
        try:
            width, height = f.image.get_size()  # the header only: nothing is decoded yet
            # Counting an animation's frames walks them (GIF), so a cut body can fail here.
            frames = f.image.get_frame_count()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
            raise too_many_pixels(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS) from error
        except UNREADABLE as error:
            raise unreadable_image() from error
        limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        if width * height * frames > limit:
            raise too_many_pixels(limit, width, height, frames)

    def to_python(self, data: Any) -> UploadedFile | None:
        upload: UploadedFile | None = super().to_python(data)
        if upload is not None:
            read_to_the_end(upload)
        return upload


class CheckedImageForm(BaseImageForm):  # type: ignore[misc]  # wagtail has no types
    """The base of every admin image form (`WAGTAILIMAGES_IMAGE_FORM_BASE`)."""

    file = CheckedImageField(
        label=capfirst(Image._meta.get_field("file").verbose_name),
        widget=forms.FileInput(attrs=BaseImageForm.Meta.widgets["file"].attrs),
    )
