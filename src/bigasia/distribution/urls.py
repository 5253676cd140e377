"""Under each language prefix: feeds (/ru/rss.xml, /en/feeds/country/kazakhstan/atom.xml…)
and the publisher logos (/ru/logo-square.png)."""

from django.urls import path, re_path

from . import views
from .feeds import FLAVOURS, StoryFeed

app_name = "distribution"

urlpatterns = [
    re_path(r"^logo-(?P<kind>wide|square)\.png$", views.publisher_logo, name="logo"),
]
for flavour in FLAVOURS:
    feed = StoryFeed(flavour)
    urlpatterns += [
        path(f"{flavour}.xml", feed, name=f"{flavour}"),
        re_path(
            rf"^feeds/(?P<scope>section|country|tag|author)/(?P<slug>[-\w]+)/{flavour}\.xml$",
            feed,
            name=f"{flavour}_scoped",
        ),
    ]
