"""The channels' background tasks: one delivery, and the sweep that brings back the ones a
dead worker or a retry left behind."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from bigasia.core import periodic

from . import delivery
from .models import Delivery

SWEEP_BATCH = 500


# A queue of its own, worked by several threads of each worker (CHANNELS_WORKER_THREADS): a
# delivery is mostly a wait on a remote API, and one at a time they fell behind a burst of
# publishes.
@task(queue_name="channels")
def deliver_to_channel(delivery_id: int) -> str | None:
    return delivery.deliver(delivery_id)


def sweep() -> int:
    """Enqueue every due delivery: retries whose time came, rows whose enqueue was lost, and
    in-flight rows whose worker died (their lease ran out)."""
    due = list(
        Delivery.objects.filter(delivery.due(timezone.now()))
        .order_by("next_try_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for delivery_id in due:
        deliver_to_channel.enqueue(delivery_id)
    return len(due)


@periodic.every(lambda: settings.CHANNELS_SWEEP_EVERY)
@task()
def sweep_channel_deliveries() -> int:
    return sweep()
