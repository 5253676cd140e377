"""Scale-out runs background tasks on Redis (RQ): a task reaches the queue only when the
transaction that enqueued it commits, urgent tasks pass a backlog, installations sharing a
Redis keep apart, and `bigasia worker` runs queued and deferred tasks in its own process."""

import os
import uuid
from pathlib import Path

import django_rq
import pytest
from django.db import transaction
from django.test import override_settings

from bigasia.core.tasks import publish_scheduled_pages
from bigasia.feeds.tasks import poll_feed
from tests.scratch import wait_until

pytestmark = pytest.mark.skipif(
    not os.environ.get("BIGASIA_SCALE_OUT_PASS"), reason="the Redis queue: scale-out pass"
)


def _redis_tasks(prefix: str) -> override_settings:
    rq_name = f"{prefix}:default"
    return override_settings(
        TASKS={
            "default": {
                "BACKEND": "bigasia.core.redis_tasks.RedisTaskBackend",
                "QUEUES": ["default"],
                "OPTIONS": {"RQ_QUEUES": {"default": rq_name}},
            }
        },
        RQ_QUEUES={rq_name: {"URL": os.environ["REDIS_URL"], "DEFAULT_TIMEOUT": 60}},
    )


@pytest.fixture
def queue():
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    with _redis_tasks(prefix):
        rq_queue = django_rq.get_queue(f"{prefix}:default")
        yield rq_queue
        rq_queue.empty()


@pytest.mark.django_db
def test_it_pushes_a_task_only_when_its_transaction_commits(
    queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            result = poll_feed.enqueue(1)
        assert queue.count == 0, "a worker must not see the task before the data it reads"
    for callback in callbacks:
        callback()
    assert queue.job_ids == [result.id]


@pytest.mark.django_db
def test_it_drops_a_task_whose_transaction_rolls_back(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            poll_feed.enqueue(1)
            raise RuntimeError("the caller's work failed")
    assert queue.count == 0


@pytest.mark.django_db
def test_it_puts_a_task_above_the_default_priority_ahead_of_a_backlog(
    queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        backlog = [poll_feed.enqueue(n).id for n in range(3)]
        urgent = publish_scheduled_pages.enqueue().id  # priority 50
    assert queue.job_ids == [urgent, *backlog]


@pytest.mark.django_db
def test_it_keeps_installations_sharing_a_redis_apart(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        poll_feed.enqueue(1)
    with _redis_tasks("another-site"):
        assert django_rq.get_queue("another-site:default").count == 0
    assert queue.count == 1


ENQUEUE = """
from datetime import timedelta
from django.utils import timezone
from bigasia.core.tasks import publish_scheduled_pages
run_after = timezone.now() + timedelta(seconds=3)
now = publish_scheduled_pages.enqueue()
later = publish_scheduled_pages.using(run_after=run_after).enqueue()
print(now.id, later.id, run_after.timestamp())
"""
STATUS = """
from bigasia.core.tasks import publish_scheduled_pages
r = publish_scheduled_pages.get_result("{id}")
print(r.status, r.started_at.timestamp() if r.started_at else 0)
"""


def test_it_runs_queued_and_deferred_tasks_in_the_worker_process(scratch_site):
    now_id, later_id, run_after = scratch_site.python(ENQUEUE).split()
    worker = scratch_site.spawn("worker", "--tick", "0.2")
    try:
        status = lambda task_id: scratch_site.python(STATUS.format(id=task_id)).split()  # noqa: E731
        assert wait_until(lambda: status(now_id)[0] == "SUCCESSFUL", timeout=60)
        assert wait_until(lambda: status(later_id)[0] == "SUCCESSFUL", timeout=60)
        assert float(status(later_id)[1]) >= float(run_after), "a deferred task ran early"
        # Jobs run inside the worker: nothing forked that a SIGKILL would leave orphaned.
        children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
        assert children == []
    finally:
        scratch_site.stop(worker)
