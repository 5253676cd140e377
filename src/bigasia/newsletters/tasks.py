"""Background jobs of the delivery engine: chains of batch tasks and the periodic sweep."""

from django.conf import settings
from django_tasks import task

from bigasia.core import periodic

from . import sending


@task()
def send_batch(issue_id: int, slot: int, generation: int) -> int:
    """Send one batch of the issue; enqueue the next batch of this chain while work remains."""
    result = sending.run_batch(issue_id, slot, generation)
    if result.more:
        send_batch.enqueue(issue_id, slot, generation)
    return result.sent


@periodic.every(lambda: settings.NEWSLETTERS_TEND_EVERY)
@task()
def tend_sends() -> None:
    """Start scheduled issues, recover dead workers' rows, restart stalled chains."""
    sending.tend()
