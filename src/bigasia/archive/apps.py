from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "bigasia.archive"
    label = "archive"
    verbose_name = _("Archive import")

    def ready(self) -> None:
        post_migrate.connect(grant_editors, sender=self, dispatch_uid="archive-editors")


def grant_editors(**kwargs: object) -> None:
    """Editors may read the import report (the view permission of a run)."""
    from bigasia.articles.newsroom import grant_editors as grant

    grant("archive", ["importrun"])
