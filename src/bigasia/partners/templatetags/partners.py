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

    The block's HTML is kept as long as its items are (one rotation step): rendering it
    again for every page view was a sixth of an article render. Impressions are still
    counted on every view.
    """
    language = translation.get_language() or "ru"
    now = time.time()  # one moment for both keys, or a rotation step could get the last one's HTML
    items = partner_items(language, now=now)
    if items:
        record_impressions([item.source_id for item in items])
    key = f"{block_key(language, now=now)}:html"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "partners/partners_news.html", {"partner_items": items, "language": language}
        )
        cache.set(key, html, settings.PARTNERS_CACHE_SECONDS)
    return mark_safe(html)
