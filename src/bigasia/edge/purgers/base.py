"""The base of every CDN purger (one module per CDN beside this one, chosen by EDGE_CDN).

A purger speaks both halves of one CDN's purge by tag: the response header through which the
CDN learns a page's surrogate tags, and the API call that purges tags. What every CDN needs
the same way lives here: tags fitted to the CDN's limits, batches within its per-call limits,
a deadline on every call, and telling a failure worth retrying (5xx, 429, no answer in time)
from one that is not (a refused token, a malformed call).
"""

import hashlib
import logging
import re
from collections.abc import Iterable
from typing import Any

import requests
from django.conf import settings

from ..tags import SITE

logger = logging.getLogger(__name__)

# Cloudflare's purge API and Fastly both refuse a tag longer than 1024 bytes.
TAG_LIMIT = 1024
# Characters that mean the same to every CDN: no separator (space, comma), no case (Cloudflare
# folds it) and no sign of a regular expression (Varnish's ban matches tags with one).
_PLAIN_TAG = re.compile(r"[a-z0-9:_-]+")


def cdn_tag(tag: str) -> str:
    """The tag as the CDN sees it, in the response header and in the purge alike: lower case,
    or a digest when it is too long or has characters outside the plain set."""
    lowered = tag.lower()
    if len(lowered) <= TAG_LIMIT and _PLAIN_TAG.fullmatch(lowered):
        return lowered
    return "h:" + hashlib.sha256(lowered.encode()).hexdigest()[:32]


class PurgeFailed(Exception):
    """The CDN did not purge; `retry` says whether trying again later may help."""

    def __init__(self, message: str, *, retry: bool, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.retry = retry
        self.retry_after = retry_after  # seconds the CDN asked us to wait (Retry-After)


class Purger:
    """Subclasses set the class attributes for their CDN and implement `purge`."""

    name = "CDN"
    header = ""  # the response header the CDN reads the tags from
    separator = " "
    header_limit = 16 * 1024  # bytes of that header's value the CDN reads
    tags_per_call = 256
    call_limit = 16 * 1024  # bytes of joined tag names one purge call may carry

    def __init__(self) -> None:
        self.session = requests.Session()

    # --- what a CDN provides -----------------------------------------------------------
    def purge(self, tags: list[str]) -> None:
        """Purge one batch (from `batches`); raises PurgeFailed."""
        raise NotImplementedError

    def detail(self, response: requests.Response) -> str:
        """What the CDN said about a failure, for the log."""
        return response.text[:200].strip()

    # --- what every CDN shares -----------------------------------------------------------
    @classmethod
    def response_header(cls, tags: Iterable[str]) -> tuple[str, str]:
        """(name, value) of the header naming the tags, within the CDN's header limit. A
        page with more tags than fit keeps those that do, `site` first, so that a site-wide
        purge still reaches it; the rest of its purges miss it until its s-maxage ends."""
        ordered = sorted(tags, key=lambda tag: tag != SITE)  # stable: the rest keep order
        fitted = list(dict.fromkeys(cdn_tag(tag) for tag in ordered))
        kept: list[str] = []
        size = 0
        for tag in fitted:
            size += len(tag) + (len(cls.separator) if kept else 0)
            if size > cls.header_limit:
                logger.warning(
                    "%s tags of a page exceed the %s header's %d bytes: %d kept, %d left out",
                    cls.name, cls.header, cls.header_limit, len(kept), len(fitted) - len(kept),
                )  # fmt: skip
                break
            kept.append(tag)
        return cls.header, cls.separator.join(kept)

    @classmethod
    def batches(cls, tags: Iterable[str]) -> list[list[str]]:
        """The tags (fitted by `cdn_tag`) in runs one purge call takes: at most
        `tags_per_call`, their names joined by the separator within `call_limit` bytes."""
        runs: list[list[str]] = []
        run: list[str] = []
        size = 0
        for tag in dict.fromkeys(cdn_tag(tag) for tag in tags):
            extra = len(tag) + len(cls.separator)
            if run and (len(run) == cls.tags_per_call or size + extra > cls.call_limit):
                runs.append(run)
                run, size = [], 0
            run.append(tag)
            size += extra
        return [*runs, run] if run else runs

    def send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One call to the CDN, given up after EDGE_CDN_TIMEOUT seconds without an answer;
        any failure raises PurgeFailed."""
        timeout = settings.EDGE_CDN_TIMEOUT
        try:
            response = self.session.request(method, url, timeout=(timeout, timeout), **kwargs)
        except requests.Timeout as exc:
            silence = f"{self.name} did not answer within {timeout:g} s"
            raise PurgeFailed(silence, retry=True) from exc
        except requests.RequestException as exc:
            raise PurgeFailed(f"{self.name} could not be reached: {exc}", retry=True) from exc
        status = response.status_code
        if status == 429 or status >= 500:
            raise PurgeFailed(
                f"{self.name} answered HTTP {status}: {self.detail(response)}",
                retry=True,
                retry_after=_retry_after(response),
            )
        if status >= 400:
            raise PurgeFailed(
                f"{self.name} refused the purge (HTTP {status}): {self.detail(response)}",
                retry=False,
            )
        return response


def json_object(response: requests.Response) -> dict[str, Any]:
    """The answer's JSON object, or an empty one when it is not JSON."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _retry_after(response: requests.Response) -> float:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else 0.0
