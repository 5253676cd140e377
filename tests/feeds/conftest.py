import pytest


@pytest.fixture(autouse=True)
def _loopback_partner_allowed(feed_settings):
    """Every test here fetches from the loopback partner server (tests/plugins/feed_server.py)."""
