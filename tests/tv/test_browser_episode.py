"""Issue 829 in a real browser: the video loads its metadata through range requests, and a
story in the list moves the video to the story's start."""

import pytest

from tests import services

pytestmark = pytest.mark.browser
EPISODE = "/ru/tv/novosti-bolshoy-azii/vypusk-829/"


def test_it_plays_the_episode_and_seeks_to_a_story(browser, scratch_server):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    ranges = []
    page.on("response", lambda r: ranges.append((r.status, r.headers.get("content-range"))))
    page.goto(scratch_server + EPISODE)
    video = page.locator("video#episode-video")
    page.wait_for_function(
        "document.getElementById('episode-video').readyState >= 1", timeout=20_000
    )
    assert 11 <= video.evaluate("v => v.duration") <= 13
    assert video.evaluate("v => v.paused"), "no autoplay"
    assert video.evaluate("v => v.textTracks[0].kind") == "chapters"
    assert any(status == 206 and span for status, span in ranges), "loaded by range requests"

    page.locator(".episode__chapters a[href='#story-3']").click()
    page.wait_for_function(
        "Math.abs(document.getElementById('episode-video').currentTime - 8) < 0.5"
    )
    assert page.url.endswith("#story-3")
    assert page.locator("#story-3 h2").inner_text().startswith("3.")
    services.BROWSER_OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(services.BROWSER_OUTPUT / "tv-episode-ru.png"), full_page=True)

    page.goto(scratch_server + EPISODE + "#story-2")
    page.wait_for_function(
        "Math.abs(document.getElementById('episode-video').currentTime - 4) < 0.5"
    )
    # A key-moment URL of the JSON-LD (?t=<seconds>) starts playback at that moment.
    page.goto(scratch_server + EPISODE + "?t=8")
    page.wait_for_function(
        "Math.abs(document.getElementById('episode-video').currentTime - 8) < 0.5"
    )
    page.close()
