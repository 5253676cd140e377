"""Video embeds from an allow-list of hosts, turned into player URLs without any network call.

Wagtail's oEmbed finders would ask the provider over the network on save; the site runs
without outside access in tests and may in production too, and only a few players are
wanted anyway, so the player URL is derived from the page URL by pattern.
"""

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Player:
    provider: str
    embed_url: str


# Where the players above live: the only third parties a reader's page may load, and only
# after a click (core/static/bigasia/site.js); the Content-Security-Policy allows them as frames.
PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://rutube.ru", "https://vkvideo.ru")

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_RUTUBE_PATH = re.compile(r"^/(?:video|play/embed)/([0-9a-f]{32})/?$")
_VK_PATH = re.compile(r"^/video(-?\d+)_(\d+)/?$")


def _youtube(url: SplitResult) -> str | None:
    if url.hostname in {"youtu.be"}:
        video_id = url.path.strip("/")
    elif url.path.startswith("/embed/"):
        video_id = url.path.removeprefix("/embed/").strip("/")
    else:
        video_id = parse_qs(url.query).get("v", [""])[0]
    if _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


def _rutube(url: SplitResult) -> str | None:
    match = _RUTUBE_PATH.match(url.path)
    return f"https://rutube.ru/play/embed/{match.group(1)}" if match else None


def _vk(url: SplitResult) -> str | None:
    match = _VK_PATH.match(url.path)
    if not match:
        return None
    return f"https://vkvideo.ru/video_ext.php?oid={match.group(1)}&id={match.group(2)}"


_PROVIDERS = {
    "www.youtube.com": ("YouTube", _youtube),
    "youtube.com": ("YouTube", _youtube),
    "youtu.be": ("YouTube", _youtube),
    "rutube.ru": ("RUTUBE", _rutube),
    "vkvideo.ru": ("VK Video", _vk),
    "vk.com": ("VK Video", _vk),
}


def player_for(url: str) -> Player:
    """The embeddable player for a video page URL; ValidationError if it is not allowed."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or parts.hostname not in _PROVIDERS:
        raise ValidationError(
            _("Only https links to YouTube, RUTUBE or VK Video can be embedded."), code="host"
        )
    provider, to_embed = _PROVIDERS[parts.hostname]
    embed_url = to_embed(parts)
    if embed_url is None:
        raise ValidationError(
            _("This %(provider)s link does not point at a single video."),
            code="path",
            params={"provider": provider},
        )
    return Player(provider=provider, embed_url=embed_url)
