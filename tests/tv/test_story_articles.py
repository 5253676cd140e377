"""A story of issue 829 becomes an ordinary article that links back to its moment."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from bigasia.articles.models import ArticlePage
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
    assert link is not None and "0:04" in link.get_text()
    assert "Батбаяр Ганболд" in soup.get_text(), "the quotation comes along"
    section = client.get("/ru/content/news/economics/").content.decode()
    assert article.title in section, "it is listed like any story"

    call_command("tv_publish_story", str(episode.pk), "2", "economics")
    assert ArticlePage.objects.filter(slug=article.slug).count() == 1, "once only"


def test_it_refuses_a_story_that_does_not_exist():
    episode = EpisodePage.objects.get(locale__language_code="en", number=829)
    with pytest.raises(CommandError, match="no story 9"):
        call_command("tv_publish_story", str(episode.pk), "9", "economics")
