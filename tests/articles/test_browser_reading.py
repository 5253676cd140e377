"""A reader in a real browser: home → seed article → English version of the same article."""

import pytest

from tests import services

pytestmark = pytest.mark.browser


def test_it_reads_the_seed_story_and_switches_to_english(browser, scratch_server):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page.goto(scratch_server + "/")
    assert page.url.endswith("/ru/"), "a bare address leads to the Russian edition"
    assert page.locator(".brand__name").inner_text() == "Большая Азия"

    page.get_by_role("link", name="Российско-казахстанское сотрудничество").first.click()
    page.wait_for_url("**/ru/content/news/economics/**")
    assert page.locator("h1").inner_text().startswith("Российско-казахстанское сотрудничество")
    assert page.locator(".story__date").inner_text() == "03.02.2023"
    assert page.locator(".story__source").inner_text() == "ТАСС"
    assert page.locator(".story__hero img").evaluate("img => img.naturalWidth") > 0
    services.BROWSER_OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(services.BROWSER_OUTPUT / "article-ru.png"), full_page=True)

    russian_path = page.url.split("/ru/", 1)[1]
    page.locator('.languages a[hreflang="en"]').click()
    page.wait_for_url("**/en/**")
    assert page.url.endswith("/en/" + russian_path), "the switcher lands on the same article"
    assert (
        page.locator("h1").inner_text()
        == "Russian-Kazakh cooperation remains an absolute priority for Moscow"
    )
    assert page.locator(".story__source").inner_text() == "TASS"
    page.screenshot(path=str(services.BROWSER_OUTPUT / "article-en.png"), full_page=True)
    page.close()
