"""The outbound click: count it, then redirect to the item's own stored URL (plus the
partner's UTM parameters). Only ids of stored items are accepted, so this is no open redirect.

A click counts under the view beacons' rule (bigasia.readership): never for a bot or a
prefetch, and once per reader (keyed hash of address, agent and item) and item within
READERSHIP_DEDUP_SECONDS, through the same seen-store (Redis, or the host's file in the
embedded mode). Every request is still redirected: a bot following the link gets there too."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.views.decorators.cache import never_cache

from bigasia.core.clientip import request_ip
from bigasia.feeds.models import FeedItem, FeedSource
from bigasia.readership.admission import first_view
from bigasia.readership.bots import is_bot
from bigasia.readership.gate import is_prefetch, reader_key

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
    if request.method == "GET" and is_countable_click(request, item.pk):
        FeedItem.objects.filter(pk=item.pk).update(clicks=F("clicks") + 1)
        record_click(item.source_id)
    response = HttpResponseRedirect(with_utm(item.link, item.source.utm_parameters))
    response["Referrer-Policy"] = "origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def is_countable_click(request: HttpRequest, item_id: int) -> bool:
    """Not a bot nor a prefetch, and this reader's first click on the item in the window."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    if is_bot(user_agent) or is_prefetch(request.META):
        return False
    # Prefixed: an item id must not share a reader's key with the article of the same id.
    return first_view("click:" + reader_key(request_ip(request), user_agent, item_id))
