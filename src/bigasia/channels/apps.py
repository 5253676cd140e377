from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "bigasia.channels"
    label = "channels"
    verbose_name = _("Channels")

    def ready(self) -> None:
        from . import engine, tasks  # noqa: F401  (tasks: the periodic sweep)

        engine.connect()
        post_migrate.connect(grant_editors, sender=self, dispatch_uid="channels-editors")


def grant_editors(**kwargs: Any) -> None:
    """The newsroom's Editors configure the channels, choose them per article and retry
    deliveries from the log; authors do none of it."""
    from bigasia.articles.newsroom import grant_editors as grant

    grant("channels", ["channel", "articlechannel", "delivery"])
