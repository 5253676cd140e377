"""Purging the CDN in front by surrogate tag, off the request path.

A change readers see purges the edge at once (signals.py) and, once its transaction commits,
queues one task per batch of tags the CDN takes in a call. So a publish never waits for the
CDN and a rolled-back save purges nothing; a CDN that fails, refuses or hangs costs a log line
and later tries, never the editor's save. A try that failed for a reason that may pass (5xx,
429, no answer within EDGE_CDN_TIMEOUT) queues the next one EDGE_CDN_RETRY_SECONDS later,
doubled per try (at least what the CDN's Retry-After asked), up to EDGE_CDN_TRIES tries; the
worker is free in between.
"""

import logging
from collections.abc import Iterable, Sequence
from datetime import timedelta
from functools import partial
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .purgers import purger_class
from .purgers.base import PurgeFailed, Purger

logger = logging.getLogger(__name__)


def schedule_purge(tags: Iterable[str]) -> None:
    """After the current transaction commits, queue the purge of these tags at the CDN."""
    cls = purger_class()
    if cls is None:
        return
    # robust: a queue that cannot take the task (Redis down) is logged, and the save that
    # caused the purge still succeeds.
    transaction.on_commit(partial(_enqueue, cls, sorted(tags)), robust=True)


def _enqueue(cls: type[Purger], tags: list[str]) -> None:
    for batch in cls.batches(tags):
        purge_cdn_tags.enqueue(batch)


@task()
def purge_cdn_tags(tags: list[str], attempt: int = 1) -> bool:
    """Purge one batch of (already fitted) tags; True when the CDN confirmed it."""
    cls = purger_class()
    if cls is None:  # the CDN was unconfigured since the task was queued
        return False
    try:
        cls().purge(tags)
    except PurgeFailed as failure:
        _after_failure(tags, attempt, failure)
        return False
    logger.info("%s purged %d tags: %s", cls.name, len(tags), " ".join(tags))
    return True


def _after_failure(tags: list[str], attempt: int, failure: PurgeFailed) -> None:
    tries = settings.EDGE_CDN_TRIES
    if not failure.retry or attempt >= tries:
        logger.error(
            "CDN purge of %s failed for good after %d of %d tries: %s",
            " ".join(tags), attempt, tries, failure,
        )  # fmt: skip
        return
    delay = max(settings.EDGE_CDN_RETRY_SECONDS * 2 ** (attempt - 1), failure.retry_after)
    logger.warning(
        "CDN purge of %s, try %d of %d, failed: %s; trying again in %g s",
        " ".join(tags), attempt, tries, failure, delay,
    )  # fmt: skip
    later = purge_cdn_tags.using(run_after=timezone.now() + timedelta(seconds=delay))
    later.enqueue(tags, attempt + 1)


@checks.register()
def check_cdn(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[Any]:
    """EDGE_CDN names a purger whose settings are complete, and pages get tagged."""
    try:
        cls = purger_class()
        if cls is not None:
            cls()  # each purger refuses missing credentials or addresses here
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), hint="See docs/edge.md, 'The CDN'.", id="edge.E001")]
    if cls is not None and not settings.EDGE_ENABLED:
        return [
            checks.Error(
                f"EDGE_CDN={settings.EDGE_CDN} purges by tag, but with EDGE_ENABLED off no "
                "response carries its tags, so no purge would reach a page.",
                hint="Turn EDGE_ENABLED on (the default in production).",
                id="edge.E002",
            )
        ]
    return []
