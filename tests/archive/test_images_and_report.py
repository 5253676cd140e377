"""Images from the media folder and over the network, the report command and the admin page."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.images.models import Image

from bigasia.archive.importer import ImportOptions
from bigasia.archive.models import ImportedImage, ImportedItem
from bigasia.archive.source import SourceImage
from tests.archive.posts import a_post, png
from tests.http_fake import LocalHTTPServer, QuietHandler

pytestmark = pytest.mark.django_db
OLD = "https://old.example/wp-content/uploads"


def figure(path: str, caption: str = "Подпись") -> str:
    return f'<figure><img src="{OLD}/{path}" alt="Альт"><figcaption>{caption}</figcaption></figure>'


@pytest.fixture
def media_dir(tmp_path):
    folder = tmp_path / "uploads"
    (folder / "2021/03").mkdir(parents=True)
    (folder / "2021/03/red.png").write_bytes(png((200, 0, 0)))
    (folder / "2021/03/red-copy.png").write_bytes(png((200, 0, 0)))
    (folder / "2021/03/blue.png").write_bytes(png((0, 0, 200)))
    return folder


def test_images_come_from_the_media_folder_once_per_content_with_alt_and_credit(
    run_import, media_dir
):
    featured = SourceImage(url=f"{OLD}/2021/03/blue.png", path="2021/03/blue.png",
                           caption="Главное фото", credit="ТАСС")  # fmt: skip
    first = a_post(1, body_html=figure("2021/03/red.png", "Рынок. Фото: Анна"),
                   featured_image=featured)  # fmt: skip
    second = a_post(2, body_html=figure("2021/03/red-copy.png"))
    run = run_import([first, second], ImportOptions(media_dir=media_dir))
    assert run.problems.count() == 0
    assert ImportedImage.objects.count() == 2  # red twice under two names is one image
    page = ImportedItem.objects.get(key=first.key).page
    [block] = page.body
    assert (block.value["caption"], block.value["credit"]) == ("Рынок", "Анна")
    assert block.value["image"].description == "Альт"
    assert (page.hero_image.pk, page.hero_credit) == (
        ImportedImage.objects.get(image__title="blue").image_id, "ТАСС",
    )  # fmt: skip
    other = ImportedItem.objects.get(key=second.key).page
    assert other.body[0].value["image"].pk == block.value["image"].pk


def test_a_missing_image_is_reported_with_its_post_and_tried_again_on_the_next_run(
    run_import, media_dir
):
    post = a_post(1, body_html="Текст.\n\n" + figure("2021/03/gone.png"))
    run = run_import([post], ImportOptions(media_dir=media_dir))
    assert (run.imported, run.failed) == (1, 0)
    [problem] = run.problems.all()
    assert "gone.png" in problem.message and problem.page == ImportedItem.objects.get().page
    (media_dir / "2021/03/gone.png").write_bytes(png((0, 200, 0)))
    again = run_import([post], ImportOptions(media_dir=media_dir))
    assert (again.updated, again.problems.count()) == (1, 0)
    assert [b.block_type for b in ImportedItem.objects.get().page.body] == ["paragraph", "image"]


def test_a_path_out_of_the_media_folder_is_refused(run_import, media_dir):
    run = run_import([a_post(1, body_html="Текст." + figure("../../secret.png"))],
                     ImportOptions(media_dir=media_dir / "2021"))  # fmt: skip
    assert "outside" in run.problems.get().message


class MediaHandler(QuietHandler):
    files = {"/uploads/2021/03/green.png": png((0, 150, 0)), "/uploads/2021/03/text.png": b"no"}

    def do_GET(self):
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_images_over_the_network_through_the_guarded_fetcher(run_import, settings):
    settings.FEEDS_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    server = LocalHTTPServer(MediaHandler).start()
    try:
        body = "".join(figure(name) for name in ("2021/03/green.png", "2021/03/404.png",
                                                  "2021/03/text.png"))  # fmt: skip
        options = ImportOptions(media_base_url=server.base_url + "/uploads/")
        run = run_import([a_post(1, body_html=body)], options)
    finally:
        server.stop()
    messages = sorted(run.problems.values_list("message", flat=True))
    assert len(messages) == 2
    assert "404" in messages[0] and "text.png" in messages[1]
    assert Image.objects.filter(title="Альт").count() == 1


def test_an_image_server_on_a_private_address_is_refused(run_import, settings):
    settings.FEEDS_ALLOWED_NETWORKS = []
    options = ImportOptions(media_base_url="http://127.0.0.1:9/uploads/")
    run = run_import([a_post(1, body_html="Текст." + figure("2021/03/x.png"))], options)
    assert "refused" in run.problems.get().message


def test_the_report_command_lists_runs_and_one_run_with_its_problems(run_import, capsys):
    run = run_import([a_post(1, body_html="[gallery]"), a_post(2, status="private")])
    call_command("import", "report")
    assert f"#{run.pk} wxr archive.xml" in capsys.readouterr().out
    call_command("import", "report", str(run.pk))
    out = capsys.readouterr().out
    assert "[gallery]" in out and "/arkhivnaya-novost-1/" in out and "private" in out
    with pytest.raises(CommandError, match="#999999"):
        call_command("import", "report", "999999")


def test_the_command_refuses_bad_options_in_plain_words(tmp_path):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("a,b\nc\n", encoding="utf-8")
    export = tmp_path / "export.xml"
    export.write_text("<rss/>", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("import", "wxr", str(export), "--pairs", str(pairs))
    with pytest.raises(CommandError, match="missing.xml"):
        call_command("import", "wxr", str(tmp_path / "missing.xml"))
    with pytest.raises(CommandError, match="nowhere"):
        call_command("import", "wxr", str(export), "--media-dir", str(tmp_path / "nowhere"))


def test_editors_see_the_admin_report_with_links_and_authors_are_refused(
    run_import, client, editor, author
):
    run = run_import([a_post(1, body_html="[gallery]")])
    page = ImportedItem.objects.get().page
    client.force_login(editor)
    listing = client.get(reverse("archive_runs"))
    assert listing.status_code == 200
    assert reverse("archive_run", args=[run.pk]) in listing.content.decode()
    detail = client.get(reverse("archive_run", args=[run.pk])).content.decode()
    assert "[gallery]" in detail
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in detail
    assert reverse("archive_runs") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(author)
    assert client.get(reverse("archive_runs")).status_code in (302, 403)
    assert client.get(reverse("archive_run", args=[run.pk])).status_code in (302, 403)
    assert reverse("archive_runs") not in client.get(reverse("wagtailadmin_home")).content.decode()
