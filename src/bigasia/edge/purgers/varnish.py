"""Varnish with vmod xkey: the `xkey` response header and a PURGE carrying `xkey-purge`.

Each of EDGE_VARNISH_PURGE_URLS gets `PURGE /` with the tags, space separated, in an
`xkey-purge` header; the VCL in docs/edge.md turns it into `xkey.purge()` (or into a ban on
a Varnish without the vmod) and answers 200. Varnish itself reads at most 8 KB of one header
(`http_resp_hdr_len`, `http_req_hdr_len`), which bounds both directions.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import Purger


class Varnish(Purger):
    name = "Varnish"
    header = "xkey"
    separator = " "
    header_limit = 8 * 1024
    tags_per_call = 1_000  # only the header's size bounds a call
    call_limit = 8 * 1024

    def __init__(self) -> None:
        super().__init__()
        self.urls = settings.EDGE_VARNISH_PURGE_URLS
        if not self.urls:
            raise ImproperlyConfigured("EDGE_CDN=varnish needs EDGE_VARNISH_PURGE_URLS.")

    def purge(self, tags: list[str]) -> None:
        # Every server, or the batch is tried again on all of them: purging is idempotent.
        for url in self.urls:
            self.send("PURGE", url, headers={"xkey-purge": " ".join(tags)})
