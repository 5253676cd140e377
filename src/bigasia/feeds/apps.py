from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "bigasia.feeds"
    label = "feeds"
    verbose_name = _("Feeds")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the periodic jobs)

        post_migrate.connect(grant_editors, sender=self, dispatch_uid="feeds-editors")


def grant_editors(**kwargs) -> None:
    """The newsroom's Editors keep the list of feed sources (and so see the partners' report,
    which asks for the permission to view them)."""
    from bigasia.articles.newsroom import grant_editors as grant

    grant("feeds", ["feedsource"])
