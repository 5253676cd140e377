"""The sweep's own parts: it finds every public route, meets every probe, and its judge
catches what it looks for (so a clean sweep means something)."""

import pytest

from .corpus import CATEGORIES, MARK, sample
from .driver import Answer, problems
from .routes import public_routes

# Neither the database nor the cache: the scale-out pass leaves these out.
pytestmark = pytest.mark.db_independent


def test_the_sweep_finds_the_public_routes_of_every_app_and_leaves_out_the_admin():
    routes = public_routes()
    names = {route.name for route in routes}
    for expected in ("wagtail_serve", "HomePage:country", "HomePage:tag", "sitesearch:search",
                     "newsletters:page", "newsletters:unsubscribe", "partners_go",
                     "readership:beacon", "tv:video_file", "tv:programme_ics",
                     "distribution:rss_scoped", "sitemap_index", "robots_txt"):  # fmt: skip
        assert expected in names
    assert not [r for r in routes if r.template.startswith(("/admin/", "/django-admin/"))]


def test_every_probe_of_the_corpus_meets_at_least_one_route():
    positions = range(len(public_routes()))
    for category, probes in CATEGORIES.items():
        met = {label for position in positions for label in sample(probes, position)}
        assert met == set(probes), f"{category}: no route meets {set(probes) - met}"


def _answer(body: bytes, status: int = 200, content_type: str = "text/html", **headers) -> Answer:
    return Answer(status, [("Content-Type", content_type), *headers.items()], body, [])


def test_the_judge_flags_a_server_error_an_unescaped_echo_and_an_injected_header():
    assert problems(_answer(b"", status=502))
    assert problems(_answer(f"<p>{MARK}</p>".encode()))
    assert problems(_answer(b"", Location="/a\r\nX-Injected: 1"))
    assert problems(_answer(b"", status=302, Location="//evil.example/"))
    assert problems(_answer(b"", status=302, Location="/\\evil.example/"))
    assert problems(_answer(f'{{"q": "{MARK}"}}'.encode(), content_type="application/json"))


def test_the_judge_accepts_the_input_escaped_for_html_and_for_json():
    assert not problems(_answer(b"<p>zq9&quot;&#x27;&lt;zq9&gt;</p>", status=404))
    assert not problems(_answer(b"", status=302, Location="/ru/?next=//evil.example/"))
    assert not problems(_answer(b'{"q": "zq9\\"\'<zq9>"}', content_type="application/json"))
