"""RSS 2.0, Atom, Yandex News and Dzen feeds of our stories: per language and scope.

One Feed class serves every combination: the flavour (rss, atom, yandex, dzen) is chosen when
the URL is declared, the scope (all, section, country, tag) from the URL's arguments. Full
text goes into RSS/Atom items only when the operator sets FEEDS_FULL_TEXT=1; the Yandex News
flavour always carries `yandex:full-text` and the Dzen flavour `content:encoded`, which is
what those aggregators import.
"""

import copy
import mimetypes
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Enclosure
from django.utils.html import format_html
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext as _

from bigasia.articles.models import ArticlePage, ArticleQuerySet, HomePage, SectionPage, Tag
from bigasia.articles.snippets import Author, Country
from bigasia.search.indexing import body_text

from .feedtypes import DzenFeed, StoryAtomFeed, StoryRssFeed, YandexNewsFeed

FLAVOURS = {"rss": StoryRssFeed, "atom": StoryAtomFeed, "yandex": YandexNewsFeed, "dzen": DzenFeed}
# What Dzen should do with each imported story: publish it as an article, let it be
# indexed and open its comments (Dzen's help, "RSS feed format", item categories).
DZEN_CATEGORIES = ["format-article", "index", "comment-all"]
ENCLOSURE_RENDITION = "width-1200"
ROOT_RELATIVE = re.compile(r'\b(src|href)="/(?!/)')


@dataclass
class FeedSubject:
    title: str
    link: str
    stories: ArticleQuerySet


def _home(language: str) -> HomePage:
    home = HomePage.objects.live().filter(locale__language_code=language).first()
    if home is None:
        raise Http404
    return home


def feed_subject(scope: str, slug: str | None) -> FeedSubject:
    """What a feed is about: the whole edition, or one section, country, tag or author of it."""
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
    if scope == "author":
        author = get_object_or_404(Author, locale=home.locale, slug=slug)
        link = home.subpage_url("author", author.slug)
        return FeedSubject(author.name, link, stories.filter(article_authors__author=author))
    if scope == "tag":
        tag = get_object_or_404(Tag, slug=slug)
        tagged = stories.filter(tags=tag)
        if not tagged.exists():  # tags are shared by both languages; the tag page 404s too
            raise Http404
        return FeedSubject(f"#{tag.name}", home.subpage_url("tag", tag.slug), tagged)
    raise Http404


class StoryFeed(Feed):
    request: HttpRequest  # this request's copy of the feed has it (see __call__)
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
        response = Feed.__call__(feed, request, *args, **kwargs)
        # Feed sets Last-Modified from the newest item; answer If-Modified-Since with it.
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(request, last_modified=last_modified, response=response)

    def get_object(self, request, scope: str = "all", slug: str | None = None) -> FeedSubject:
        return feed_subject(scope, slug)

    def title(self, subject: FeedSubject) -> str:
        site = _("Big Asia")
        return site if subject.title == site else f"{subject.title} — {site}"

    def link(self, subject: FeedSubject) -> str:
        return subject.link

    def description(self, subject: FeedSubject) -> str:
        return _("Opening Asia for Russia")

    def author_name(self, subject: FeedSubject) -> str:
        # A feed-level author stands for every entry without one (RFC 4287 §4.1.1, §4.1.2).
        return _("Big Asia")

    def items(self, subject: FeedSubject) -> list[ArticlePage]:
        stories = list(
            subject.stories.select_related("source", "hero_image")
            .prefetch_related("article_authors__author")
            .order_by("-first_published_at", "-pk")
            .distinct()[: settings.FEEDS_OUT_ITEMS]
        )
        section_titles = dict(
            SectionPage.objects.filter(
                path__in={story.path[: -story.steplen] for story in stories}
            ).values_list("path", "title")
        )
        for story in stories:
            story.section_title = section_titles.get(story.path[: -story.steplen])
        return stories

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        if settings.FEEDS_FULL_TEXT and self.flavour in ("rss", "atom"):
            return self._body_html(item)
        return item.lead

    def _body_html(self, item: ArticlePage) -> str:
        body = "".join(str(block) for block in item.body)
        return format_html("<p><strong>{}</strong></p>", item.lead) + body

    def _absolute_links(self, html: str) -> str:
        """Our body HTML links to /media/… and /ru/…; an importer off the site needs hosts."""
        root = self.request.build_absolute_uri("/")
        return ROOT_RELATIVE.sub(lambda match: f'{match[1]}="{root}', html)

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url()

    def item_pubdate(self, item: ArticlePage):
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage):
        return item.last_published_at

    def bylines(self, item: ArticlePage) -> list[str]:
        """The story's authors by name, else its source (the agency), else nobody."""
        authors = [link.author.name for link in item.article_authors.all()]
        if authors:
            return authors
        return [item.source.name] if item.source else []

    def item_categories(self, item: ArticlePage) -> list[str]:
        section = [item.section_title] if item.section_title else []
        return section + DZEN_CATEGORIES if self.flavour == "dzen" else section

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
        extra: dict[str, object] = {"bylines": self.bylines(item)}
        if self.flavour == "yandex":
            extra["full_text"] = f"{item.lead}\n\n{body_text(item)}"
        if self.flavour == "dzen":
            extra["content_html"] = self._absolute_links(self._body_html(item))
        return extra
