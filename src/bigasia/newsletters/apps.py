from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "bigasia.newsletters"
    label = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self) -> None:
        from bigasia.core.changes import EVERYWHERE, announce

        from . import mailqueue, tasks, tracking, webhooks  # noqa: F401  (mailqueue, tasks: periodic sweeps; tracking: ESP webhook signals; webhooks: their system check)
        from .models import Newsletter
        from .templatetags.newsletters import forget_box

        def changed(sender: type[Newsletter], **kwargs: Any) -> None:
            forget_box()
            announce(sender, EVERYWHERE)  # the subscription box is on every cached page

        post_save.connect(changed, sender=Newsletter, weak=False, dispatch_uid="nl-box-save")
        post_delete.connect(changed, sender=Newsletter, weak=False, dispatch_uid="nl-box-del")
        post_migrate.connect(grant_editors, sender=self, dispatch_uid="newsletters-editors")


def grant_editors(**kwargs: Any) -> None:
    """The newsroom's Editors compose and send issues and keep the list of newsletters."""
    from bigasia.articles.newsroom import grant_editors as grant

    grant("newsletters", ["newsletter", "issue"])
