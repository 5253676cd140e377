"""The request id travels with the tasks a request enqueues, into the worker's log lines.

It rides in the queue's own record of the task: the job's meta on the Redis queue
(core/redis_tasks.py writes it), an extra key of the row's args_kwargs JSON on the database
queue (django-tasks-db reads only "args" and "kwargs" from it). When the worker starts the
task, the id is put back into the log context; a task no request enqueued (a periodic job)
logs under "task-<its id>".
"""

from django.db.models.signals import pre_save
from django_tasks.signals import task_finished, task_started

from bigasia.core.logs import request_id
from bigasia.core.redis_tasks import RedisTaskBackend

KEY = "request_id"


def connect() -> None:
    from django_tasks_db.models import DBTaskResult

    pre_save.connect(_stamp_database_task, sender=DBTaskResult, dispatch_uid="ops-tasklog")
    task_started.connect(_restore_request_id, dispatch_uid="ops-tasklog")
    task_finished.connect(_clear_request_id, dispatch_uid="ops-tasklog")


def _stamp_database_task(sender, instance, **kwargs) -> None:
    if instance._state.adding and request_id.get():
        instance.args_kwargs = {**instance.args_kwargs, KEY: request_id.get()}


def _in_a_worker(sender) -> bool:
    """Queued backends run tasks in a worker; the immediate one runs them inside the request,
    whose id is already in the context and must stay there."""
    from django_tasks_db import DatabaseBackend

    return issubclass(_backend_class(sender), DatabaseBackend | RedisTaskBackend)


def _backend_class(sender) -> type:
    # db_worker sends the backend instance, the RQ job its class.
    return sender if isinstance(sender, type) else type(sender)


def _restore_request_id(sender, task_result, **kwargs) -> None:
    if _in_a_worker(sender):
        request_id.set(_carried_id(sender, task_result.id) or f"task-{task_result.id}")


def _clear_request_id(sender, task_result, **kwargs) -> None:
    if _in_a_worker(sender):
        request_id.set("")


def _carried_id(sender, task_id: str) -> str:
    if issubclass(_backend_class(sender), RedisTaskBackend):
        from rq import get_current_job

        job = get_current_job()
        return job.meta.get(KEY, "") if job is not None else ""
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.filter(pk=task_id).values_list("args_kwargs", flat=True).first()
    return (row or {}).get(KEY, "")
