"""The desk inside Wagtail's admin: the button on a page, wagtail-localize's editor and its
machine-translate action through the desk's translator."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from bigasia.translation.desk import is_original_towards, translate_page
from bigasia.translation.models import TranslationStatus

pytestmark = pytest.mark.django_db


def test_it_offers_translate_to_english_on_a_russian_article(superuser, client, seed_article):
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[seed_article.pk])).content.decode()
    assert reverse("translation_desk:translate", args=[seed_article.pk, "en"]) in html


def _hand_translation(settings, seed_article, english):
    settings.MT_BACKEND = ""
    return translate_page(seed_article, english).translation


def test_it_machine_translates_in_the_side_by_side_editor(
    settings, libretranslate, seed_article, english, superuser, client
):
    translation = _hand_translation(settings, seed_article, english)
    settings.MT_BACKEND = "libretranslate"
    client.force_login(superuser)
    editor = client.get(
        reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk])
    )
    assert b"machine_translate" in editor.content  # wagtail-localize offers the button

    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    response = client.post(url, {"next": "/admin/"})
    assert response.status_code == 302
    lead = StringTranslation.objects.get(
        locale=english, context__path="lead", context__object=translation.source.object
    )
    assert lead.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert "Mishustin" in lead.data and libretranslate.calls == 1
    status = TranslationStatus.objects.get(translation=translation)
    assert status.state == TranslationStatus.MACHINE and status.tool_name == "LibreTranslate"


def test_it_tells_the_editor_when_the_translator_fails_in_that_editor(
    settings, libretranslate, seed_article, english, superuser, client
):
    translation = _hand_translation(settings, seed_article, english)
    settings.MT_BACKEND = "libretranslate"
    libretranslate.fail_with = 503
    client.force_login(superuser)
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    response = client.post(url, {"next": "/admin/"}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert "503" in str(list(response.context["messages"])[0])
    assert not StringTranslation.objects.filter(
        locale=english, context__object=translation.source.object
    ).exists()


def test_it_never_translates_a_translation_back_over_its_original(
    libretranslate, seed_article, english, superuser, client
):
    russian = Locale.objects.get(language_code="ru")
    english_page = seed_article.get_translation(english)
    client.force_login(superuser)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[english_page.pk])).content.decode()
    back = reverse("translation_desk:translate", args=[english_page.pk, "ru"])
    assert back not in edit

    before = seed_article.latest_revision_id
    response = client.post(back, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    seed_article.refresh_from_db()
    assert seed_article.latest_revision_id == before and libretranslate.calls == 0
    assert not is_original_towards(english_page, russian)
    assert is_original_towards(seed_article, english)
