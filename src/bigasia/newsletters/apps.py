from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "bigasia.newsletters"
    label = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self) -> None:
        from . import tasks, tracking  # noqa: F401  (the periodic sweep; ESP webhook signals)
        from .models import Newsletter
        from .templatetags.newsletters import forget_box

        def changed(**kwargs) -> None:
            forget_box()

        post_save.connect(changed, sender=Newsletter, weak=False, dispatch_uid="nl-box-save")
        post_delete.connect(changed, sender=Newsletter, weak=False, dispatch_uid="nl-box-del")
