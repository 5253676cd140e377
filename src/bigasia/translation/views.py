"""Admin views of the translation desk."""

import difflib
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import apply_machine_translation

from .desk import (
    is_original_towards,
    record_editor_machine_translation,
    source_snapshot,
    translate_page,
)
from .localize import DeskMachineTranslator
from .machine import TranslatorError
from .models import TranslationStatus


def translate(request: HttpRequest, page_id: int, language: str) -> HttpResponse:
    """GET: confirm; POST: translate the page into `language` and open the result."""
    page = get_object_or_404(Page, pk=page_id).specific
    locale = get_object_or_404(Locale, language_code=language)
    if not page.permissions_for_user(request.user).can_edit() or locale == page.locale:
        raise PermissionDenied
    if not is_original_towards(page, locale):
        messages.error(
            request,
            _("This page is a translation of the %(language)s original: edit that one instead.")
            % {"language": locale.get_display_name()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method != "POST":
        return TemplateResponse(
            request, "translation/confirm.html", {"page": page, "locale": locale}
        )
    try:
        result = translate_page(page, locale, request.user)
    except TranslatorError as exc:
        messages.error(
            request,
            _("Machine translation failed: %(reason)s The translation was not changed.")
            % {"reason": exc},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if result.needs_manual:
        messages.info(
            request,
            _("No machine translator is configured: translate the text by hand here."),
        )
    else:
        count = result.machine_translated
        messages.success(
            request,
            ngettext(
                "Machine-translated %(count)d text; please review the translation.",
                "Machine-translated %(count)d texts; please review the translation.",
                count,
            )
            % {"count": count},
        )
    return redirect("wagtailadmin_pages:edit", result.page.pk)


def report(request: HttpRequest) -> HttpResponse:
    """Translations that need an editor: not reviewed, or stale."""
    from django.db.models import Q

    statuses = (
        TranslationStatus.objects.filter(
            Q(source_changed=True) | ~Q(state=TranslationStatus.REVIEWED)
        )
        .select_related("target_page", "source_page", "translation__target_locale")
        .order_by("-source_changed", "-translated_at")
    )
    # The review button is shown only where the POST would be accepted.
    reviewable = {status.pk for status in statuses if may_review(status, request.user)}
    return TemplateResponse(
        request, "translation/report.html", {"statuses": statuses, "reviewable": reviewable}
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The source segments changed since translation, with the change highlighted."""
    status = get_object_or_404(TranslationStatus.objects.select_related("source_page"), pk=pk)
    current = source_snapshot(status.source_page.specific)
    changes = [
        (path, highlight(status.source_snapshot.get(path, ""), current.get(path, "")))
        for path in status.changed_paths
    ]
    return TemplateResponse(
        request, "translation/detail.html", {"status": status, "changes": changes}
    )


def highlight(before: str, after: str) -> str:
    """Word-level diff as HTML: removed words in <del>, added words in <ins>."""
    old, new = before.split(), after.split()
    parts: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
    return mark_safe(" ".join(parts))  # every piece escaped above


def may_review(status: TranslationStatus, user: Any) -> bool:
    """Reviewing vouches for the translation to readers (it removes their notice), so it is an
    act of those who may publish the page, not of everyone who may edit it."""
    return status.target_page.permissions_for_user(user).can_publish()


@require_POST
def mark_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    status = get_object_or_404(TranslationStatus.objects.select_related("target_page"), pk=pk)
    if not may_review(status, request.user):
        raise PermissionDenied
    status.state = TranslationStatus.REVIEWED
    # An anonymous user fails the permission check above.
    status.reviewed_by = request.user  # type: ignore[assignment]
    status.reviewed_at = timezone.now()
    status.source_changed = False
    status.changed_paths = []
    status.source_snapshot = source_snapshot(status.source_page.specific)
    status.save()
    messages.success(request, _("Marked as reviewed."))
    return redirect(get_valid_next_url_from_request(request) or reverse("translation_desk:report"))


@require_POST
def machine_translate_in_editor(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's "Translate" button, telling the editor when the translator fails."""
    translator = DeskMachineTranslator({})
    if translator.backend is None:
        messages.error(request, _("No machine translator is configured."))
    else:
        try:
            if apply_machine_translation(translation_id, request.user, translator):
                translation = get_object_or_404(Translation, pk=translation_id)
                record_editor_machine_translation(translation, str(translator.display_name))
                messages.success(
                    request, _("Translated with %(name)s.") % {"name": translator.display_name}
                )
            else:
                messages.warning(request, _("There is nothing left to translate."))
        except TranslatorError as exc:
            messages.error(
                request,
                _("Machine translation failed: %(reason)s The translation was not changed.")
                % {"reason": exc},
            )
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
