"""A story's edit screen offers one way to translate it, the desk's; pages the desk does not
translate keep wagtail-localize's."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOCALIZE_TRANSLATE = "wagtail_localize:submit_page_translation"


def _edit_screen(client, page) -> str:
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()


def test_an_untranslated_story_shows_the_desks_action_only(client, superuser, seed_article):
    story = seed_article.copy(
        update_attrs={"title": "Сюжет без перевода", "slug": "syuzhet-bez-perevoda"}
    )
    client.force_login(superuser)
    html = _edit_screen(client, story)
    assert reverse("translation_desk:translate", args=[story.pk, "en"]) in html
    assert reverse(LOCALIZE_TRANSLATE, args=[story.pk]) not in html


def test_a_page_the_desk_does_not_translate_keeps_localizes_action(client, superuser, seed_article):
    section = seed_article.get_parent().copy(
        update_attrs={"title": "Раздел без перевода", "slug": "razdel-bez-perevoda"}
    )
    client.force_login(superuser)
    assert reverse(LOCALIZE_TRANSLATE, args=[section.pk]) in _edit_screen(client, section)
