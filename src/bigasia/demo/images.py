"""Illustrations for demo stories, drawn with Pillow so the demo needs no photo files."""

import hashlib
import io
import math

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675
# Muted palettes that read as editorial illustrations rather than placeholders.
_PALETTES = [
    ((24, 52, 84), (196, 120, 64)),
    ((92, 28, 36), (226, 184, 110)),
    ((28, 76, 70), (232, 214, 170)),
    ((54, 44, 92), (240, 150, 120)),
    ((40, 40, 44), (200, 60, 50)),
    ((20, 90, 120), (250, 226, 160)),
]


def _blend(a: tuple, b: tuple, t: float) -> tuple:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def draw_illustration(key: str) -> bytes:
    """A JPEG: a dusk gradient, a sun and layered hills, varied by the key's hash.

    No lettering: the same picture illustrates both language versions of a story.
    """
    digest = hashlib.sha256(key.encode()).digest()
    sky, glow = _PALETTES[digest[0] % len(_PALETTES)]
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        draw.line([(0, y), (WIDTH, y)], fill=_blend(sky, glow, (y / HEIGHT) ** 1.6))
    sun_x = 200 + digest[1] * 3
    sun_y = 140 + digest[2] % 160
    radius = 60 + digest[3] % 50
    draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=glow)
    for layer in range(4):
        shade = _blend(sky, (10, 10, 14), 0.35 + layer * 0.18)
        base = HEIGHT * (0.55 + layer * 0.11)
        amplitude = 30 + digest[4 + layer] % 60
        phase = digest[8 + layer] / 40
        points = [
            (x, base - amplitude * math.sin(x / (140 + layer * 35) + phase))
            for x in range(0, WIDTH + 20, 20)
        ]
        draw.polygon([(0, HEIGHT), *points, (WIDTH, HEIGHT)], fill=shade)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()
