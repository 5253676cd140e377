import pytest


@pytest.fixture
def page_cache_off(settings):
    """Django renders every request: what a test reads is the render, not a cached copy."""
    settings.EDGE_ENABLED = False
