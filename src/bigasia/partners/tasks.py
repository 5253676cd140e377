from django.conf import settings
from django_tasks import task

from bigasia.core import periodic

from .stats import flush_impressions


@periodic.every(lambda: settings.PARTNERS_FLUSH_EVERY)
@task()
def flush_partner_impressions() -> int:
    """Move the items-shown counts gathered during page renders into the daily statistics."""
    return flush_impressions()
