from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "bigasia.articles"
    label = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        # Receivers run in the order they connect, and this app is ready before the page
        # cache: the stamps advance before the edge purges, so a page rendered again right
        # after the purge is made of new fragments.
        from . import changes, stamps  # noqa: F401  (stamps: a receiver of the change signal)
        from .newsroom import ensure_newsroom

        changes.connect()
        post_migrate.connect(ensure_newsroom, sender=self)
