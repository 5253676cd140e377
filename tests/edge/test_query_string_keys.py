"""Query strings cannot fill the page cache: tracking parameters share the clean page's copy,
parameters a page does not use keep no copy at all, and each path keeps a bounded number of
query variants."""

import pytest

pytestmark = pytest.mark.django_db


def _listing(seed_article) -> str:
    return seed_article.get_parent().url


def test_it_serves_a_link_with_tracking_parameters_from_the_clean_copy(edge, seed_article):
    assert edge(seed_article.url).headers["X-Cache"] == "MISS"

    tracked = edge(f"{seed_article.url}?utm_source=tg&utm_medium=social&fbclid=a1&yclid=7")

    assert tracked.headers["X-Cache"] == "HIT"


def test_it_keeps_no_copy_for_a_parameter_the_page_does_not_use(edge, seed_article):
    for _ in range(2):
        for n in range(5):
            assert edge(f"{seed_article.url}?x={n}").headers["X-Cache"] == "MISS"
    assert edge(seed_article.url).headers["X-Cache"] == "MISS"  # and no copy of the page either


def test_it_keys_a_listing_on_its_sorted_page_parameter(edge, seed_article):
    listing = _listing(seed_article)
    first = edge(f"{listing}?page=2&utm_campaign=digest")

    again = edge(f"{listing}?utm_term=x&page=2")

    assert first.headers["X-Cache"] == "MISS" and again.headers["X-Cache"] == "HIT"
    assert again.body == first.body
    assert "X-Edge-Query" not in again.headers and "X-Edge-Query" not in first.headers


def test_it_bounds_the_query_variants_kept_per_path(edge, settings, seed_article):
    settings.EDGE_QUERY_VARIANTS = 3
    listing = _listing(seed_article)

    for n in range(1, 7):
        edge(f"{listing}?page={n}")
    kept = [edge(f"{listing}?page={n}").headers["X-Cache"] for n in range(1, 7)]

    assert kept == ["HIT"] * 3 + ["MISS"] * 3
    assert edge(listing).headers["X-Cache"] == "MISS"
    assert edge(listing).headers["X-Cache"] == "HIT"  # the bare path is not a variant
