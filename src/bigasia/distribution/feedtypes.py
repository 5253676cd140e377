"""The Yandex/Dzen flavour of RSS 2.0: a namespace, `yandex:full-text` and enclosures."""

from django.utils.feedgenerator import Rss201rev2Feed

YANDEX_NAMESPACE = "http://news.yandex.ru"


class YandexRssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:yandex": YANDEX_NAMESPACE}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("full_text"):
            handler.addQuickElement("yandex:full-text", item["full_text"])
