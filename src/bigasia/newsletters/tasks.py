"""The delivery engine's periodic sweep. The batch tasks themselves live with the send's
life (`bigasia.newsletters.lifecycle.send_batch`), which starts their chains."""

from django.conf import settings
from django_tasks import task

from bigasia.core import periodic

from . import lifecycle


@periodic.every(lambda: settings.NEWSLETTERS_TEND_EVERY, has_work=lifecycle.has_sends_to_tend)
@task()
def tend_sends() -> None:
    """Start scheduled issues, recover dead workers' rows, restart stalled chains."""
    lifecycle.tend()
