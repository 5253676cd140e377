"""Background jobs owned by the core app."""

from django.conf import settings
from django.core.management import call_command
from django_tasks import task

from . import periodic


# Above the default priority: a story due at 09:00 must not wait behind a backlog of
# search-index updates.
@periodic.every(lambda: settings.PUBLISH_SCHEDULED_EVERY)
@task(priority=50)
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail's own
    command), so editors' schedules happen without anybody setting up cron."""
    call_command("publish_scheduled", verbosity=0)
