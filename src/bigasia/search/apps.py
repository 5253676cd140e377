from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    name = "bigasia.search"
    # Not "search": Wagtail's own search app already has that label.
    label = "sitesearch"
    verbose_name = _("Site search")

    def ready(self) -> None:
        from . import signals

        signals.connect()
