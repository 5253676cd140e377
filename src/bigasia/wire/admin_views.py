"""The Wire inbox: agency items that passed the keyword rules, newest first, each with its
draft; items whose agency sent a newer version after an editor's edit show that version.
Beside it, the items the rules filtered out, kept WIRE_KEEP_FILTERED_DAYS for search."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bigasia.articles.models import ArticlePage

from .models import WireItem, search_words

PER_PAGE = 100


def _allowed(request: HttpRequest) -> None:
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied


def inbox(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    items = (
        WireItem.objects.filter(status=WireItem.Status.INBOX)
        .select_related("feed_item", "agency__feed", "page")
        .order_by("-created_at", "-pk")[:PER_PAGE]
    )
    for wire_item in items:
        # Editors may edit any draft; an author only one they have taken (Wagtail lets
        # holders of the add permission edit the pages they own).
        wire_item.can_edit = bool(
            wire_item.page and wire_item.page.permissions_for_user(request.user).can_edit()
        )
    return render(request, "wire/inbox.html", {"items": items, "page_title": _("Wire inbox")})


def filtered(request: HttpRequest) -> HttpResponse:
    """Filtered-out items, newest first; with a query, those whose headline, summary or text
    hold every word of it (any case, ё as е, as a substring: "нефт" finds "нефти", and also
    "ран" finds "Иран")."""
    _allowed(request)
    query = request.GET.get("q", "").strip()
    items = WireItem.objects.filter(status=WireItem.Status.FILTERED)
    for word in search_words(query).split():
        items = items.filter(search_text__contains=word)
    total = items.count()
    items = items.select_related("feed_item", "agency__feed").order_by("-created_at", "-pk")
    context = {
        "items": items[:PER_PAGE],
        "total": total,
        "query": query,
        "keep_days": settings.WIRE_KEEP_FILTERED_DAYS,
        "page_title": _("Filtered out"),
    }
    return render(request, "wire/filtered.html", context)


@require_POST
def take_draft(request: HttpRequest, item_id: int) -> HttpResponse:
    """An author takes an agency draft nobody owns: it becomes theirs to edit and submit."""
    _allowed(request)
    wire_item = get_object_or_404(WireItem.objects.select_related("page"), pk=item_id)
    page = wire_item.page
    if page is None or not page.get_parent().permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    # Conditional UPDATE: of two authors taking the same draft at once, only one wins.
    taken = ArticlePage.objects.filter(pk=page.pk, owner__isnull=True).update(owner=request.user)
    if not taken and page.owner_id != request.user.pk:
        messages.error(request, _("Someone else has already taken this draft."))
        return redirect("wire_inbox")
    return redirect("wagtailadmin_pages:edit", page.pk)


def newer_version(request: HttpRequest, item_id: int) -> HttpResponse:
    _allowed(request)
    wire_item = get_object_or_404(WireItem.objects.select_related("feed_item", "page"), pk=item_id)
    if request.method == "POST":
        WireItem.objects.filter(pk=wire_item.pk).update(has_newer_version=False)
        return redirect("wire_inbox")
    return render(
        request,
        "wire/newer_version.html",
        {"wire_item": wire_item, "item": wire_item.feed_item, "page_title": _("New version")},
    )
