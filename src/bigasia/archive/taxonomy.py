"""Where a post goes and what it is filed under: sections, authors, countries, tags.

Everything here is per language (the post's locale): a Russian post lands in the Russian
tree, with the Russian Author and Country snippets.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Locale

from bigasia.articles.models import ArticleTag, Author, Country, HomePage, SectionPage, Tag
from bigasia.core.slugs import transliterate_slug
from bigasia.search.morphology import country_keyword, country_keywords, stem, words

from .models import ImportedAuthor
from .source import SourceAuthor, SourceTerm

NEWS_INDEX_SLUG = "news"
TAG_LENGTH = 100
# Names per query: well under the bound parameters SQLite takes in one statement.
NAMES_PER_QUERY = 500


class NoHomeForLanguage(Exception):
    pass


@dataclass
class Sections:
    """Categories → sections of one language. `mapping` is the operator's `--sections` CSV
    (category slug or name → section slug); other categories are matched by name or slug,
    and the rest created under the news index."""

    locale: Locale
    mapping: dict[str, str] = field(default_factory=dict)
    _known: dict[str, SectionPage] = field(default_factory=dict)

    def home(self) -> HomePage:
        home = HomePage.objects.filter(locale=self.locale).first()
        if home is None:
            raise NoHomeForLanguage(
                _("The site has no home page in the language “%(language)s”.")
                % {"language": self.locale.language_code}
            )
        return home

    def news_index(self) -> SectionPage:
        home = self.home()
        news = SectionPage.objects.descendant_of(home).filter(slug=NEWS_INDEX_SLUG).first()
        return news or SectionPage.objects.child_of(home).first() or self._create(home, _("News"))

    def section_for(self, categories: list[SourceTerm]) -> SectionPage:
        """The first category's section (posts have one place in the tree); the news index
        for a post filed under none."""
        if not categories:
            return self.news_index()
        term = categories[0]
        if term.slug not in self._known:
            self._known[term.slug] = self._find(term) or self._create(self.news_index(), term.name)
        return SectionPage.objects.get(pk=self._known[term.slug].pk)  # fresh numchild and path

    def existing_for(self, term: SourceTerm) -> SectionPage | None:
        """The section a category went to, or would go to; none is created."""
        if term.slug not in self._known:
            found = self._find(term)
            if found is None:
                return None
            self._known[term.slug] = found
        return self._known[term.slug]

    def tag_urls(self, names: Iterable[str]) -> dict[str, str]:
        """The tag page of this language for each tag so named that one of the language's
        live stories carries (a tag page without stories answers 404); two queries per
        chunk of names."""
        wanted = {name: name.strip()[:TAG_LENGTH] for name in names}
        tag_names = sorted(set(wanted.values()))
        tags: dict[str, Tag] = {}
        carried: set[int] = set()
        for start in range(0, len(tag_names), NAMES_PER_QUERY):
            found = Tag.objects.filter(name__in=tag_names[start : start + NAMES_PER_QUERY])
            chunk = {tag.name: tag for tag in found}
            tags.update(chunk)
            carried.update(
                ArticleTag.objects.filter(
                    tag__in=list(chunk.values()), content_object__live=True,
                    content_object__locale=self.locale,
                ).values_list("tag_id", flat=True).distinct()
            )  # fmt: skip
        home = self.home()
        return {
            name: home.subpage_url("tag", tags[tag_name].slug)
            for name, tag_name in wanted.items()
            if tag_name in tags and tags[tag_name].pk in carried
        }

    def _find(self, term: SourceTerm) -> SectionPage | None:
        sections = SectionPage.objects.descendant_of(self.home())
        wanted = self.mapping.get(term.slug) or self.mapping.get(term.name)
        if wanted:
            return sections.filter(slug=wanted).first()
        # Compared in Python: SQLite folds the case of ASCII letters only ("культура").
        wanted_title = term.name.strip().casefold()
        by_name = next((s for s in sections if s.title.casefold() == wanted_title), None)
        return by_name or sections.filter(slug=transliterate_slug(term.slug or term.name)).first()

    def _create(self, parent: SectionPage | HomePage, title: str) -> SectionPage:
        section = parent.add_child(
            instance=SectionPage(title=title.strip()[:255] or _("News"), locale=self.locale)
        )
        section.save_revision().publish()
        return section


def author_for(
    source: SourceAuthor, locale: Locale, known_authors: dict[tuple, Author] | None = None
) -> Author:
    """The Author snippet of this login or e-mail in this language, made on first sight.
    `known_authors` remembers, across a run's posts, the authors found in the database, and
    one made here once its post's transaction commits (it may yet roll back)."""
    memo_key = (source.login, source.email.lower(), locale.pk)
    if known_authors is not None and memo_key in known_authors:
        return known_authors[memo_key]
    lookup = Q(pk__in=[])
    if source.login:
        lookup |= Q(login=source.login)
    if source.email:
        lookup |= Q(email=source.email.lower())
    known = ImportedAuthor.objects.filter(lookup, locale=locale).select_related("author").first()
    if known is not None:
        if known_authors is not None:
            known_authors[memo_key] = known.author
        return known.author
    name = source.display_name.strip() or source.login or source.email.split("@")[0]
    author = Author.objects.create(name=name[:200], locale=locale)
    ImportedAuthor.objects.create(
        locale=locale, login=source.login[:200], email=source.email.lower()[:254], author=author
    )
    if known_authors is not None:
        transaction.on_commit(lambda: known_authors.setdefault(memo_key, author))
    return author


