"""RSS 2.0, Atom and Yandex RSS of our stories: per language, section, country and tag.

One Feed class serves every combination: the flavour (rss, atom, yandex) is chosen when the
URL is declared, the scope (all, section, country, tag) from the URL's arguments. Full text
goes into RSS/Atom items only when the operator sets FEEDS_FULL_TEXT=1; the Yandex flavour
always carries `yandex:full-text`, which is what aggregators reading that format expect.
"""

import copy
import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from bigasia.articles.models import ArticlePage, HomePage, SectionPage, Tag
from bigasia.articles.snippets import Country
from bigasia.search.indexing import body_text

from .feedtypes import YandexRssFeed

FLAVOURS = {"rss": Rss201rev2Feed, "atom": Atom1Feed, "yandex": YandexRssFeed}
ENCLOSURE_RENDITION = "width-1200"


@dataclass
class FeedSubject:
    title: str
    link: str
    stories: object  # an ArticlePage queryset


def _home(language: str) -> HomePage:
    home = HomePage.objects.live().filter(locale__language_code=language).first()
    if home is None:
        raise Http404
    return home


def feed_subject(scope: str, slug: str | None) -> FeedSubject:
    """What a feed is about: the whole edition, or one section, country or tag of it."""
    language = translation.get_language()
    home = _home(language)
    stories = ArticlePage.objects.live().public().descendant_of(home)
    if scope == "all":
        return FeedSubject(_("Big Asia"), home.url, stories)
    if scope == "section":
        section = get_object_or_404(SectionPage.objects.live().descendant_of(home), slug=slug)
        return FeedSubject(section.title, section.url, stories.descendant_of(section))
    if scope == "country":
        country = get_object_or_404(Country, locale=home.locale, slug=slug)
        link = home.subpage_url("country", country.slug)
        return FeedSubject(country.name, link, stories.filter(article_countries__country=country))
    if scope == "tag":
        tag = get_object_or_404(Tag, slug=slug)
        return FeedSubject(
            f"#{tag.name}", home.subpage_url("tag", tag.slug), stories.filter(tags=tag)
        )
    raise Http404


class StoryFeed(Feed):
    language = None  # the active language, set by the /ru/ or /en/ prefix

    def __init__(self, flavour: str = "rss") -> None:
        super().__init__()
        self.flavour = flavour
        self.feed_type = FLAVOURS[flavour]

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request of its URL: give each request its own copy
        # rather than storing the request on the shared instance.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, scope: str = "all", slug: str | None = None) -> FeedSubject:
        return feed_subject(scope, slug)

    def title(self, subject: FeedSubject) -> str:
        site = _("Big Asia")
        return site if subject.title == site else f"{subject.title} — {site}"

    def link(self, subject: FeedSubject) -> str:
        return subject.link

    def description(self, subject: FeedSubject) -> str:
        return _("Opening Asia for Russia")

    def items(self, subject: FeedSubject):
        return (
            subject.stories.select_related("source", "hero_image")
            .order_by("-first_published_at", "-pk")
            .distinct()[: settings.FEEDS_OUT_ITEMS]
        )

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        if settings.FEEDS_FULL_TEXT and self.flavour != "yandex":
            return self._body_html(item)
        return item.lead

    def _body_html(self, item: ArticlePage) -> str:
        body = "".join(str(block) for block in item.body)
        return format_html("<p><strong>{}</strong></p>", item.lead) + body

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url()

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at

    def item_author_name(self, item: ArticlePage) -> str | None:
        return item.source.name if item.source else None

    def item_guid(self, item: ArticlePage) -> str:
        return self.request.build_absolute_uri(item.get_url())

    def item_guid_is_permalink(self, item: ArticlePage) -> bool:
        return True

    def item_enclosures(self, item: ArticlePage) -> list[Enclosure]:
        if item.hero_image is None:
            return []
        rendition = item.hero_image.get_rendition(ENCLOSURE_RENDITION)
        url = self.request.build_absolute_uri(rendition.url)
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(url, str(rendition.file.size), mime_type)]

    def item_extra_kwargs(self, item: ArticlePage) -> dict:
        if self.flavour != "yandex":
            return {}
        return {"full_text": f"{item.lead}\n\n{body_text(item)}"}
