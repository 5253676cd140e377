"""Articles published through Wagtail, so the real signals index and distribute them (search
and distribution tests)."""

import json

import pytest

from bigasia.articles.models import ArticleCountry, ArticlePage, SectionPage
from bigasia.articles.snippets import Country


@pytest.fixture
def publish_article():
    def publish(
        title: str,
        lead: str = "",
        paragraph: str = "",
        language: str = "ru",
        section: str = "politics",
        country: str | None = None,
    ) -> ArticlePage:
        parent = SectionPage.objects.get(locale__language_code=language, slug=section)
        body = json.dumps([{"type": "paragraph", "value": f"<p>{paragraph}</p>"}])
        page = ArticlePage(title=title, lead=lead or title, body=body, locale=parent.locale)
        parent.add_child(instance=page)
        if country:
            found = Country.objects.get(locale=parent.locale, slug=country)
            ArticleCountry.objects.create(page=page, country=found)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return publish
