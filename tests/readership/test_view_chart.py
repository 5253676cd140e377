"""The admin's view chart of an article: two server-drawn SVG charts (by day and by hour) with
a y-axis of counts, an x-axis of dd.mm dates, and each bar's figure on hover."""

import re
import xml.etree.ElementTree as ElementTree
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bigasia.core.dates import to_moscow
from bigasia.readership.models import DailyViews, HourlyViews

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def admin_in(client, django_user_model):
    """Log in a superuser whose admin speaks `language`."""
    from wagtail.users.models import UserProfile

    def login(language: str):
        user = django_user_model.objects.create_superuser(f"chart-{language}", None, "pw-12345")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        return client

    return login


@pytest.fixture
def written_views(seed_article):
    """Views written into the buckets: 33 three days ago, 7 today; 21 two hours ago."""
    today = timezone.now().date()
    hour = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
    locale = seed_article.locale
    DailyViews.objects.create(page=seed_article, locale=locale, day=today - timedelta(3), views=33)
    DailyViews.objects.create(page=seed_article, locale=locale, day=today, views=7)
    HourlyViews.objects.create(page=seed_article, locale=locale, hour=hour, views=21)
    return {"today": today, "hour": hour}


def charts(html: str) -> dict[str, ElementTree.Element]:
    found = re.findall(r"<svg class=\"admin-chart.*?</svg>", html, re.S)
    parsed = [
        ElementTree.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
        for svg in found
    ]
    return {svg.get("data-chart"): svg for svg in parsed}


def axis_labels(svg: ElementTree.Element, axis: str) -> list[str]:
    group = svg.find(f"{SVG}g[@class='{axis}']")
    return [text.text for text in group.iter(f"{SVG}text")]


def bar_titles(svg: ElementTree.Element) -> list[str]:
    return [rect.find(f"{SVG}title").text for rect in svg.iter(f"{SVG}rect")]


def test_the_daily_chart_has_dates_counts_and_hover_figures(admin_in, seed_article, written_views):
    client = admin_in("ru")
    html = client.get(reverse("readership_page", args=[seed_article.pk])).content.decode()
    daily = charts(html)["daily"]
    today = written_views["today"]

    titles = bar_titles(daily)
    assert len(titles) == 30
    assert f"{today - timedelta(3):%d.%m.%Y}: 33" in titles
    assert titles[-1] == f"{today:%d.%m.%Y}: 7"
    # The y-scale is round and reaches the highest bar: 0, 10, 20, 30, 40.
    assert axis_labels(daily, "y-axis") == ["0", "10", "20", "30", "40"]
    x_labels = axis_labels(daily, "x-axis")
    assert x_labels[0] == f"{today - timedelta(29):%d.%m}"
    assert all(re.fullmatch(r"\d\d\.\d\d", label) for label in x_labels)


def test_bar_heights_match_the_written_figures(admin_in, seed_article, written_views):
    client = admin_in("ru")
    html = client.get(reverse("readership_page", args=[seed_article.pk])).content.decode()
    daily = charts(html)["daily"]
    heights = {
        int(rect.get("data-value")): float(rect.get("height")) for rect in daily.iter(f"{SVG}rect")
    }
    # 33 of a 40-view scale against 7 of it: the bars stand in the figures' ratio.
    assert heights[33] / heights[7] == pytest.approx(33 / 7, rel=0.02)
    assert heights[0] == 0


def test_the_hourly_chart_speaks_moscow_time_in_english_too(admin_in, seed_article, written_views):
    client = admin_in("en")
    html = client.get(reverse("readership_page", args=[seed_article.pk])).content.decode()
    hourly = charts(html)["hourly"]
    moscow = to_moscow(written_views["hour"])
    titles = bar_titles(hourly)
    assert len(titles) == 48
    assert f"{moscow:%d.%m.%Y %H:00}: 21" in titles
    assert axis_labels(hourly, "y-axis")[-1] == "40"  # 21 views: gridlines of 10 up to 40
    assert all(
        re.fullmatch(r"\d\d\.\d\d \d\d:00", label) for label in axis_labels(hourly, "x-axis")
    )
    assert "Views by hour, last two days (Moscow time)" in html
