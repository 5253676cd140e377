"""`{% machine_translation_notice %}`: tells readers an unreviewed page is a machine's work."""

from django import template
from django.utils.translation import gettext_lazy as _

from ..models import TranslationStatus

register = template.Library()

FROM_LANGUAGE = {
    "ru": _("This article was machine-translated from Russian."),
    "en": _("This article was machine-translated from English."),
}


@register.inclusion_tag("translation/notice.html", takes_context=True)
def machine_translation_notice(context) -> dict:
    """One query: the page's status row, if a machine translated it and nobody reviewed it."""
    page = context.get("page")
    status = (
        TranslationStatus.objects.filter(target_page_id=page.pk, state=TranslationStatus.MACHINE)
        .values("source_language")
        .first()
        if page is not None and page.pk
        else None
    )
    if status is None:
        return {"notice": None}
    language = status["source_language"]
    return {
        "notice": FROM_LANGUAGE.get(language, FROM_LANGUAGE["ru"]),
        "original_url": (context.get("alternates") or {}).get(language),
        "original_language": language,
    }
