from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo publication and `bigasia demo`. It sits on top of every app: it may import
    any of them, and none imports it."""

    name = "bigasia.demo"
    label = "demo"
    verbose_name = _("Demo content")
