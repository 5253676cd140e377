"""One page of every reader page type, in both languages: what the validators look at.

Validators judge templates, not content, so one page per type is enough (and keeps the
run short): the demo's seed story, a section, a country, a tag, the TV pages and so on.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin

LANGUAGES = ("ru", "en")
KINDS = (
    "home", "section", "article", "country", "tag", "author", "search", "newsletters",
    "tv", "programme", "episode", "404",
)  # fmt: skip
NAMES = [f"{kind}-{language}" for kind in KINDS for language in LANGUAGES]
# Page types that may be absent from this build, and why.
MAY_BE_MISSING = {"author": "no author pages yet (/<lang>/author/<slug>/, engineer G's work)"}
# npm installs the validators here (package.json beside this file; `make test` runs npm ci).
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
HOW_TO_GET_VALIDATORS = "run `make test` (npm ci in tests/validators) and install Java"


@dataclass(frozen=True)
class ReaderPage:
    kind: str
    language: str
    path: str
    status: int = 200

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.language}"


def reader_pages() -> dict[str, ReaderPage]:
    """Every page type in both languages found in the demo publication, by name."""
    pages = {}
    for language in LANGUAGES:
        for kind, path in _paths(language).items():
            if path:
                page = ReaderPage(kind, language, path, 404 if kind == "404" else 200)
                pages[page.name] = page
    return pages


def missing(name: str, pages: dict[str, ReaderPage]) -> None:
    """Skip a page type this build may lack; any other missing one is a failure."""
    if name in pages:
        return
    kind = name.rsplit("-", 1)[0]
    if kind not in MAY_BE_MISSING:
        pytest.fail(f"no {name} page found in the demo publication")
    pytest.skip(MAY_BE_MISSING[kind])


def _paths(language: str) -> dict[str, str | None]:
    from bigasia.articles.models import ArticlePage, Country, HomePage, SectionPage
    from bigasia.tv.models.pages import EpisodePage, ProgrammePage, TvIndexPage

    def first(model, **filters):
        return model.objects.live().filter(locale__language_code=language, **filters).first()

    home = first(HomePage)
    article = first(ArticlePage, slug__in=_seed_slugs()) or first(ArticlePage)
    country = Country.objects.filter(locale__language_code=language).order_by("pk").first()
    tag = article.tags.order_by("pk").first()
    with translation.override(language):
        search = reverse("sitesearch:search")
        newsletters = reverse("newsletters:page")
    return {
        "home": home.url,
        "section": first(SectionPage, depth=home.depth + 2).url,
        "article": article.url,
        "country": home.subpage_url("country", country.slug),
        "tag": home.subpage_url("tag", tag.slug) if tag else None,
        # Engineer G's author pages: checked as soon as the home page has an `author` route.
        "author": _author_path(home),
        "search": f"{search}?q={'Казахстан' if language == 'ru' else 'Kazakhstan'}",
        "newsletters": newsletters,
        "tv": first(TvIndexPage).url,
        "programme": first(ProgrammePage).url,
        "episode": first(EpisodePage).url,
        "404": f"/{language}/no-such-page/",
    }


def _seed_slugs() -> list[str]:
    return ["rossiysko-kazakhstanskoe-sotrudnichestvo", "russian-kazakh-cooperation"]


def _author_path(home: RoutablePageMixin) -> str | None:
    """Engineer G's author pages (`/<lang>/author/<slug>/`, a route of the home page); None
    until that route exists. The merger: check it resolves, then drop this fallback."""
    from bigasia.articles.models import Author

    author = Author.objects.order_by("pk").first()
    slug = getattr(author, "slug", "")
    if not slug:
        return None
    try:
        return home.subpage_url("author", slug)
    except NoReverseMatch:
        return None
