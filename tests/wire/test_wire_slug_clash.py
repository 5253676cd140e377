"""A wire draft whose slug an article of the section already has gets a `-1` suffix."""

import pytest

from bigasia.articles.models import ArticlePage, SectionPage
from bigasia.core.slugs import transliterate_slug
from bigasia.feeds.models import item_key
from bigasia.feeds.polling import poll_source
from bigasia.wire.models import WireItem

pytestmark = pytest.mark.django_db


def test_it_suffixes_a_wire_draft_whose_slug_an_article_already_has(agency_feed):
    source, _state = agency_feed
    title = "Казахстан увеличил добычу нефти"
    taken = f"{transliterate_slug(title, 60)}-{item_key('tass-1')[:8]}"
    economics = SectionPage.objects.get(locale__language_code="ru", slug="economics")
    economics.add_child(instance=ArticlePage(title=title, slug=taken, lead="…", body=[]))
    poll_source(source.pk)
    draft = WireItem.objects.get(feed_item__guid="tass-1").page
    assert draft.slug == f"{taken}-1"
