"""Editors see an article's views over time and the top articles, with CSV export."""

import csv
import io
import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from bigasia.core.templatetags.bigasia import views_label
from bigasia.readership.buffer import view_buffer
from bigasia.readership.models import ArticleViews
from tests.readership.conftest import move_to_database

pytestmark = pytest.mark.django_db


def _read(page, views: int, hours_ago: int) -> None:
    hour = int(time.time() // 3600 * 3600) - hours_ago * 3600
    view_buffer.add((page.pk, page.locale_id, hour), views)
    view_buffer.flush()
    move_to_database()


def _total(page) -> int:
    row = ArticleViews.objects.filter(page_id=page.pk).first()
    return row.views if row else 0  # `views` is the shown total, the imported part included


def test_it_draws_an_articles_views_as_inline_svg(client, editor, seed_article):
    before = _total(seed_article)  # what the demo gave it (33 imported)
    _read(seed_article, 6, hours_ago=1)
    _read(seed_article, 4, hours_ago=24 * 5)
    client.force_login(editor)
    response = client.get(f"/admin/readership/page/{seed_article.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<script" not in html.split("<svg")[1].split("</svg>")[0]
    bars = [rect.title.text for rect in BeautifulSoup(html, "html.parser").select("svg rect")]
    hourly = [label for label in bars if " " in label.split(": ")[0]]
    daily = [label for label in bars if label not in hourly]
    # One bar per day of the last 30 (today's included), then one per hour of the last 48,
    # oldest first; each bar's title names its day (dd.mm.yyyy) or hour (Moscow time).
    now = timezone.now()
    assert len(daily) == 30 and len(hourly) == 48 and bars[-48:] == hourly
    assert hourly[-1].startswith(f"{timezone.localtime(now):%d.%m.%Y %H}:00: ")
    assert daily[0].startswith(f"{(now - timedelta(days=29)).date():%d.%m.%Y}: ")
    one_hour_ago = timezone.localtime(now - timedelta(hours=1))
    assert f"{one_hour_ago:%d.%m.%Y %H}:00: 6" in hourly
    assert f"{(now - timedelta(days=5)).date():%d.%m.%Y}: 4" in daily
    with translation.override("ru"):
        assert views_label(before + 10) in html  # the figure moved by the 10 counted views


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
