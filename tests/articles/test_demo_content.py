"""`bigasia demo` builds a publication worth looking at, and running it twice changes nothing."""

import pytest
from django.core.management import call_command

from bigasia.articles.models import ArticlePage
from bigasia.articles.snippets import Country

pytestmark = pytest.mark.django_db


def test_it_has_enough_stories_sections_and_countries():
    russian = ArticlePage.objects.live().filter(locale__language_code="ru")
    assert russian.count() >= 31
    assert len({page.get_parent().slug for page in russian}) >= 5
    countries = Country.objects.filter(locale__language_code="ru", article_links__isnull=False)
    assert countries.distinct().count() >= 8
    assert russian.filter(source__isnull=False).exists()
    assert russian.filter(article_authors__isnull=False).exists()
    assert not russian.filter(hero_image__isnull=True).exists()


def test_it_has_an_english_translation_of_every_story():
    russian = ArticlePage.objects.live().filter(locale__language_code="ru")
    english = ArticlePage.objects.live().filter(locale__language_code="en")
    assert set(russian.values_list("translation_key", flat=True)) == set(
        english.values_list("translation_key", flat=True)
    )


def test_it_is_idempotent():
    # The session loaded the publication only; the command adds the newsroom's life (its
    # Wire drafts are pages too), and only once.
    live = ArticlePage.objects.live().count()
    call_command("demo", "--no-editor", verbosity=0)
    assert ArticlePage.objects.live().count() == live
    before = ArticlePage.objects.count()
    call_command("demo", "--no-editor", verbosity=0)
    assert ArticlePage.objects.count() == before
