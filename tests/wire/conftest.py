from tests.feeds.conftest import _feed_settings, feed_server, make_source  # noqa: F401
