"""Pages of the publication: home, sections, articles; country and tag listings hang off home.

Every model of the app can be imported from here, as is Django's custom; the label models
live in labels.py so that the queries over them (related.py, tag_alternates.py, fragments.py)
need no import of this module.
"""

from collections.abc import Callable
from functools import partial
from time import time as wall_clock
from typing import Any, cast

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .blocks import ArticleBodyBlock
from .fragments import FOLLOW_LISTINGS, remembered, remembered_by_section
from .labels import ArticleCountry, ArticleTag, PublicationStamp, ScopedStamp, Tag  # noqa: F401
from .related import ranked_related
from .sibling_slugs import SiblingSlugPageForm, free_sibling_slug
from .snippets import Author, Country, Source
from .tag_alternates import translated_tag_slug

ARTICLES_PER_PAGE = 20
MAX_LISTING_PAGES = 100
# How long an article's related stories are kept before they are ranked again: a story
# published meanwhile joins them within this time, as long as the page cache in front keeps
# an article (EDGE_TTL's default), whose purges never reach other articles' related stories.
RELATED_SECONDS = 600


class BigAsiaPage(Page):
    """Base of every page type: ASCII slugs transliterated from Russian."""

    base_form_class = SiblingSlugPageForm
    slug: str  # Wagtail's field, named for mypy: Page is untyped

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        self._settle_slug()
        return super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        # Drafts are saved with the minimal clean: their slug is settled there as well.
        self._settle_slug()
        super().minimal_clean()

    def _settle_slug(self) -> None:
        # The parent is known once the page is in the tree (path) or being added (treebeard's
        # add_child caches it); before that the slug is only transliterated.
        parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
        self.slug = free_sibling_slug(self.slug or self.title, parent, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: on a page whose fragments are cached (fragments.py) the links are never read.
        context["alternates"] = SimpleLazyObject(self.alternate_urls)
        context["cache_fragments"] = not getattr(request, "is_preview", False)
        return context

    def get_view_restrictions(self):
        """Wagtail's check, in one query instead of two: the ancestors' paths are prefixes of
        this page's path, and an alias is checked as the page it is an alias of. While a
        reader's request is served the answer is remembered until the next site-wide change
        (every change of restrictions is one); elsewhere (the admin) it is the
        query itself, to order or filter."""
        request = getattr(self, "_serving_request", None)
        if request is None:
            return self._view_restrictions_query()
        # Site-wide: every change of restrictions advances the site's stamp; the path is in
        # the key because a story moved under a restricted section changes its answer.
        rows = remembered(
            request,
            "restrictions",
            [self.pk, self.path],
            lambda: list(self._view_restrictions_query()),
        )
        # An evaluated empty queryset: iterating gives the remembered rows and runs no query,
        # and building the real query (an ORM compile on every reader's request) is skipped.
        restrictions = PageViewRestriction.objects.none()
        restrictions._result_cache = rows
        restrictions._prefetch_done = True
        return restrictions

    def _view_restrictions_query(self):
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        checked = Page.objects.filter(path__in=paths).values(
            checked_id=Coalesce("alias_of_id", "id")
        )
        return PageViewRestriction.objects.filter(page_id__in=checked)

    @cached_property
    def home(self) -> "HomePage":
        """The home page of this page's language: the tree's depth-2 ancestor."""
        return HomePage.objects.get(path=self.path[: 2 * self.steplen])

    def alternate_urls(self) -> dict[str, str]:
        """{language code: URL} of this page and its live translations, for hreflang links."""
        translations = self.get_translations(inclusive=True).live().select_related("locale")
        return {page.locale.language_code: page.get_url() for page in translations}


class BoundedPaginator(Paginator):
    """Counts at most MAX_LISTING_PAGES pages of rows.

    A plain COUNT(*) over a section grows with the archive (a million stories, a million rows
    counted on every request); listings go 100 pages deep and older stories are reached
    through search, country and tag pages.
    """

    @cached_property
    def count(self) -> int:
        # Unordered: how many rows there are does not depend on their order, and without
        # ORDER BY the database may take the cheapest index (the section's path range, the
        # country's links) instead of walking the whole archive newest first.
        rows = cast(QuerySet[Any], self.object_list)  # listings paginate querysets only
        return rows.order_by()[: MAX_LISTING_PAGES * self.per_page].count()


def paginate(request: HttpRequest, queryset, per_page: int = ARTICLES_PER_PAGE) -> PaginatorPage:
    """A page of results; junk or out-of-range ?page= values fall back instead of failing."""
    return BoundedPaginator(queryset, per_page).get_page(request.GET.get("page"))


def paged(alternates: dict[str, str], stories: PaginatorPage) -> dict[str, str]:
    """Canonical and hreflang URLs of page N of a listing carry ?page=N (page 1 has none)."""
    if stories.number == 1:
        return alternates
    return {code: f"{url}?page={stories.number}" for code, url in alternates.items()}


# The filter of a story card's image (articles/includes/story_card.html).
CARD_RENDITION = "fill-480x270"


def prefetch_card_renditions(stories: list["ArticlePage"]) -> list["ArticlePage"]:
    """The card images' renditions read in one query for the whole list, where Wagtail looks
    each card's up on its own (the cache, else a query per card)."""
    images = [story.hero_image for story in stories if story.hero_image_id]
    if images:
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_RENDITION)
        )
        prefetch_related_objects(
            images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
        )
    return stories


