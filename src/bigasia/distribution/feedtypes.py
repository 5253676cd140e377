"""Feed formats: RSS 2.0, Atom, Yandex News and Dzen, each with every byline of a story.

Django's generators know one author per item; ours take the item's `bylines` (a list of
names) and write one element per name in the form each consumer reads: `dc:creator` in
RSS 2.0 (whose own `author` must be an e-mail address), `author/name` in Atom, a plain
`author` in the Yandex News and Dzen formats.

The RSS and Atom feeds advertise the WebSub hub when one is configured (WEBSUB_HUB_URL):
a `rel="hub"` link beside the `rel="self"` link Django already writes, as the WebSub spec
(§4) asks of a publisher; the Yandex News and Dzen feeds are read by their aggregators only.
"""

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"
YANDEX_NAMESPACE = "http://news.yandex.ru"


# The flavours whose feeds name the hub, hence those a publish pings it for.
HUB_FLAVOURS = ("rss", "atom")


class StoryRssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:dc": DC_NAMESPACE}

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)  # includes <atom:link rel="self">
        if settings.WEBSUB_HUB_URL:
            handler.addQuickElement(
                "atom:link", None, {"rel": "hub", "href": settings.WEBSUB_HUB_URL}
            )

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name in item.get("bylines", []):
            handler.addQuickElement("dc:creator", name)


class StoryAtomFeed(Atom1Feed):
    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)  # includes <link rel="self">
        if settings.WEBSUB_HUB_URL:
            handler.addQuickElement("link", "", {"rel": "hub", "href": settings.WEBSUB_HUB_URL})

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name in item.get("bylines", []):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class PlainAuthorRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose consumer reads bylines as plain-text `author` elements."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name in item.get("bylines", []):
            handler.addQuickElement("author", name)


class YandexNewsFeed(PlainAuthorRssFeed):
    """«Новости на Дзене» (the former Yandex News): `yandex:full-text` and `yandex:genre`."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:yandex": YANDEX_NAMESPACE}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("yandex:genre", "message")
        handler.addQuickElement("yandex:full-text", item["full_text"])


class DzenFeed(PlainAuthorRssFeed):
    """Dzen's own import format: the whole HTML in `content:encoded`, `media:rating` and
    the publication categories Dzen reads (format, indexing, comments)."""

    def rss_attributes(self) -> dict[str, str]:
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NAMESPACE,
            "xmlns:media": MEDIA_NAMESPACE,
        }

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("media:rating", "nonadult", {"scheme": "urn:simple"})
        handler.addQuickElement("content:encoded", item["content_html"])
