"""An image upload with a broken body, or a canvas over the megapixel limit, is a form error
in the editor's language — never a 500 — and nothing is kept. The broken files come from
Pillow's own encoders, then cut or overwritten in the middle."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

EXTENSIONS = {"GIF": "gif", "PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
DAMAGED = {
    "ru": "Файл изображения повреждён или обрезан",
    "en": "The image file is damaged or incomplete",
}
TOO_LARGE = {
    "ru": "В изображении 121\u00a0Мп (11000\u00a0×\u00a011000), "
    "а принимается не больше 40\u00a0мегапикселей.",
    "en": "This image has 121 megapixels (11000 × 11000): at most 40 megapixels are accepted.",
}


def _encoded(image_format: str) -> bytes:
    noise = PILImage.frombytes("RGB", (320, 240), os.urandom(320 * 240 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, image_format)
    return buffer.getvalue()


def _cut(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _garbled(data: bytes) -> bytes:
    third = len(data) // 3
    return data[:third] + bytes(third) + data[2 * third :]


def _as(user, language: str, client):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


def _upload(client, name: str, data: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize(
    "image_format, damage",
    [(f, _cut) for f in EXTENSIONS] + [("GIF", _garbled), ("PNG", _garbled)],
)
def test_it_refuses_an_image_with_a_valid_header_and_a_broken_body(
    client, editor, language, image_format, damage
):
    _as(editor, language, client)
    before = Image.objects.count()
    broken = damage(_encoded(image_format))
    response = _upload(client, f"broken.{EXTENSIONS[image_format]}", broken)
    assert response.status_code == 200
    assert DAMAGED[language] in response.content.decode()
    assert Image.objects.count() == before, "nothing is kept"


def test_it_refuses_a_broken_image_in_the_multiple_uploader(client, editor):
    _as(editor, "ru", client)
    before = Image.objects.count()
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("broken.png", _cut(_encoded("PNG")))},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert DAMAGED["ru"] in response.json()["error_message"]
    assert Image.objects.count() == before


@pytest.mark.parametrize("language", ["ru", "en"])
def test_it_refuses_a_small_file_with_a_canvas_over_the_megapixel_limit(client, editor, language):
    bomb = io.BytesIO()
    PILImage.new("1", (11000, 11000)).save(bomb, "PNG")
    assert len(bomb.getvalue()) < 20_000, "a small file declaring 121 megapixels"
    _as(editor, language, client)
    before = Image.objects.count()
    response = _upload(client, "bomb.png", bomb.getvalue())
    assert response.status_code == 200
    assert TOO_LARGE[language] in response.content.decode()
    assert Image.objects.count() == before


def test_it_still_takes_a_sound_image(client, editor):
    _as(editor, "en", client)
    response = _upload(client, "sound.webp", _encoded("WEBP"))
    assert response.status_code == 302
    assert Image.objects.filter(title="sound.webp").exists()
