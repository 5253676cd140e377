"""Feeds under each language prefix: /ru/rss.xml, /en/feeds/country/kazakhstan/atom.xml…"""

from django.urls import path, re_path

from .feeds import FLAVOURS, StoryFeed

app_name = "distribution"

urlpatterns = []
for flavour in FLAVOURS:
    feed = StoryFeed(flavour)
    urlpatterns += [
        path(f"{flavour}.xml", feed, name=f"{flavour}"),
        re_path(
            rf"^feeds/(?P<scope>section|country|tag)/(?P<slug>[-\w]+)/{flavour}\.xml$",
            feed,
            name=f"{flavour}_scoped",
        ),
    ]
