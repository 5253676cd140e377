"""Uploaded media in DEBUG (`make run`): images as they are, documents only as downloads.

An uploaded document is whatever an editor chose to upload; rendered inline from the site's
origin, an HTML or SVG file's script would run with an admin's session. Production's nginx
gives `/media/documents/` the same headers (deploy/nginx.conf); links on pages go through
Wagtail's document view (`/documents/<id>/<name>`), which already sends them.
"""

import posixpath

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.static import serve

DOCUMENTS_DIR = "documents/"  # Wagtail's upload_to for documents
DOWNLOAD_ONLY = {
    "Content-Disposition": "attachment",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    # Django takes a Path as the root; django-stubs says str.
    response = serve(request, path, document_root=settings.MEDIA_ROOT)  # type: ignore[arg-type]
    # As `serve` resolves it, so that "images/../documents/x.html" is seen for what it is.
    if posixpath.normpath(path).lstrip("/").startswith(DOCUMENTS_DIR):
        for name, value in DOWNLOAD_ONLY.items():
            response[name] = value
    return response
