"""Slugs follow the seed site's transliteration; renaming one leaves a permanent redirect."""

import pytest

from bigasia.articles.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


def test_it_transliterates_a_russian_title_into_the_slug():
    section = SectionPage.objects.get(locale__language_code="ru", slug="culture")
    page = section.add_child(
        instance=ArticlePage(title="Китайский фестиваль документальных фильмов", lead="…", body=[])
    )
    assert page.slug == "kitayskiy-festival-dokumentalnykh-filmov"
    assert page.url.endswith("/ru/content/news/culture/kitayskiy-festival-dokumentalnykh-filmov/")


def test_it_transliterates_a_cyrillic_slug_typed_by_an_editor():
    section = SectionPage.objects.get(locale__language_code="ru", slug="culture")
    page = section.add_child(
        instance=ArticlePage(title="Т", slug="жёлтый-цветок", lead="…", body=[])
    )
    assert page.slug == "zheltyy-tsvetok"


def test_it_redirects_permanently_from_an_old_slug(
    client, seed_article, django_capture_on_commit_callbacks
):
    old_url = seed_article.url
    seed_article.slug = "rossiya-i-kazakhstan"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals after commit
        seed_article.save_revision().publish()
    seed_article.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(seed_article.url)
    assert client.get(seed_article.url).status_code == 200
