"""The demo's issue 829: video, numbered stories with anchors, chapters, JSON-LD, sitemap."""

import json
import re
from xml.etree import ElementTree

import pytest

from bigasia.tv.models import EpisodePage, ProgrammePage
from tests.language_leaks import english_on_russian_page, russian_on_english_page
from tests.rendering import soup as _soup

pytestmark = pytest.mark.django_db


def _episode(language: str) -> EpisodePage:
    return EpisodePage.objects.get(locale__language_code=language, number=829)


def test_it_shows_the_video_and_the_numbered_stories(client):
    episode = _episode("ru")
    assert episode.url == "/ru/tv/novosti-bolshoy-azii/vypusk-829/"
    soup = _soup(client, episode.url)
    video = soup.select_one("video#episode-video")
    assert video["preload"] == "metadata" and not video.has_attr("autoplay")
    assert video["poster"] == episode.video.poster.url and video["poster"].endswith(".jpg")
    assert episode.video.poster.read(3) == b"\xff\xd8\xff", "a frame of the demo video"
    assert soup.select_one(".episode__duration").get_text() == "0:24"
    assert video.select_one("source[type='video/mp4']")["src"] == episode.video.get_file_url()
    track = video.select_one("track[kind=chapters]")
    assert track["src"] == episode.chapters_url()
    entries = soup.select(".episode__chapters li a")
    assert [a["href"] for a in entries] == ["#story-1", "#story-2", "#story-3"]
    assert [a["data-start"] for a in entries] == ["0", "8", "16"]
    first = soup.select_one("section#story-1")
    assert "Мишустин" in first.get_text() and first.select_one(".quote__role")
    assert soup.select_one(".episode__date").get_text() == "03.02.2023"


def test_it_offers_webvtt_chapters(client):
    response = client.get(_episode("en").chapters_url())
    assert response["Content-Type"].startswith("text/vtt")
    text = response.content.decode()
    assert text.startswith("WEBVTT\n")
    assert "00:00:08.000 --> 00:00:16.000\n2. Container trains" in text
    assert re.search(r"00:00:16\.000 --> 00:00:2\d\.\d{3}\n3\. ", text), (
        "the last ends with the video"
    )


def test_it_describes_the_episode_in_json_ld(client):
    soup = _soup(client, _episode("en").url)
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "TVEpisode" and data["episodeNumber"] == 829
    assert data["partOfSeries"]["name"] == "Big Asia News"
    assert data["video"]["@type"] == "VideoObject"
    assert re.fullmatch(r"PT2[34]S", data["video"]["duration"])
    assert "hasPart" not in data  # the chapters belong to the video, as key moments


def test_it_gives_the_video_its_stories_as_key_moments_that_start_playback(client):
    episode = _episode("en")
    soup = _soup(client, episode.url)
    video = json.loads(soup.select_one("script[type='application/ld+json']").string)["video"]
    clips = video["hasPart"]
    assert [clip["@type"] for clip in clips] == ["Clip"] * 3
    assert [(clip["startOffset"], clip["endOffset"]) for clip in clips][:2] == [(0, 8), (8, 16)]
    page = f"http://testserver{episode.url}"
    assert [clip["url"] for clip in clips] == [f"{page}?t=0", f"{page}?t=8", f"{page}?t=16"]
    assert client.get(f"{episode.url}?t=8").status_code == 200


def test_it_lists_episodes_newest_first_with_number_date_and_duration(client):
    programme = ProgrammePage.objects.get(locale__language_code="ru")
    newer = programme.add_child(instance=EpisodePage(title="Выпуск 830", number=830))
    newer.save_revision().publish()
    soup = _soup(client, programme.url)
    items = soup.select(".tv-episodes__item")
    assert [item.select_one(".tv-episodes__number").get_text() for item in items] == [
        "Выпуск 830", "Выпуск 829",
    ]  # fmt: skip
    assert items[1].select_one(".tv-episodes__date").get_text() == "03.02.2023"
    assert re.fullmatch(r"0:2[34]", items[1].select_one(".tv-episodes__duration").get_text())


def test_it_publishes_a_video_sitemap_at_the_root_above_the_pages_it_lists(client):
    response = client.get("/sitemap-video.xml")
    assert response["Content-Type"] == "application/xml"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "v": "http://www.google.com/schemas/sitemap-video/1.1"}  # fmt: skip
    urls = ElementTree.fromstring(response.content).findall("s:url", ns)
    by_loc = {url.findtext("s:loc", namespaces=ns).split("/", 3)[3]: url for url in urls}
    russian = by_loc["ru/tv/novosti-bolshoy-azii/vypusk-829/"]
    assert russian.findtext("v:video/v:content_loc", namespaces=ns).endswith("/file.mp4")
    assert russian.findtext("v:video/v:thumbnail_loc", namespaces=ns).endswith(".jpg")
    assert russian.findtext("v:video/v:title", namespaces=ns).startswith("Новости")
    assert "en/tv/novosti-bolshoy-azii/vypusk-829/" in by_loc


@pytest.mark.parametrize("page", ["tv", "programme", "episode"])
def test_it_keeps_interface_languages_apart(client, page):
    urls = {
        "tv": "/{}/tv/",
        "programme": "/{}/tv/novosti-bolshoy-azii/",
        "episode": "/{}/tv/novosti-bolshoy-azii/vypusk-829/",
    }
    assert russian_on_english_page(client.get(urls[page].format("en")).content) == []
    assert english_on_russian_page(client.get(urls[page].format("ru")).content) == []


def test_it_embeds_an_allowed_external_player_instead(client):
    episode = _episode("ru")
    episode.video, episode.player_url = None, "https://rutube.ru/video/" + "a" * 32 + "/"
    episode.save_revision().publish()
    soup = _soup(client, episode.url)
    assert soup.select_one(".episode__player iframe")["src"].startswith("https://rutube.ru/play/")
    assert soup.select_one("video") is None


def test_it_refuses_stories_out_of_order_or_past_the_end():
    from django.core.exceptions import ValidationError

    episode = _episode("ru")
    first, second, third = (story.value for story in episode.stories)
    third["start"] = 999
    with pytest.raises(ValidationError, match="после конца видео|after the end"):
        episode.clean()
    third["start"], second["start"] = 16, 17
    with pytest.raises(ValidationError, match="order|порядке"):
        episode.clean()
