"""'Translate to English': every field of a Russian article reaches English, nothing Russian."""

import pytest
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from bigasia.articles.blocks import ArticleBodyBlock
from bigasia.articles.models import ArticlePage
from bigasia.translation.desk import translate_page
from bigasia.translation.models import TranslationStatus
from tests.language_leaks import CYRILLIC
from tests.translation.helpers import every_block_article, reader_text

pytestmark = pytest.mark.django_db


def _texts_of(page: ArticlePage) -> list[str]:
    """Every text field of an article, every block's text, byline, countries and tags."""
    texts = [
        page.title,
        page.lead,
        page.seo_title,
        page.search_description,
        page.hero_caption,
        page.hero_credit,
        page.source.name,
        page.slug,
    ]
    for block in page.body:
        value = block.value
        texts.append(value.source if hasattr(value, "source") else "")
        if isinstance(value, dict):
            texts += [str(v) for k, v in value.items() if isinstance(v, str)]
    texts += [str(link.author) for link in page.article_authors.all()]
    texts += [link.country.name for link in page.article_countries.all()]
    texts += [tag.name for tag in page.tags.all()]
    return texts


def test_it_translates_every_field_and_block_type(libretranslate, english, superuser, client):
    source = every_block_article()
    used = {block.block_type for block in source.body}
    assert used == set(ArticleBodyBlock().child_blocks), "the test article lacks a block type"

    client.force_login(superuser)
    url = reverse("translation_desk:translate", args=[source.pk, "en"])
    assert client.get(url).status_code == 200
    response = client.post(url)
    target = ArticlePage.objects.get(translation_key=source.translation_key, locale=english)
    assert response.status_code == 302 and response.url.endswith(f"/pages/{target.pk}/edit/")

    leaks = [text for text in _texts_of(target) if CYRILLIC.search(text)]
    assert leaks == []
    assert (
        target.source.locale == english
        and target.source.translation_key == source.source.translation_key
    )
    assert target.article_authors.get().author.locale == english
    assert target.live

    page_html = client.get(target.url).content
    assert not CYRILLIC.search(reader_text(page_html))
    assert "Tokayev" in reader_text(page_html) and "Mishustin" in reader_text(page_html)


def test_it_keeps_what_an_editor_translated_by_hand(libretranslate, english, seed_article):
    first = translate_page(seed_article, english)
    edited = StringTranslation.objects.filter(
        locale=english, context__path="lead", context__object=first.translation.source.object
    ).get()
    edited.data = "An editor's own lead."
    edited.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
    edited.save()
    calls = libretranslate.calls

    again = translate_page(seed_article, english)
    again.page.refresh_from_db()
    assert again.page.lead == "An editor's own lead."
    assert again.machine_translated == 0
    assert libretranslate.calls - calls <= 1  # only the tag names went out


def test_it_batches_a_3000_character_article_into_a_handful_of_calls(libretranslate, english):
    source = every_block_article(paragraphs=45)
    size = sum(len(t) for t in _texts_of(source))
    assert size >= 3000
    translate_page(source, english)
    sent = sum(len(r["q"]) for r in libretranslate.requests)
    assert libretranslate.calls <= 3, f"{libretranslate.calls} calls for {sent} texts"


def test_it_tells_the_editor_when_the_translator_fails_and_changes_nothing(
    libretranslate, english, seed_article, superuser, client
):
    target = seed_article.get_translation(english).specific
    before = (target.latest_revision_id, target.title, target.lead)
    libretranslate.fail_with = 502
    client.force_login(superuser)
    response = client.post(
        reverse("translation_desk:translate", args=[seed_article.pk, "en"]), follow=True
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("502" in m for m in shown), shown  # the editor is told why
    target.refresh_from_db()
    assert (target.latest_revision_id, target.title, target.lead) == before
    assert not TranslationStatus.objects.filter(source_page=seed_article).exists()


def test_it_times_out_instead_of_hanging(
    libretranslate, settings, english, seed_article, superuser, client
):
    settings.MT_SETTINGS = {**settings.MT_SETTINGS, "READ_TIMEOUT": 1, "MAX_ATTEMPTS": 2}
    libretranslate.delay = 1.5
    client.force_login(superuser)
    response = client.post(
        reverse("translation_desk:translate", args=[seed_article.pk, "en"]), follow=True
    )
    shown = [str(m) for m in response.context["messages"]]
    assert any("ReadTimeout" in m for m in shown), shown
    assert libretranslate.calls == 2


def test_it_leaves_translation_to_the_editor_when_no_translator_is_configured(
    settings, english, superuser, client
):
    settings.MT_BACKEND = ""
    source = every_block_article(paragraphs=1)
    client.force_login(superuser)
    response = client.post(
        reverse("translation_desk:translate", args=[source.pk, "en"]), follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["info"]
    target = ArticlePage.objects.get(translation_key=source.translation_key, locale=english)
    assert not target.live  # a draft until the editor has translated it
    # The edit screen is wagtail-localize's side-by-side editor.
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[target.pk])
    assert b'class="js-translation-editor"' in response.content
