"""What a reader page tells the page cache in front of Django (bigasia.edge) about itself.

Kept in core so that domain apps can declare it without importing the edge, which only
`wsgi.py` wires in. A response names the query parameters its content depends on; the edge
keys its copy on those alone and keeps no copy of a request carrying any other (junk such
as `?x=1` would otherwise make a new entry per value).
"""

from typing import TypeVar

from django.conf import settings
from django.http.response import HttpResponseBase

_Response = TypeVar("_Response", bound=HttpResponseBase)

QUERY_HEADER = "X-Edge-Query"  # internal: the edge strips it before the reader sees it


def uses_query(response: _Response, *names: str) -> _Response:
    if not settings.EDGE_ENABLED:
        return response  # nobody would strip the header
    existing = response.headers.get(QUERY_HEADER, "")
    response.headers[QUERY_HEADER] = " ".join(filter(None, [existing, *names]))
    return response
