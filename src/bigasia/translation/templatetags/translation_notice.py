"""`{% machine_translation_notice %}`: tells readers an unreviewed page is a machine's work."""

from django import template
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from ..models import TranslationStatus, notice_cache_key

register = template.Library()

FROM_LANGUAGE = {
    "ru": _("This article was machine-translated from Russian."),
    "en": _("This article was machine-translated from English."),
}
NO_NOTICE = ""  # cached for pages without a notice, so they cost no query either


def unreviewed_source_language(page_id: int) -> str:
    """The source language of an unreviewed machine translation, or "" (cached per page)."""
    key = notice_cache_key(page_id)
    language = cache.get(key)
    if language is None:
        row = (
            TranslationStatus.objects.filter(
                target_page_id=page_id, state=TranslationStatus.MACHINE
            )
            .values_list("source_language", flat=True)
            .first()
        )
        language = row or NO_NOTICE
        cache.set(key, language, timeout=None)  # forgotten whenever a status changes
    return language


@register.inclusion_tag("translation/notice.html", takes_context=True)
def machine_translation_notice(context) -> dict:
    page = context.get("page")
    language = unreviewed_source_language(page.pk) if page is not None and page.pk else ""
    if not language:
        return {"notice": None}
    return {
        "notice": FROM_LANGUAGE.get(language, FROM_LANGUAGE["ru"]),
        "original_url": (context.get("alternates") or {}).get(language),
        "original_language": language,
    }
