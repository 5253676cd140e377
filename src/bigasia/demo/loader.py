"""Loads the demo publication: site tree in both languages, snippets, illustrated stories.

Idempotent: everything is looked up by a stable key (slug, name, image title) before it is
created, so running it again adds only what is missing.
"""

import io
from collections.abc import Callable, Iterable
from datetime import datetime
from html import escape

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from bigasia.articles.models import (
    ArticleAuthor,
    ArticleCountry,
    ArticlePage,
    HomePage,
    SectionPage,
)
from bigasia.articles.snippets import Author, Country, Source
from bigasia.core.dates import MOSCOW
from bigasia.core.slugs import transliterate_slug
from bigasia.tv.demo import add_tv_demo

from .content import AUTHOR_BIOS, AUTHORS, COUNTRIES, SECTIONS, SOURCES, Paragraph, Story, Text
from .images import draw_illustration
from .newsletters import add_newsletters_demo
from .readership import give_seed_story_its_views
from .stories import SEED_STORY, STORIES

Progress = Callable[[str], None]


class DemoLoader:
    def __init__(self, progress: Progress = lambda message: None) -> None:
        self.progress = progress
        self.ru = Locale.objects.get_or_create(language_code="ru")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]

    @transaction.atomic
    def load(self) -> int:
        homes = self.ensure_homes()
        sections = self.ensure_sections(homes)
        self.sources = self.ensure_snippets(
            Source, SOURCES, lambda v: ({"name": v[0]}, {"name": v[1]})
        )
        self.authors = self.ensure_snippets(
            Author,
            AUTHORS,
            lambda v: ({"name": v[0], "outlet": v[1]}, {"name": v[2], "outlet": v[3]}),
        )
        self.ensure_author_profiles()
        self.countries = self.ensure_countries()
        created = 0
        for story in [SEED_STORY, *STORIES]:
            created += self.ensure_story(story, sections[story.section])
        self.feature_seed_story(homes)
        seed = ArticlePage.objects.get(locale=self.ru, slug=transliterate_slug(SEED_STORY.ru.title))
        give_seed_story_its_views(seed)
        add_newsletters_demo()
        add_tv_demo()
        return created

    def feature_seed_story(self, homes: dict[str, HomePage]) -> None:
        """The seed story is the top story of both home pages."""
        seed = ArticlePage.objects.get(locale=self.ru, slug=transliterate_slug(SEED_STORY.ru.title))
        for stale_home in homes.values():
            # Re-read: the instance from before the sections were added still says it has no
            # children (treebeard's numchild), and saving it would write that back.
            home = HomePage.objects.get(pk=stale_home.pk)
            if home.featured_article_id is None:
                home.featured_article = seed.get_translation(home.locale)
                home.save_revision().publish()

    # --- site tree -------------------------------------------------------------------------

    def ensure_homes(self) -> dict[str, HomePage]:
        ru_home = HomePage.objects.filter(locale=self.ru).first()
        if ru_home is None:
            root = Page.get_first_root_node()
            ru_home = root.add_child(
                instance=HomePage(title="Большая Азия", slug="bigasia", locale=self.ru)
            )
            ru_home.save_revision().publish()
            self._retire_wagtail_welcome_page(ru_home)
        en_home = ru_home.get_translation_or_none(self.en)
        if en_home is None:
            en_home = ru_home.copy_for_translation(self.en)
            en_home.title = "Big Asia"
            en_home.save_revision().publish()
        return {"ru": ru_home, "en": en_home.specific}

    def _retire_wagtail_welcome_page(self, home: HomePage) -> None:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
            return
        welcome = site.root_page
        site.root_page = home
        site.save()
        if welcome.specific_class is Page and welcome.depth == 2:
            welcome.delete()

    def ensure_sections(
        self, homes: dict[str, HomePage]
    ) -> dict[str, tuple[SectionPage, SectionPage]]:
        content = self._section(homes, "content", ("Материалы", "Content"), menu=False)
        news = self._section(content, "news", ("Новости", "News"), menu=False)
        return {key: self._section(news, key, names, menu=True) for key, names in SECTIONS.items()}

    def _section(self, parents, slug: str, names: tuple[str, str], menu: bool):
        parent_ru = parents["ru"] if isinstance(parents, dict) else parents[0]
        section = SectionPage.objects.child_of(parent_ru).filter(slug=slug).first()
        if section is None:
            section = parent_ru.add_child(
                instance=SectionPage(
                    title=names[0], slug=slug, show_in_menus=menu, show_on_home=menu
                )
            )
            section.save_revision().publish()
        translation = section.get_translation_or_none(self.en)
        if translation is None:
            translation = section.copy_for_translation(self.en)
            translation.title = names[1]
            translation.save_revision().publish()
        return (section, translation.specific)

    # --- snippets --------------------------------------------------------------------------

    def ensure_snippets(self, model, table: dict, fields: Callable) -> dict[str, tuple]:
        """{key: (Russian instance, English instance)}; fields(value) gives both field dicts."""
        return {key: translated_pair(model, *fields(value)) for key, value in table.items()}

    def ensure_countries(self) -> dict[str, tuple]:
        return {
            slug: translated_pair(
                Country, {"name": names[0], "slug": slug}, {"name": names[1], "slug": slug}
            )
            for slug, names in COUNTRIES.items()
        }

    # --- stories ---------------------------------------------------------------------------

    def ensure_story(self, story: Story, section: tuple[SectionPage, SectionPage]) -> int:
        slug = transliterate_slug(story.ru.title)
        if ArticlePage.objects.filter(locale=self.ru, slug=slug).exists():
            return 0
        self.progress(story.ru.title)
        published = timezone.make_aware(
            datetime.strptime(story.published, "%Y-%m-%d %H:%M"), MOSCOW
        )
        hero = self.illustration(story.key)
        ru_page = section[0].add_child(
            instance=self._article(story.ru, slug, published, hero, self.ru)
        )
        self._attach(ru_page, story, lang=0)
        ru_page.save_revision().publish()

        en_page = ru_page.copy_for_translation(self.en).specific
        en_page.first_published_at = published  # a copy starts unpublished, without the date
        self._fill(en_page, story.en, hero)
        self._attach(en_page, story, lang=1)
        en_page.save_revision().publish()
        return 1

    def _article(self, text: Text, slug: str, published, hero, locale) -> ArticlePage:
        page = ArticlePage(slug=slug, locale=locale, first_published_at=published)
        self._fill(page, text, hero)
        return page

    def _fill(self, page: ArticlePage, text: Text, hero: Image) -> None:
        page.title = text.title
        page.lead = text.lead
        page.hero_image = hero
        page.hero_caption = text.hero_caption
        page.hero_credit = "«Большая Азия»" if page.locale == self.ru else "Big Asia"
        page.body = list(_body_blocks(text.body))

    def _attach(self, page: ArticlePage, story: Story, lang: int) -> None:
        page.source = self.sources[story.source][lang] if story.source else None
        page.article_authors = [
            ArticleAuthor(author=self.authors[key][lang]) for key in story.authors
        ]
        page.article_countries = [
            ArticleCountry(country=self.countries[key][lang]) for key in story.countries
        ]
        page.tags.set((story.ru if lang == 0 else story.en).tags)

    def ensure_author_profiles(self) -> None:
        """A biography in each language and a portrait, filled once: editors' changes stay."""
        for key, bios in AUTHOR_BIOS.items():
            portrait = self.illustration(f"author-{key}")
            for author, bio in zip(self.authors[key], bios, strict=True):
                if not author.bio:
                    author.bio, author.photo = bio, author.photo or portrait
                    author.save()

    def illustration(self, key: str) -> Image:
        title = f"demo:{key}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            data = draw_illustration(key)
            image = Image(title=title)
            upload = ImageFile(io.BytesIO(data), name=f"{key}.jpg")
            image.file.save(upload.name, upload, save=False)
            image.save()
        return image


def translated_pair(model, ru_fields: dict, en_fields: dict) -> tuple:
    """A translatable snippet in Russian and its English translation, looked up by the given
    fields before either is created."""
    ru_locale, en_locale = (Locale.objects.get(language_code=code) for code in ("ru", "en"))
    ru = model.objects.filter(locale=ru_locale, **ru_fields).first()
    if ru is None:
        ru = model.objects.create(locale=ru_locale, **ru_fields)
    en = ru.get_translation_or_none(en_locale)
    if en is None:
        en = ru.copy_for_translation(en_locale)
        for name, value in en_fields.items():
            setattr(en, name, value)
        en.save()
    return (ru, en)


def _body_blocks(blocks: Iterable) -> Iterable[tuple[str, object]]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield ("paragraph", RichText(f"<p>{escape(block.text)}</p>"))
        else:
            yield ("quotation", {"text": block.text, "speaker": block.speaker, "role": block.role})
