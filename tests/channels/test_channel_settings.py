"""The channels' settings are checked when the process reads the environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from bigasia.settings.env import env_parsed, indexnow_key, web_address

pytestmark = pytest.mark.db_independent


@pytest.mark.parametrize("key", ["short", "has space in it", "underscore_key", "к" * 10, "a" * 129])
def test_an_indexnow_key_outside_the_protocol_stops_the_start(monkeypatch, key):
    monkeypatch.setenv("INDEXNOW_KEY", key)
    with pytest.raises(ImproperlyConfigured, match="INDEXNOW_KEY"):
        env_parsed("INDEXNOW_KEY", "", indexnow_key)


def test_a_protocol_key_is_taken_as_it_is(monkeypatch):
    monkeypatch.setenv("INDEXNOW_KEY", "5f2b8c1d-9e7a-4b3c")
    assert env_parsed("INDEXNOW_KEY", "", indexnow_key) == "5f2b8c1d-9e7a-4b3c"


@pytest.mark.parametrize("value", ["pubsubhubbub.appspot.com", "ftp://hub.example/"])
def test_a_hub_that_is_not_a_web_address_stops_the_start(monkeypatch, value):
    monkeypatch.setenv("WEBSUB_HUB_URL", value)
    with pytest.raises(ImproperlyConfigured, match="WEBSUB_HUB_URL"):
        env_parsed("WEBSUB_HUB_URL", "", web_address)


def test_a_hub_address_is_kept_as_written(monkeypatch):
    monkeypatch.setenv("WEBSUB_HUB_URL", "https://pubsubhubbub.appspot.com/")
    assert env_parsed("WEBSUB_HUB_URL", "", web_address) == "https://pubsubhubbub.appspot.com/"
