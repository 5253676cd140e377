from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    name = "bigasia.readership"
    label = "readership"
    verbose_name = _("Readership")

    def ready(self) -> None:
        from bigasia.core.demo.signals import demo_loaded

        from . import buffer, demo, tasks  # noqa: F401  (tasks registers the periodic jobs)

        demo_loaded.connect(demo.give_seed_story_its_views, dispatch_uid="readership-demo")
        buffer.install_shutdown_hooks()
