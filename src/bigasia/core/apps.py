from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "bigasia.core"
    label = "core"
    verbose_name = _("Big Asia core")

    def ready(self) -> None:
        from . import converters, heartbeat, tasks, wakeup  # noqa: F401  (tasks registers the periodic jobs; heartbeat records their end; wakeup pokes idle workers)

        converters.register()

        from .admin_lists import use_per_request_page_chooser

        use_per_request_page_chooser()
