"""IndexNow pings (https://www.indexnow.org/documentation): search engines that share the
protocol (Yandex, Bing, Seznam…) are told that an article's addresses changed.

Publish, update and withdraw all ping the same way, the article's URL and its translations':
an unpublished URL is pinged too, so that the engines fetch it, find it gone and drop it.
One POST per host, since a key vouches only for the host whose root serves it.

Options: `endpoint` (https://api.indexnow.org/indexnow, which passes pings on to every
engine of the protocol, unless set). The key is the site's INDEXNOW_KEY, the one served at
/<key>.txt (bigasia.channels.key_file); the channel's secret is not used.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import ChannelPost, ChannelTransport, PermanentFailure, Posted, RetryLater

DEFAULT_ENDPOINT = "https://api.indexnow.org/indexnow"
# What the protocol's documented answers mean (documentation, "Response format").
REFUSALS = {
    400: gettext_lazy("the request is malformed"),
    403: gettext_lazy("the key is not valid: the key file was not found or does not hold the key"),
    422: gettext_lazy("the URLs do not belong to the host, or the key does not match the protocol"),
}


class IndexNowTransport(ChannelTransport):
    kind = "indexnow"
    carries_text = False

    def publish(self, post: ChannelPost) -> Posted:
        self.ping(post)
        return Posted()

    def withdraw(self, post: ChannelPost, previous: Posted) -> None:
        self.ping(post)

    def ping(self, post: ChannelPost) -> None:
        key = settings.INDEXNOW_KEY
        if not key:
            raise PermanentFailure(_("INDEXNOW_KEY is not set; IndexNow needs a key."))
        endpoint = self.options.get("endpoint", "").strip() or DEFAULT_ENDPOINT
        for origin, urls in _by_origin((post.url, *post.alternate_urls)).items():
            body = {
                "host": urlsplit(origin).netloc,
                "key": key,
                "keyLocation": f"{origin}/{key}.txt",
                "urlList": urls,
            }
            self._judge(self.http("POST", endpoint, json=body).status)

    def _judge(self, status: int) -> None:
        if status in (200, 202):  # 202: accepted, the key is still being checked
            return
        if status == 429:
            raise RetryLater(_("IndexNow asks to slow down (429, too many requests)."))
        meaning = REFUSALS.get(status) or _("an unexpected answer")
        raise PermanentFailure(
            _("IndexNow refused the ping (%(status)s): %(meaning)s")
            % {"status": status, "meaning": meaning}
        )


def _by_origin(urls: tuple[str, ...]) -> dict[str, list[str]]:
    """The URLs grouped by scheme and host, in their order, without repeats."""
    groups: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        parts = urlsplit(url)
        groups.setdefault(f"{parts.scheme}://{parts.netloc}", []).append(url)
    return groups
