from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "bigasia.articles"
    label = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from . import navigation, signals  # noqa: F401  (connect the cache-forgetting signals)
        from .newsroom import ensure_newsroom

        post_migrate.connect(ensure_newsroom, sender=self)
