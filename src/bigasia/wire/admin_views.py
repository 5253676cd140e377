"""The Wire inbox: agency items that passed the keyword rules, newest first, each with its
draft; items whose agency sent a newer version after an editor's edit show that version."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .models import WireItem

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
    return render(request, "wire/inbox.html", {"items": items, "page_title": _("Wire inbox")})


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
