from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    name = "bigasia.readership"
    label = "readership"
    verbose_name = _("Readership")

    def ready(self) -> None:
        from . import buffer, tasks  # noqa: F401  (tasks registers the periodic jobs)

        buffer.install_shutdown_hooks()
