"""Content-Security-Policy on every answer: a strict one for readers' pages, a narrow one
for the admin.

Readers' pages load scripts, styles, images, video and fetches from the site alone (no
inline script or style: site.js, box.js and beacon.js are static files), and frames only
from the video players readers click to load (core/embeds.py). The policy is the same for
every reader, so pages stay cacheable by the edge and CDNs (a nonce would not be).
Wagtail's admin renders inline scripts and styles of its own, so there the policy only
forbids plugins, foreign base URLs and framing by other sites. An answer that already has a
policy keeps it (Wagtail's document view sends `default-src 'none'`).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .embeds import PLAYER_ORIGINS

HEADER = "Content-Security-Policy"
ADMIN_POLICY = "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def reader_policy() -> str:
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
        "media-src 'self'", "font-src 'self'", "connect-src 'self'",
        "frame-src " + " ".join(PLAYER_ORIGINS), "object-src 'none'", "base-uri 'self'",
        "form-action 'self'", "frame-ancestors 'none'",
    ])  # fmt: skip


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.reader_policy = settings.CONTENT_SECURITY_POLICY or reader_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # In DEBUG an error answer is Django's debug page, all inline styles and scripts.
        debug_page = settings.DEBUG and response.status_code >= 400
        if HEADER not in response and not debug_page:
            admin = request.path_info.startswith(ADMIN_PREFIXES)
            response[HEADER] = ADMIN_POLICY if admin else self.reader_policy
        return response
