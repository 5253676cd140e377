"""Our side of the exchange: an RSS 2.0 feed of our latest stories per language, for partners
to poll (the full feeds-out work — Atom, Yandex, sitemaps — lives in its own app later)."""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from bigasia.articles.models import ArticlePage

LATEST = 30


class LatestStoriesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = None  # Django then uses the active language, set by the /ru/ or /en/ prefix

    def title(self) -> str:
        return _("Big Asia")

    def description(self) -> str:
        return _("Opening Asia for Russia")

    def link(self) -> str:
        return f"/{translation.get_language()}/"

    def items(self):
        return (
            ArticlePage.objects.live()
            .public()
            .filter(locale__language_code=translation.get_language())
            .select_related("source")
            .order_by("-first_published_at", "-pk")[:LATEST]
        )

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.lead

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url()

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at

    def item_guid(self, item: ArticlePage) -> str:
        return item.full_url or item.get_url()

    def item_guid_is_permalink(self, item: ArticlePage) -> bool:
        return True
