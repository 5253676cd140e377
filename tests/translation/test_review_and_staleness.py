"""Status per translation: unreviewed notice for readers, staleness after a source edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from bigasia.articles.models import ArticlePage
from bigasia.translation.desk import translate_page
from bigasia.translation.models import TranslationStatus
from tests.language_leaks import CYRILLIC
from tests.translation.helpers import reader_text, section

pytestmark = pytest.mark.django_db


def test_it_shows_readers_a_notice_until_an_editor_reviews(
    libretranslate, english, seed_article, superuser, client
):
    target = translate_page(seed_article, english).page
    client.get(target.url)  # warm the per-process caches, as the article page test does
    with CaptureQueriesContext(connection) as queries:
        html = client.get(target.url).content.decode()
    # The notice comes from the cache once warm: it adds no query to the page's budget.
    assert not [q for q in queries if "translation_translationstatus" in q["sql"]]
    assert "This article was machine-translated from Russian." in html
    assert f'href="{seed_article.url}" hreflang="ru"' in html
    notice = html.split('class="story__mt-notice"', 1)[1].split("</p>", 1)[0]
    assert "Read the original." in notice and not CYRILLIC.search(notice)

    status = TranslationStatus.objects.get(target_page=target)
    client.force_login(superuser)
    assert target.title in client.get(reverse("translation_desk:report")).content.decode()
    client.post(reverse("translation_desk:reviewed", args=[status.pk]))
    client.logout()
    assert "machine-translated" not in client.get(target.url).content.decode()
    status.refresh_from_db()
    assert status.state == TranslationStatus.REVIEWED and status.reviewed_by == superuser


def test_it_marks_a_translation_stale_when_the_source_changes(
    libretranslate, english, seed_article, superuser, client
):
    translate_page(seed_article, english)
    status = TranslationStatus.objects.get(source_page=seed_article)
    status.state = TranslationStatus.REVIEWED
    status.save()

    seed_article.lead = seed_article.lead + " Стороны подписали меморандум."
    seed_article.save_revision().publish()
    status.refresh_from_db()
    assert status.source_changed and status.changed_paths == ["lead"]

    client.force_login(superuser)
    listing = client.get(reverse("translation_desk:report")).content.decode()
    assert 'class="desk-stale"' in listing
    detail = client.get(reverse("translation_desk:detail", args=[status.pk])).content.decode()
    assert "подписали меморандум.</ins>" in detail and "desk-changed-segment" in detail

    sent_before = len(libretranslate.requests)
    result = translate_page(seed_article, english)
    retranslated = [q for r in libretranslate.requests[sent_before:] for q in r["q"]]
    assert any("меморандум" in q for q in retranslated)
    assert result.machine_translated == 1  # only the changed segment went out again
    assert "memorandum" in result.page.lead
    status.refresh_from_db()
    assert not status.source_changed and status.state == TranslationStatus.MACHINE


def test_it_translates_an_english_original_into_russian(libretranslate, english, client):
    page = ArticlePage(
        title="Talks in Astana",
        lead="The sides discussed grain supplies.",
        body=[("paragraph", "<p>Ministers met on Monday.</p>")],
        locale=english,
    )
    section("en").add_child(instance=page)
    page.save_revision().publish()

    russian = translate_page(page, Locale.objects.get(language_code="ru")).page
    assert russian.locale.language_code == "ru" and russian.live
    assert CYRILLIC.search(russian.title) and CYRILLIC.search(russian.lead)
    html = client.get(russian.url).content.decode()
    assert "переведена с английского" in html
    assert not any(ch.isascii() and ch.isalpha() for ch in reader_text(html.encode()))
