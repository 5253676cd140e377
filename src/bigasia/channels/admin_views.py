"""The channels' admin screens: the delivery log (site-wide and per article) with retry of
failed deliveries. The choice of channels and post texts is the article editor's side
panel (editor.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .models import Delivery
from .tasks import deliver_to_channel

RETRYABLE = (Delivery.State.FAILED, Delivery.State.UNKNOWN)
LOG_PAGE_SIZE = 50


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(f"channels.{permission}"):
        raise PermissionDenied


def delivery_log(request: HttpRequest, page_id: int | None = None) -> TemplateResponse:
    _require(request, "view_delivery")
    deliveries = Delivery.objects.select_related("channel", "page").order_by("-updated_at", "-pk")
    page = None
    if page_id is not None:
        page = get_object_or_404(Page, pk=page_id)
        deliveries = deliveries.filter(page_id=page_id)
    state = request.GET.get("state", "")
    if state in Delivery.State.values:
        deliveries = deliveries.filter(state=state)
    listing = Paginator(deliveries, LOG_PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "channels/admin/delivery_log.html",
        {
            "page": page,
            "listing": listing,
            "states": Delivery.State.choices,
            "state": state,
            "retryable": RETRYABLE,
            "may_retry": request.user.has_perm("channels.change_delivery"),
        },
    )


@require_POST
def retry_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "change_delivery")
    with transaction.atomic():
        delivery = get_object_or_404(Delivery.objects.select_related("channel"), pk=pk)
        retried = Delivery.objects.filter(pk=pk, state__in=RETRYABLE).update(
            state=Delivery.State.RETRY, attempts=0, next_try_at=timezone.now(), last_error=""
        )
        if retried:
            # The editor looked at the channel: other posts of the pair that needed a check
            # are settled by this decision and no longer hold the channel's next posts.
            Delivery.objects.filter(
                page_id=delivery.page_id, channel_id=delivery.channel_id,
                state=Delivery.State.UNKNOWN,
            ).exclude(pk=pk).update(state=Delivery.State.SUPERSEDED)  # fmt: skip
            transaction.on_commit(lambda: deliver_to_channel.enqueue(pk))
    if retried:
        messages.success(request, _("The delivery to %(channel)s will be tried again.")
                         % {"channel": delivery.channel})  # fmt: skip
    else:
        messages.error(request, _("Only a failed delivery or one that needs a check can be "
                                  "retried."))  # fmt: skip
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("channels_log")
