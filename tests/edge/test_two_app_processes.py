"""Two app servers share one cache: an edit published anywhere is what both serve next."""

import urllib.request

import pytest

PRODUCTION = {
    "SECRET_KEY": "e" * 60,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "WEB_CONCURRENCY": "2",
}


def _get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.headers.get("X-Cache", ""), response.read().decode()


@pytest.fixture
def two_servers(scratch_site):
    servers = [scratch_site.serve_production(**PRODUCTION) for _ in range(2)]
    yield [base for _server, base in servers]
    for server, _base in servers:
        scratch_site.stop(server)


def test_it_shows_an_edit_published_elsewhere_on_both_servers(two_servers, scratch_site):
    path = scratch_site.python(
        "from bigasia.articles.models import ArticlePage;"
        "print(ArticlePage.objects.filter(locale__language_code='ru').live().first().url)"
    )
    for base in two_servers:
        _get(base + path)
        assert _get(base + path)[0] == "HIT"

    scratch_site.python(
        "from bigasia.articles.models import ArticlePage;"
        f"p = ArticlePage.objects.get(url_path__endswith='{path.split('/')[-2]}/', "
        "locale__language_code='ru'); p.title = 'Правка, видная всем серверам';"
        "p.save_revision().publish()"
    )
    for base in two_servers:
        cache_state, html = _get(base + path)
        assert cache_state == "MISS"
        assert "Правка, видная всем серверам" in html
