"""Two app servers share one cache: an edit published anywhere is what both serve next."""

import socket
import urllib.request

import pytest

from tests.scratch import wait_until

PRODUCTION = {
    "SECRET_KEY": "e" * 60,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "WEB_CONCURRENCY": "2",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.headers.get("X-Cache", ""), response.read().decode()


@pytest.fixture
def two_servers(scratch_site):
    scratch_site.manage(
        "collectstatic", "--no-input", DJANGO_SETTINGS_MODULE="bigasia.settings.production",
        **PRODUCTION,
    )  # fmt: skip
    bases = []
    for _ in range(2):
        port = _free_port()
        scratch_site.spawn("serve", "--production", PORT=str(port), **PRODUCTION)
        bases.append(f"http://127.0.0.1:{port}")
    for base in bases:
        assert wait_until(lambda base=base: _answers(base + "/ru/"), timeout=60)
    yield bases
    scratch_site.stop_all()


def _answers(url: str) -> bool:
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except OSError:
        return False


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
