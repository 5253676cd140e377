"""`{% fragment … every=N %}`: kept between publishes, and renewed when N seconds pass."""

from django.template import engines

from bigasia.articles.stamps import advance_stamp
from bigasia.articles.templatetags import page_fragments

TEMPLATE = engines["django"].from_string(
    '{% load page_fragments %}{% fragment "renewal-test" every=60 %}{{ value }}{% endfragment %}'
)


def render(rf, value: int) -> str:
    return TEMPLATE.render({"cache_fragments": True, "value": value}, rf.get("/ru/")).strip()


def test_a_fragment_is_kept_within_its_period_and_renewed_in_the_next(rf, db, monkeypatch):
    now = [6000.0]
    monkeypatch.setattr(page_fragments, "wall_clock", lambda: now[0])
    assert render(rf, 1) == "1"
    now[0] += 59
    assert render(rf, 2) == "1"  # same minute: the kept copy
    now[0] += 1
    assert render(rf, 3) == "3"  # the next minute: rendered again


def test_a_publish_renews_it_within_the_period(rf, db, monkeypatch):
    monkeypatch.setattr(page_fragments, "wall_clock", lambda: 6000.0)
    assert render(rf, 1) == "1"
    advance_stamp()
    assert render(rf, 2) == "2"
