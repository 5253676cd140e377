"""IndexNow's key file at the site root: /<key>.txt holds the key, as plain text, which is
how search engines check that a ping came from the site's owner. Any other /<name>.txt is
a 404, and so is this one while INDEXNOW_KEY is unset."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import re_path
from django.views.decorators.http import require_safe


@require_safe
def indexnow_key(request: HttpRequest, key: str) -> HttpResponse:
    if not settings.INDEXNOW_KEY or key != settings.INDEXNOW_KEY:
        raise Http404
    return HttpResponse(key, content_type="text/plain; charset=utf-8")


# The protocol's key alphabet and length; robots.txt is matched before this.
urlpatterns = [
    re_path(r"^(?P<key>[A-Za-z0-9-]{8,128})\.txt$", indexnow_key, name="indexnow_key"),
]
