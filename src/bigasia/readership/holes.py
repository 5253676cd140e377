"""View counts inside cached fragments: a hole while the fragment is cached, a count per response.

A fragment of a reader page (`articles.fragments`) is kept until the next publish, but view
counts move all the time. Rendered for the cache, `{% view_count %}` writes a hole naming the
page instead of its count; once a served page's response has rendered, every hole in it gets
that page's current count, all read at once (one counter read per response), so a cached
card never shows a stale count.
"""

import re

from django.http import HttpResponse

from bigasia.core.templatetags.bigasia import views_label

from .counts import view_counts

_HOLE = "\x00{}\x00"  # NUL never occurs in stored text (PostgreSQL refuses it), so no clash
_HOLES = re.compile("\x00(\\d+)\x00")


def view_hole(page_id: int) -> str:
    return _HOLE.format(page_id)


def fill_view_counts(response: HttpResponse) -> None:
    """Put every page's current view count into its hole (a post-render callback)."""
    html = response.content.decode(response.charset)
    ids = {int(found) for found in _HOLES.findall(html)}
    if ids:
        counts = view_counts(ids)
        response.content = _HOLES.sub(
            lambda match: views_label(counts.get(int(match.group(1)), 0)), html
        )
