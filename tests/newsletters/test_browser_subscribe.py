"""A reader subscribes through the box on a cached article page (production settings, the
page cache on) and confirms with the link from the mail the SMTP server received."""

import urllib.request

import pytest

from tests import services
from tests.scratch import wait_until

pytestmark = pytest.mark.browser

READER = "browser-reader@example.org"
LINK_BASE = "http://links.invalid"  # SITE_URL: the confirmation link is read from the mail


def _x_cache(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Cache", "")


@pytest.fixture
def production_site(scratch_site, _mail_server):
    env = {
        "SECRET_KEY": "n" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "WEB_CONCURRENCY": "1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(_mail_server.port),
        "DEFAULT_FROM_EMAIL": "news@bigasia.test",
        "SITE_URL": LINK_BASE,
    }
    server, base = scratch_site.serve_production(**env)
    # The confirmation is queued by the request and sent by a worker, as in production.
    worker = scratch_site.spawn(
        "worker", DJANGO_SETTINGS_MODULE="bigasia.settings.production", **env
    )
    # localhost: a secure context, where the browser keeps the Secure CSRF cookie over http.
    yield base.replace("127.0.0.1", "localhost")
    scratch_site.stop(worker)
    scratch_site.stop(server)


def test_it_subscribes_from_a_cached_article_and_confirms_by_mail(
    browser, production_site, scratch_site, _mail_server
):
    article = scratch_site.python(
        "from bigasia.articles.models import ArticlePage;"
        "print(ArticlePage.objects.live().filter(locale__language_code='ru')"
        ".order_by('-first_published_at').first().url)"
    )
    url = production_site + article
    _x_cache(url)  # the first reader fills the page cache
    assert _x_cache(url) == "HIT"

    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    response = page.goto(url)
    assert response.headers.get("x-cache") == "HIT", "the box is on a page served from cache"
    box = page.locator(".nl-box")
    assert box.get_by_label("Ежедневный дайджест").is_checked()
    box.locator('input[name="email"]').fill(READER)
    box.locator('input[name="consent"]').check()
    box.get_by_role("button", name="Подписаться").click()
    page.wait_for_url("**/ru/newsletters/requested/")
    assert page.locator("h1").inner_text() == "Проверьте почту"

    assert wait_until(lambda: _mail_server.inbox.to(READER), timeout=20), "no confirmation mail"
    [mail] = _mail_server.inbox.to(READER)
    text = mail.message.get_body(("plain",)).get_content()
    [link] = [line.strip() for line in text.splitlines() if "/newsletters/confirm/" in line]
    page.goto(link.replace(LINK_BASE, production_site))
    page.get_by_role("button", name="Подтвердить подписку").click()
    assert page.locator("h1").inner_text() == "Подписка подтверждена"
    assert "Ежедневный дайджест" in page.locator(".nl-page").inner_text()
    services.BROWSER_OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(services.BROWSER_OUTPUT / "newsletter-confirmed.png"))
    page.close()

    status = scratch_site.python(
        "from bigasia.newsletters.models import Subscriber;"
        f"print(Subscriber.objects.get(email='{READER}').status)"
    )
    assert status == "confirmed"