class CountryFinder:
    """Countries named in a text, from the language's Country snippets. A name search's
    morphology knows (Казахстан, казахстанский, Китае) is matched by its keyword; any other
    name by its Snowball stem, which covers the Russian cases of most names."""

    def __init__(self, locale: Locale) -> None:
        self.by_keyword: dict[str, Country] = {}
        self.by_stems: dict[tuple[str, ...], Country] = {}
        for country in Country.objects.filter(locale=locale):
            name_words = words(country.name)
            # "Республика Корея" is found as "Корея", by the keyword of its one known word.
            keyword = next(filter(None, map(country_keyword, name_words)), None)
            if keyword:
                self.by_keyword[keyword] = country
            elif name_words:
                self.by_stems[tuple(stem(w) for w in name_words)] = country

    def countries_in(self, text: str) -> list[Country]:
        found = {self.by_keyword[k].pk: self.by_keyword[k] for k in country_keywords(text)
                 if k in self.by_keyword}  # fmt: skip
        stems = [stem(w) for w in words(text)]
        for name, country in self.by_stems.items():
            if _contains(stems, name):
                found.setdefault(country.pk, country)
        return list(found.values())


def _contains(stems: list[str], name: tuple[str, ...]) -> bool:
    size = len(name)
    return any(tuple(stems[i : i + size]) == name for i in range(len(stems) - size + 1))


class KnownTags:
    """The tags of a run's committed posts, by name: a post naming only tags met before asks
    the database for none of them. A tag is remembered once its post's transaction commits:
    one made by a post that then rolls back is gone again."""

    def __init__(self) -> None:
        self._by_name: dict[str, Tag] = {}

    def known_or_names(self, names: list[str]) -> list[Tag | str]:
        """Each name as its known tag, else as the name (taggit finds or makes that one)."""
        return [self._by_name.get(name, name) for name in names]

    def remember_when_committed(self, tags: Iterable[Tag]) -> None:
        by_name = {tag.name: tag for tag in tags}
        transaction.on_commit(lambda: self._by_name.update(by_name))


def tag_names(tags: list[SourceTerm], extra_categories: list[SourceTerm]) -> list[str]:
    """Tags, and the categories after the first (a page has one section): one list, no
    duplicates, each cut to the tag table's length."""
    names = [term.name.strip()[:TAG_LENGTH] for term in [*tags, *extra_categories]]
    return list(dict.fromkeys(name for name in names if name))
