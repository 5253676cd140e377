"""The one contract between the delivery engine and a publishing channel (Telegram, VK,
IndexNow, WebSub): one module per channel under `channels/providers/`, each a subclass of
ChannelTransport named in PROVIDERS.

The engine owns everything that is the same for every channel (which article goes where,
leases, retries, the log); a transport only speaks its channel's API and says, by the
exception it raises, whether trying again can help.
"""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

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
    """A channel's documented limits, in characters and bytes (0: none)."""

    text_chars: int = 0
    caption_chars: int = 0
    image_bytes: int = 0


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

    def __init__(self, options: Mapping[str, str], secret: str, timeout: float) -> None:
        self.options = options
        self.secret = secret
        self.timeout = timeout

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
