"""Behind the shipped nginx (deploy/nginx.conf) with TV_ACCEL_REDIRECT, the app checks who
may have a video and nginx sends the file: ranges work, and /media/ never bypasses the check."""

import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.scratch import answers, free_port, wait_until

from .helpers import scratch_video

SITE_CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
PRODUCTION = {
    "SECRET_KEY": "n" * 60,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "WEB_CONCURRENCY": "1",
    "TV_ACCEL_REDIRECT": "/internal-media/",
}


def _nginx_conf(scratch: Path, app_port: int, port: int, media: Path) -> str:
    """The shipped site on loopback without TLS, with this installation's paths."""
    site = SITE_CONF.read_text().split("server {\n    listen 80;")[0]
    # No TLS here: the certificate and session lines go with the `ssl` listen.
    site = "\n".join(line for line in site.splitlines() if not line.strip().startswith("ssl_"))
    for shipped, local in [
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{port};"),
        ("127.0.0.1:8000", f"127.0.0.1:{app_port}"),
        ("/srv/bigasia/media/", f"{media}/"),
        ("/srv/bigasia/static/", f"{scratch}/static/"),
        ("/var/cache/nginx/bigasia", f"{scratch}/cache"),
    ]:
        assert shipped in site, shipped
        site = site.replace(shipped, local)
    temp = " ".join(f"{kind}_temp_path {scratch}/{kind};" for kind in
                    ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))  # fmt: skip
    return (
        f"user root; daemon off; pid {scratch}/nginx.pid; error_log {scratch}/error.log;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {temp}\n{site}\n}}\n"
    )


@pytest.fixture
def nginx(scratch_site, tmp_path):
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx is not installed: apt-get install -y nginx")
    server, app = scratch_site.serve_production(**PRODUCTION)
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        _nginx_conf(tmp_path, int(app.rsplit(":", 1)[1]), port, scratch_site.data_dir / "media")
    )
    proxy = subprocess.Popen(["/usr/sbin/nginx", "-c", str(conf), "-p", str(tmp_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: answers(base + "/ru/"), timeout=30), proxy.stdout.read1()
        yield base, app
    finally:
        proxy.terminate()
        proxy.wait(timeout=15)
        scratch_site.stop(server)


def _get(url: str, **headers: str):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_nginx_sends_a_range_of_a_published_video_after_the_apps_check(scratch_site, nginx):
    proxy, app = nginx
    content = os.urandom(300_000)
    with scratch_video(scratch_site, "accel.mp4", 0) as (path, url):
        path.write_bytes(content)
        status, headers, body = _get(app + url)  # what the app tells nginx
        assert status == 200 and body == b""
        assert headers["X-Accel-Redirect"] == "/internal-media/tv/video/accel.mp4"
        status, headers, body = _get(proxy + url, Range="bytes=1000-1999")
        assert status == 206 and body == content[1000:2000]
        assert headers["Content-Range"] == f"bytes 1000-1999/{len(content)}"
        assert headers["Content-Type"] == "video/mp4" and "X-Accel-Redirect" not in headers
        status, _, body = _get(proxy + url)
        assert status == 200 and body == content


def test_nginx_never_sends_an_unpublished_video(scratch_site, nginx):
    proxy, _app = nginx
    with scratch_video(scratch_site, "hidden.mp4", 1000, shown=False) as (_path, url):
        assert _get(proxy + url)[0] == 404
        assert _get(proxy + "/media/tv/video/hidden.mp4")[0] == 404
        assert _get(proxy + "/internal-media/tv/video/hidden.mp4")[0] == 404
