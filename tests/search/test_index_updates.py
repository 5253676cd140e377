"""Publishing and unpublishing reach the index through the background task; reindex rebuilds."""

import io

import pytest
from django.core.management import call_command

from bigasia.articles.models import ArticlePage
from bigasia.search.models import SearchEntry
from bigasia.search.tasks import update_search_entry

pytestmark = pytest.mark.django_db


def test_it_indexes_an_article_when_it_is_published(publish_article):
    page = publish_article(
        "Синхрофазотрон запущен", "Лид.", paragraph="Текст статьи.", country="kazakhstan"
    )
    entry = SearchEntry.objects.get(page_id=page.pk)
    assert (entry.title, entry.language, entry.url) == ("Синхрофазотрон запущен", "ru", page.url)
    assert entry.body == "Текст статьи."
    country = page.article_countries.get().country
    assert (country.slug, entry.countries) == ("kazakhstan", f"|{country.pk}|")
    assert "казахстан" in entry.keywords
    assert entry.section_title == page.get_parent().title


def test_it_removes_an_article_when_it_is_unpublished(publish_article):
    page = publish_article("Синхрофазотрон остановлен")
    page.unpublish()
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def test_it_removes_an_article_when_it_is_deleted(publish_article):
    page = publish_article("Синхрофазотрон разобран")
    page_id = page.pk
    page.delete()
    assert not SearchEntry.objects.filter(page_id=page_id).exists()


def test_it_updates_the_entry_when_a_new_revision_is_published(publish_article):
    page = publish_article("Синхрофазотрон старый")
    page.title = "Синхрофазотрон новый"
    page.save_revision().publish()
    assert SearchEntry.objects.get(page_id=page.pk).title == "Синхрофазотрон новый"


def test_it_runs_the_update_as_a_task(publish_article):
    page = publish_article("Синхрофазотрон в очереди")
    SearchEntry.objects.filter(page_id=page.pk).delete()
    result = update_search_entry.enqueue(page.pk)
    assert result.status == "SUCCESSFUL"
    assert SearchEntry.objects.filter(page_id=page.pk).exists()


def test_it_reindexes_every_live_article_with_a_progress_bar():
    SearchEntry.objects.all().delete()
    out, err = io.StringIO(), io.StringIO()
    call_command("search", "reindex", stdout=out, stderr=err)
    live = ArticlePage.objects.live().count()
    assert SearchEntry.objects.count() == live
    assert f"{live}/{live} 100%" in err.getvalue()
    assert str(live) in out.getvalue()
