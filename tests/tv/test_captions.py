"""Episodes take WebVTT captions per language (WCAG 1.2.2), checked on upload and offered
to the player as <track kind="captions">."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from bigasia.tv.models import EpisodeCaptions, EpisodePage

pytestmark = pytest.mark.django_db

CAPTIONS = (
    "WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.000\n— Добрый вечер, в эфире «Новости Большой Азии».\n"
    "\n00:00:04.000 --> 00:00:07.000\nКонтейнерные поезда\n"
)


def _vtt(text: str, name: str = "captions.vtt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/vtt")


def _episode(language: str) -> EpisodePage:
    return EpisodePage.objects.get(locale__language_code=language, number=829)


def test_it_offers_each_languages_captions_as_a_captions_track(client):
    episode = _episode("ru")
    captions = EpisodeCaptions(page=episode, language="ru", file=_vtt(CAPTIONS))
    captions.full_clean()
    captions.save()
    soup = BeautifulSoup(client.get(episode.url).content, "html.parser")
    track = soup.select_one("video#episode-video track[kind=captions]")
    assert (track["srclang"], track["label"]) == ("ru", "Русский")
    served = client.get(track["src"])
    assert served["Content-Type"] == "text/vtt; charset=utf-8"
    assert served.content.decode() == CAPTIONS


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("WEBVTT-ish\n\n00:00:01.000 --> 00:00:02.000\nx\n", "первая строка должна быть"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nx\n", "Строка 3: реплика кончается"),
        ("WEBVTT\n\n1\n00:00:01,000 -> 00:00:02,000\nx\n", "Строка 3: у реплики должна быть"),
        ("WEBVTT\n", "нет ни одной реплики"),
    ],
)
def test_it_refuses_a_broken_webvtt_file_saying_why_in_russian(text, message):
    captions = EpisodeCaptions(page=_episode("ru"), language="ru", file=_vtt(text))
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        captions.full_clean()
    assert message in " ".join(refused.value.message_dict["file"])


def test_it_refuses_a_caption_file_that_is_not_utf8_or_not_vtt():
    latin1 = SimpleUploadedFile("c.vtt", CAPTIONS.encode("cp1251"))
    for upload in (latin1, _vtt(CAPTIONS, name="captions.srt")):
        with pytest.raises(ValidationError):
            EpisodeCaptions(page=_episode("en"), language="en", file=upload).full_clean()


def test_it_lets_editors_upload_captions_in_the_episode_editor(admin_client):
    episode = _episode("ru")
    response = admin_client.get(f"/admin/pages/{episode.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html  # the form can carry the .vtt file
    assert 'name="captions-TOTAL_FORMS"' in html
