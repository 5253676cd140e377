"""Every reader page type, in both languages, has 0 axe-core violations (WCAG 2.2 A/AA and
axe's best practices), checked in Debian's Chromium on a served site with its styles.

axe-core (npm, tests/validators/package.json) is injected into each page of the session's
single browser; one pass over all pages, then one test per page type and language.
"""

import json

import pytest

from tests.conftest import IN_CI

from .pages import AXE_JS, HOW_TO_GET_VALIDATORS, NAMES, ReaderPage, missing

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
LIST_PAGES = (
    "import dataclasses, json; from tests.validators.pages import reader_pages; "
    "print(json.dumps({n: dataclasses.asdict(p) for n, p in reader_pages().items()}))"
)
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"


@pytest.fixture(scope="module")
def audited(browser, scratch_site, scratch_server) -> dict[str, list[str]]:
    """{page name: axe's violations} for every reader page the served site has."""
    if not AXE_JS.exists():
        if IN_CI:
            pytest.fail(f"CI=true and {AXE_JS} is missing")
        pytest.skip(f"{AXE_JS} is missing: {HOW_TO_GET_VALIDATORS}")
    # Asked of the served site itself: Playwright's sync API keeps an event loop running in
    # this thread, where Django refuses queries.
    pages = {
        name: ReaderPage(**fields)
        for name, fields in json.loads(scratch_site.python(LIST_PAGES)).items()
    }
    # The pages' Content-Security-Policy allows scripts from the site only, which would refuse
    # axe's injected script; the policy has its own tests
    # (tests/articles/test_content_security_policy.py).
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    violations = {}
    try:
        for name, page in pages.items():
            response = tab.goto(scratch_server + page.path, wait_until="load")
            assert response.status == page.status, page
            tab.add_script_tag(path=str(AXE_JS))
            found = tab.evaluate(RUN_AXE, AXE_TAGS)["violations"]
            violations[name] = [
                f"{rule['id']}: {rule['help']} at {[node['target'] for node in rule['nodes']]}"
                for rule in found
            ]
    finally:
        context.close()
    return violations


@pytest.mark.parametrize("name", NAMES)
def test_it_has_no_axe_violations(name, audited):
    missing(name, audited)
    assert audited[name] == []
