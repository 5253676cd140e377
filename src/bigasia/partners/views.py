"""The outbound click: count it, then redirect to the item's own stored URL (plus the
partner's UTM parameters). Only ids of stored items are accepted, so this is no open redirect."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.views.decorators.cache import never_cache

from bigasia.feeds.models import FeedItem, FeedSource

from .stats import record_click


def with_utm(url: str, utm: str) -> str:
    if not utm:
        return url
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(
        (key, value)
        for key, value in parse_qsl(utm, keep_blank_values=False)
        if key.startswith("utm_")
    )
    return urlunsplit(parts._replace(query=urlencode(query)))


@never_cache
def go(request: HttpRequest, item_id: int) -> HttpResponseRedirect:
    item = (
        FeedItem.objects.filter(pk=item_id, source__kind=FeedSource.Kind.PARTNER)
        .exclude(link="")
        .select_related("source")
        .first()
    )
    if item is None:
        raise Http404
    if request.method == "GET":
        FeedItem.objects.filter(pk=item.pk).update(clicks=F("clicks") + 1)
        record_click(item.source_id)
    response = HttpResponseRedirect(with_utm(item.link, item.source.utm_parameters))
    response["Referrer-Policy"] = "origin"
    response["X-Robots-Tag"] = "noindex"
    return response