class ArticleQuerySet(PageQuerySet):
    def for_lists(self):
        """Live stories, newest first, with what a story card needs joined in."""
        return (
            self.live()
            .select_related("source", "hero_image")
            .order_by("-first_published_at", "-pk")
        )


class HomePage(RoutablePageMixin, BigAsiaPage):
    """The front page of one language; also serves /country/<slug>/ and /tag/<slug>/."""

    featured_article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("top story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown first on the home page, above the sections."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage", "tv.TvIndexPage"]
    content_panels = Page.content_panels + [FieldPanel("featured_article")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def articles(self):
        return ArticlePage.objects.descendant_of(self).for_lists()

    def route(self, request, path_components):
        """Resolve an article's or a section's whole path in one query (by the indexed
        url_path) instead of two queries per tree level as Wagtail walks it, and remember
        the answer until the next publish in its language; anything else (routes such as
        /country/…, TV) takes Wagtail's usual way."""
        self._serving_request = request  # lets get_view_restrictions remember its answer
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            # Scoped to the language's listings: a page renamed or moved leaves its old path,
            # and that path's own stamp does not move with it.
            page = remembered(
                request, "route", [url_path], lambda: self.page_at(url_path), scope="listing"
            )
            if page:
                page.home = self
                page._serving_request = request
                return RouteResult(page)
        return super().route(request, path_components)

    @staticmethod
    def page_at(url_path: str) -> "ArticlePage | SectionPage | bool":
        """The live article or section at url_path, or False (cached as "not one of ours")."""
        for model, related in ((ArticlePage, ("source", "hero_image", "locale")),
                               (SectionPage, ("locale",))):  # fmt: skip
            page = model.objects.live().select_related(*related).filter(url_path=url_path).first()
            if page is not None:
                return page
        return False

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lists = SimpleLazyObject(lambda: self.home_lists(request))
        context["featured"] = SimpleLazyObject(lambda: lists["featured"])
        context["sections"] = SimpleLazyObject(lambda: lists["sections"])
        return context

    def home_lists(self, request: HttpRequest, per_section: int = 4) -> dict[str, Any]:
        """The live top story ("featured", or None) and each leaf section (one that holds
        articles) with its newest stories ("sections").

        Each section's newest stories, and the top story, are kept until a story of their
        section is published (fragments.remembered_by_section): after a publish one section
        is read again, not all. One small query per section, each served by an index (newest
        first, stop at `per_section`): a single query numbering every story of every section
        with a window function would read the whole archive on every miss."""
        sections = remembered(request, "home-sections", [self.pk], self._sections, scope="site")
        entries: dict[str, tuple[int, Callable[[], list]]] = {
            str(section.pk): (section.pk, partial(self._latest, section, per_section))
            for section in sections
        }
        # The top story's section: changes only with the home page or a move (site-wide);
        # None while the story is not live, which is not remembered (its publish is not
        # site-wide).
        featured_in = None
        if self.featured_article_id is not None:
            featured_in = remembered(
                request, "featured-in", [self.featured_article_id], self._featured_section
            )
        if featured_in is not None:
            entries["featured"] = (featured_in, self._featured)
        lists = remembered_by_section(request, entries)
        featured = lists.get("featured") or [None]
        with_stories = [(section, lists[str(section.pk)]) for section in sections]
        return {
            "featured": featured[0],
            "sections": [(section, stories) for section, stories in with_stories if stories],
        }

    def _sections(self) -> list["SectionPage"]:
        return list(
            SectionPage.objects.live()
            .descendant_of(self)
            .filter(show_on_home=True)
            .order_by("path")
        )

    @staticmethod
    def _latest(section: "SectionPage", per_section: int) -> list["ArticlePage"]:
        stories = ArticlePage.objects.child_of(section).for_lists()[:per_section]
        return prefetch_card_renditions(list(stories))

    def _featured_section(self) -> int | None:
        """The id of the live top story's section."""
        path = (
            ArticlePage.objects.live()
            .filter(pk=self.featured_article_id)
            .values_list("path", flat=True)
            .first()
        )
        if path is None:
            return None
        return Page.objects.filter(path=path[: -self.steplen]).values_list("pk", flat=True).first()

    def _featured(self) -> list["ArticlePage"]:
        return prefetch_card_renditions(
            list(ArticlePage.objects.for_lists().filter(pk=self.featured_article_id))
        )

    @path("country/<slug:slug>/", name="country")
    def country(self, request, slug):
        country = get_object_or_404(Country, locale=self.locale, slug=slug)
        stories = self.articles().filter(article_countries__country=country)
        return self.render_listing(
            request,
            "articles/country_page.html",
            country,
            stories,
            alternates=self.snippet_alternates(country, "country"),
        )

    @path("author/<slug:slug>/", name="author")
    def author(self, request, slug):
        author = get_object_or_404(
            Author.objects.select_related("photo"), locale=self.locale, slug=slug
        )
        stories = self.articles().filter(article_authors__author=author)
        return self.render_listing(
            request,
            "articles/author_page.html",
            author,
            stories,
            alternates=self.snippet_alternates(author, "author"),
        )

    @path("tag/<slug:slug>/", name="tag")
    def tag(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        stories = self.articles().filter(tags=tag)
        if not stories.exists():
            raise Http404
        return self.render_listing(
            request, "articles/tag_page.html", tag, stories, alternates=self.tag_alternates(tag)
        )

    def subpage_url(self, route: str, slug: str) -> str:
        return self.url + self.reverse_subpage(route, args=[slug])

    def render_listing(self, request, template, subject, stories, alternates=None):
        page_of_stories = paginate(request, stories)
        alternates = alternates or {self.locale.language_code: request.path}
        return self.render(
            request,
            template=template,
            context_overrides={
                FOLLOW_LISTINGS: True,  # tag pages' language links follow the other language
                "subject": subject,
                "stories": page_of_stories,
                "alternates": paged(alternates, page_of_stories),
            },
        )

    def tag_alternates(self, tag: "Tag") -> dict[str, str]:
        """This tag's page here and, in every other language, the page of its translation."""
        alternates = {self.locale.language_code: self.subpage_url("tag", tag.slug)}
        for home in self.get_translations().live().select_related("locale").specific():
            slug = translated_tag_slug(ArticlePage.objects.live(), tag, self.locale, home.locale)
            if slug is not None:
                alternates[home.locale.language_code] = home.subpage_url("tag", slug)
        return alternates

    def snippet_alternates(self, snippet: Author | Country, route: str) -> dict[str, str]:
        """The same country's or author's page in every language that has it translated."""
        homes = {
            home.locale_id: home for home in self.get_translations(inclusive=True).live().specific()
        }
        return {
            translated.locale.language_code: homes[translated.locale_id].subpage_url(
                route, translated.slug
            )
            for translated in snippet.get_translations(inclusive=True).select_related("locale")
            if translated.locale_id in homes
        }


class SectionPage(BigAsiaPage):
    """A section (politics, economics…) or a container of sections (content, news)."""

    intro = models.TextField(_("introduction"), blank=True)
    show_on_home = models.BooleanField(
        _("show on the home page"), default=True, help_text=_("List its newest stories on home.")
    )

    parent_page_types = ["articles.HomePage", "articles.SectionPage"]
    subpage_types = ["articles.SectionPage", "articles.ArticlePage"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("show_on_home")]

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = SimpleLazyObject(lambda: self.page_of_stories(request))
        alternates = context["alternates"]
        context["stories"] = stories
        # stories stands in for the paginator's Page (django-stubs cannot say so).
        context["alternates"] = SimpleLazyObject(lambda: paged(alternates, stories))  # type: ignore[arg-type]
        context["page_number"] = request.GET.get("page", "")
        return context

    def page_of_stories(self, request: HttpRequest) -> PaginatorPage:
        stories = paginate(request, ArticlePage.objects.descendant_of(self).for_lists())
        stories.object_list = prefetch_card_renditions(list(stories.object_list))
        return stories


class ArticlePage(BigAsiaPage):
    lead = models.TextField(_("lead"), help_text=_("The standfirst shown in bold under the title."))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("main image caption"), max_length=500, blank=True)
    hero_credit = models.CharField(_("main image credit"), max_length=200, blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))

    objects = PageManager.from_queryset(ArticleQuerySet)()

    parent_page_types = ["articles.SectionPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source"), InlinePanel("article_authors", label=_("Authors"))],
            heading=_("Byline"),
        ),
        InlinePanel("article_countries", label=_("Countries")),
        FieldPanel("tags"),
        InlinePanel("related_links", label=_("Related stories")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: read only when a fragment that shows them is rendered (not on a cache hit).
        context["authors"] = SimpleLazyObject(self.byline_authors)
        context["countries"] = SimpleLazyObject(self.country_links)
        context["tags"] = SimpleLazyObject(
            lambda: [(tag, self.home.subpage_url("tag", tag.slug)) for tag in self.tags.all()]
        )
        # The related stories are ranked again in each period (the period is in the key of
        # their fragment too): see related_for_readers.
        period = int(wall_clock() // RELATED_SECONDS)
        context["related_period"] = period
        context["related_stories"] = SimpleLazyObject(
            lambda: self.related_for_readers(request, period)
        )
        return context

    def byline_authors(self) -> list[Author]:
        """The story's authors, each with `url`, the address of their page."""
        authors = [link.author for link in self.article_authors.select_related("author")]
        for author in authors:
            author.url = self.home.subpage_url("author", author.slug)
        return authors

    def country_links(self) -> list[tuple[Country, str]]:
        """(country, URL of its page) for the story's countries; read once per request."""
        if "_country_links" not in self.__dict__:
            countries = [link.country for link in self.article_countries.select_related("country")]
            self._country_links = [
                (country, self.home.subpage_url("country", country.slug)) for country in countries
            ]
        return self._country_links

    def related_for_readers(self, request: HttpRequest, period: int) -> list["ArticlePage"]:
        """The related stories, ranked at most every RELATED_SECONDS (and after any change
        of the page or a site-wide one, such as a withdrawal); the stories themselves are
        read afresh, one query, so a related story republished shows its new card."""

        def ranking() -> list["ArticlePage"]:
            return self.related_stories(country_ids=[c.pk for c, _url in self.country_links()])

        if getattr(request, "is_preview", False):
            return ranking()
        ranked = remembered(
            request,
            "related",
            [self.pk, period],
            lambda: [story.pk for story in ranking()],
            scope="page",
        )
        stories = ArticlePage.objects.for_lists().in_bulk(ranked)
        if len(stories) < len(ranked):  # an editor's pick that is not a story: read it all
            return ranking()
        return prefetch_card_renditions([stories[pk] for pk in ranked])

    def related_stories(
        self, limit: int = 4, country_ids: list[int] | None = None
    ) -> list["ArticlePage"]:
        """Editors' picks first, then the most relevant stories (see related.py)."""
        links = [link for link in self.related_links.select_related("page") if link.page.live]
        public = public_page_ids([link.page_id for link in links])
        picks = [
            link.page.specific
            for link in links
            if link.page_id in public and link.page.locale_id == self.locale_id
        ][:limit]
        if len(picks) < limit:
            # A list, not a subquery: in previews the links are unsaved in-memory objects.
            if country_ids is None:
                country_ids = [link.country_id for link in self.article_countries.all()]
            exclude = [self.pk, *(p.pk for p in picks)]
            live = ArticlePage.objects.live()
            picks.extend(ranked_related(self, live, limit - len(picks), exclude, country_ids))
        return prefetch_card_renditions(picks)


def public_page_ids(page_ids: list[int]) -> set[int]:
    """Which of these pages no view restriction hides. Asked by id: in a preview the
    related links are unsaved, the pages they name are not."""
    if not page_ids:
        return set()
    return set(Page.objects.public().filter(pk__in=page_ids).values_list("pk", flat=True))


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, related_name="article_authors", on_delete=models.CASCADE)
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.CASCADE)
    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("article author")
        verbose_name_plural = _("article authors")


class RelatedArticle(Orderable):
    source_page = ParentalKey(ArticlePage, related_name="related_links", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("page", heading=_("story"))]

    class Meta(Orderable.Meta):
        verbose_name = _("related story")
        verbose_name_plural = _("related stories")
