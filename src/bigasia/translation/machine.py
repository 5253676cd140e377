"""Machine translators: one base class, a backend chosen by dotted path in settings.

A backend turns a list of strings (inline HTML, as wagtail-localize stores segments) into a
list of translations. The base class owns what every backend needs the same way: splitting
work into batches, time limits on each request, and retries with back-off when the service
answers 5xx/429 or does not answer in time. Any failure surfaces as `TranslatorError` with a
sentence an editor can act on; callers translate everything before they write anything, so
a failing translator leaves pages untouched.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from bigasia.core.providers import provider_class

logger = logging.getLogger(__name__)

RETRYABLE_STATUSES = {429, 500, 502, 503, 504}


class TranslatorError(Exception):
    """The machine translator could not translate; the message is meant for the editor."""


class MachineTranslator:
    """Base of every backend. Subclasses implement `translate_batch` and `display_name`."""

    display_name = "machine translator"

    def __init__(self, config: dict | None = None) -> None:
        self.config = dict(settings.MT_SETTINGS, **(config or {}))
        self.session = requests.Session()
        self.calls = 0  # requests made, for tests and logs

    # --- what a backend provides -------------------------------------------------------
    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        raise NotImplementedError

    # --- what every backend shares -----------------------------------------------------
    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate inline-HTML strings from language `source` to `target`, in order."""
        results: list[str] = []
        for batch in self.batches(list(texts)):
            translated = self.translate_batch(batch, source, target)
            if len(translated) != len(batch):
                raise TranslatorError(
                    _("%(name)s returned %(got)d translations for %(sent)d texts.")
                    % {"name": self.display_name, "got": len(translated), "sent": len(batch)}
                )
            results.extend(translated)
        return results

    def batches(self, texts: list[str]) -> Iterator[list[str]]:
        """Consecutive runs of texts within the per-request count and size limits."""
        max_items, max_chars = self.config["BATCH_SIZE"], self.config["BATCH_CHARS"]
        batch: list[str] = []
        size = 0
        for text in texts:
            if batch and (len(batch) >= max_items or size + len(text) > max_chars):
                yield batch
                batch, size = [], 0
            batch.append(text)
            size += len(text)
        if batch:
            yield batch

    def post(self, url: str, **kwargs) -> dict:
        """POST with connect/read time limits, retrying transient failures with back-off."""
        attempts = self.config["MAX_ATTEMPTS"]
        timeout = (self.config["CONNECT_TIMEOUT"], self.config["READ_TIMEOUT"])
        for attempt in range(1, attempts + 1):
            self.calls += 1
            try:
                response = self.session.post(url, timeout=timeout, **kwargs)
            except (requests.Timeout, requests.ConnectionError) as exc:
                problem = _("%(name)s did not answer in time (%(error)s).") % {
                    "name": self.display_name,
                    "error": type(exc).__name__,
                }
            else:
                if response.status_code < 400:
                    return self.decode(response)
                if response.status_code not in RETRYABLE_STATUSES:
                    raise TranslatorError(self.refusal(response))
                problem = _("%(name)s failed with HTTP %(status)d.") % {
                    "name": self.display_name,
                    "status": response.status_code,
                }
            logger.warning("machine translation attempt %d/%d: %s", attempt, attempts, problem)
            if attempt < attempts:
                time.sleep(self.config["BACKOFF"] * 2 ** (attempt - 1))
        raise TranslatorError(
            _("%(problem)s Gave up after %(attempts)d attempts; nothing was changed.")
            % {"problem": problem, "attempts": attempts}
        )

    def decode(self, response: requests.Response) -> dict:
        try:
            return response.json()
        except ValueError as exc:
            raise TranslatorError(
                _("%(name)s answered with something that is not JSON.")
                % {"name": self.display_name}
            ) from exc

    def refusal(self, response: requests.Response) -> str:
        """An editor-facing sentence for a 4xx answer (bad key, quota, unsupported language)."""
        detail = response.text[:200].strip()
        return _("%(name)s refused the request (HTTP %(status)d): %(detail)s") % {
            "name": self.display_name,
            "status": response.status_code,
            "detail": detail,
        }


BACKEND_ALIASES = {
    "libretranslate": "bigasia.translation.backends.LibreTranslate",
    "deepl": "bigasia.translation.backends.DeepL",
}


def translator_class(path: str) -> type[MachineTranslator]:
    """The backend class named by a dotted path (or a short alias); a bad one fails loudly."""
    return provider_class(BACKEND_ALIASES.get(path, path), MachineTranslator, "MT_BACKEND")


def get_translator() -> MachineTranslator | None:
    """The configured machine translator, or None when machine translation is off."""
    if not settings.MT_BACKEND:
        return None
    return translator_class(settings.MT_BACKEND)()
