"""Template helpers shared by every page: dates in Moscow time and view counts' plural forms.

The language switcher and the header menu read the page tree: `articles` has them (site_nav).
"""

from datetime import datetime

from django import template
from django.utils.translation import ngettext

from bigasia.core import dates

register = template.Library()


@register.filter
def msk_date(value: datetime | None) -> str:
    return dates.format_date(value)


@register.filter
def msk_datetime(value: datetime | None) -> str:
    return dates.format_datetime(value)


@register.filter
def views_label(count: int) -> str:
    """`33 просмотра`, `21 просмотр`, `1 view`: the count with its plural form."""
    count = int(count or 0)
    return ngettext("%(count)s view", "%(count)s views", count) % {"count": count}
