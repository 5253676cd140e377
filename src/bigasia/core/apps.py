from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "bigasia.core"
    label = "core"
    verbose_name = _("Big Asia core")

    def ready(self) -> None:
        from . import heartbeat, tasks  # noqa: F401  (periodic jobs; their end is recorded)
