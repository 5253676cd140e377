"""Fastly: the `Surrogate-Key` response header and the service's batch purge by key.

POST {EDGE_FASTLY_API_URL}/service/{id}/purge with the keys in a `Surrogate-Key` request
header (up to 256) and the API token in `Fastly-Key` (scope purge_select); the answer maps
each key to a purge id. Errors come as {"msg": …, "detail": …}.
"""

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import PurgeFailed, Purger, json_object


class Fastly(Purger):
    name = "Fastly"
    header = "Surrogate-Key"
    separator = " "
    header_limit = 16 * 1024  # Fastly reads at most 16 KB of surrogate keys
    tags_per_call = 256
    call_limit = 16 * 1024

    def __init__(self) -> None:
        super().__init__()
        service, key = settings.EDGE_FASTLY_SERVICE_ID, settings.EDGE_FASTLY_API_KEY
        if not (service and key):
            raise ImproperlyConfigured(
                "EDGE_CDN=fastly needs EDGE_FASTLY_SERVICE_ID and EDGE_FASTLY_API_KEY."
            )
        self.url = f"{settings.EDGE_FASTLY_API_URL}/service/{service}/purge"
        self.session.headers.update({"Fastly-Key": key, "Accept": "application/json"})

    def purge(self, tags: list[str]) -> None:
        answer = self.send("POST", self.url, headers={"Surrogate-Key": " ".join(tags)})
        purged = json_object(answer)
        missing = [tag for tag in tags if tag not in purged]
        if missing:
            raise PurgeFailed(
                f"Fastly's answer names no purge of {', '.join(missing)}: {self.detail(answer)}",
                retry=False,
            )

    def detail(self, response: requests.Response) -> str:
        body = json_object(response)
        said = " ".join(str(body[field]) for field in ("msg", "detail") if body.get(field))
        return said or super().detail(response)
