"""No stampede after a publish: 50 readers of the home page arriving together right after a
purge cause one render through a real production server, not 50.

Renders are counted from the answers: Django's answer goes out as `X-Cache: MISS`, a copy
from the cache as HIT (current) or STALE (the previous one, while the page is rebuilt)."""

import threading
import urllib.request
from collections import Counter

import pytest

from tests.edge.test_two_app_processes import PRODUCTION, SCALE_OUT

READERS = 50
NEW_TITLE = "Заголовок, ради которого пересобирают главную"


@pytest.fixture(scope="module")
def server(scratch_site):
    # Redis makes the rebuild claim atomic across processes: two workers share one claim.
    # The file store's claim is atomic only within a process (docs/edge.md, grace mode).
    workers = "2" if SCALE_OUT else "1"
    process, base = scratch_site.serve_production(
        **{**PRODUCTION, "WEB_CONCURRENCY": workers}, WEB_THREADS="8", EDGE_GRACE_SECONDS="30"
    )
    yield base
    scratch_site.stop(process)


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, response.headers.get("X-Cache", ""), response.read().decode()


def _together(url: str, readers: int) -> list[tuple[int, str, str]]:
    """`readers` requests for `url`, each from its own thread, released at the same moment."""
    start = threading.Barrier(readers)
    answers: list[tuple[int, str, str]] = []

    def read() -> None:
        start.wait()
        answers.append(_get(url))

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_fifty_readers_after_a_publish_cause_one_render(server, scratch_site):
    home = server + "/ru/"
    for _warm in range(4):  # every worker process has seen it (either may answer)
        _get(home)
    scratch_site.python(
        "from bigasia.articles.models import HomePage;"  # its lead story: on the page for sure
        "p = HomePage.objects.get(locale__language_code='ru').featured_article;"
        f"p.title = '{NEW_TITLE}'; p.save_revision().publish()"
    )

    answers = _together(home, READERS)

    assert len(answers) == READERS
    assert {status for status, _cache, _html in answers} == {200}
    states = Counter(cache for _status, cache, _html in answers)
    assert states["MISS"] == 1, f"one render, not {states['MISS']}: {dict(states)}"
    assert set(states) <= {"MISS", "STALE", "HIT"}
    for _status, cache, html in answers:
        assert '<html lang="ru"' in html
        assert (NEW_TITLE in html) == (cache != "STALE")
    assert NEW_TITLE in _get(home)[2]
