"""Readers' pages carry a strict Content-Security-Policy (nothing inline, nothing from third
parties but the click-to-load video players); the admin gets one of its own that leaves
Wagtail's inline scripts alone, and Wagtail's document view keeps its stricter one."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

pytestmark = pytest.mark.django_db


def _directives(policy: str) -> dict[str, str]:
    pairs = (part.strip().partition(" ") for part in policy.split(";"))
    return {name: value for name, _, value in pairs}


def test_it_sends_a_strict_policy_with_reader_pages(client, seed_article):
    for url in ("/ru/", seed_article.url, "/ru/search/?q=Казахстан"):
        policy = _directives(client.get(url)["Content-Security-Policy"])
        assert policy["default-src"] == "'self'", url
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'", url
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'", url
        assert "https://www.youtube-nocookie.com" in policy["frame-src"], url


def test_it_gives_the_admin_a_policy_that_keeps_wagtail_working(admin_client):
    policy = _directives(admin_client.get("/admin/")["Content-Security-Policy"])
    assert "script-src" not in policy and policy["object-src"] == "'none'"


def test_it_keeps_the_document_views_own_policy(client):
    document = Document.objects.create(title="Report")
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))

    answer = client.get(document.url)

    assert answer["Content-Security-Policy"] == "default-src 'none'"
