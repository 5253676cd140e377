from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TvConfig(AppConfig):
    name = "bigasia.tv"
    label = "tv"
    verbose_name = _("Big Asia TV")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the stalled-HLS sweep)

        post_migrate.connect(grant_editors, sender=self, dispatch_uid="tv-editors")


def grant_editors(**kwargs: object) -> None:
    """The newsroom's Editors upload the programme's videos and enter its air times."""
    from bigasia.articles.newsroom import grant_editors as grant

    grant("tv", ["video", "airtime"])
