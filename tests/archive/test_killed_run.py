"""A SIGKILL in the middle of an import, then a re-run: the same end state as one whole run.

The importer runs in a real process of a scratch site. The media server holds the request for
one post's image until the test has killed the process, so the kill lands mid-run, after some
posts were committed and before the others, every time.
"""

import json
import signal
import threading
import uuid

import pytest

from tests.archive.posts import png
from tests.http_fake import LocalHTTPServer, QuietHandler

POSTS = 6
HELD = 3  # the post whose image request is held until the kill

# Runs in the site's process (`bigasia shell -c`): a source of POSTS posts, each with an image.
DRIVER = """
import json, os
from datetime import UTC, datetime
from bigasia.archive.importer import Importer, ImportOptions
from bigasia.archive.source import ArchiveSource, SourcePost

spec = json.loads(os.environ["ARCHIVE_SPEC"])

class Posts(ArchiveSource):
    kind = "wxr"

    def posts(self):
        for number in range(1, spec["posts"] + 1):
            name = f"{spec['prefix']}-{number}"
            yield SourcePost(
                key=name, source_id=str(number), title=f"Прерванный импорт {name}",
                slug=name, status="published", published_at=datetime(2020, 1, number, tzinfo=UTC),
                modified_at=None, old_paths=[f"/old/{name}/"],
                body_html=f'<p>Текст.</p><img src="{spec["base"]}/{name}.png" alt="{name}">',
            )

Importer(Posts(), "killed.xml", ImportOptions(media_base_url=spec["base"])).run()
print("done")
"""

STATE = """
import json
from bigasia.archive.models import ImportedItem, ImportedImage, ImportRun
from bigasia.articles.models import ArticlePage
from wagtail.contrib.redirects.models import Redirect
prefix = "{prefix}"
items = ImportedItem.objects.filter(key__startswith=prefix).order_by("key")
print(json.dumps({{
    "items": [[i.key, i.page_id, i.page.url_path, i.page.live, i.complete] for i in items],
    "pages": ArticlePage.objects.filter(title__contains=prefix).count(),
    "redirects": sorted(Redirect.objects.filter(old_path__contains=prefix)
                        .values_list("old_path", "redirect_page_id")),
    "images": ImportedImage.objects.filter(image__title__startswith=prefix).count(),
    "runs": [[r.state, r.imported, r.unchanged, r.failed]
             for r in ImportRun.objects.filter(source="killed.xml").order_by("pk")],
}}))
"""


class HeldMedia(QuietHandler):
    held_path = ""
    arrived = threading.Event()
    release = threading.Event()

    def do_GET(self):
        if self.path == self.held_path and not self.release.is_set():
            self.arrived.set()
            self.release.wait(120)
        number = int(self.path.rsplit("-", 1)[1].removesuffix(".png"))
        body = png((40 * number, 80, 120))  # a colour per post: no two posts share an image
        try:
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except BrokenPipeError:
            pass  # the held request's importer was killed


@pytest.mark.django_db
def test_a_killed_import_run_again_ends_as_one_whole_run(scratch_site):
    prefix = f"killed-{uuid.uuid4().hex[:8]}"
    HeldMedia.held_path = f"/{prefix}-{HELD}.png"
    server = LocalHTTPServer(HeldMedia).start()
    spec = json.dumps({"prefix": prefix, "posts": POSTS, "base": server.base_url})
    env = {"ARCHIVE_SPEC": spec, "FEEDS_ALLOWED_NETWORKS": "127.0.0.1/32",
           "FEEDS_READ_TIMEOUT": "120", "FEEDS_TOTAL_TIMEOUT": "120"}  # fmt: skip

    def state() -> dict:
        return json.loads(scratch_site.python(STATE.format(prefix=prefix)))

    try:
        killed = scratch_site.spawn("shell", "-c", DRIVER, **env)
        assert HeldMedia.arrived.wait(240), "the import never asked for the held image"
        killed.send_signal(signal.SIGKILL)
        killed.wait(30)
        HeldMedia.release.set()
        halfway = state()
        assert [item[0] for item in halfway["items"]] == [f"{prefix}-{n}" for n in range(1, HELD)]
        assert halfway["pages"] == HELD - 1 and halfway["runs"][-1][0] == "running"

        for _run in range(2):
            again = scratch_site.spawn("shell", "-c", DRIVER, **env)
            output, _ = again.communicate(timeout=600)
            assert again.returncode == 0 and "done" in output, output
            if _run == 0:
                after_rerun = state()
        final = state()
    finally:
        HeldMedia.release.set()
        server.stop()

    assert after_rerun["items"] == final["items"]  # a third run changes nothing
    assert [item[0] for item in final["items"]] == [f"{prefix}-{n}" for n in range(1, POSTS + 1)]
    assert all(live and complete for *_rest, live, complete in final["items"])
    assert final["items"][: HELD - 1] == halfway["items"]  # what was committed stayed as it was
    assert final["pages"] == POSTS and final["images"] == POSTS
    page_ids = [item[1] for item in final["items"]]
    assert [page for _path, page in final["redirects"]] == page_ids
    assert [run[1:] for run in final["runs"][1:]] == [
        [POSTS - HELD + 1, HELD - 1, 0],
        [0, POSTS, 0],
    ]
