"""The beacon counts one view per reader per article per 30 minutes, and nothing else."""

import pytest
from django.test import override_settings

from tests.readership.conftest import BROWSER

pytestmark = pytest.mark.django_db


def test_it_counts_a_reader_once_and_answers_204(send_beacon, flushed_views, seed_article):
    before = flushed_views(seed_article)
    assert send_beacon(seed_article.pk) == 204
    assert send_beacon(seed_article.pk) == 204  # replay: same reader, same article
    assert flushed_views(seed_article) == before + 1


def test_it_counts_distinct_readers_separately(send_beacon, flushed_views, seed_article):
    before = flushed_views(seed_article)
    for n in range(5):
        assert send_beacon(seed_article.pk, ip=f"198.51.100.{n}") == 204
    send_beacon(seed_article.pk, ip="198.51.100.0", agent="Mozilla/5.0 (X11; Linux x86_64)")
    assert flushed_views(seed_article) == before + 6


def test_it_counts_the_noscript_image_get(send_beacon, flushed_views, seed_article):
    before = flushed_views(seed_article)
    assert send_beacon(seed_article.pk, method="get") == 204
    assert flushed_views(seed_article) == before + 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
    ],
)
def test_it_ignores_prefetch_and_prerender(send_beacon, flushed_views, seed_article, headers):
    before = flushed_views(seed_article)
    assert send_beacon(seed_article.pk, **headers) == 204
    assert flushed_views(seed_article) == before


def test_it_ignores_head_requests(send_beacon, flushed_views, seed_article):
    before = flushed_views(seed_article)
    assert send_beacon(seed_article.pk, method="head") == 204
    assert flushed_views(seed_article) == before


def test_it_ignores_logged_in_editors(client, editor, send_beacon, flushed_views, seed_article):
    before = flushed_views(seed_article)
    client.force_login(editor)
    assert send_beacon(seed_article.pk) == 204
    assert flushed_views(seed_article) == before


def test_it_ignores_missing_user_agents(client, flushed_views, seed_article):
    before = flushed_views(seed_article)
    assert client.post(f"/r/v/{seed_article.pk}", REMOTE_ADDR="203.0.113.9").status_code == 204
    assert flushed_views(seed_article) == before


@pytest.mark.parametrize(
    "garbage", ["abc", "-1", "0", "99999999", "1" * 40, "%F0%9F%92%A9", "12.5", "１２"]
)
def test_it_ignores_garbage_and_unknown_ids(send_beacon, garbage):
    from bigasia.readership.buffer import view_buffer

    assert send_beacon(garbage) == 204
    assert view_buffer.flush() == 0  # with Redis it is queued: it counts towards the limit


def test_it_ignores_pages_that_are_not_live_articles(send_beacon, seed_article):
    from bigasia.readership.buffer import view_buffer

    assert send_beacon(seed_article.get_parent().pk) == 204  # a section, not an article
    assert view_buffer.pending() == 0


def test_it_never_reads_an_oversized_body(client, flushed_views, seed_article):
    before = flushed_views(seed_article)
    response = client.post(
        f"/r/v/{seed_article.pk}",
        data=b"x" * (20 * 1024 * 1024),
        content_type="application/octet-stream",
        HTTP_USER_AGENT=BROWSER,
        REMOTE_ADDR="203.0.113.10",
    )
    assert response.status_code == 204
    assert flushed_views(seed_article) == before + 1


@override_settings(READERSHIP_RATE_PER_MINUTE=10)
def test_it_limits_a_flood_from_one_address_with_429(
    send_beacon, flushed_views, seed_article, one_rate_window
):
    from django.conf import settings

    from bigasia.readership.buffer import view_buffer

    before = flushed_views(seed_article)
    agents = [BROWSER.replace("131.0.0.0", f"131.0.0.{n}") for n in range(30)]
    statuses = []
    for agent in agents:
        statuses.append(send_beacon(seed_article.pk, agent=agent))
        view_buffer.flush()  # time passing: with Redis, beacons are judged at the flush
    assert set(statuses) <= {204, 429}
    # Judged at once, the 11th is refused; queued for Redis (admission.py), the 11th is
    # answered 204 and refused at the flush, and the address gets 429 from the 12th on.
    first_refused = statuses.index(429)
    assert first_refused == (11 if settings.REDIS_URL else 10)
    assert statuses[first_refused:] == [429] * (30 - first_refused)
    assert flushed_views(seed_article) == before + 10
    assert send_beacon(seed_article.pk, ip="192.0.2.50") == 204  # other addresses unaffected


def test_it_keeps_only_a_keyed_hash_of_the_reader(send_beacon, seed_article, settings):
    from django.core.cache import cache

    from bigasia.readership.gate import reader_key
    from bigasia.readership.seen import host_seen

    send_beacon(seed_article.pk, ip="203.0.113.77")
    key = reader_key("203.0.113.77", BROWSER, seed_article.pk)
    assert len(key) == 32 and "203.0.113.77" not in key
    if settings.REDIS_URL:
        assert cache.get(f"readership:seen:{key}") == 1
    else:  # the embedded mode's file of hashes shared by the host's processes
        stored = [row[0] for row in host_seen()._connection().execute("SELECT key FROM seen")]
        assert stored == [key]


def test_it_rotates_the_reader_salt_daily(settings):
    from bigasia.readership.gate import _daily_salt

    assert _daily_salt("2026-11-27") != _daily_salt("2026-11-28")
    settings.SECRET_KEY = "another-key"
    _daily_salt.cache_clear()
    other = _daily_salt("2026-11-27")
    settings.SECRET_KEY = "test-only-key-not-secret-9f3c1d7e2b"
    _daily_salt.cache_clear()
    assert other != _daily_salt("2026-11-27")
