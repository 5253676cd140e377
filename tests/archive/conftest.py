import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The sources' messages are asserted in English; the site's default language is Russian,
    which one test checks on purpose."""
    with translation.override("en"):
        yield
