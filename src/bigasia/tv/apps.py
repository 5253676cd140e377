from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TvConfig(AppConfig):
    name = "bigasia.tv"
    label = "tv"
    verbose_name = _("Big Asia TV")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the stalled-HLS sweep)
