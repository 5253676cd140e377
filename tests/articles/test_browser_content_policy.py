"""Under the Content-Security-Policy a reader's page still works in a real browser (its
scripts run, the view beacon goes out, nothing is refused), while a script injected inline
does not run."""

import pytest

pytestmark = pytest.mark.browser

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.effectiveDirective + " " + e.blockedURI));
"""
INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.__injected = true";
  document.head.append(script);
  return window.__injected === true;
}"""


def test_it_runs_the_pages_scripts_and_refuses_an_injected_one(
    browser, scratch_server, scratch_site
):
    article = scratch_site.python(
        "from bigasia.articles.models import ArticlePage;"
        "print(ArticlePage.objects.live().filter(locale__language_code='ru').first().url)"
    )
    page = browser.new_page(locale="ru-RU")
    page.add_init_script(WATCH_VIOLATIONS)

    with page.expect_request(lambda request: "/r/v/" in request.url) as beacon:
        response = page.goto(scratch_server + article)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert beacon.value.method == "POST"  # beacon.js ran
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []

    assert page.evaluate(INJECT) is False
    assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
    page.close()
