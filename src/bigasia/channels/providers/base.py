"""The one contract between the delivery engine and a publishing channel (Telegram, VK,
IndexNow, WebSub): one module per channel under `channels/providers/`, each a subclass of
ChannelTransport named in PROVIDERS.

The engine owns everything that is the same for every channel (which article goes where,
leases, retries, the log); a transport only speaks its channel's API and says, by the
exception it raises, whether trying again can help.
"""

import json
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import requests
import urllib3
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from bigasia.core.providers import provider_class


@dataclass(frozen=True)
class ChannelPost:
    """One version of one article, as a channel is asked to carry it.

    `key` is the same for every version of the article in this channel, so an API that
    de-duplicates (VK's `guid`) can tell a repeat from a new post. `text` is what the editor
    approved for this channel (or the composed default); `image` a local file of the hero
    image, or None. `alternate_urls` are the live translations' addresses and `feed_urls`
    the feeds whose content changed with the article (for pings).
    """

    key: str
    language: str
    url: str
    headline: str
    lead: str
    text: str
    image: Path | None = None
    image_url: str = ""
    alternate_urls: tuple[str, ...] = ()
    feed_urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Posted:
    """What the channel answered: its id of the post (to edit or delete it later) and a
    public link to it; both empty for channels that only take pings."""

    remote_id: str = ""
    link: str = ""


@dataclass(frozen=True)
class Limits:
    """A channel's documented limits, in characters, bytes and pixels (0: none)."""

    text_chars: int = 0
    caption_chars: int = 0
    image_bytes: int = 0
    image_sides_sum: int = 0  # width + height
    image_ratio: float = 0  # longer side / shorter side


class ChannelError(Exception):
    """A delivery failed; the message goes to the delivery log as it is."""


class RetryLater(ChannelError):
    """Worth trying again: a rate limit, a 5xx, a timeout. `retry_after` is the channel's
    own hint in seconds (Telegram's `retry_after`), or None for the engine's back-off."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentFailure(ChannelError):
    """Trying again cannot help until someone acts: a revoked token, a refused request."""


ELLIPSIS = "…"
# The last web address in a post's text: the article's link, which trimming keeps whole.
LINK = re.compile(r"(\s*)(https?://\S+)")
# Punctuation left dangling before the ellipsis reads badly («Итоги саммита,…»).
DANGLING = " \t\n,;:—–-"


def trim_to(text: str, limit: int, measure: Callable[[str], int] = len) -> str:
    """`text` within `limit` units of `measure`: cut at a word boundary and ended with «…».

    The last link of the text survives whole, with the whitespace before it, at the end: it
    is what the post is for. What followed it is dropped with the cut.
    """
    if measure(text) <= limit:
        return text
    links = list(LINK.finditer(text))
    if not links:
        return _cut(text, limit, measure)
    link = links[-1]
    separator = link.group(1) or "\n\n"
    tail = separator + link.group(2)
    room = limit - measure(tail)
    if room < measure(ELLIPSIS):
        raise ValueError(f"a limit of {limit} leaves no room for text before {link.group(2)}")
    return _cut(text[: link.start()], room, measure) + tail


def _cut(text: str, limit: int, measure: Callable[[str], int]) -> str:
    if measure(text) <= limit:
        return text
    room = limit - measure(ELLIPSIS)
    # The longest prefix that fits: `measure` grows with the prefix, so bisect on its length.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle]) <= room:
            low = middle
        else:
            high = middle - 1
    prefix = text[:low]
    word_start = max(prefix.rfind(" "), prefix.rfind("\n"))
    # A single word longer than half the room is cut inside it rather than lost whole.
    if word_start > len(prefix) // 2 and not text[low : low + 1].isspace():
        prefix = prefix[:word_start]
    return prefix.rstrip(DANGLING) + ELLIPSIS


def compose_text(headline: str, lead: str, url: str) -> str:
    """The default text of a post: headline, lead and link, each its own paragraph."""
    return "\n\n".join(part.strip() for part in (headline, lead, url) if part.strip())


def image_fits(image: Path | None, limits: Limits) -> bool:
    """Whether a channel would take the image: a readable picture within its limits on the
    file's size, on width + height and on the ratio of the longer side to the shorter."""
    if image is None or not image.is_file():
        return False
    if limits.image_bytes and image.stat().st_size > limits.image_bytes:
        return False
    try:
        with Image.open(image) as picture:
            width, height = picture.size
    except (UnidentifiedImageError, OSError):
        return False
    longer, shorter = max(width, height), max(min(width, height), 1)
    if limits.image_sides_sum and width + height > limits.image_sides_sum:
        return False
    return not limits.image_ratio or longer / shorter <= limits.image_ratio


# Channels answer in a few kilobytes of JSON; more is not an answer worth keeping.
MAX_ANSWER_BYTES = 1024 * 1024
READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Answer:
    """An HTTP answer below 500: its status, headers and the body parsed as JSON (None when
    the body is not JSON)."""

    status: int
    headers: Mapping[str, str]
    data: Any
    text: str


def _read_within(response: requests.Response, deadline: float, host: str) -> bytes:
    """The body, read chunk by chunk so that a server dripping bytes cannot hold the call
    past its deadline (each socket read is itself bounded by what is left of it)."""
    body = bytearray()
    while chunk := response.raw.read1(READ_CHUNK, decode_content=True):
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            raise RetryLater(_("%(host)s answered with more than 1 MB.") % {"host": host})
        if time.monotonic() > deadline:
            raise RetryLater(_("%(host)s did not finish its answer in time.") % {"host": host})
    return bytes(body)


