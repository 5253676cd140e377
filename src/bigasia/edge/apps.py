from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EdgeConfig(AppConfig):
    name = "bigasia.edge"
    label = "edge"
    verbose_name = _("Page cache")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (purges on every change readers see)
