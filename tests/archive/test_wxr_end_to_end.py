"""Small WordPress and Ghost exports through `bigasia import`, as an operator runs it: images
from a media folder or a media server, every old address crawled, then a re-run that changes
nothing."""

import json
import re

import pytest
from django.core.management import call_command

from bigasia.archive.formats.ghost import GhostSource
from bigasia.archive.formats.wxr import WxrSource
from bigasia.archive.models import ImportedImage, ImportedItem, ImportRun
from bigasia.archive.source import PUBLISHED
from tests.archive.posts import png
from tests.archive.test_ghost import export as ghost_export
from tests.archive.test_ghost import ghost_post
from tests.archive.test_images_and_report import MediaHandler
from tests.archive.wxr_files import attachment, document, post, write
from tests.http_fake import LocalHTTPServer

pytestmark = pytest.mark.django_db
UPLOADS = "https://old.example/wp-content/uploads"
POLYLANG_RU = (
    '<category domain="language" nicename="ru"><![CDATA[Русский]]></category>'
    '<category domain="post_translations" nicename="pll_1"><![CDATA[pll_1]]></category>'
)
POLYLANG_EN = (
    '<category domain="language" nicename="en"><![CDATA[English]]></category>'
    '<category domain="post_translations" nicename="pll_1"><![CDATA[pll_1]]></category>'
)
POLITICS = '<category domain="category" nicename="politics"><![CDATA[Политика]]></category>'


def export(tmp_path, image_dir: str) -> str:
    caption = (
        f'[caption id="attachment_50" width="600"]<img src="{UPLOADS}/{image_dir}/red.png" '
        'alt="Красный"> Площадь. Фото: ТАСС[/caption]'
    )
    return str(write(tmp_path, document(
        attachment(50, f"{UPLOADS}/{image_dir}/green.png", alt="Зелёный", credit="Reuters"),
        post(11, title="Саммит в Казахстане", slug="sammit",
             body=f"<p>Лидеры встретились.</p>{caption}",
             terms=POLITICS + POLYLANG_RU, meta={"_thumbnail_id": "50", "post_views_count": "77"}),
        post(12, title="Summit in Kazakhstan", slug="summit", body="<p>Leaders met.</p>",
             terms=POLYLANG_EN),
        post(13, title="Черновик", slug="chernovik", status="draft"),
        post(14, title="Личное", slug="lichnoe", status="private"),
    )))  # fmt: skip


def crawl(client, path: str) -> int:
    """The status an old address ends at after at most one redirect, which must be a 301."""
    response = client.get(path)
    if response.status_code in (301, 302):
        assert response.status_code == 301, path
        response = client.get(response["Location"])
    return response.status_code


def end_state() -> list[tuple]:
    fields = ("key", "page_id", "page__url_path", "page__live", "page__translation_key")
    return sorted(ImportedItem.objects.values_list(*fields))


def assert_imported_and_crawlable(client, path: str) -> None:
    run = ImportRun.objects.latest("pk")
    assert (run.imported, run.skipped, run.failed) == (3, 1, 0), list(run.problems.all())
    assert ImportedImage.objects.count() == 2
    ru, en = (ImportedItem.objects.get(key=f"https://old.example/?p={n}").page for n in (11, 12))
    assert ru.translation_key == en.translation_key and ru.locale != en.locale
    assert ru.hero_image.description == "Зелёный" and ru.body[1].value["credit"] == "ТАСС"
    html = client.get(ru.url).content.decode()
    assert len(re.findall(r"<img [^>]*src=\"[^\"]+\"", html)) >= 2  # hero and inline
    source = WxrSource(path)
    for item in source.posts():
        if item.status == PUBLISHED:
            assert item.old_paths
            assert {crawl(client, old) for old in item.old_paths} == {200}, item.old_paths
    assert {crawl(client, old) for old in source.feed_paths()} == {200}


def test_an_export_with_a_media_folder_goes_live_and_a_re_run_changes_nothing(tmp_path, client):
    folder = tmp_path / "uploads" / "2021" / "03"
    folder.mkdir(parents=True)
    (folder / "red.png").write_bytes(png((220, 0, 0)))
    (folder / "green.png").write_bytes(png((0, 220, 0)))
    path = export(tmp_path, "2021/03")
    call_command("import", "wxr", path, "--media-dir", str(tmp_path / "uploads"))
    assert_imported_and_crawlable(client, path)
    first = end_state()
    call_command("import", "wxr", path, "--media-dir", str(tmp_path / "uploads"))
    again = ImportRun.objects.latest("pk")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    assert end_state() == first


def test_an_export_with_a_media_server_goes_live(tmp_path, client, settings):
    settings.FEEDS_ALLOWED_NETWORKS = ["127.0.0.1/32"]

    class OldSiteMedia(MediaHandler):
        files = {"/uploads/2021/04/red.png": png((200, 0, 0)),
                 "/uploads/2021/04/green.png": png((0, 200, 0))}  # fmt: skip

    server = LocalHTTPServer(OldSiteMedia).start()
    try:
        path = export(tmp_path, "2021/04")
        call_command("import", "wxr", path, "--media-base-url", server.base_url + "/uploads/")
    finally:
        server.stop()
    assert_imported_and_crawlable(client, path)


def test_a_ghost_export_goes_live_with_its_images_and_old_slug(tmp_path, client):
    images = tmp_path / "images" / "2023" / "05"
    images.mkdir(parents=True)
    (images / "cover.jpg").write_bytes(png((1, 2, 3)))
    (images / "inline.jpg").write_bytes(png((3, 2, 1)))
    path = tmp_path / "ghost.json"
    path.write_text(json.dumps(ghost_export(ghost_post("p1")), ensure_ascii=False), "utf-8")
    call_command("import", "ghost", str(path), "--media-dir", str(tmp_path / "images"))
    run = ImportRun.objects.latest("pk")
    assert (run.imported, run.failed, run.problems.count()) == (1, 0, 0)
    page = ImportedItem.objects.get(kind="ghost").page
    assert page.live and page.hero_image.description == "Бишкек, площадь Ала-Тоо"
    assert [block.block_type for block in page.body] == ["paragraph", "image"]
    [old] = next(iter(GhostSource(path).posts())).old_paths[:1]
    assert crawl(client, old) == 200


def test_old_category_and_tag_listings_lead_to_the_section_and_tag_pages(tmp_path, client):
    eaes = (
        '<category domain="post_tag" nicename="%d0%b5%d0%b0%d1%8d%d1%81">'
        "<![CDATA[ЕАЭС]]></category>"
    )
    path = write(tmp_path, document(
        post(21, title="Пошлины ЕАЭС", slug="poshliny", terms=POLITICS + eaes),
    ))  # fmt: skip
    call_command("import", "wxr", str(path))
    politics = ImportedItem.objects.get(key="https://old.example/?p=21").page.get_parent()
    for old in ("/category/news/politics/", "/category/politics/"):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == politics.url, old
    news = client.get("/category/news/")
    assert news.status_code == 301 and news["Location"] == politics.get_parent().url
    tag = client.get("/tag/%d0%b5%d0%b0%d1%8d%d1%81/")
    assert tag.status_code == 301 and tag["Location"] == "/ru/tag/eaes/"
    assert crawl(client, "/tag/%d0%b5%d0%b0%d1%8d%d1%81/") == 200