def _parsed(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None


class ChannelTransport(ABC):
    """Speaks one channel's API. `options` are the channel's settings from the admin (a
    chat id, a community id, a hub URL, the API base URL); `secret` is read from the
    environment variable the channel names; `timeout` bounds every HTTP call."""

    kind: ClassVar[str]
    limits: ClassVar[Limits] = Limits()
    # True when publishing the same post (the same `key`) twice leaves one post: VK's `guid`,
    # pings. The engine then simply repeats a publish whose outcome a dead worker took with it;
    # otherwise it marks the delivery for a person to check rather than risk a second post.
    publish_repeat_safe: ClassVar[bool] = False
    # Ping channels (IndexNow, WebSub) carry no text, so there is none to compose or edit.
    carries_text: ClassVar[bool] = True

    def __init__(self, options: Mapping[str, str], secret: str, timeout: float) -> None:
        self.options = options
        self.secret = secret
        self.timeout = timeout
        self.session = requests.Session()

    @staticmethod
    def measure(text: str) -> int:
        """How the channel counts the length of a text (Telegram: UTF-16 code units)."""
        return len(text)

    @classmethod
    def text_limit(cls, with_image: bool) -> int:
        """The length the text may have: a caption's when it goes under an image."""
        if with_image and cls.limits.caption_chars:
            return cls.limits.caption_chars
        return cls.limits.text_chars

    @classmethod
    def fit(cls, text: str, with_image: bool) -> str:
        limit = cls.text_limit(with_image)
        return trim_to(text, limit, cls.measure) if limit else text

    @classmethod
    def default_text(cls, headline: str, lead: str, url: str, with_image: bool) -> str:
        """What the editor starts from in the side panel; empty for ping channels."""
        if not cls.carries_text:
            return ""
        return cls.fit(compose_text(headline, lead, url), with_image)

    def http(self, method: str, url: str, **kwargs: Any) -> Answer:
        """One call to the channel's API within `timeout` seconds, connecting and reading
        included. A hang, a dropped connection or a 5xx raises RetryLater; any other answer
        is returned for the transport to judge. Messages name the host only: Telegram's
        token is part of its URLs and must not reach the delivery log."""
        host = urlsplit(url).netloc
        deadline = time.monotonic() + self.timeout
        try:
            response = self.session.request(
                method,
                url,
                # requests hands urllib3's Timeout through; its stubs only know floats.
                timeout=urllib3.Timeout(total=self.timeout),  # type: ignore[arg-type]
                stream=True,
                allow_redirects=False,
                **kwargs,
            )
            with response:
                body = _read_within(response, deadline, host)
        except (requests.Timeout, urllib3.exceptions.TimeoutError):
            raise RetryLater(
                _("%(host)s did not answer within %(seconds)s s.")
                % {"host": host, "seconds": self.timeout}
            ) from None
        except (requests.ConnectionError, urllib3.exceptions.HTTPError) as exc:
            raise RetryLater(
                _("Could not reach %(host)s (%(error)s).")
                % {"host": host, "error": type(exc).__name__}
            ) from None
        except requests.RequestException as exc:  # a malformed address in the settings
            raise PermanentFailure(
                _("Cannot call %(host)s (%(error)s); check the channel's address.")
                % {"host": host, "error": type(exc).__name__}
            ) from None
        if response.status_code >= 500:
            raise RetryLater(
                _("%(host)s answered %(status)s, a fault on its side.")
                % {"host": host, "status": response.status_code}
            )
        if 300 <= response.status_code < 400:
            # Only the target's origin: its path may carry the token of the request.
            target = urlsplit(response.headers.get("Location", ""))
            raise PermanentFailure(
                _("%(host)s redirects to %(origin)s; set the channel's address to it.")
                % {"host": host, "origin": f"{target.scheme}://{target.netloc}"}
            )
        text = body.decode(response.encoding or "utf-8", errors="replace")
        return Answer(response.status_code, response.headers, _parsed(body), text)

    @abstractmethod
    def publish(self, post: ChannelPost) -> Posted:
        """Carry a newly published article."""

    def update(self, post: ChannelPost, previous: Posted) -> Posted:
        """Carry a new version of an article carried before; pings simply ping again."""
        return self.publish(post)

    def withdraw(self, post: ChannelPost, previous: Posted) -> None:  # noqa: B027
        """The article was unpublished; channels that can take a post down do so here."""


# kind -> dotted path; the engine looks transports up here.
PROVIDERS: dict[str, str] = {
    "telegram": "bigasia.channels.providers.telegram.TelegramTransport",
    "vk": "bigasia.channels.providers.vk.VkTransport",
    "indexnow": "bigasia.channels.providers.indexnow.IndexNowTransport",
    "websub": "bigasia.channels.providers.websub.WebSubTransport",
}


def transport_class(kind: str) -> type[ChannelTransport]:
    # mypy refuses an abstract class for type[T]; provider_class only checks subclassing.
    return provider_class(PROVIDERS[kind], ChannelTransport, f"channel kind {kind}")  # type: ignore[type-abstract]
