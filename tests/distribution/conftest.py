from tests.search.conftest import publish_article  # noqa: F401  (the same article factory)
