"""Publisher logos as PNG of known sizes, drawn from the publication's name.

Google reads neither an SVG nor a logo without a pixel size: its news publisher guideline
asks for a logo that fits 600×60 and its Article guideline for at least 112×112 px. Both
are drawn here with Pillow from the name in the active language, in the brand's colours,
once per process and language (a few milliseconds), and served at stable URLs.
"""

import io
import logging
from functools import lru_cache

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

logger = logging.getLogger(__name__)

BRAND_RED = "#9b1c1c"
WHITE = "#ffffff"
SIZES = {"wide": (600, 60), "square": (512, 512)}
MARGIN = 0.1  # of the logo's height, around the name


@lru_cache(maxsize=1)
def _font_path() -> str | None:
    try:
        ImageFont.truetype(settings.LOGO_FONT, 10)
    except OSError:
        logger.warning("LOGO_FONT %s cannot be read; logos fall back to Latin", settings.LOGO_FONT)
        return None
    return settings.LOGO_FONT


def _fitted_font(draw: ImageDraw.ImageDraw, text: str, width: int, height: int):
    """The largest size at which `text` fits the box (Pillow's own font if none is set)."""
    path = _font_path()
    size = height
    while True:
        font = ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        if (right - left <= width and bottom - top <= height) or size <= 8:
            return font
        size -= max(1, size // 20)


@lru_cache(maxsize=8)
def logo_png(kind: str, name: str) -> bytes:
    """A PNG of SIZES[kind]: the name in white on brand red (wide), or centred (square)."""
    width, height = SIZES[kind]
    if _font_path() is None and not name.isascii():
        name = "Big Asia"  # Pillow's built-in font has no Cyrillic
    image = Image.new("RGB", (width, height), BRAND_RED)
    draw = ImageDraw.Draw(image)
    margin = int(height * MARGIN)
    text = name if kind == "wide" else name.replace(" ", "\n")
    font = _fitted_font(draw, text, width - 2 * margin, height - 2 * margin)
    draw.multiline_text(
        (width / 2, height / 2), text, font=font, fill=WHITE, anchor="mm", align="center"
    )
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()
