from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "bigasia.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from . import errors, tasklog

        errors.start_reporting()
        tasklog.connect()
