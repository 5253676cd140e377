"""Editors see an article's views over time and the top articles, with CSV export."""

import csv
import io
import time

import pytest

from bigasia.readership.buffer import view_buffer
from tests.readership.conftest import move_to_database

pytestmark = pytest.mark.django_db


def _read(page, views: int, hours_ago: int) -> None:
    hour = int(time.time() // 3600 * 3600) - hours_ago * 3600
    view_buffer.add((page.pk, page.locale_id, hour), views)
    view_buffer.flush()
    move_to_database()


def test_it_draws_an_articles_views_as_inline_svg(client, editor, seed_article):
    _read(seed_article, 6, hours_ago=1)
    _read(seed_article, 4, hours_ago=24 * 5)
    client.force_login(editor)
    response = client.get(f"/admin/readership/page/{seed_article.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<script" not in html.split("<svg")[1].split("</svg>")[0]
    assert html.count("<rect") == 30 - 2 + 48 or html.count("<rect") >= 48
    assert "43 просмотра" in html  # 33 imported + 10 counted


def test_it_lists_top_articles_and_exports_csv(client, editor, seed_article):
    _read(seed_article, 12, hours_ago=0)
    client.force_login(editor)
    page = client.get("/admin/readership/top/?period=day")
    assert page.status_code == 200 and seed_article.title in page.content.decode()
    export = client.get("/admin/readership/top/?period=day&format=csv")
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert [str(seed_article.pk), seed_article.title, "ru"] == rows[1][:3] and rows[1][4] == "12"
    assert client.get("/admin/readership/top/?period=junk").status_code == 200


def test_it_keeps_readers_out_of_the_reports(client):
    assert client.get("/admin/readership/top/").status_code == 302  # to the login page
