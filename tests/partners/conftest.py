import pytest


@pytest.fixture(autouse=True)
def _loopback_partner_allowed(feed_settings):
    """Every test here fetches from the loopback partner server (tests/plugins/feed_server.py)."""


@pytest.fixture(autouse=True)
def _no_impressions_of_earlier_tests():
    """Impressions wait in the process's tally for up to a second before reaching the cache,
    which each test starts empty: an earlier test's renders must not be counted here."""
    from bigasia.partners import stats

    stats._tally.forget()
