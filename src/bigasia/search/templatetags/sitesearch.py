from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bigasia.search.backends import MARK_END, MARK_START

register = template.Library()


@register.filter
def highlighted(marked_text: str) -> SafeString:
    """Escape the text first, then turn the highlight marks into <mark> elements."""
    escaped = escape(marked_text)
    # Safe: everything from the text is escaped above; only our own tags are added.
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))
