"""Real app server processes on the scratch site, beacons sent to them over HTTP, and a
redis-server of a test's own."""

import shutil
import subprocess
import sys
import urllib.error
import urllib.request

import redis

from tests.scratch import (
    ScratchSite,
    answers,
    free_port,
    reported_port,
    serve_on_a_free_port,
    wait_until,
)

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.{n}.0 Safari/537.36"
)
SERVER_ENV = {"READERSHIP_RATE_PER_MINUTE": "1000000"}


def _answers(base: str) -> bool:
    return answers(base + "/r/counts.json?ids=1")


def start_gunicorn(site: ScratchSite, **env: str) -> tuple[subprocess.Popen, str]:
    """gunicorn binds port 0 itself and logs the port it got."""
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bigasia.wsgi", "-b", "127.0.0.1:0", "-w", "1"],
        env={**site.env, **SERVER_ENV, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    site.processes.append(process)
    port = reported_port(process, r"Listening at: http://127\.0\.0\.1:(\d+)")
    base = f"http://127.0.0.1:{port}"
    assert wait_until(lambda: _answers(base), timeout=120), "gunicorn did not start"
    return process, base


def start_runserver(site: ScratchSite, **env: str) -> tuple[subprocess.Popen, str]:
    return serve_on_a_free_port(
        lambda port: site.spawn(
            "runserver", f"127.0.0.1:{port}", "--noreload", **SERVER_ENV, **env
        ),
        _answers,
        timeout=120,
    )


def send_beacons(base: str, page_id: int, readers: range) -> None:
    """One beacon from each reader (a distinct browser version), each answered 204."""
    for n in readers:
        request = urllib.request.Request(
            f"{base}/r/v/{page_id}", method="POST", headers={"User-Agent": CHROME.format(n=n)}
        )
        assert urllib.request.urlopen(request, timeout=10).status == 204


def some_article_id(site: ScratchSite) -> int:
    return int(
        site.python(
            "from bigasia.articles.models import ArticlePage;"
            "print(ArticlePage.objects.live().order_by('pk').last().pk)"
        )
    )


def stored_views(site: ScratchSite, page_id: int) -> int:
    """The total in the site's database, after moving what Redis holds (scale-out)."""
    return int(
        site.python(
            "from bigasia.readership.tasks import move_views_to_database;"
            "from bigasia.readership.models import ArticleViews;"
            "move_views_to_database.call();"
            f"row = ArticleViews.objects.filter(page_id={page_id}).first();"
            "print(row.views if row else 0)"
        )
    )


class OwnRedis:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        assert wait_until(lambda: self._pings(client), timeout=10)

    @staticmethod
    def _pings(client) -> bool:
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
