from django import template
from django.utils import translation

from ..selection import partner_items
from ..stats import record_impressions

register = template.Library()


@register.inclusion_tag("partners/partners_news.html")
def partners_news() -> dict:
    """«Новости партнёров» / "Partners' news" in the page's language; hidden when empty."""
    language = translation.get_language() or "ru"
    items = partner_items(language)
    if items:
        record_impressions([item.source_id for item in items])
    return {"partner_items": items, "language": language}
