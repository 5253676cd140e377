from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WireConfig(AppConfig):
    name = "bigasia.wire"
    label = "wire"
    verbose_name = _("Wire")

    def ready(self) -> None:
        from bigasia.feeds.polling import items_stored

        from . import ingest, tasks  # noqa: F401  (tasks registers the periodic purge)

        items_stored.connect(ingest.on_items_stored, dispatch_uid="wire-ingest")
