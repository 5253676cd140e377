"""An uploaded document never runs as a page of the site's origin: types a browser renders
(HTML, SVG) cannot be uploaded, and the raw files under /media/documents/ are downloads only,
in DEBUG and in the shipped nginx example."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from wagtail.documents.models import Document

from bigasia.core.media import serve_media
from tests.deploy_files import DEPLOY

SCRIPT = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(document.cookie)</script></svg>"


@pytest.mark.parametrize("name", ["report.html", "logo.svg", "page.xhtml", "feed.xml"])
def test_it_refuses_to_upload_a_document_a_browser_would_render(admin_client, name):
    upload = SimpleUploadedFile(name, SCRIPT, content_type="text/html")

    answer = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Report", "file": upload, "collection": 1}
    )

    assert answer.status_code == 200  # the form again, with its error
    assert not Document.objects.filter(title="Report").exists()


def test_it_accepts_a_pdf(admin_client):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    admin_client.post(reverse("wagtaildocs:add"), {"title": "Pdf", "file": upload, "collection": 1})

    assert Document.objects.filter(title="Pdf").exists()


@pytest.mark.parametrize("path", ["documents/logo.svg", "images/../documents/logo.svg"])
def test_it_serves_a_raw_document_only_as_a_download_in_debug(settings, path):
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "documents" / "logo.svg").write_bytes(SCRIPT)

    answer = serve_media(RequestFactory().get(f"/media/{path}"), path)

    assert answer["Content-Disposition"] == "attachment"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Content-Security-Policy"].startswith("default-src 'none'")


def test_it_serves_images_in_debug_as_they_are(settings):
    (settings.MEDIA_ROOT / "images").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "images" / "a.png").write_bytes(b"\x89PNG\r\n")

    answer = serve_media(RequestFactory().get("/media/images/a.png"), "images/a.png")

    assert answer["Content-Type"] == "image/png"
    assert "attachment" not in answer.get("Content-Disposition", "")


def test_the_nginx_example_serves_documents_only_as_downloads():
    conf = (DEPLOY / "nginx.conf").read_text()
    block = re.search(r"location /media/documents/ \{(.*?)\n    \}", conf, re.S)

    assert block, "deploy/nginx.conf has no location for /media/documents/"
    headers = dict(re.findall(r'add_header ([\w-]+) "([^"]+)" always;', block.group(1)))
    assert headers["Content-Disposition"] == "attachment"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "default_type application/octet-stream;" in block.group(1)
