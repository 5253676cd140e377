"""Synthetic articles in bulk, for scale tests: `bigasia demo --articles N`.

Wagtail creates a page with several queries, a revision and search/reference index jobs,
which is minutes per thousand. Here pages are written straight into the tree: the
treebeard path of each new child is computed from its parent's last child, base page rows
go in with bulk_create, the article rows with one INSERT per batch. Nothing is indexed
and no revisions exist: the pages are live, listed and served, and that is what the scale
tests measure.
"""

import json
import random
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page

from bigasia.articles.models import ArticleCountry, ArticlePage, SectionPage
from bigasia.articles.snippets import Country
from bigasia.core.slugs import transliterate_slug

BATCH = 2_000
_SUBJECTS = [
    "Правительство",
    "Парламент",
    "Министерство экономики",
    "Центральный банк",
    "Университет",
    "Порт",
    "Провинция",
    "Союз промышленников",
    "Фестиваль",
    "Армия",
]
_ACTIONS = ["обсудили", "представили", "утвердили", "запустили", "расширили", "пересмотрели"]
_OBJECTS = ["программу развития", "торговое соглашение", "новый маршрут", "бюджет на год",
            "план модернизации", "проект в энергетике", "правила для инвесторов"]  # fmt: skip


def _title(rng: random.Random, number: int, country: str) -> str:
    return (
        f"{country}: {rng.choice(_SUBJECTS).lower()} {rng.choice(_ACTIONS)} "
        f"{rng.choice(_OBJECTS)}, сообщение {number}"
    )


def _next_position(parent: Page) -> int:
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


def _child_path(parent: Page, position: int) -> str:
    return parent.path + Page._int2str(position).rjust(Page.steplen, "0")


def create_synthetic_articles(
    count: int, advance: Callable[[int], None] = lambda n: None, seed: int = 7
) -> int:
    """Add `count` live Russian articles spread over the sections; returns how many.

    Each article is about one country (named in its title), so country pages and related
    stories grow with the archive as they would in a real one.
    """
    russian = Locale.objects.get(language_code="ru")
    countries = list(Country.objects.filter(locale=russian).values_list("pk", "name"))
    sections = list(SectionPage.objects.filter(locale=russian, show_on_home=True))
    if not sections:
        raise ValueError("load the demo first: there are no sections to fill")
    rng = random.Random(seed)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    created = 0
    for batch in _batches(count):
        with transaction.atomic():
            # Deal the batch out round-robin so every section grows at the same pace.
            for index, section in enumerate(sections):
                share = batch[index :: len(sections)]
                made = _insert_children(section, share, rng, russian, content_type, countries)
                created += made
                advance(made)
    return created


def _batches(count: int) -> Iterator[list[int]]:
    for start in range(0, count, BATCH):
        yield list(range(start, min(start + BATCH, count)))


def _insert_children(section, numbers, rng, locale, content_type, countries) -> int:
    if not numbers:
        return 0
    section = Page.objects.get(pk=section.pk)  # fresh numchild and path
    position = _next_position(section)
    now = timezone.now()
    pages = []
    country_of = []
    for offset, number in enumerate(numbers):
        country_id, country_name = rng.choice(countries)
        country_of.append(country_id)
        title = _title(rng, number, country_name)
        slug = f"{transliterate_slug(title, max_length=80)}-{uuid.uuid4().hex[:8]}"
        published = now - timedelta(minutes=rng.randrange(60 * 24 * 365 * 5))
        pages.append(
            Page(
                path=_child_path(section, position + offset), depth=section.depth + 1,
                numchild=0, title=title, draft_title=title, slug=slug,
                url_path=f"{section.url_path}{slug}/", content_type=content_type,
                locale=locale, translation_key=uuid.uuid4(), live=True,
                has_unpublished_changes=False, first_published_at=published,
                last_published_at=published,
            )
        )  # fmt: skip
    Page.objects.bulk_create(pages)
    ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
    pairs = zip(pages, country_of, strict=True)
    _insert_article_rows([(ids[page.path], page.title, country) for page, country in pairs])
    Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + len(pages))
    return len(pages)


def _insert_article_rows(rows: list[tuple[int, str, int]]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {ArticlePage._meta.db_table} "
            "(page_ptr_id, lead, body, hero_caption, hero_credit) VALUES (%s, %s, %s, '', '')",
            [(pk, f"Кратко: {title}.", _body(title)) for pk, title, _ in rows],
        )
        cursor.executemany(
            f"INSERT INTO {ArticleCountry._meta.db_table} (page_id, country_id, sort_order) "
            "VALUES (%s, %s, 0)",
            [(pk, country) for pk, _, country in rows],
        )


def _body(title: str) -> str:
    text = f"<p>{title}. Подробности будут опубликованы позднее.</p>"
    return json.dumps([{"type": "paragraph", "value": text, "id": str(uuid.uuid4())}])
