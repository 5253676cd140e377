"""`bigasia backup` while readers' beacons and feed polls keep writing, then `bigasia restore`
into a fresh DATA_DIR (and, in the scale-out pass, a fresh PostgreSQL database): the same
articles, view counts (up to the last flush before the backup), subscribers and images."""

import json
import tarfile
import threading
import urllib.request

import pytest

from tests.http_fake import LocalHTTPServer, QuietHandler
from tests.readership.servers import CHROME, some_article_id, start_runserver
from tests.scratch import (
    ScratchSite,
    create_scratch_site,
    new_postgres_database,
    on_postgres,
    postgres_url,
    wait_until,
)

RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Partner</title>'
    b"<link>http://127.0.0.1/</link><description>d</description>"
    b"<item><title>One</title><link>http://127.0.0.1/1</link><guid>1</guid></item>"
    b"</channel></rss>"
)
FIGURES = (
    "from bigasia.ops.backup import count; from django.db import connection;"
    "import json; print(json.dumps(count(connection.cursor())))"
)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    site, cleanup = create_scratch_site(tmp_path_factory.mktemp("backup-site"))
    site.python(
        "from bigasia.newsletters.models import Subscriber\n"
        "for n in range(3):\n"
        "    Subscriber.objects.create(email=f'reader{n}@example.org', language='ru')"
    )
    yield site
    site.stop_all()
    cleanup()


@pytest.fixture
def fresh_site(demo_site, tmp_path):
    """An empty installation beside the demo one: its own DATA_DIR and database."""
    env = {**demo_site.env, "DATA_DIR": str(tmp_path / "fresh")}
    cleanup = lambda: None  # noqa: E731
    if on_postgres():
        database, cleanup = new_postgres_database()
        env["DATABASE_URL"] = postgres_url(database)
    yield ScratchSite(data_dir=tmp_path / "fresh", env=env)
    cleanup()


class PartnerFeeds:
    """A local partner answering every path with one RSS feed."""

    def __init__(self) -> None:
        class Handler(QuietHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(RSS)))
                self.end_headers()
                self.wfile.write(RSS)

        self.httpd = LocalHTTPServer(Handler).start()
        self.base = self.httpd.base_url

    def close(self) -> None:
        self.httpd.stop()


def beacons_until(stop: threading.Event, base: str, page_id: int, sent: list) -> None:
    n = 0
    while not stop.is_set():
        request = urllib.request.Request(
            f"{base}/r/v/{page_id}", method="POST", headers={"User-Agent": CHROME.format(n=n)}
        )
        urllib.request.urlopen(request, timeout=10).read()
        n += 1
        sent[0] = n


def polled(site: ScratchSite) -> int:
    return int(
        site.python(
            "from bigasia.feeds.models import FeedSource;"
            "print(FeedSource.objects.filter(name__startswith='load-', status='ok').count())"
        )
    )


def figures(site: ScratchSite) -> dict:
    return json.loads(site.python(FIGURES))


def test_a_backup_under_load_restores_into_a_fresh_installation(demo_site, fresh_site, tmp_path):
    partner = PartnerFeeds()
    demo_site.python(
        "from bigasia.feeds.models import FeedSource\n"
        "for n in range(5):\n"
        f"    FeedSource.objects.create(name=f'load-{{n}}', url='{partner.base}/f{{n}}.xml',"
        " language='ru', poll_interval=60)"
    )
    load_env = {"FEEDS_ALLOWED_NETWORKS": "127.0.0.1/32", "FEEDS_SCHEDULE_EVERY": "1",
                "WORKER_CPU_PRIORITY": "normal"}  # fmt: skip
    server, base = start_runserver(demo_site, **load_env)
    worker = demo_site.spawn("worker", **load_env)
    page_id = some_article_id(demo_site)
    before = figures(demo_site)
    stop, sent = threading.Event(), [0]
    load = threading.Thread(target=beacons_until, args=(stop, base, page_id, sent))
    load.start()
    archive = tmp_path / "site.tar"
    try:
        assert wait_until(lambda: figures(demo_site)["views"] > before["views"], timeout=60)
        assert wait_until(lambda: polled(demo_site) > 0, timeout=60), "no feed was polled"
        wrote = demo_site.manage("backup", f"--output={archive}").stdout
    finally:
        stop.set()
        load.join(timeout=30)
        demo_site.stop(worker)
        demo_site.stop(server)
        partner.close()
    assert f"Wrote {archive}" in wrote and "media files" in wrote
    after = figures(demo_site)
    backed_up = manifest(archive)["counts"]
    assert backed_up["articles"] == after["articles"] == before["articles"]
    assert backed_up["subscribers"] == after["subscribers"] == 3
    assert backed_up["images"] == after["images"] > 0
    assert before["views"] < backed_up["views"] <= after["views"]
    assert sent[0] >= after["views"] - before["views"]

    restored = fresh_site.manage("restore", str(archive)).stdout
    assert "verified" in restored
    assert figures(fresh_site) == backed_up
    image_bytes = (
        "from wagtail.images.models import Image;"
        "image = Image.objects.order_by('pk').first();"
        "print(image.file.name, len(image.file.read()))"
    )
    assert fresh_site.python(image_bytes) == demo_site.python(image_bytes)


def manifest(archive) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def test_a_restore_refuses_an_installation_that_holds_data(demo_site, tmp_path):
    archive = tmp_path / "site.tar"
    demo_site.manage("backup", f"--output={archive}")
    result = demo_site.spawn("restore", str(archive))
    out, _ = result.communicate(timeout=120)
    assert result.returncode != 0
    assert "already holds data; pass --replace" in out
