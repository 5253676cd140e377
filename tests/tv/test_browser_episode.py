"""Issue 829 in a real browser: the demo's 24-second video loads its metadata through range
requests and plays; a story link, even one far down the page, plays from the story's start
with the player in view."""

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
    assert 23 <= video.evaluate("v => v.duration") <= 25
    assert video.evaluate("v => v.paused"), "no autoplay"
    assert video.evaluate("v => v.textTracks[0].kind") == "chapters"
    assert any(status == 206 and span for status, span in ranges), "loaded by range requests"

    page.locator(".episode__chapters a[href='#story-3']").click()
    page.wait_for_function(
        "Math.abs(document.getElementById('episode-video').currentTime - 16) < 1"
    )
    assert page.url.endswith("#story-3")
    assert page.locator("#story-3 h2").inner_text().startswith("3.")
    services.BROWSER_OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(services.BROWSER_OUTPUT / "tv-episode-ru.png"), full_page=True)

    page.goto(scratch_server + EPISODE + "#story-2")
    page.wait_for_function(
        "Math.abs(document.getElementById('episode-video').currentTime - 8) < 0.5"
    )
    # A key-moment URL of the JSON-LD (?t=<seconds>) starts playback at that moment.
    page.goto(scratch_server + EPISODE + "?t=8")
    page.wait_for_function(
        "Math.abs(document.getElementById('episode-video').currentTime - 8) < 0.5"
    )
    page.close()


IN_VIEW = """v => { const box = v.getBoundingClientRect();
                    return box.top >= 0 && box.bottom <= window.innerHeight; }"""


def test_a_story_link_far_down_plays_with_the_player_in_view(browser, scratch_server):
    page = browser.new_page(viewport={"width": 1280, "height": 700}, locale="ru-RU")
    page.goto(scratch_server + EPISODE)
    video = page.locator("video#episode-video")
    video.evaluate("v => { v.muted = true; }")  # headless Chromium plays muted media freely
    watch = page.locator("#story-3 .episode-story__time a")
    watch.scroll_into_view_if_needed()
    assert not video.evaluate(IN_VIEW), "the link is far enough down to hide the player"
    watch.click()
    page.wait_for_function(
        "() => { const v = document.getElementById('episode-video');"
        " return !v.paused && v.readyState >= 3 && v.currentTime > 16.3; }",
        timeout=20_000,
    )
    assert video.evaluate(IN_VIEW), "the player was brought into view"
    assert page.url.endswith("#story-3")
    played_to = video.evaluate("v => v.currentTime")
    page.wait_for_timeout(600)
    assert video.evaluate("v => v.currentTime") > played_to, "playback goes on"
    assert video.evaluate(IN_VIEW), "and the page stayed on the player"
    page.close()
