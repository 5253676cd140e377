"""The desk in Wagtail's admin: header buttons, its main menu item and the desk's URLs."""

from django.conf import settings
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Locale
from wagtail_localize import wagtail_hooks as localize_hooks

from . import views
from .desk import is_original_towards

LANGUAGE_ACTIONS = {
    "en": _("Translate to English"),
    "ru": _("Translate to Russian"),
}


@hooks.register("register_admin_urls")
def desk_urls():
    desk = [
        path("", views.report, name="report"),
        path("page/<int:page_id>/to/<str:language>/", views.translate, name="translate"),
        path("status/<int:pk>/", views.detail, name="detail"),
        path("status/<int:pk>/reviewed/", views.mark_reviewed, name="reviewed"),
    ]
    return [path("translation-desk/", include((desk, "translation_desk")))]


# Runs before wagtail-localize's hook, so this view answers its "machine translate" URL
# and a failing translator becomes a message to the editor instead of a server error.
@hooks.register("register_admin_urls", order=-1)
def editor_machine_translate_url():
    return [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            views.machine_translate_in_editor,
            name="desk_machine_translate",
        )
    ]


# wagtail-localize's header hook would put its own "Translate this page" beside the desk's
# action on every page the desk translates: two buttons for one job, the second skipping the
# desk (its status, machine translation, review). Wagtail has no hook to drop another app's
# header button, so localize's hook leaves the registry (importing its module first makes
# sure it is there) and `translate_buttons` calls it itself, keeping its other buttons.
hooks._hooks["register_page_header_buttons"].remove((localize_hooks.page_listing_more_buttons, 0))
LOCALIZE_TRANSLATE_URL = "wagtail_localize:submit_page_translation"


@hooks.register("register_page_header_buttons")
def translate_buttons(page, user, view_name, next_url=None) -> list[Button]:
    """The desk's translate actions where the desk translates the page (stories: they have a
    lead), else wagtail-localize's; localize's other header buttons (sync) either way."""
    localize_buttons = list(
        localize_hooks.page_listing_more_buttons(page, user, view_name=view_name, next_url=next_url)
    )
    if not getattr(page.specific_class, "lead", None):
        return localize_buttons
    localize_translate = reverse(LOCALIZE_TRANSLATE_URL, args=[page.alias_of_id or page.pk])
    kept = [button for button in localize_buttons if button.url != localize_translate]
    return list(_desk_buttons(page, user)) + kept


def _desk_buttons(page, user):
    if not page.permissions_for_user(user).can_edit():
        return
    page = page.specific
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == page.locale.language_code or code not in LANGUAGE_ACTIONS:
            continue
        if code in locales and is_original_towards(page, locales[code]):
            yield Button(
                LANGUAGE_ACTIONS[code],
                url=reverse("translation_desk:translate", args=[page.pk, code]),
                icon_name="globe",
                priority=25,
            )


# The desk is an editor's daily work, not a report: its own item in the main menu.
@hooks.register("register_admin_menu_item")
def desk_menu_item():
    return MenuItem(
        _("Translation desk"), reverse("translation_desk:report"), icon_name="globe", order=270
    )
