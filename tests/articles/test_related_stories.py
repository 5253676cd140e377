"""Related stories are ranked by relevance: shared countries and tags, text, then recency."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

pytestmark = pytest.mark.django_db

GRAIN = {
    "ru": "Казахстан увеличил поставки зерна в Китай",
    "en": "Kazakhstan increases grain shipments to China",
}
UNRELATED = {
    "ru": [
        "В Ташкенте обсудили противодействие терроризму в рамках ШОС",
        "Россия и Монголия договорились вместе бороться со степными пожарами",
        "В Сеуле прошла олимпиада по русскому языку",
    ],
    "en": [
        "SCO counter-terrorism cooperation discussed in Tashkent",
        "Russia and Mongolia agree to fight steppe fires together",
        "Seoul hosts a Russian language olympiad",
    ],
}


def _related_titles(client, page) -> list[str]:
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [card.select_one(".card__title").text.strip() for card in soup.select(".related .card")]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_ranks_the_kazakh_grain_story_above_unrelated_ones_for_the_seed(
    client, seed_article, language
):
    story = seed_article.get_translation(Locale.objects.get(language_code=language))
    titles = _related_titles(client, story)
    assert GRAIN[language] in titles, titles
    grain_at = titles.index(GRAIN[language])
    for title in UNRELATED[language]:
        assert title not in titles[: grain_at + 1], titles
