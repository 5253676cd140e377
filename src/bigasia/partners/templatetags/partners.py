import time

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from ..selection import block_key, partner_items
from ..stats import record_impressions

register = template.Library()


@register.simple_tag
def partners_news() -> SafeString:
    """«Новости партнёров» / "Partners' news" in the page's language; hidden when empty.

    The block's HTML is kept as long as its items are (one rotation step), with the partners
    it shows: rendering it again for every page view was a sixth of an article render, and
    one cache read instead of two (the items, the HTML) saves a round trip to Redis per
    render. Impressions are still counted on every view.
    """
    language = translation.get_language() or "ru"
    now = time.time()  # one moment for the key and the items: the HTML is of its own step
    key = f"{block_key(language, now=now)}:shown"
    kept = cache.get(key)
    if kept is None:
        items = partner_items(language, now=now)
        html = render_to_string(
            "partners/partners_news.html", {"partner_items": items, "language": language}
        )
        kept = ([item.source_id for item in items], html)
        cache.set(key, kept, settings.PARTNERS_CACHE_SECONDS)
    source_ids, html = kept
    if source_ids:
        record_impressions(source_ids)
    return mark_safe(html)
