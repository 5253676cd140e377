"""An English translation whose slug a sibling already has gets a `-1` suffix, not a 500."""

import pytest
from django.urls import reverse

from bigasia.articles.models import ArticlePage
from tests.translation.helpers import every_block_article, section

pytestmark = pytest.mark.django_db


def test_it_suffixes_an_english_translation_whose_slug_a_sibling_has(
    libretranslate, english, superuser, client
):
    # The fake translator turns «Переговоры в Астане» into "Peregovory in Astane".
    section("en").add_child(
        instance=ArticlePage(
            title="Peregovory in Astane", slug="peregovory-in-astane", lead="…", body=[]
        )
    )
    source = every_block_article()
    client.force_login(superuser)
    response = client.post(reverse("translation_desk:translate", args=[source.pk, "en"]))
    assert response.status_code == 302
    target = ArticlePage.objects.get(translation_key=source.translation_key, locale=english)
    assert target.slug == "peregovory-in-astane-1" and target.live
