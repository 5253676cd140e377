"""A story of issue 829 becomes an ordinary article that links back to its moment."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.tv.models import EpisodePage

pytestmark = pytest.mark.django_db


def test_it_publishes_a_story_as_an_article_with_a_link_back(client, capsys):
    episode = EpisodePage.objects.get(locale__language_code="ru", number=829)
    call_command("tv_publish_story", str(episode.pk), "2", "economics")
    article = ArticlePage.objects.get(title="Через Монголию пошли контейнерные поезда из Китая")
    assert article.live and article.url.startswith("/ru/content/news/economics/")
    assert article.source.name == "Телеканал «Большая Азия»"
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    link = soup.select_one(f'a[href="{episode.url}#story-2"]')
    assert link is not None and "0:08" in link.get_text()
    assert "Батбаяр Ганболд" in soup.get_text(), "the quotation comes along"
    section = client.get("/ru/content/news/economics/").content.decode()
    assert article.title in section, "it is listed like any story"

    call_command("tv_publish_story", str(episode.pk), "2", "economics")
    assert ArticlePage.objects.filter(slug=article.slug).count() == 1, "once only"


def test_it_refuses_a_story_that_does_not_exist():
    episode = EpisodePage.objects.get(locale__language_code="en", number=829)
    with pytest.raises(CommandError, match="no story 9"):
        call_command("tv_publish_story", str(episode.pk), "9", "economics")


def test_it_lets_an_editor_publish_a_story_from_the_admin(admin_client):
    episode = EpisodePage.objects.get(locale__language_code="en", number=829)
    edit = admin_client.get(f"/admin/pages/{episode.pk}/edit/").content.decode()
    form_url = f"/admin/tv/episode/{episode.pk}/publish-story/"
    assert form_url in edit, "the episode's header offers the action"
    assert "An Asian animation festival" in admin_client.get(form_url).content.decode()
    culture = SectionPage.objects.get(locale__language_code="en", slug="culture")
    response = admin_client.post(form_url, {"story": "3", "section": culture.pk})
    article = ArticlePage.objects.get(title="An Asian animation festival opens in Seoul")
    assert response.status_code == 302 and str(article.pk) in response["Location"]
    assert article.live and article.get_parent().pk == culture.pk
