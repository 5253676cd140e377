from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "bigasia.translation"
    label = "translation"
    verbose_name = _("Translation desk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the staleness check to publishing)
        from .machine import translator_class

        if settings.MT_BACKEND:
            # A mistyped MT_BACKEND stops the process at start, not at an editor's click.
            translator_class(settings.MT_BACKEND)
