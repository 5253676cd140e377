"""Cloudflare: the `Cache-Tag` response header and the zone's purge-by-tag API.

POST {EDGE_CLOUDFLARE_API_URL}/zones/{zone}/purge_cache with {"tags": [...]} and a Bearer API
token (permission "Zone › Cache Purge"); the answer is {"success": true|false, "errors":
[{"code": …, "message": …}], …} whatever the HTTP status.
"""

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import PurgeFailed, Purger, json_object


class Cloudflare(Purger):
    name = "Cloudflare"
    header = "Cache-Tag"
    separator = ","
    header_limit = 16 * 1024  # the header's value, commas included (about 1,000 tags)
    tags_per_call = 30  # per purge call on most plans
    call_limit = 1_000_000  # the JSON body has no limit of its own short of the count

    def __init__(self) -> None:
        super().__init__()
        zone, token = settings.EDGE_CLOUDFLARE_ZONE_ID, settings.EDGE_CLOUDFLARE_API_TOKEN
        if not (zone and token):
            raise ImproperlyConfigured(
                "EDGE_CDN=cloudflare needs EDGE_CLOUDFLARE_ZONE_ID and EDGE_CLOUDFLARE_API_TOKEN."
            )
        self.url = f"{settings.EDGE_CLOUDFLARE_API_URL}/zones/{zone}/purge_cache"
        self.session.headers["Authorization"] = f"Bearer {token}"

    def purge(self, tags: list[str]) -> None:
        answer = self.send("POST", self.url, json={"tags": tags})
        if json_object(answer).get("success") is not True:
            raise PurgeFailed(
                f"Cloudflare did not confirm the purge: {self.detail(answer)}", retry=False
            )

    def detail(self, response: requests.Response) -> str:
        errors = json_object(response).get("errors")
        if not isinstance(errors, list) or not errors:
            return super().detail(response)
        return "; ".join(
            f"{error.get('code')} {error.get('message')}"
            for error in errors
            if isinstance(error, dict)
        )
