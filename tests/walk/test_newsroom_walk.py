"""The full demo (what `make run` shows: partners, wire, views and newsletters too) walked in
a real browser, first as a reader (the seed story in both languages, TV), then as an editor
whose admin speaks Russian. With BIGASIA_SCREENSHOTS=<folder> it saves the README's
screenshots there."""

import os
import re
import time
from pathlib import Path

import pytest

from tests.scratch import create_scratch_site

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}
EPISODE = "/ru/tv/novosti-bolshoy-azii/vypusk-829/"
EDITOR, PASSWORD = "walk-editor", "walk-pw-12345"
SEED_URLS = """
from bigasia.articles.models import ArticlePage
ru = ArticlePage.objects.get(
    locale__language_code="ru", title__startswith="Российско-казахстанское"
)
en = ru.get_translation(ru.get_translations().get().locale)
print(ru.pk, ru.url, en.url)
"""
RUSSIAN_EDITOR = f"""
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile
user = get_user_model().objects.create_superuser("{EDITOR}", "walk@example.org", "{PASSWORD}")
profile = UserProfile.get_for_user(user)
profile.preferred_language = "ru"
profile.save()
"""
READER_TEXTS = {
    "ru": {"partners": "Новости партнёров", "newsletters": "Рассылки", "views": "просмотр"},
    "en": {"partners": "Partners' news", "newsletters": "Newsletters", "views": "view"},
}


def screenshot(page, name: str) -> None:
    """Saves the viewport as an optimised JPEG when the walk is asked for screenshots."""
    folder = os.environ.get("BIGASIA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.jpg"), type="jpeg", quality=70)


def wait_for(locator, predicate: str, timeout: float = 20.0) -> None:
    """Polls `predicate` (a JS function of the element) from Python: Playwright's own
    wait_for_function evaluates strings, which the site's Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout
    while not locator.evaluate(predicate):
        assert time.monotonic() < deadline, f"still not {predicate}"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """A copy of the session's demo site given the rest of the demo (the session's template
    is the publication only), as `make run` loads it: with DEBUG on, so the demo's newsletter
    issues go to the local outbox."""
    site, cleanup = create_scratch_site(tmp_path_factory.mktemp("walk-site"))
    site.manage("demo", "--no-editor", DEBUG="1")
    site.python(RUSSIAN_EDITOR)
    yield site
    site.stop_all()
    cleanup()


@pytest.fixture(scope="module")
def demo_server(demo_site):
    server, base = demo_site.serve_dev()
    yield base
    server.terminate()


@pytest.fixture(scope="module")
def seed(demo_site):
    pk, ru_url, en_url = demo_site.python(SEED_URLS).split()
    return {"pk": int(pk), "ru": ru_url, "en": en_url}


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_reader_reads_the_seed_story(browser, demo_server, seed, language):
    texts = READER_TEXTS[language]
    page = browser.new_page(viewport=VIEWPORT, locale=f"{language}-RU")
    page.goto(demo_server + seed[language])
    assert re.search(r"\d", page.locator(".story__views").inner_text()), "the view count shows"
    assert texts["views"] in page.locator(".story__views").inner_text()

    partners = page.locator(".partners-news")
    assert partners.locator("h2").text_content() == texts["partners"]  # CSS capitalises it
    assert partners.locator(".partners-news__item a[href*='/go/']").count() > 0, "links out"
    assert page.locator(".related .cards > *").count() > 0, "related stories"
    assert page.locator(".most-read__list li").count() > 0, "most read"
    assert page.locator(".nl-box").is_visible(), "the newsletter box"

    nav = page.locator("nav.sections")
    assert nav.locator(f"a[href='/{language}/tv/']").count() == 1, "the menu leads to TV"
    assert nav.get_by_role("link", name=texts["newsletters"]).count() == 1
    screenshot(page, f"article-{language}")
    page.close()


def test_a_reader_subscribes_from_the_story(browser, demo_server, seed):
    page = browser.new_page(viewport=VIEWPORT, locale="ru-RU")
    page.goto(demo_server + seed["ru"])
    box = page.locator(".nl-box")
    box.locator('input[name="email"]').fill("walk-reader@example.org")
    box.locator('input[name="consent"]').check()
    box.get_by_role("button", name="Подписаться").click()
    page.wait_for_url("**/ru/newsletters/requested/")
    assert page.locator("h1").inner_text() == "Проверьте почту"
    page.close()


def test_a_reader_plays_an_episode_and_jumps_to_a_chapter(browser, demo_server):
    page = browser.new_page(viewport=VIEWPORT, locale="ru-RU")
    page.goto(demo_server + EPISODE)
    video = page.locator("video#episode-video")
    wait_for(video, "v => v.readyState >= 1")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    wait_for(video, "v => !v.paused && v.currentTime > 0.2")
    page.locator(".episode__chapters a[href='#story-3']").click()
    wait_for(video, "v => Math.abs(v.currentTime - 16) < 1.5")
    video.evaluate("v => v.pause()")
    screenshot(page, "tv-episode")
    page.close()


@pytest.fixture(scope="module")
def russian_editor_page(browser, demo_server):
    page = browser.new_page(viewport=VIEWPORT, locale="ru-RU")
    page.goto(demo_server + "/admin/login/")
    page.locator("#id_username").fill(EDITOR)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    yield page
    page.close()


def _figures(texts: list[str]) -> list[int]:
    return [int(text) for text in texts if text.strip().isdigit()]


def test_an_editor_sees_the_wire_inbox(russian_editor_page, demo_server):
    page = russian_editor_page
    page.goto(demo_server + "/admin/wire/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator(".wire-item").count() > 0, "the demo's wire items wait in the inbox"
    screenshot(page, "admin-wire")


def test_an_editor_sees_the_partners_report(russian_editor_page, demo_server):
    page = russian_editor_page
    page.goto(demo_server + "/admin/partners/exchange/")
    cells = page.locator("table.listing tbody td").all_inner_texts()
    assert sum(_figures(cells)) > 0, "clicks and items shown are counted"


def test_an_editor_sees_the_view_chart(russian_editor_page, demo_server, seed):
    page = russian_editor_page
    page.goto(f"{demo_server}/admin/readership/page/{seed['pk']}/")
    assert page.locator("svg.admin-chart .bars rect").count() > 0, "the chart has bars"
    screenshot(page, "admin-views")


def test_an_editor_sees_the_figures_of_a_newsletter_send(russian_editor_page, demo_server):
    page = russian_editor_page
    page.goto(demo_server + "/admin/newsletters/sends/")
    page.locator("table.listing tbody a").first.click()
    page.wait_for_url("**/admin/newsletters/sends/*/")
    sent = page.locator(".newsletter-outcomes tr").first.locator("td").inner_text()
    assert int(sent) > 0, "the demo's sent issue counts its mails"
    screenshot(page, "admin-newsletter-send")
